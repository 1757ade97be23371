/**
 * Voicemail in the web UI and the API: mailboxes with their counts,
 * messages (listen, mark, delete), PIN, email and greeting of a mailbox,
 * the voicemail policy, and the SMTP server for message emails. Listening
 * and deleting are audited; PINs and the SMTP password are never answered.
 *
 * Agents cannot be limited to their own mailbox: users are not linked to
 * extensions, so reading a mailbox needs `voicemail.read` for all of them.
 */
import { Type as T } from '@sinclair/typebox';
import { Elysia, t } from 'elysia';
import { ValidationError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import {
  GREETING_UPLOAD_MAX_BYTES,
  Mailbox,
  MailboxAccess,
  type MailTestResult,
  type MessageStore,
  MessageState,
  normalizeGreeting,
  PIN_PATTERN,
  SmtpSettingsUpdate,
  SmtpSettingsView,
  smtpUpdateIssues,
  VoicemailMessage,
  VoicemailPolicy,
  VoicemailUnavailableError,
} from '../../voicemail/index.ts';
import { authGuard } from '../auth-guard.ts';
import { ErrorSchema, ListQuery } from '../schemas.ts';

/** What only a running box has: the message files and the mailer. Absent in HTTP-only tests. */
export interface VoicemailApiDeps {
  store: MessageStore;
  mailer: { test(to: string): Promise<MailTestResult> };
  /** Where uploads are checked before they become a greeting (the voicemail directory). */
  scratchDir: string;
}

const MailboxUpdate = T.Object(
  {
    enabled: T.Optional(T.Boolean()),
    email: T.Optional(T.Union([T.String({ maxLength: 254, pattern: '^[^@\\s<>]+@[^@\\s<>]+$' }), T.Null()], { description: 'null: the extension’s own email' })),
    attach_audio: T.Optional(T.Boolean()),
    pin: T.Optional(T.Union([T.String({ pattern: PIN_PATTERN, description: '4 to 8 digits' }), T.Null()], { description: 'null removes the PIN' })),
  },
  { additionalProperties: false },
);

const MessageUpdate = T.Object({ state: T.Optional(MessageState), heard: T.Optional(T.Literal(true)) }, { additionalProperties: false });

const MailTestResultSchema = T.Union([
  T.Object({ ok: T.Literal(true) }),
  T.Object({ ok: T.Literal(false), code: T.String(), message: T.String() }),
]);

export function voicemailRoutes(s: Services, deps: VoicemailApiDeps | undefined) {
  const access = new MailboxAccess({ repository: s.voicemail, settings: s.voicemailSettings, clock: s.clock });
  const running = (): VoicemailApiDeps => {
    if (!deps) throw new VoicemailUnavailableError();
    return deps;
  };
  const number = t.Object({ number: t.String({ pattern: '^[0-9]{2,8}$' }) });
  const id = t.Object({ id: t.Numeric({ minimum: 1 }) });
  const wav = (path: string) => new Response(Bun.file(path), { headers: { 'content-type': 'audio/wav', 'cache-control': 'private, no-store' } });
  const audit = (caller: { principal: { username: string }; source: string }, action: string, target: string, details?: Record<string, unknown>) =>
    s.audit.record({ actor: caller.principal.username, source: caller.source, action, target, ...(details ? { details } : {}) });

  return new Elysia({ prefix: '/api/voicemail' })
    .use(authGuard(s.auth))
    .get('/mailboxes', () => ({ items: s.voicemail.list() }), {
      permission: 'voicemail.read',
      response: { 200: T.Object({ items: T.Array(Mailbox) }) },
      detail: { tags: ['Voicemail'], summary: 'Every extension’s mailbox with its new and saved messages (voicemail.read)' },
    })
    .get('/mailboxes/:number', ({ params }) => s.voicemail.get(params.number), {
      permission: 'voicemail.read',
      params: number,
      response: { 200: Mailbox, 404: ErrorSchema },
      detail: { tags: ['Voicemail'], summary: 'One mailbox (voicemail.read)' },
    })
    .put(
      '/mailboxes/:number',
      async ({ params, body, caller }) => {
        s.voicemail.get(params.number);
        if (body.pin !== undefined) await access.setPin(params.number, body.pin);
        const { pin, ...changes } = body;
        const updated = s.voicemail.update(params.number, changes);
        audit(caller, 'voicemail.mailbox', `mailbox:${params.number}`, { ...changes, ...(pin === undefined ? {} : { pin: pin === null ? 'removed' : 'set' }) });
        return updated;
      },
      {
        permission: 'voicemail.write',
        params: number,
        body: MailboxUpdate,
        response: { 200: Mailbox, 404: ErrorSchema, 422: ErrorSchema },
        detail: { tags: ['Voicemail'], summary: 'Enable a mailbox, set its email, attachment choice or PIN (also lifts a PIN lockout) (voicemail.write)' },
      },
    )
    .get(
      '/mailboxes/:number/messages',
      ({ params, query }) => ({ items: s.voicemail.messages(params.number, { state: query.state, limit: query.limit ?? 100, beforeId: query.before }) }),
      {
        permission: 'voicemail.read',
        params: number,
        query: t.Object({ ...ListQuery.properties, state: t.Optional(t.Union([t.Literal('new'), t.Literal('saved')])) }),
        response: { 200: T.Object({ items: T.Array(VoicemailMessage) }), 404: ErrorSchema },
        detail: { tags: ['Voicemail'], summary: 'Messages of a mailbox, newest first (voicemail.read)' },
      },
    )
    .get('/messages/:id', ({ params }) => s.voicemail.message(params.id), {
      permission: 'voicemail.read',
      params: id,
      response: { 200: VoicemailMessage, 404: ErrorSchema },
      detail: { tags: ['Voicemail'], summary: 'One message (voicemail.read)' },
    })
    .get(
      '/messages/:id/audio',
      ({ params, caller }) => {
        const path = running().store.audioFile(params.id);
        audit(caller, 'voicemail.listen', `voicemail:${params.id}`);
        return wav(path);
      },
      {
        permission: 'voicemail.read',
        params: id,
        response: { 404: ErrorSchema },
        detail: { tags: ['Voicemail'], summary: 'The WAV audio of a message (voicemail.read)' },
      },
    )
    .patch(
      '/messages/:id',
      ({ params, body }) => {
        const store = running().store;
        if (body.heard) store.markHeard(params.id);
        return body.state ? store.setState(params.id, body.state) : s.voicemail.message(params.id);
      },
      {
        permission: 'voicemail.write',
        params: id,
        body: MessageUpdate,
        response: { 200: VoicemailMessage, 404: ErrorSchema },
        detail: { tags: ['Voicemail'], summary: 'Mark a message heard, saved or new again (voicemail.write)' },
      },
    )
    .delete(
      '/messages/:id',
      ({ params, caller }) => {
        const message = running().store.delete(params.id);
        audit(caller, 'voicemail.delete', `voicemail:${params.id}`, { mailbox: message.mailbox, caller: message.caller_number, called_at: message.called_at });
        return { ok: true };
      },
      {
        permission: 'voicemail.write',
        params: id,
        response: { 200: T.Object({ ok: T.Boolean() }), 404: ErrorSchema },
        detail: { tags: ['Voicemail'], summary: 'Delete a message and its audio (voicemail.write)' },
      },
    )
    .get(
      '/mailboxes/:number/greeting/audio',
      ({ params }) => {
        s.voicemail.get(params.number);
        const path = running().store.greetingFile(params.number);
        if (path === null) throw new ValidationError([{ path: 'greeting', message: 'this mailbox uses the spoken default greeting' }]);
        return wav(path);
      },
      {
        permission: 'voicemail.read',
        params: number,
        response: { 404: ErrorSchema, 422: ErrorSchema },
        detail: { tags: ['Voicemail'], summary: 'The mailbox’s own greeting as WAV (voicemail.read)' },
      },
    )
    .put(
      '/mailboxes/:number/greeting',
      async ({ params, request, caller }) => {
        const d = running();
        s.voicemail.get(params.number);
        const declared = Number(request.headers.get('content-length') ?? 0);
        if (declared > GREETING_UPLOAD_MAX_BYTES) throw new ValidationError([{ path: 'greeting', message: `is larger than ${GREETING_UPLOAD_MAX_BYTES / 1024 / 1024} MiB` }]);
        const bytes = new Uint8Array(await request.arrayBuffer());
        d.store.installGreeting(params.number, normalizeGreeting(bytes, d.scratchDir, `greeting-${params.number}`));
        audit(caller, 'voicemail.greeting', `mailbox:${params.number}`, { bytes: bytes.length });
        return s.voicemail.get(params.number);
      },
      {
        permission: 'voicemail.write',
        params: number,
        // The WAV is the raw body; nothing is read before the permission check.
        parse: 'none',
        response: { 200: Mailbox, 404: ErrorSchema, 422: ErrorSchema },
        detail: { tags: ['Voicemail'], summary: 'Upload the mailbox’s greeting: the body is a WAV file (8/16 kHz PCM or G.711, 1-120 s) (voicemail.write)' },
      },
    )
    .delete(
      '/mailboxes/:number/greeting',
      ({ params, caller }) => {
        s.voicemail.get(params.number);
        running().store.clearGreeting(params.number);
        audit(caller, 'voicemail.greeting', `mailbox:${params.number}`, { removed: true });
        return s.voicemail.get(params.number);
      },
      {
        permission: 'voicemail.write',
        params: number,
        response: { 200: Mailbox, 404: ErrorSchema },
        detail: { tags: ['Voicemail'], summary: 'Go back to the spoken default greeting (voicemail.write)' },
      },
    )
    .get('/settings', () => s.voicemailSettings.policy(), {
      permission: 'voicemail.read',
      response: { 200: VoicemailPolicy },
      detail: { tags: ['Voicemail'], summary: 'Message length, retention, PIN lockout, prompt language and time zone (voicemail.read)' },
    })
    .put(
      '/settings',
      ({ body, caller }) => {
        if (s.voicemailSettings.setPolicy(body)) audit(caller, 'voicemail.settings', 'setting:voicemail', body);
        return s.voicemailSettings.policy();
      },
      {
        permission: 'voicemail.write',
        body: VoicemailPolicy,
        response: { 200: VoicemailPolicy, 422: ErrorSchema },
        detail: { tags: ['Voicemail'], summary: 'Change the voicemail policy (voicemail.write)' },
      },
    )
    .get('/smtp', () => s.voicemailSettings.smtpView(), {
      permission: 'settings.read',
      response: { 200: SmtpSettingsView },
      detail: { tags: ['Voicemail'], summary: 'The SMTP server for message emails; the password only as has_password (settings.read)' },
    })
    .put(
      '/smtp',
      ({ body, caller }) => {
        const issues = smtpUpdateIssues(body);
        if (issues.length > 0) throw new ValidationError(issues);
        if (s.voicemailSettings.setSmtp(body)) {
          const { password, ...shown } = body;
          audit(caller, 'voicemail.smtp', 'setting:voicemail_smtp', { ...shown, ...(password === undefined ? {} : { password: password === null ? 'removed' : 'set' }) });
        }
        return s.voicemailSettings.smtpView();
      },
      {
        permission: 'settings.write',
        body: SmtpSettingsUpdate,
        response: { 200: SmtpSettingsView, 422: ErrorSchema },
        detail: { tags: ['Voicemail'], summary: 'Set the SMTP server; leave out password to keep it, null to remove it (settings.write)' },
      },
    )
    .post(
      '/smtp/test',
      ({ body, caller }) => {
        audit(caller, 'voicemail.smtp_test', `email:${body.to}`);
        return running().mailer.test(body.to);
      },
      {
        permission: 'settings.write',
        body: t.Object({ to: t.String({ maxLength: 254, pattern: '^[^@\\s<>]+@[^@\\s<>]+$', description: 'where the test email goes' }) }),
        response: { 200: MailTestResultSchema, 422: ErrorSchema },
        detail: { tags: ['Voicemail'], summary: 'Send a test email with the saved SMTP settings; answers the reason when it fails (settings.write)' },
      },
    );
}

/** Live calls (with their RTP ports), hanging one up, per-extension call features and the feature-code list. */
import { Type as T } from '@sinclair/typebox';
import { Elysia, t } from 'elysia';
import { NotFoundError } from '../../errors.ts';
import { CallFeatures, CallFeaturesUpdate, FEATURE_CODES, type SipEndpoint } from '../../pbx/index.ts';
import { Cdr } from '../../reports/index.ts';
import type { Services } from '../../services.ts';
import { authGuard } from '../auth-guard.ts';
import { ErrorSchema } from '../schemas.ts';

const LiveCallSchema = T.Object({
  id: T.String(),
  from: T.String(),
  to: T.String(),
  state: T.Union([T.Literal('ringing'), T.Literal('answered')]),
  started_at: T.String(),
  answered_at: T.Union([T.String(), T.Null()]),
  legs: T.Array(
    T.Object({
      id: T.String(),
      number: T.String(),
      direction: T.Union([T.Literal('inbound'), T.Literal('outbound')]),
      state: T.String(),
      rtp_port: T.Integer(),
    }),
  ),
});

const FeatureCodeSchema = T.Object({
  code: T.String(),
  takes_number: T.Boolean(),
  description: T.Object({ 'zh-CN': T.String(), en: T.String() }),
});

export function callsRoutes(s: Services, sip: SipEndpoint | undefined) {
  const id = t.Object({ id: t.Numeric({ minimum: 1 }) });
  return new Elysia({ prefix: '/api' })
    .use(authGuard(s.auth))
    .get('/calls', () => ({ items: sip?.calls?.list() ?? [] }), {
      permission: 'calls.read',
      response: { 200: T.Object({ items: T.Array(LiveCallSchema) }) },
      detail: { tags: ['Calls'], summary: 'Calls in progress with their legs and RTP ports (calls.read)' },
    })
    .get(
      '/media/status',
      async () =>
        (await sip?.calls?.mediaStats()) ?? {
          endpoints: 0,
          bridges: 0,
          recordings: 0,
          portsInUse: 0,
          portsFree: 0,
          packetsIn: 0,
          packetsOut: 0,
          packetsRejected: 0,
          ticksSkipped: 0,
        },
      {
        permission: 'system.read',
        response: {
          200: T.Object({
            endpoints: T.Integer(),
            bridges: T.Number(),
            recordings: T.Integer(),
            portsInUse: T.Integer(),
            portsFree: T.Integer(),
            packetsIn: T.Integer(),
            packetsOut: T.Integer(),
            packetsRejected: T.Integer(),
            ticksSkipped: T.Integer(),
          }),
        },
        detail: { tags: ['Calls'], summary: 'Media engine counters: endpoints, ports, packets relayed and rejected (system.read)' },
      },
    )
    .post(
      '/calls/:id/hangup',
      ({ params, caller }) => {
        if (!sip?.calls?.hangupById(params.id)) throw new NotFoundError(`call ${params.id}`);
        s.audit.record({ actor: caller.principal.username, source: caller.source, action: 'call.hangup', target: `call:${params.id}` });
        return { ok: true };
      },
      {
        permission: 'calls.control',
        params: t.Object({ id: t.String({ pattern: '^[0-9a-f]{1,64}$' }) }),
        response: { 200: T.Object({ ok: T.Boolean() }), 404: ErrorSchema },
        detail: { tags: ['Calls'], summary: 'Hang up a call in progress (calls.control)' },
      },
    )
    .get('/cdr/:id', ({ params }) => s.cdr.get(params.id), {
      permission: 'cdr.read',
      params: id,
      response: { 200: Cdr, 404: ErrorSchema },
      detail: { tags: ['Reports'], summary: 'One call detail record with its legs (cdr.read)' },
    })
    .get('/feature-codes', () => ({ items: FEATURE_CODES.map((f) => ({ code: f.code, takes_number: f.takesNumber, description: f.description })) }), {
      permission: 'extensions.read',
      response: { 200: T.Object({ items: T.Array(FeatureCodeSchema) }) },
      detail: { tags: ['Extensions'], summary: 'Feature codes phones can dial (extensions.read)' },
    })
    .get('/extensions/:id/features', ({ params }) => s.callFeatures.get(s.extensions.get(params.id).id), {
      permission: 'extensions.read',
      params: id,
      response: { 200: CallFeatures, 404: ErrorSchema },
      detail: { tags: ['Extensions'], summary: 'Do-not-disturb, forwarding and call waiting of an extension (extensions.read)' },
    })
    .put(
      '/extensions/:id/features',
      ({ params, body, caller }) => {
        const ext = s.extensions.get(params.id);
        const updated = s.callFeatures.update(ext.id, body);
        s.audit.record({
          actor: caller.principal.username,
          source: caller.source,
          action: 'extension.features',
          target: `extension:${ext.number}`,
          details: body as Record<string, unknown>,
        });
        return updated;
      },
      {
        permission: 'extensions.write',
        params: id,
        body: CallFeaturesUpdate,
        response: { 200: CallFeatures, 404: ErrorSchema },
        detail: { tags: ['Extensions'], summary: 'Change DND, forwarding or call waiting of an extension (extensions.write)' },
      },
    );
}

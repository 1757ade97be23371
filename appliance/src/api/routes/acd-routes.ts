/**
 * The CTI commands over REST: what an agent does (log in at an extension,
 * pause with a reason, available, wrap-up extended, log out) and what a
 * supervisor does to agents and calls (force those, listen, whisper,
 * barge, take over, hang up, move a waiting call), plus the live status
 * wallboards read. An agent acts on their own agent only; acting on
 * another needs acd.supervise. Every command is audited.
 */
import { Type as T } from '@sinclair/typebox';
import { Elysia, t } from 'elysia';
import type { AcdCommands } from '../../acd/index.ts';
import type { Principal } from '../../auth/index.ts';
import { ForbiddenError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { authGuard } from '../auth-guard.ts';
import { ErrorSchema } from '../schemas.ts';

const Ok = T.Object({ ok: T.Boolean() });
const errors = { 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const work = t.Object({ work: t.String({ pattern: '^[0-9]{2,8}$|^ext:[0-9]{2,8}$' }) });
const callParams = t.Object({ id: t.String({ pattern: '^[0-9a-f]{1,64}$' }) });

export function acdRoutes(s: Services, acd: AcdCommands) {
  /** Own agent with acd.agent; anyone else's needs acd.supervise. */
  const mayActOn = (principal: Principal, agent: string) => {
    if (principal.permissions.has('acd.supervise')) return;
    if (s.agents.findByWorkNumber(agent)?.user !== principal.username) throw new ForbiddenError('acd.supervise');
  };
  const actorOf = (p: Principal) => ({ username: p.username, everyQueue: p.permissions.has('queues.write') });
  const audit = (caller: { principal: Principal; source: string }, action: string, target: string, details?: Record<string, unknown>) =>
    s.audit.record({ actor: caller.principal.username, source: caller.source, action, target, ...(details ? { details } : {}) });

  return new Elysia({ prefix: '/api/acd' })
    .use(authGuard(s.auth))
    .get('/status', () => acd.status(), {
      permission: 'acd.agent',
      detail: { tags: ['ACD'], summary: 'Queues with waiting callers and counters, agents with their states (acd.agent)' },
    })
    .post(
      '/agents/:work/login',
      ({ params, body, caller }) => {
        mayActOn(caller.principal, params.work);
        acd.login(params.work, body.extension, actorOf(caller.principal));
        audit(caller, 'agent.login', `agent:${params.work}`, { extension: body.extension });
        return { ok: true };
      },
      {
        permission: 'acd.agent',
        params: work,
        body: t.Object({ extension: t.String({ pattern: '^[0-9]{2,8}$' }) }),
        response: { 200: Ok, ...errors },
        detail: { tags: ['ACD'], summary: 'Log an agent in at an extension (签入); calls follow the agent there' },
      },
    )
    .post(
      '/agents/:work/logout',
      ({ params, caller }) => {
        mayActOn(caller.principal, params.work);
        acd.logout(params.work, actorOf(caller.principal));
        audit(caller, 'agent.logout', `agent:${params.work}`);
        return { ok: true };
      },
      { permission: 'acd.agent', params: work, response: { 200: Ok, ...errors }, detail: { tags: ['ACD'], summary: 'Log an agent out (签出 / 强制签出)' } },
    )
    .post(
      '/agents/:work/pause',
      ({ params, body, caller }) => {
        mayActOn(caller.principal, params.work);
        acd.pause(params.work, body.reason, actorOf(caller.principal));
        audit(caller, 'agent.pause', `agent:${params.work}`, { reason: body.reason });
        return { ok: true };
      },
      {
        permission: 'acd.agent',
        params: work,
        body: t.Object({ reason: t.String({ minLength: 1, maxLength: 32 }) }),
        response: { 200: Ok, ...errors },
        detail: { tags: ['ACD'], summary: 'Pause an agent with a reason code (示忙 / 强制示忙); during a call it applies after it' },
      },
    )
    .post(
      '/agents/:work/available',
      ({ params, caller }) => {
        mayActOn(caller.principal, params.work);
        acd.available(params.work, actorOf(caller.principal));
        audit(caller, 'agent.available', `agent:${params.work}`);
        return { ok: true };
      },
      {
        permission: 'acd.agent',
        params: work,
        response: { 200: Ok, ...errors },
        detail: { tags: ['ACD'], summary: 'Make an agent available (示闲 / 强制示闲), also ending wrap-up early' },
      },
    )
    .post(
      '/agents/:work/wrap-up',
      ({ params, body, caller }) => {
        mayActOn(caller.principal, params.work);
        acd.extendWrapUp(params.work, body.extend_s, actorOf(caller.principal));
        return { ok: true };
      },
      {
        permission: 'acd.agent',
        params: work,
        body: t.Object({ extend_s: t.Integer({ minimum: 1, maximum: 3600 }) }),
        response: { 200: Ok, ...errors },
        detail: { tags: ['ACD'], summary: 'Extend the wrap-up (话后处理) of an agent' },
      },
    )
    .post(
      '/calls/:id/monitor',
      async ({ params, body, caller }) => {
        await acd.monitor(params.id, body.extension, body.mode, actorOf(caller.principal));
        audit(caller, `call.${body.mode}`, `call:${params.id}`, { extension: body.extension });
        return { ok: true };
      },
      {
        permission: 'acd.supervise',
        params: callParams,
        body: t.Object({
          extension: t.String({ pattern: '^[0-9]{2,8}$' }),
          mode: t.Union([t.Literal('listen'), t.Literal('whisper'), t.Literal('barge')]),
        }),
        response: { 200: Ok, ...errors },
        detail: { tags: ['ACD'], summary: 'Listen to (监听), whisper to (密语) or barge into (强插) a call from the supervisor’s extension' },
      },
    )
    .post(
      '/calls/:id/take-over',
      async ({ params, caller }) => {
        await acd.takeOver(params.id, actorOf(caller.principal));
        audit(caller, 'call.take_over', `call:${params.id}`);
        return { ok: true };
      },
      { permission: 'acd.supervise', params: callParams, response: { 200: Ok, ...errors }, detail: { tags: ['ACD'], summary: 'Take over a monitored call: the agent is released' } },
    )
    .post(
      '/calls/:id/hangup',
      ({ params, caller }) => {
        acd.hangup(params.id, actorOf(caller.principal));
        audit(caller, 'call.force_hangup', `call:${params.id}`);
        return { ok: true };
      },
      { permission: 'acd.supervise', params: callParams, response: { 200: Ok, ...errors }, detail: { tags: ['ACD'], summary: 'Force a call to end (强拆)' } },
    )
    .post(
      '/calls/:id/move',
      ({ params, body, caller }) => {
        acd.move(params.id, body, actorOf(caller.principal));
        audit(caller, 'call.move', `call:${params.id}`, body);
        return { ok: true };
      },
      {
        permission: 'acd.supervise',
        params: callParams,
        body: t.Object({ queue: t.Optional(t.String({ pattern: '^[0-9]{2,8}$' })), agent: t.Optional(t.String({ pattern: '^[0-9]{2,8}$' })) }),
        response: { 200: Ok, ...errors },
        detail: { tags: ['ACD'], summary: 'Move a waiting call to another queue, or keep it for one agent' },
      },
    );
}

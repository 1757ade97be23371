/** Registration status, SIP bans (visible and liftable) and SIP counters. */
import { Type as T } from '@sinclair/typebox';
import { Elysia, t } from 'elysia';
import type { SipEndpoint } from '../../pbx/index.ts';
import type { Services } from '../../services.ts';
import { authGuard } from '../auth-guard.ts';
import { ErrorSchema } from '../schemas.ts';

const Contact = T.Object({
  contact: T.String(),
  source: T.String(),
  transport: T.String(),
  user_agent: T.Union([T.String(), T.Null()]),
  registered_at: T.String(),
  expires_at: T.String(),
});
const Registration = T.Object({ extension: T.String(), contacts: T.Array(Contact) });
const Ban = T.Object({ address: T.String(), reason: T.String(), banned_at: T.String(), until: T.String() });

export function sipRoutes(s: Services, sip: SipEndpoint) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return new Elysia({ prefix: '/api' })
    .use(authGuard(s.auth))
    .get(
      '/registrations',
      () => ({
        items: sip.location
          .aors()
          .sort()
          .map((extension) => ({
            extension,
            contacts: sip.location.lookup(extension).map((b) => ({
              contact: b.contact,
              source: `${b.source.address}:${b.source.port}`,
              transport: b.source.protocol,
              user_agent: b.userAgent,
              registered_at: iso(b.registeredAt),
              expires_at: iso(b.expiresAt),
            })),
          })),
      }),
      {
        permission: 'extensions.read',
        response: { 200: T.Object({ items: T.Array(Registration) }) },
        detail: { tags: ['Extensions'], summary: 'Which extensions are registered, at which contacts (extensions.read)' },
      },
    )
    .get(
      '/sip/bans',
      () => ({ items: sip.guard.bans().map((b) => ({ address: b.address, reason: b.reason, banned_at: iso(b.bannedAt), until: iso(b.until) })) }),
      {
        permission: 'system.read',
        response: { 200: T.Object({ items: T.Array(Ban) }) },
        detail: { tags: ['System'], summary: 'Source addresses the SIP port refuses, and why (system.read)' },
      },
    )
    .delete(
      '/sip/bans/:address',
      ({ params, caller, set }) => {
        if (!sip.guard.lift(params.address)) {
          set.status = 404;
          return { error: { code: 'not_found', message: `${params.address} is not banned` } };
        }
        s.audit.record({ actor: caller.principal.username, source: caller.source, action: 'sip.ban_lift', target: `address:${params.address}` });
        set.status = 204;
      },
      {
        permission: 'settings.write',
        params: t.Object({ address: t.String({ minLength: 2, maxLength: 64 }) }),
        response: { 404: ErrorSchema },
        detail: { tags: ['System'], summary: 'Lift a SIP ban (settings.write)' },
      },
    )
    .get(
      '/sip/status',
      () => ({
        port: sip.port,
        bindings: sip.location.count,
        tcp_connections: sip.transport.tcpConnections,
        transport: sip.transport.stats,
        transactions: sip.transactions.counts(),
        guard: sip.guard.stats,
      }),
      { permission: 'system.read', detail: { tags: ['System'], summary: 'SIP counters (system.read)' } },
    );
}

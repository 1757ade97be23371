/**
 * The HTTP application: one plugin per domain under /api, OpenAPI at
 * /api/docs, the event WebSocket, and the web UI. It only calls domain
 * services; it never touches sockets other than its own or FFI.
 */
import { openapi } from '@elysiajs/openapi';
import { Elysia } from 'elysia';
import type { SipEndpoint } from '../pbx/index.ts';
import type { Services } from '../services.ts';
import { mapError } from './error-mapping.ts';
import { eventsSocket } from './events-socket.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { blacklistRoutes } from './routes/blacklist-routes.ts';
import { configRoutes } from './routes/config-routes.ts';
import { historyRoutes } from './routes/history-routes.ts';
import { provisioningRoutes } from './routes/provisioning-routes.ts';
import { routingRoutes } from './routes/routing-routes.ts';
import { sipRoutes } from './routes/sip-routes.ts';
import { acdRoutes } from './routes/acd-routes.ts';
import { acdConfigRoutes } from './routes/acd-config-routes.ts';
import type { AcdCommands } from '../acd/index.ts';
import { callsRoutes } from './routes/calls-routes.ts';
import { systemRoutes } from './routes/system-routes.ts';
import { type TrunkStatusSource, trunksRoutes } from './routes/trunks-routes.ts';
import { usersRoutes } from './routes/users-routes.ts';
import { type VoicemailApiDeps, voicemailRoutes } from './routes/voicemail-routes.ts';
import { staticFiles } from './static-files.ts';

export interface ApiOptions {
  version: string;
  startedAt: number;
  webRoot: string;
  recordingsDir: string;
  sessionTtlMs: number;
  secureCookies?: boolean;
  /** The running SIP endpoint, for registration status and bans; absent in HTTP-only tests. */
  sip?: SipEndpoint;
  /** The trunk runtime, for GET /api/trunks/status; absent in HTTP-only tests. */
  trunks?: TrunkStatusSource;
  /** Voicemail files and mailer, for audio, greetings and the SMTP test; absent in HTTP-only tests. */
  voicemail?: VoicemailApiDeps;
  /** The ACD's commands (CTI); absent in HTTP-only tests. */
  acd?: AcdCommands;
}

/** Routes that answer without a session; every other /api route must refuse one. */
export const PUBLIC_ROUTES = new Set([
  'GET /api/health',
  'GET /api/auth/setup',
  'POST /api/auth/setup',
  'POST /api/auth/login',
  'GET /api/docs',
  'GET /api/docs/json',
]);

export function createApiApp(s: Services, options: ApiOptions) {
  const logger = s.logger.child({ domain: 'api' });
  const acd = options.acd;
  const events = eventsSocket({ auth: s.auth, bus: s.bus, clock: s.clock, ...(acd ? { agentScope: (user: string) => acd.scopeOf(user) } : {}) });
  const app = new Elysia()
    .onError({ as: 'global' }, ({ code, error }) => mapError(code, error, logger))
    .onAfterHandle({ as: 'global' }, ({ set }) => {
      set.headers['x-content-type-options'] = 'nosniff';
    })
    .use(
      openapi({
        path: '/api/docs',
        specPath: '/api/docs/json',
        documentation: {
          info: { title: 'Call-center appliance API', version: options.version },
          tags: [
            { name: 'Auth' },
            { name: 'Extensions' },
            { name: 'Trunks' },
            { name: 'Queues' },
            { name: 'IVR' },
            { name: 'Routes' },
            { name: 'Routing' },
            { name: 'Users' },
            { name: 'Reports' },
            { name: 'Provisioning' },
            { name: 'Voicemail' },
            { name: 'System' },
          ],
        },
      }),
    )
    .use(systemRoutes(s, { version: options.version, startedAt: options.startedAt }))
    .use(authRoutes(s.auth, { sessionTtlMs: options.sessionTtlMs, secureCookies: options.secureCookies ?? false }))
    .use(configRoutes(s))
    .use(acdConfigRoutes(s))
    .use(routingRoutes(s))
    .use(blacklistRoutes(s))
    .use(usersRoutes(s))
    .use(historyRoutes(s, options.recordingsDir))
    .use(provisioningRoutes(s))
    .use(options.sip ? sipRoutes(s, options.sip) : new Elysia())
    .use(options.trunks ? trunksRoutes(s, options.trunks) : new Elysia())
    .use(callsRoutes(s, options.sip))
    .use(voicemailRoutes(s, options.voicemail))
    .use(options.acd ? acdRoutes(s, options.acd) : new Elysia())
    .use(events.plugin)
    .use(staticFiles(options.webRoot));
  return { app, closeEventSockets: events.closeAll };
}

/**
 * Routing configuration beyond the route lists: time conditions (CRUD),
 * the box's area code and the mobile range table, and "test a number" —
 * what the routers would decide for a call, without placing one.
 */
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import { ValidationError } from '../../errors.ts';
import { TimeCondition, TimeConditionCreate } from '../../pbx/index.ts';
import type { Services } from '../../services.ts';
import { RoutingSetting } from '../../system/index.ts';
import { authGuard } from '../auth-guard.ts';
import { crudRoutes } from '../crud-routes.ts';
import { ErrorSchema } from '../schemas.ts';

const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

const RoutingTest = T.Object(
  {
    direction: T.Union([T.Literal('inbound'), T.Literal('outbound')]),
    from: T.Optional(T.String({ pattern: '^\\+?[0-9*#]{1,32}$', description: 'outbound: the calling extension (none = an administrator-configured destination); inbound: the caller number' })),
    to: T.String({ pattern: '^\\+?[0-9*#]{1,32}$', description: 'outbound: the number dialled; inbound: the DID called' }),
    at: T.Optional(T.String({ format: 'date-time', description: 'inbound: the moment to evaluate time conditions at; default now' })),
  },
  { additionalProperties: false },
);

const RoutingSettings = T.Composite([RoutingSetting, T.Object({ mobile_prefixes: T.Integer({ description: 'mobile ranges imported' }) })]);

export function routingRoutes(s: Services) {
  const tags = ['Routing'];
  return new Elysia({ prefix: '/api' })
    .use(
      crudRoutes(
        {
          path: '/time-conditions',
          entity: 'time_condition',
          tag: 'Routing',
          read: 'time_conditions.read',
          write: 'time_conditions.write',
          item: TimeCondition,
          create: TimeConditionCreate,
          update: TimeConditionCreate,
          store: s.timeConditions,
          label: (t) => t.name,
        },
        { auth: s.auth, audit: s.audit, bus: s.bus },
      ),
    )
    .use(
      new Elysia({ prefix: '/routing' })
        .use(authGuard(s.auth))
        .post(
          '/test',
          ({ body }) => {
            if (body.direction === 'outbound') {
              const from = body.from ?? null;
              return { direction: body.direction, rights: from === null ? null : s.extensions.rightsOf(from), decision: s.routing.planOutbound(body.to, from) };
            }
            if (body.from === undefined) throw new ValidationError([{ path: 'from', message: 'the caller number is needed for an inbound test' }]);
            const at = body.at === undefined ? new Date(s.clock.now()) : new Date(body.at);
            return { direction: body.direction, region: s.routing.region(body.from), decision: s.routing.planInbound(body.to, body.from, at) };
          },
          {
            permission: 'routes.read',
            body: RoutingTest,
            response: {
              200: T.Object(
                { direction: T.String(), decision: T.Unknown({ description: 'the router decision: route, trunks and number sent, or the refusal with its reason' }) },
                { additionalProperties: true },
              ),
              422: ErrorSchema,
            },
            detail: { tags, summary: 'What would happen to a call: route, trunks, number sent, or why it is refused (routes.read)' },
          },
        )
        .get('/settings', () => ({ ...s.settings.get('routing'), mobile_prefixes: s.mobilePrefixes.count() }), {
          permission: 'routes.read',
          response: { 200: RoutingSettings },
          detail: { tags, summary: "The box's own area code and how many mobile ranges are imported (routes.read)" },
        })
        .put(
          '/settings',
          ({ body, caller }) => {
            if (s.settings.set('routing', body)) {
              s.audit.record({ actor: caller.principal.username, source: caller.source, action: 'setting.update', target: 'setting:routing', details: body });
              s.bus.publish('config.changed', { entity: 'setting', action: 'updated', id: 0, label: 'routing', actor: caller.principal.username });
            }
            return { ...s.settings.get('routing'), mobile_prefixes: s.mobilePrefixes.count() };
          },
          {
            permission: 'routes.write',
            body: RoutingSetting,
            response: { 200: RoutingSettings, 422: ErrorSchema },
            detail: { tags, summary: "Set the box's area code, e.g. 0571 (routes.write)" },
          },
        )
        .post(
          '/mobile-prefixes/import',
          ({ body, caller }) => {
            const bytes = new Uint8Array(body as ArrayBuffer);
            if (bytes.length > MAX_IMPORT_BYTES) throw new ValidationError([{ path: '', message: `the file is larger than ${MAX_IMPORT_BYTES >> 20} MB` }]);
            const imported = s.mobilePrefixes.importCsv(bytes);
            s.audit.record({ actor: caller.principal.username, source: caller.source, action: 'setting.update', target: 'setting:mobile_prefixes', details: { imported } });
            s.bus.publish('config.changed', { entity: 'setting', action: 'updated', id: 0, label: 'mobile_prefixes', actor: caller.principal.username });
            return { imported };
          },
          {
            permission: 'routes.write',
            parse: 'arrayBuffer',
            response: { 200: T.Object({ imported: T.Integer() }), 422: ErrorSchema },
            detail: { tags, summary: 'Replace the mobile range table (CSV prefix,region; region an area code or "省 市") (routes.write)' },
          },
        ),
    );
}

/** CRUD for the telephony configuration: extensions, trunks, queues, IVRs, inbound and outbound routes. */
import { Elysia } from 'elysia';
import { Queue, QueueCreate, QueueUpdate } from '../../acd/index.ts';
import { ValidationError } from '../../errors.ts';
import { checkDestination, type Destination, type DestinationTargets } from '../../pbx/index.ts';
import { Extension, ExtensionCreate, ExtensionUpdate } from '../../pbx/index.ts';
import { InboundRoute, InboundRouteCreate, OutboundRoute, OutboundRouteCreate } from '../../pbx/index.ts';
import { Trunk, TrunkCreate, TrunkUpdate } from '../../pbx/index.ts';
import type { Services } from '../../services.ts';
import { crudRoutes } from '../crud-routes.ts';
import { ivrRoutes } from './ivr-routes.ts';

export function configRoutes(s: Services) {
  const deps = { auth: s.auth, audit: s.audit, bus: s.bus };
  const targets: DestinationTargets = {
    extension: (n) => s.extensions.findByNumber(n) !== null,
    queue: (n) => s.queues.findByNumber(n) !== null,
    ivr: (n) => s.ivrs.findByName(n) !== null,
  };
  const requireTargets = (entries: [string, Destination | undefined][]) => {
    const issues = entries.flatMap(([path, d]) => (d ? checkDestination(d, path, targets) : []));
    if (issues.length > 0) throw new ValidationError(issues);
  };

  return new Elysia({ prefix: '/api' })
    .use(
      crudRoutes(
        {
          path: '/extensions',
          entity: 'extension',
          tag: 'Extensions',
          read: 'extensions.read',
          write: 'extensions.write',
          item: Extension,
          create: ExtensionCreate,
          update: ExtensionUpdate,
          store: s.extensions,
          label: (e) => e.number,
        },
        deps,
      ),
    )
    .use(
      crudRoutes(
        {
          path: '/trunks',
          entity: 'trunk',
          tag: 'Trunks',
          read: 'trunks.read',
          write: 'trunks.write',
          item: Trunk,
          create: TrunkCreate,
          update: TrunkUpdate,
          store: s.trunks,
          label: (t) => t.name,
        },
        deps,
      ),
    )
    .use(
      crudRoutes(
        {
          path: '/queues',
          entity: 'queue',
          tag: 'Queues',
          read: 'queues.read',
          write: 'queues.write',
          item: Queue,
          create: QueueCreate,
          update: QueueUpdate,
          store: {
            list: () => s.queues.list(),
            get: (id) => s.queues.get(id),
            create: (input: QueueCreate) => {
              requireTargets([['overflow', input.overflow ?? undefined]]);
              return s.queues.create(input);
            },
            update: (id, input: QueueUpdate) => {
              requireTargets([['overflow', input.overflow ?? undefined]]);
              return s.queues.update(id, input);
            },
            delete: (id) => s.queues.delete(id),
          },
          label: (q) => q.number,
        },
        deps,
      ),
    )
    .use(ivrRoutes(s))
    .use(
      crudRoutes(
        {
          path: '/inbound-routes',
          entity: 'inbound_route',
          tag: 'Routes',
          read: 'routes.read',
          write: 'routes.write',
          item: InboundRoute,
          create: InboundRouteCreate,
          update: InboundRouteCreate,
          store: {
            list: () => s.routes.listInbound(),
            get: (id) => s.routes.getInbound(id),
            create: (input: InboundRouteCreate) => {
              requireTargets([
                ['destination', input.destination],
                ...(input.after_hours ?? []).map((d, i): [string, Destination] => [`after_hours[${i}]`, d]),
              ]);
              return s.routes.saveInbound(input);
            },
            update: (id, input: InboundRouteCreate) => {
              requireTargets([
                ['destination', input.destination],
                ...(input.after_hours ?? []).map((d, i): [string, Destination] => [`after_hours[${i}]`, d]),
              ]);
              return s.routes.saveInbound(input, id);
            },
            delete: (id) => s.routes.deleteInbound(id),
          },
          label: (r) => `${r.did}${r.caller ? `/${r.caller}` : ''}`,
        },
        deps,
      ),
    )
    .use(
      crudRoutes(
        {
          path: '/outbound-routes',
          entity: 'outbound_route',
          tag: 'Routes',
          read: 'routes.read',
          write: 'routes.write',
          item: OutboundRoute,
          create: OutboundRouteCreate,
          update: OutboundRouteCreate,
          store: {
            list: () => s.routes.listOutbound(),
            get: (id) => s.routes.getOutbound(id),
            create: (input: OutboundRouteCreate) => s.routes.saveOutbound(input),
            update: (id, input: OutboundRouteCreate) => s.routes.saveOutbound(input, id),
            delete: (id) => s.routes.deleteOutbound(id),
          },
          label: (r) => r.pattern,
        },
        deps,
      ),
    );
}

/** Agents and customers (CRUD, audited like every configuration object) and the ACD's two logs. */
import { Type as T } from '@sinclair/typebox';
import { Elysia, t } from 'elysia';
import { Agent, AgentCreate, AgentStateRow, AgentUpdate, QueueLogRow } from '../../acd/index.ts';
import { Customer, CustomerCreate, CustomerUpdate } from '../../crm/index.ts';
import type { Services } from '../../services.ts';
import { authGuard } from '../auth-guard.ts';
import { crudRoutes } from '../crud-routes.ts';

const iso = t.Optional(t.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'ISO date or time' }));
const limit = t.Optional(t.Numeric({ minimum: 1, maximum: 10_000 }));

export function acdConfigRoutes(s: Services) {
  const deps = { auth: s.auth, audit: s.audit, bus: s.bus };
  return new Elysia({ prefix: '/api' })
    .use(
      crudRoutes(
        {
          path: '/agents',
          entity: 'agent',
          tag: 'ACD',
          read: 'agents.read',
          write: 'agents.write',
          item: Agent,
          create: AgentCreate,
          update: AgentUpdate,
          store: s.agents,
          label: (a) => a.work_number,
        },
        deps,
      ),
    )
    .use(
      crudRoutes(
        {
          path: '/customers',
          entity: 'customer',
          tag: 'Customers',
          read: 'customers.read',
          write: 'customers.write',
          item: Customer,
          create: CustomerCreate,
          update: CustomerUpdate,
          store: s.customers,
          label: (c) => `${c.name} ${c.number}`,
        },
        deps,
      ),
    )
    .use(authGuard(s.auth))
    .get(
      '/queue-log',
      ({ query }) => ({
        items: s.queueLog.list({ queue: query.queue, event: query.event, callId: query.call_id, from: query.from, to: query.to, limit: query.limit }),
      }),
      {
        permission: 'queue_log.read',
        query: t.Object({ queue: t.Optional(t.String()), event: t.Optional(t.String()), call_id: t.Optional(t.String()), from: iso, to: iso, limit }),
        response: { 200: T.Object({ items: T.Array(QueueLogRow) }) },
        detail: { tags: ['ACD'], summary: 'Queue log: entered, ringing, answered, abandoned (呼损), completed … oldest first (queue_log.read)' },
      },
    )
    .get('/agent-state-log', ({ query }) => ({ items: s.agentStateLog.list({ agent: query.agent, from: query.from, to: query.to, limit: query.limit }) }), {
      permission: 'queue_log.read',
      query: t.Object({ agent: t.Optional(t.String()), from: iso, to: iso, limit }),
      response: { 200: T.Object({ items: T.Array(AgentStateRow) }) },
      detail: { tags: ['ACD'], summary: 'Agent state log: each state an agent was in, with its duration, newest first (queue_log.read)' },
    });
}

/**
 * List / get / create / update / delete for one configuration object, with
 * the permission check, the audit entry and the `config.changed` event that
 * every such route owes. Domains with special needs wrap their repository in
 * a `CrudStore` rather than writing the routes again.
 */
import { type TSchema, Type as T } from '@sinclair/typebox';
import { Elysia, t } from 'elysia';
import type { AuditLog } from '../auth/index.ts';
import type { AuthService } from '../auth/index.ts';
import type { Permission } from '../auth/index.ts';
import type { EventBus } from '../events/index.ts';
import type { ConfigEntity } from '../events/event-map.ts';
import { authGuard, type Caller } from './auth-guard.ts';
import { ErrorSchema } from './schemas.ts';

export interface CrudStore<Item extends { id: number }> {
  list(): Item[];
  get(id: number): Item;
  create(input: never): Item | Promise<Item>;
  update(id: number, input: never): Item | Promise<Item>;
  delete(id: number): void;
}

export interface CrudSpec<Item extends { id: number }> {
  /** Path under /api, e.g. `/extensions`. */
  path: string;
  entity: ConfigEntity;
  tag: string;
  read: Permission;
  write: Permission;
  item: TSchema;
  create: TSchema;
  update: TSchema;
  store: CrudStore<Item>;
  /** How people name one object, e.g. `1001` for an extension; the audit target is `entity:label`. */
  label(item: Item): string;
}

export interface CrudDeps {
  auth: AuthService;
  audit: AuditLog;
  bus: EventBus;
}

const SECRET_KEYS = new Set(['secret', 'password', 'password_hash', 'token', 'pin', 'pin_hash']);

/** The request body as it goes into the audit log: secrets replaced by a marker. */
export function redact(input: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries((input ?? {}) as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.has(k) ? '(changed)' : v]),
  );
}

export function crudRoutes<Item extends { id: number }>(spec: CrudSpec<Item>, deps: CrudDeps) {
  const store = spec.store as unknown as {
    list(): Item[];
    get(id: number): Item;
    create(input: unknown): Item | Promise<Item>;
    update(id: number, input: unknown): Item | Promise<Item>;
    delete(id: number): void;
  };
  const changed = (caller: Caller, item: Item, action: 'created' | 'updated' | 'deleted', body?: unknown) => {
    deps.audit.record({
      actor: caller.principal.username,
      source: caller.source,
      action: `${spec.entity}.${action === 'created' ? 'create' : action === 'updated' ? 'update' : 'delete'}`,
      target: `${spec.entity}:${spec.label(item)}`,
      details: body === undefined ? null : redact(body),
    });
    deps.bus.publish('config.changed', { entity: spec.entity, action, id: item.id, label: spec.label(item), actor: caller.principal.username });
  };
  const params = t.Object({ id: t.Numeric({ minimum: 1 }) });
  const detail = (summary: string) => ({ tags: [spec.tag], summary });
  const errors = { 401: ErrorSchema, 403: ErrorSchema };
  return new Elysia({ prefix: spec.path })
    .use(authGuard(deps.auth))
    .get('/', () => ({ items: store.list() }), {
      permission: spec.read,
      response: { 200: T.Object({ items: T.Array(spec.item) }), ...errors },
      detail: detail(`List (${spec.read})`),
    })
    .get('/:id', ({ params }) => ({ item: store.get(params.id) }), {
      permission: spec.read,
      params,
      response: { 200: T.Object({ item: spec.item }), 404: ErrorSchema, ...errors },
      detail: detail(`Get one (${spec.read})`),
    })
    .post(
      '/',
      async ({ body, caller, set }) => {
        const item = await store.create(body);
        changed(caller, item, 'created', body);
        set.status = 201;
        return { item };
      },
      {
        permission: spec.write,
        body: spec.create,
        response: { 201: T.Object({ item: spec.item }), 409: ErrorSchema, 422: ErrorSchema, ...errors },
        detail: detail(`Create (${spec.write})`),
      },
    )
    .put(
      '/:id',
      async ({ params, body, caller }) => {
        const item = await store.update(params.id, body);
        changed(caller, item, 'updated', body);
        return { item };
      },
      {
        permission: spec.write,
        params,
        body: spec.update,
        response: { 200: T.Object({ item: spec.item }), 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, ...errors },
        detail: detail(`Update (${spec.write})`),
      },
    )
    .delete(
      '/:id',
      ({ params, caller, set }) => {
        const item = store.get(params.id);
        store.delete(params.id);
        changed(caller, item, 'deleted');
        set.status = 204;
      },
      { permission: spec.write, params, detail: detail(`Delete (${spec.write})`) },
    );
}

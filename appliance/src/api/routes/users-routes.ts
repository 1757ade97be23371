/** Users, roles and the permission catalogue. The last administrator cannot be removed or locked out. */
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import { checkPasswordStrength, hashPassword } from '../../auth/index.ts';
import { PERMISSIONS, type Permission } from '../../auth/index.ts';
import { publicUser, type UserRecord } from '../../auth/index.ts';
import { ConflictError, ValidationError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { authGuard } from '../auth-guard.ts';
import { crudRoutes } from '../crud-routes.ts';

const Username = T.String({ pattern: '^[A-Za-z0-9_.-]{2,32}$' });
const PermissionName = T.Union(PERMISSIONS.map((p) => T.Literal(p)));

export const User = T.Object({
  id: T.Integer(),
  username: T.String(),
  display_name: T.String(),
  role: T.String(),
  enabled: T.Boolean(),
  created_at: T.String(),
  updated_at: T.String(),
  last_login_at: T.Union([T.String(), T.Null()]),
});
const UserCreate = T.Object(
  {
    username: Username,
    display_name: T.Optional(T.String({ maxLength: 64 })),
    password: T.String({ minLength: 1, maxLength: 256 }),
    role: T.String({ minLength: 1 }),
    enabled: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);
const UserUpdate = T.Partial(T.Omit(UserCreate, ['username']), { additionalProperties: false });
type UserCreate = typeof UserCreate.static;
type UserUpdate = typeof UserUpdate.static;

const Role = T.Object({ id: T.Integer(), name: T.String(), description: T.String(), builtin: T.Boolean(), permissions: T.Array(T.String()) });
const RoleCreate = T.Object(
  { name: T.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }), description: T.Optional(T.String({ maxLength: 200 })), permissions: T.Array(PermissionName, { uniqueItems: true }) },
  { additionalProperties: false },
);
const RoleUpdate = T.Partial(RoleCreate, { additionalProperties: false });

/** The permission that makes someone an administrator of accounts. */
const ADMIN_PERMISSION: Permission = 'users.write';

export function usersRoutes(s: Services) {
  const deps = { auth: s.auth, audit: s.audit, bus: s.bus };
  const roleId = (name: string) => {
    const role = s.roles.findByName(name);
    if (!role) throw new ValidationError([{ path: 'role', message: `no role ${name}` }]);
    return role;
  };
  const isAdmin = (u: UserRecord) => u.enabled && s.roles.get(u.role_id).permissions.includes(ADMIN_PERMISSION);
  const keepAnAdmin = (before: UserRecord, stillAdmin: boolean) => {
    if (isAdmin(before) && !stillAdmin && s.users.countWithPermission(ADMIN_PERMISSION) <= 1) {
      throw new ConflictError('this is the last administrator; create another one first');
    }
  };

  return new Elysia({ prefix: '/api' })
    .use(
      crudRoutes(
        {
          path: '/users',
          entity: 'user',
          tag: 'Users',
          read: 'users.read',
          write: 'users.write',
          item: User,
          create: UserCreate,
          update: UserUpdate,
          store: {
            list: () => s.users.list().map(publicUser),
            get: (id) => publicUser(s.users.get(id)),
            create: async (input: UserCreate) => {
              checkPasswordStrength(input.password, input.username);
              const role = roleId(input.role);
              const record = s.users.create({
                username: input.username,
                display_name: input.display_name ?? input.username,
                password_hash: await hashPassword(input.password),
                role_id: role.id,
                enabled: input.enabled ?? true,
              });
              return publicUser(record);
            },
            update: async (id, input: UserUpdate) => {
              const before = s.users.get(id);
              const role = input.role === undefined ? s.roles.get(before.role_id) : roleId(input.role);
              keepAnAdmin(before, (input.enabled ?? before.enabled) && role.permissions.includes(ADMIN_PERMISSION));
              if (input.password !== undefined) checkPasswordStrength(input.password, before.username);
              const record = s.users.update(id, {
                display_name: input.display_name,
                role_id: role.id,
                enabled: input.enabled,
                password_hash: input.password === undefined ? undefined : await hashPassword(input.password),
              });
              // A new password or a disabled account ends the sessions already open.
              if (input.password !== undefined || input.enabled === false) s.sessions.deleteForUser(id);
              return publicUser(record);
            },
            delete: (id) => {
              keepAnAdmin(s.users.get(id), false);
              s.users.delete(id);
            },
          },
          label: (u) => u.username,
        },
        deps,
      ),
    )
    .use(
      crudRoutes(
        {
          path: '/roles',
          entity: 'role',
          tag: 'Users',
          read: 'roles.read',
          write: 'roles.write',
          item: Role,
          create: RoleCreate,
          update: RoleUpdate,
          store: s.roles,
          label: (r) => r.name,
        },
        deps,
      ),
    )
    .use(authGuard(s.auth))
    .get('/permissions', () => ({ items: [...PERMISSIONS] }), {
      permission: 'roles.read',
      response: { 200: T.Object({ items: T.Array(T.String()) }) },
      detail: { tags: ['Users'], summary: 'The permission catalogue (roles.read)' },
    });
}

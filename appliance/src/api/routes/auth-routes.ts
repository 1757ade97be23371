/** Login, logout, who am I, and the first-run setup of the first administrator. */
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AuthService, Principal } from '../../auth/index.ts';
import { ANY_USER, authGuard, clientAddress, SESSION_COOKIE } from '../auth-guard.ts';
import { ErrorSchema } from '../schemas.ts';

const Me = T.Object({
  id: T.Integer(),
  username: T.String(),
  display_name: T.String(),
  role: T.String(),
  permissions: T.Array(T.String()),
});

export interface AuthRoutesOptions {
  sessionTtlMs: number;
  /** Secure cookies when the UI is served over HTTPS. */
  secureCookies: boolean;
}

export function authRoutes(auth: AuthService, options: AuthRoutesOptions) {
  const cookie = (token: string) => ({
    value: token,
    httpOnly: true,
    sameSite: 'strict' as const,
    path: '/',
    secure: options.secureCookies,
    maxAge: Math.floor(options.sessionTtlMs / 1000),
  });
  const loggedIn = (principal: Principal, token: string) => ({ user: auth.me(principal), token });
  const tags = ['Auth'];

  return new Elysia({ prefix: '/api/auth' })
    .use(authGuard(auth))
    .post(
      '/login',
      async (ctx) => {
        const { token, principal } = await auth.login(ctx.body.username, ctx.body.password, clientAddress(ctx));
        ctx.cookie[SESSION_COOKIE]?.set(cookie(token));
        return loggedIn(principal, token);
      },
      {
        body: T.Object({ username: T.String({ minLength: 1, maxLength: 64 }), password: T.String({ minLength: 1, maxLength: 256 }) }),
        response: { 200: T.Object({ user: Me, token: T.String() }), 401: ErrorSchema, 429: ErrorSchema },
        detail: { tags, summary: 'Log in (public); sets an HttpOnly session cookie and returns a bearer token for scripts' },
      },
    )
    .post(
      '/logout',
      ({ caller, cookie: jar, set }) => {
        auth.logout(caller.token, caller.principal, caller.source);
        jar[SESSION_COOKIE]?.remove();
        set.status = 204;
      },
      { permission: ANY_USER, detail: { tags, summary: 'Log out (any logged-in user)' } },
    )
    .get('/me', ({ caller }) => ({ user: auth.me(caller.principal) }), {
      permission: ANY_USER,
      response: { 200: T.Object({ user: Me }), 401: ErrorSchema },
      detail: { tags, summary: 'The logged-in user and their permissions' },
    })
    .get('/setup', () => ({ required: auth.setupRequired() }), {
      response: { 200: T.Object({ required: T.Boolean() }) },
      detail: { tags, summary: 'Whether the first administrator still has to be created (public)' },
    })
    .post(
      '/setup',
      async (ctx) => {
        const { token, principal } = await auth.completeSetup(ctx.body, clientAddress(ctx));
        ctx.cookie[SESSION_COOKIE]?.set(cookie(token));
        ctx.set.status = 201;
        return loggedIn(principal, token);
      },
      {
        body: T.Object({
          token: T.String({ minLength: 1, maxLength: 128 }),
          username: T.String({ pattern: '^[A-Za-z0-9_.-]{2,32}$' }),
          password: T.String({ minLength: 1, maxLength: 256 }),
          display_name: T.Optional(T.String({ maxLength: 64 })),
        }),
        response: { 201: T.Object({ user: Me, token: T.String() }), 401: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema },
        detail: { tags, summary: 'Create the first administrator with the one-time token from the service log (public)' },
      },
    );
}

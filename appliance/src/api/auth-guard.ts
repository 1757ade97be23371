/**
 * The `permission` option every protected route declares. It runs in the
 * transform stage, before body validation, so an unauthenticated or
 * unauthorised caller learns nothing about a route's input schema.
 * `permission: 'authenticated'` admits any logged-in user.
 */
import { Elysia } from 'elysia';
import type { AuthService, Principal } from '../auth/index.ts';
import type { Permission } from '../auth/index.ts';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';

export const SESSION_COOKIE = 'appliance_session';
export const ANY_USER = 'authenticated';

export interface Caller {
  principal: Principal;
  token: string;
  source: string;
}

interface RequestContext {
  request: Request;
  server: { requestIP(request: Request): { address: string } | null } | null;
}

export function clientAddress(ctx: Pick<RequestContext, 'request' | 'server'>): string {
  return ctx.server?.requestIP(ctx.request)?.address ?? 'local';
}

/** The bearer token or session cookie of a request. Read from headers: Elysia parses cookies only for handlers that name them. */
export function sessionToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim()) || null;
  }
  return null;
}

export function authGuard(auth: AuthService) {
  const callers = new WeakMap<Request, Caller>();
  return new Elysia({ name: 'auth-guard', seed: auth }).macro({
    permission: (required: Permission | typeof ANY_USER) => ({
      transform(ctx) {
        const c = ctx as unknown as RequestContext;
        const token = sessionToken(c.request);
        const principal = token ? auth.authenticate(token) : null;
        if (!token || !principal) throw new UnauthorizedError();
        if (required !== ANY_USER && !principal.permissions.has(required)) throw new ForbiddenError(required);
        callers.set(c.request, { principal, token, source: clientAddress(c) });
      },
      resolve({ request }) {
        return { caller: callers.get(request) as Caller };
      },
    }),
  });
}

/**
 * WebSocket /api/events: the bus, streamed as JSON frames to logged-in
 * browsers with `events.subscribe`, each frame filtered by the permission
 * its event needs. The session is re-checked now and then, so a logout or a
 * disabled account ends the stream.
 */
import { Elysia } from 'elysia';
import type { AuthService, Principal } from '../auth/index.ts';
import type { EventBus } from '../events/index.ts';
import type { Clock } from '../system/index.ts';
import { sessionToken } from './auth-guard.ts';
import { errorResponse } from './error-mapping.ts';
import { type AgentScopeOf, eventAudience } from './event-audience.ts';

const RECHECK_MS = 10_000;

interface SocketState {
  token: string;
  principal: Principal;
  checkedAt: number;
  unsubscribe: () => void;
}

export interface EventsSocketDeps {
  auth: AuthService;
  bus: EventBus;
  clock: Clock;
  /** The agent a user works as (narrows what an agent sees); absent: permissions alone decide. */
  agentScope?: AgentScopeOf;
}

export interface EventsSocket {
  plugin: Elysia;
  /** Closes every open stream (going away), so a shutdown does not wait on browsers. */
  closeAll(): void;
}

export function eventsSocket(deps: EventsSocketDeps): EventsSocket {
  const pending = new WeakMap<Request, { token: string; principal: Principal }>();
  const sockets = new Map<string, SocketState & { close(): void }>();
  const plugin = new Elysia().ws('/api/events', {
    beforeHandle(ctx) {
      const token = sessionToken(ctx.request);
      const principal = token ? deps.auth.authenticate(token) : null;
      if (!token || !principal) return errorResponse(401, 'unauthorized', 'Login required');
      if (!principal.permissions.has('events.subscribe')) return errorResponse(403, 'forbidden', 'Permission events.subscribe required');
      pending.set(ctx.request, { token, principal });
    },
    open(ws) {
      const auth = pending.get(ws.data.request);
      if (!auth) return ws.close(1008, 'unauthorized');
      const visible = eventAudience(() => state.principal, deps.agentScope);
      const state: SocketState = {
        ...auth,
        checkedAt: deps.clock.now(),
        unsubscribe: deps.bus.subscribe((event) => {
          const now = deps.clock.now();
          if (now - state.checkedAt > RECHECK_MS) {
            const principal = deps.auth.authenticate(state.token);
            if (!principal) return ws.close(1008, 'session ended');
            state.principal = principal;
            state.checkedAt = now;
          }
          if (visible(event)) ws.send(JSON.stringify(event));
        }),
      };
      sockets.set(ws.id, { ...state, close: () => ws.close(1001, 'service stopping') });
    },
    close(ws) {
      sockets.get(ws.id)?.unsubscribe();
      sockets.delete(ws.id);
    },
  });
  return {
    plugin: plugin as unknown as Elysia,
    closeAll() {
      for (const socket of sockets.values()) {
        socket.unsubscribe();
        socket.close();
      }
      sockets.clear();
    },
  };
}

/**
 * Who sees which event on the CTI stream. Permissions decide first (see
 * event-permissions.ts); on top of that an agent — a user without
 * acd.supervise who works as an agent — sees their own state, the queues
 * they serve, and the calls that ring or reach their phone, not the whole
 * floor. A supervisor sees everything their permissions allow.
 */
import type { Principal } from '../auth/index.ts';
import type { BusEvent, EventMap } from '../events/event-map.ts';
import { permissionFor } from './event-permissions.ts';

/** What the stream knows of the agent a user works as. */
export interface AgentScope {
  agent: string;
  extension: string | null;
  queues: ReadonlySet<string>;
}

export type AgentScopeOf = (username: string) => AgentScope | null;

/** One socket's filter: remembers the calls it has shown, so their later events (hold, end) follow. */
export function eventAudience(principal: () => Principal, scopeOf: AgentScopeOf | undefined): (event: BusEvent) => boolean {
  const calls = new Set<string>();
  return (event) => {
    const p = principal();
    const permitted = p.permissions.has(permissionFor(event));
    if (p.permissions.has('acd.supervise') || !scopeOf) return permitted;
    const scope = scopeOf(p.username);
    if (scope === null) return permitted && !event.name.startsWith('agent.') && !event.name.startsWith('queue.');
    // An agent's own calls are theirs to see even without calls.read (the screen pop needs them).
    const ownCall = event.name.startsWith('call.') && p.permissions.has('acd.agent');
    return (permitted || ownCall) && ownEvent(event, scope, calls);
  };
}

function ownEvent(event: BusEvent, scope: AgentScope, calls: Set<string>): boolean {
  const mine = (extension: string | null | undefined) => extension != null && extension === scope.extension;
  const follow = (callId: string, yes: boolean) => {
    if (yes) calls.add(callId);
    return yes || calls.has(callId);
  };
  switch (event.name) {
    case 'agent.state':
      return (event.data as EventMap['agent.state']).agent === scope.agent;
    case 'supervisor.action':
      return (event.data as EventMap['supervisor.action']).agent === scope.agent;
    case 'queue.entered':
    case 'queue.left':
    case 'queue.completed':
      return scope.queues.has((event.data as { queue: string }).queue);
    case 'queue.ringing':
    case 'queue.answered': {
      const d = event.data as EventMap['queue.ringing'];
      return scope.queues.has(d.queue) || follow(d.call_id, d.agent === scope.agent);
    }
    case 'call.ringing':
    case 'call.hold':
    case 'call.dtmf': {
      const d = event.data as { call_id: string; extension: string };
      return follow(d.call_id, mine(d.extension));
    }
    case 'call.answered': {
      const d = event.data as EventMap['call.answered'];
      return follow(d.call_id, mine(d.agent) || mine(d.from));
    }
    case 'call.started': {
      const d = event.data as EventMap['call.started'];
      return follow(d.call_id, mine(d.from) || mine(d.to));
    }
    case 'call.transferred': {
      const d = event.data as EventMap['call.transferred'];
      return follow(d.call_id, mine(d.by) || mine(d.to));
    }
    case 'call.ended': {
      const id = (event.data as EventMap['call.ended']).call_id;
      const seen = calls.has(id);
      calls.delete(id);
      return seen;
    }
    default:
      return true;
  }
}

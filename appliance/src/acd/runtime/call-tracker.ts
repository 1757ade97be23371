/**
 * Agents are busy with more than queue calls: a call straight to their
 * extension, or one they place, makes them `on_call` too, so the ACD does
 * not ring a phone that is talking. Followed from the call events on the
 * bus; queue calls (the agent already holds the call id) are the
 * dispatcher's and only their end is taken from here.
 */
import type { BusEvent, EventBus } from '../../events/index.ts';
import type { AgentBook, RuntimeAgent } from './agent-book.ts';

const IDLE_STATES = new Set(['available', 'paused', 'wrap_up']);

export function trackAgentCalls(bus: EventBus, book: AgentBook): () => void {
  const direct = (agent: RuntimeAgent, callId: string, direction: 'inbound' | 'outbound') => {
    if (agent.callId === callId || !IDLE_STATES.has(agent.presence.state)) return;
    book.answered(agent, callId, null, direction);
  };
  return bus.subscribe((event) => {
    if (event.name === 'call.answered') {
      const e = event as BusEvent<'call.answered'>;
      for (const agent of book.at(e.data.agent)) direct(agent, e.data.call_id, 'inbound');
      for (const agent of book.at(e.data.from)) direct(agent, e.data.call_id, 'outbound');
    } else if (event.name === 'call.ended') {
      const callId = (event as BusEvent<'call.ended'>).data.call_id;
      for (const agent of book.all()) if (agent.callId === callId && agent.presence.state === 'on_call') book.hungUp(agent);
    }
  });
}

import { describe, expect, test } from 'bun:test';
import {
  AGENT_INPUT_TYPES,
  AGENT_STATES,
  AGENT_TRANSITIONS,
  type AgentEffect,
  type AgentInput,
  type AgentPresence,
  type AgentState,
  InvalidAgentTransition,
  isDistributable,
  loggedOut,
  stepAgent,
} from './agent-state.ts';

const T0 = 1_000;
const at = (state: AgentState, patch: Partial<AgentPresence> = {}): AgentPresence => ({ ...loggedOut(0), state, ...patch });
const EXAMPLE_INPUT: { [K in AgentInput['type']]: Extract<AgentInput, { type: K }> } = {
  login: { type: 'login' },
  logout: { type: 'logout' },
  pause: { type: 'pause', reason: 'lunch' },
  unpause: { type: 'unpause' },
  reserve: { type: 'reserve' },
  ring: { type: 'ring' },
  ring_failed: { type: 'ring_failed', autoPause: false, reason: 'no answer' },
  answer: { type: 'answer', direction: 'inbound' },
  hangup: { type: 'hangup', wrapUpMs: 0 },
  wrap_up_done: { type: 'wrap_up_done' },
  wrap_up_extend: { type: 'wrap_up_extend', ms: 5_000 },
};

describe('agent state machine: the transitions', () => {
  test.each<[string, AgentPresence, AgentInput, Partial<AgentPresence>, AgentEffect['type'][]]>([
    ['login makes a logged-out agent available', at('logged_out'), { type: 'login' }, { state: 'available', since: T0 }, ['state_changed']],
    ['pause from available records the reason', at('available'), { type: 'pause', reason: 'lunch' }, { state: 'paused', pauseReason: 'lunch' }, ['state_changed']],
    ['unpause from paused clears the reason', at('paused', { pauseReason: 'lunch' }), { type: 'unpause' }, { state: 'available', pauseReason: null }, ['state_changed']],
    ['pause while paused only updates the reason', at('paused', { pauseReason: 'lunch' }), { type: 'pause', reason: 'meeting' }, { state: 'paused', pauseReason: 'meeting', since: 0 }, []],
    ['the ACD reserves an available agent', at('available'), { type: 'reserve' }, { state: 'reserved' }, ['state_changed']],
    ['a reserved agent rings', at('reserved'), { type: 'ring' }, { state: 'ringing' }, ['state_changed']],
    ['an answered ring puts the agent on the call', at('ringing'), { type: 'answer', direction: 'inbound' }, { state: 'on_call', direction: 'inbound' }, ['state_changed']],
    ['an outbound call from available', at('available'), { type: 'answer', direction: 'outbound' }, { state: 'on_call', direction: 'outbound' }, ['state_changed']],
    ['an outbound call from paused returns to paused afterwards', at('paused', { pauseReason: 'admin' }), { type: 'answer', direction: 'outbound' }, { state: 'on_call', pending: 'pause', pauseReason: 'admin' }, ['state_changed']],
    ['a direct call during wrap-up cancels its timer', at('wrap_up', { wrapUpUntil: 5_000 }), { type: 'answer', direction: 'inbound' }, { state: 'on_call', wrapUpUntil: null }, ['cancel_wrap_up_timer', 'state_changed']],
    ['ring_failed without autoPause: available again', at('ringing'), EXAMPLE_INPUT.ring_failed, { state: 'available' }, ['state_changed']],
    ['ring_failed with autoPause: paused with the reason', at('ringing'), { type: 'ring_failed', autoPause: true, reason: 'missed' }, { state: 'paused', pauseReason: 'missed' }, ['state_changed']],
    ['ring_failed before ringing (originate failed)', at('reserved'), EXAMPLE_INPUT.ring_failed, { state: 'available' }, ['state_changed']],
    ['hangup with wrap-up starts the timer', at('on_call', { direction: 'inbound' }), { type: 'hangup', wrapUpMs: 30_000 }, { state: 'wrap_up', wrapUpUntil: T0 + 30_000, direction: null }, ['start_wrap_up_timer', 'state_changed']],
    ['hangup without wrap-up: straight to available', at('on_call'), { type: 'hangup', wrapUpMs: 0 }, { state: 'available' }, ['state_changed']],
    ['wrap_up_done: available', at('wrap_up', { wrapUpUntil: T0 }), { type: 'wrap_up_done' }, { state: 'available', wrapUpUntil: null }, ['state_changed']],
    ['unpause in wrap-up means ready now', at('wrap_up', { wrapUpUntil: 9_000 }), { type: 'unpause' }, { state: 'available' }, ['cancel_wrap_up_timer', 'state_changed']],
    ['pause during wrap-up pauses at once', at('wrap_up', { wrapUpUntil: 9_000 }), { type: 'pause', reason: 'break' }, { state: 'paused', pauseReason: 'break' }, ['cancel_wrap_up_timer', 'state_changed']],
    ['logout from wrap-up is immediate', at('wrap_up', { wrapUpUntil: 9_000 }), { type: 'logout' }, { state: 'logged_out' }, ['cancel_wrap_up_timer', 'state_changed']],
    ['logout from paused is immediate', at('paused', { pauseReason: 'x' }), { type: 'logout' }, { state: 'logged_out', pauseReason: null }, ['state_changed']],
    ['logout from available is immediate', at('available'), { type: 'logout' }, { state: 'logged_out' }, ['state_changed']],
    ['pause while ringing is kept pending', at('ringing'), { type: 'pause', reason: 'lunch' }, { state: 'ringing', pending: 'pause', pauseReason: 'lunch' }, []],
    ['logout while on a call is kept pending', at('on_call'), { type: 'logout' }, { state: 'on_call', pending: 'logout' }, []],
    ['unpause withdraws a pending pause', at('on_call', { pending: 'pause', pauseReason: 'x' }), { type: 'unpause' }, { state: 'on_call', pending: null, pauseReason: null }, []],
    ['a pending logout outranks a later pause', at('reserved', { pending: 'logout' }), { type: 'pause', reason: 'x' }, { pending: 'logout' }, []],
    ['ring_failed carries out a pending pause', at('ringing', { pending: 'pause', pauseReason: 'lunch' }), EXAMPLE_INPUT.ring_failed, { state: 'paused', pauseReason: 'lunch', pending: null }, ['state_changed']],
    ['ring_failed carries out a pending logout', at('ringing', { pending: 'logout' }), { type: 'ring_failed', autoPause: true, reason: 'missed' }, { state: 'logged_out', pending: null }, ['state_changed']],
    ['hangup (no wrap-up) carries out a pending pause', at('on_call', { pending: 'pause', pauseReason: 'lunch' }), { type: 'hangup', wrapUpMs: 0 }, { state: 'paused', pauseReason: 'lunch' }, ['state_changed']],
    ['hangup with wrap-up keeps the pending choice', at('on_call', { pending: 'logout' }), { type: 'hangup', wrapUpMs: 10 }, { state: 'wrap_up', pending: 'logout' }, ['start_wrap_up_timer', 'state_changed']],
    ['wrap_up_done carries out a pending logout', at('wrap_up', { pending: 'logout', wrapUpUntil: T0 }), { type: 'wrap_up_done' }, { state: 'logged_out', pending: null }, ['state_changed']],
    ['wrap_up_done carries out a pending pause', at('wrap_up', { pending: 'pause', pauseReason: 'lunch', wrapUpUntil: T0 }), { type: 'wrap_up_done' }, { state: 'paused', pauseReason: 'lunch' }, ['state_changed']],
    ['login while logged in is ignored', at('on_call', { direction: 'inbound' }), { type: 'login' }, { state: 'on_call', direction: 'inbound' }, []],
    ['unpause while available is ignored', at('available'), { type: 'unpause' }, { state: 'available', since: 0 }, []],
    ['a repeated ring is ignored', at('ringing'), { type: 'ring' }, { state: 'ringing', since: 0 }, []],
  ])('%s', (_name, from, input, expected, effects) => {
    const { next, effects: got } = stepAgent(from, input, T0);
    expect(next).toMatchObject(expected);
    expect(got.map((e) => e.type)).toEqual(effects);
    if (next.state !== from.state) {
      expect(got.at(-1)).toEqual({ type: 'state_changed', from: from.state, to: next.state });
      expect(next.since).toBe(T0);
    }
    if (next.state !== 'on_call') expect(next.direction).toBeNull();
    if (next.state !== 'wrap_up') expect(next.wrapUpUntil).toBeNull();
  });

  test('wrap_up_extend adds to wrapUpUntil and restarts the timer with the time left', () => {
    const { next, effects } = stepAgent(at('wrap_up', { wrapUpUntil: 10_000 }), { type: 'wrap_up_extend', ms: 5_000 }, 8_000);
    expect(next).toMatchObject({ state: 'wrap_up', wrapUpUntil: 15_000, since: 0 });
    expect(effects).toEqual([{ type: 'start_wrap_up_timer', ms: 7_000 }]);
  });

  test('the input is not mutated', () => {
    const before = at('available');
    const copy = { ...before };
    stepAgent(before, { type: 'pause', reason: 'x' }, T0);
    expect(before).toEqual(copy);
  });
});

describe('agent state machine: the table', () => {
  test.each<[AgentState, AgentInput['type']]>([
    ['logged_out', 'pause'],
    ['logged_out', 'reserve'],
    ['logged_out', 'answer'],
    ['paused', 'reserve'],
    ['reserved', 'reserve'],
    ['reserved', 'answer'],
    ['ringing', 'hangup'],
    ['on_call', 'answer'],
    ['on_call', 'wrap_up_done'],
    ['available', 'hangup'],
    ['available', 'wrap_up_done'],
    ['wrap_up', 'hangup'],
    ['wrap_up', 'reserve'],
  ])('%s on %s throws InvalidAgentTransition', (state, type) => {
    let error: unknown;
    try {
      stepAgent(at(state), EXAMPLE_INPUT[type], T0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidAgentTransition);
    expect(error).toMatchObject({ code: 'invalid_agent_transition', state, input: type });
  });

  test('every pair either is in the table or throws, never a silent no-op outside it', () => {
    for (const state of AGENT_STATES) {
      for (const type of AGENT_INPUT_TYPES) {
        const listed = AGENT_TRANSITIONS[state][type] !== undefined;
        const run = () => stepAgent(at(state, { wrapUpUntil: state === 'wrap_up' ? T0 : null }), EXAMPLE_INPUT[type], T0);
        if (listed) expect(run).not.toThrow();
        else expect(run).toThrow(InvalidAgentTransition);
      }
    }
    expect(Object.keys(AGENT_TRANSITIONS).sort()).toEqual([...AGENT_STATES].sort());
  });

  test('only available is distributable', () => {
    expect(AGENT_STATES.filter((s) => isDistributable(at(s)))).toEqual(['available']);
  });
});

/**
 * What the ACD is doing with one agent, as an explicit table, so the shell
 * (timers, SIP, the state log) never decides a transition by itself. An
 * agent's choice (pause, log out) asked for while a call is theirs is kept in
 * `pending` and carried out when that call is over, never dropped.
 *
 *              login              reserve             ring
 *   logged_out ───────▶ available ───────▶ reserved ───────▶ ringing
 *       ▲                 ▲ │  ▲                │ ring_failed    │ answer
 *       │ logout  unpause │ │  └────────────────┴────────────────┤ (or paused when autoPause)
 *       │                 │ ▼ pause                              ▼
 *       ├─────────────── paused     available ◀─hangup(0)── on_call
 *       │                                                         │ hangup(ms > 0)
 *       └──────────────── wrap_up ◀───────────────────────────────┘
 *                         wrap_up_done / unpause → available; pause → paused
 *   available / paused / wrap_up ──answer (direct or outbound)──▶ on_call
 *   pause / logout while reserved, ringing or on_call → `pending`, done when the call ends
 *
 * Pairs that are harmless repeats are listed as ignores or updates; any pair
 * missing from the table throws InvalidAgentTransition.
 */
import { AppError } from '../../errors.ts';

export type AgentState = 'logged_out' | 'available' | 'paused' | 'reserved' | 'ringing' | 'on_call' | 'wrap_up';
export type AgentInput =
  | { type: 'login' }
  | { type: 'logout' }
  | { type: 'pause'; reason: string }
  | { type: 'unpause' }
  | { type: 'reserve' }
  | { type: 'ring' }
  | { type: 'ring_failed'; autoPause: boolean; reason: string }
  | { type: 'answer'; direction: 'inbound' | 'outbound' }
  | { type: 'hangup'; wrapUpMs: number }
  | { type: 'wrap_up_done' }
  | { type: 'wrap_up_extend'; ms: number };
export type AgentInputType = AgentInput['type'];

export interface AgentPresence {
  state: AgentState;
  /** The reason while paused, or of the pause pending. */
  pauseReason: string | null;
  /** Asked for while reserved/ringing/on_call (or wrap_up reached with it): carried out when the call ends. */
  pending: 'pause' | 'logout' | null;
  /** While on_call. */
  direction: 'inbound' | 'outbound' | null;
  /** ms when the current state began. */
  since: number;
  wrapUpUntil: number | null;
}

export type AgentEffect =
  | { type: 'start_wrap_up_timer'; ms: number }
  | { type: 'cancel_wrap_up_timer' }
  | { type: 'state_changed'; from: AgentState; to: AgentState };

export interface AgentStep {
  next: AgentPresence;
  effects: AgentEffect[];
}

export class InvalidAgentTransition extends AppError {
  constructor(
    readonly state: AgentState,
    readonly input: AgentInputType,
  ) {
    super('invalid_agent_transition', `agent: no transition from ${state} on ${input}`);
  }
}

type Handler<K extends AgentInputType> = (p: AgentPresence, input: Extract<AgentInput, { type: K }>, now: number) => AgentStep;
type Row = { [K in AgentInputType]?: Handler<K> };

export const AGENT_STATES: readonly AgentState[] = ['logged_out', 'available', 'paused', 'reserved', 'ringing', 'on_call', 'wrap_up'];
export const AGENT_INPUT_TYPES: readonly AgentInputType[] = [
  'login',
  'logout',
  'pause',
  'unpause',
  'reserve',
  'ring',
  'ring_failed',
  'answer',
  'hangup',
  'wrap_up_done',
  'wrap_up_extend',
];

export function loggedOut(now: number): AgentPresence {
  return { state: 'logged_out', pauseReason: null, pending: null, direction: null, since: now, wrapUpUntil: null };
}

export function isDistributable(p: AgentPresence): boolean {
  return p.state === 'available';
}

/** Into `state` (a fresh presence apart from what `keep` carries over), emitting state_changed. */
function enter(p: AgentPresence, state: AgentState, now: number, keep: Partial<AgentPresence> = {}, effects: AgentEffect[] = []): AgentStep {
  const next: AgentPresence = { state, pauseReason: null, pending: null, direction: null, since: now, wrapUpUntil: null, ...keep };
  return { next, effects: [...effects, { type: 'state_changed', from: p.state, to: state }] };
}

const ignore = (p: AgentPresence): AgentStep => ({ next: p, effects: [] });
const update = (p: AgentPresence, patch: Partial<AgentPresence>): AgentStep => ({ next: { ...p, ...patch }, effects: [] });
const CANCEL: AgentEffect[] = [{ type: 'cancel_wrap_up_timer' }];

/** The call (and its wrap-up) is over: carry out what was asked for meanwhile. */
function settle(p: AgentPresence, now: number, effects: AgentEffect[] = [], autoPause: string | null = null): AgentStep {
  if (p.pending === 'logout') return enter(p, 'logged_out', now, {}, effects);
  if (p.pending === 'pause') return enter(p, 'paused', now, { pauseReason: p.pauseReason }, effects);
  if (autoPause !== null) return enter(p, 'paused', now, { pauseReason: autoPause }, effects);
  return enter(p, 'available', now, {}, effects);
}

/** While the agent has a call: a pause or logout waits for it to end; unpause withdraws a waiting pause. */
const busy = {
  login: ignore,
  logout: (p: AgentPresence) => update(p, { pending: 'logout' }),
  pause: (p: AgentPresence, i: { reason: string }) => (p.pending === 'logout' ? ignore(p) : update(p, { pending: 'pause', pauseReason: i.reason })),
  unpause: (p: AgentPresence) => (p.pending === 'pause' ? update(p, { pending: null, pauseReason: null }) : ignore(p)),
} satisfies Row;

const ringFailed: Handler<'ring_failed'> = (p, i, now) => settle(p, now, [], i.autoPause ? i.reason : null);
const answer: Handler<'answer'> = (p, i, now) => enter(p, 'on_call', now, { direction: i.direction, pending: p.pending, pauseReason: p.pauseReason });

export const AGENT_TRANSITIONS: { readonly [S in AgentState]: Readonly<Row> } = {
  logged_out: {
    login: (p, _i, now) => enter(p, 'available', now),
    logout: ignore,
  },
  available: {
    login: ignore,
    logout: (p, _i, now) => enter(p, 'logged_out', now),
    pause: (p, i, now) => enter(p, 'paused', now, { pauseReason: i.reason }),
    unpause: ignore,
    reserve: (p, _i, now) => enter(p, 'reserved', now),
    answer,
  },
  paused: {
    login: ignore,
    logout: (p, _i, now) => enter(p, 'logged_out', now),
    pause: (p, i) => update(p, { pauseReason: i.reason }),
    unpause: (p, _i, now) => enter(p, 'available', now),
    // An outbound or direct call while paused: back to paused when it ends.
    answer: (p, i, now) => enter(p, 'on_call', now, { direction: i.direction, pending: 'pause', pauseReason: p.pauseReason }),
  },
  reserved: {
    ...busy,
    ring: (p, _i, now) => enter(p, 'ringing', now, { pending: p.pending, pauseReason: p.pauseReason }),
    ring_failed: ringFailed,
  },
  ringing: {
    ...busy,
    ring: ignore, // a second provisional response for the same offer
    ring_failed: ringFailed,
    answer,
  },
  on_call: {
    ...busy,
    hangup: (p, i, now) =>
      i.wrapUpMs > 0
        ? enter(p, 'wrap_up', now, { pending: p.pending, pauseReason: p.pauseReason, wrapUpUntil: now + i.wrapUpMs }, [
            { type: 'start_wrap_up_timer', ms: i.wrapUpMs },
          ])
        : settle(p, now),
  },
  wrap_up: {
    login: ignore,
    logout: (p, _i, now) => enter(p, 'logged_out', now, {}, CANCEL),
    pause: (p, i, now) => enter(p, 'paused', now, { pauseReason: i.reason }, CANCEL),
    // 'Ready now': the agent ends wrap-up early.
    unpause: (p, _i, now) => enter(p, 'available', now, {}, CANCEL),
    wrap_up_done: (p, _i, now) => settle(p, now),
    wrap_up_extend: (p, i, now) => {
      const until = (p.wrapUpUntil ?? now) + i.ms;
      return { next: { ...p, wrapUpUntil: until }, effects: [{ type: 'start_wrap_up_timer', ms: Math.max(0, until - now) }] };
    },
    answer: (p, i, now) => enter(p, 'on_call', now, { direction: i.direction, pending: p.pending, pauseReason: p.pauseReason }, CANCEL),
  },
};

export function stepAgent(p: AgentPresence, input: AgentInput, now: number): AgentStep {
  const handler = AGENT_TRANSITIONS[p.state][input.type] as Handler<AgentInputType> | undefined;
  if (handler === undefined) throw new InvalidAgentTransition(p.state, input.type);
  return handler(p, input as never, now);
}

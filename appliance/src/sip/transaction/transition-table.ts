/**
 * The one way every transaction machine moves: look the (state, input kind)
 * pair up in the machine's table. A row gives the next state, the effects
 * and the RFC clause; an `ignore` entry absorbs the input (with the clause
 * that allows it); a pair with no entry is an `InvalidTransition`.
 *
 * One rule is shared by all four machines: a state that only waits out
 * retransmissions for a timer that is zero on reliable transports (D, I, J,
 * K) is skipped, and the machine goes straight to Terminated.
 */
import type { Effect } from './transaction-effect.ts';
import { InvalidTransition } from './transaction-errors.ts';
import type { TimerName, TransactionTimers } from './timer-values.ts';

export interface Step<S extends string> {
  state: S;
  effects: Effect[];
}

export interface Transition<S extends string, I> {
  to: S;
  effects: (input: I, timers: TransactionTimers) => Effect[];
  /** The clause that requires it, e.g. `RFC 3261 §17.1.1.2`. */
  rfc: string;
}

/** An input the RFC says to absorb in that state; the text names the clause. */
export interface Ignored {
  ignore: string;
}

export type TransitionTable<S extends string, I extends { kind: string }> = {
  readonly [St in S]: { readonly [K in I['kind']]?: Transition<S, Extract<I, { kind: K }>> | Ignored };
};

export interface Machine<S extends string, I extends { kind: string }> {
  /** For errors and logs: `invite-client`, `non-invite-server`, … */
  name: string;
  table: TransitionTable<S, I>;
  /** States left only by the timer named; skipped when that timer is zero. */
  lingering: Partial<Record<S, TimerName>>;
}

export function runTable<S extends string, I extends { kind: string }>(
  machine: Machine<S, I>,
  state: S,
  input: I,
  timers: TransactionTimers,
): Step<S> {
  const row = machine.table[state][input.kind as I['kind']] as Transition<S, I> | Ignored | undefined;
  if (row === undefined) throw new InvalidTransition(machine.name, state, input.kind);
  if ('ignore' in row) return { state, effects: [] };
  const effects = row.effects(input, timers);
  const linger = machine.lingering[row.to];
  if (linger !== undefined && timers[linger] === 0) {
    const kept = effects.filter((e) => !(e.kind === 'startTimer' && e.timer === linger));
    return { state: 'Terminated' as S, effects: [...kept, { kind: 'terminated' }] };
  }
  return { state: row.to, effects };
}

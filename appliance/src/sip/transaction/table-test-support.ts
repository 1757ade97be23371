/**
 * Test helper: checks a transaction machine against the pairs a test lists
 * from the RFC. Legal pairs give the expected state and effects; ignored
 * pairs change nothing; every other state × input pair must throw
 * InvalidTransition; and the table may hold no entry the test does not list.
 */
import { describe, expect, test } from 'bun:test';
import type { TransportError } from '../transport/index.ts';
import type { Effect } from './transaction-effect.ts';
import { InvalidTransition } from './transaction-errors.ts';
import { DEFAULT_TIMER_CONFIG, type TransactionTimers, transactionTimers } from './timer-values.ts';
import { type Machine, runTable } from './transition-table.ts';

export const UDP: TransactionTimers = transactionTimers(DEFAULT_TIMER_CONFIG, false);
export const TCP: TransactionTimers = transactionTimers(DEFAULT_TIMER_CONFIG, true);

export interface LegalCase<S extends string, I extends { kind: string }> {
  /** Reads like the RFC's requirement. */
  name: string;
  state: S;
  input: I;
  /** UDP unless given. */
  timers?: TransactionTimers;
  to: S;
  effects: Effect[];
}

export interface MachineSpec<S extends string, I extends { kind: string }> {
  machine: Machine<S, I>;
  states: readonly S[];
  /** One sample input of every kind the machine accepts. */
  samples: readonly I[];
  legal: LegalCase<S, I>[];
  /** [state, input kind, why]. */
  ignored: [S, I['kind'], string][];
}

export function describeMachine<S extends string, I extends { kind: string }>(spec: MachineSpec<S, I>): void {
  const { machine } = spec;
  const pair = (state: string, kind: string) => `${state} × ${kind}`;
  const listed = new Set([...spec.legal.map((c) => pair(c.state, c.input.kind)), ...spec.ignored.map(([s, k]) => pair(s, k))]);

  describe(`${machine.name}: legal transitions`, () => {
    test.each(spec.legal.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const step = runTable(machine, c.state, c.input, c.timers ?? UDP);
      expect(step.state).toBe(c.to);
      expect(step.effects).toEqual(c.effects);
    });
  });

  describe(`${machine.name}: ignored inputs`, () => {
    test.each(spec.ignored.map(([s, k, why]) => [`${why} (${s} × ${k})`, s, k] as const))('%s', (_name, state, kind) => {
      const input = spec.samples.find((i) => i.kind === kind) as I;
      expect(runTable(machine, state, input, UDP)).toEqual({ state, effects: [] });
    });
  });

  describe(`${machine.name}: invalid transitions`, () => {
    const invalid = spec.states.flatMap((state) => spec.samples.filter((i) => !listed.has(pair(state, i.kind))).map((input) => [pair(state, input.kind), state, input] as const));
    test.each(invalid)('rejects %s', (_name, state, input) => {
      expect(() => runTable(machine, state, input, UDP)).toThrow(InvalidTransition);
    });
    test('the table holds no row or ignore the RFC list above lacks', () => {
      const inTable = spec.states.flatMap((state) => Object.keys(machine.table[state]).map((kind) => pair(state, kind)));
      expect(inTable.filter((p) => !listed.has(p))).toEqual([]);
      expect([...listed].filter((p) => !inTable.includes(p))).toEqual([]);
    });
  });
}

export function transportError(error: TransportError): { kind: 'transportError'; error: TransportError } {
  return { kind: 'transportError', error };
}

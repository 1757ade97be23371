import { describe, expect, test } from 'bun:test';
import { InvalidTransition } from '../../sip/index.ts';
import {
  DEFAULT_REGISTRATION_POLICY as P,
  initialRegistration,
  publicStatus,
  REGISTRATION_TRANSITIONS,
  type Registration,
  type RegistrationEffect,
  type RegistrationInput,
  type RegistrationState,
  refreshAfterS,
  registrationStep,
  retryAfterS,
} from './registration-machine.ts';

const at = (state: RegistrationState, extra: Partial<Registration> = {}): Registration => ({ ...initialRegistration(3600), state, ...extra });
const send = (expires: number, authorize = false): RegistrationEffect => ({ kind: 'send', expires, authorize });
const retry = (s: number): RegistrationEffect => ({ kind: 'arm', timer: 'retry', afterMs: s * 1000 });
const refresh = (s: number): RegistrationEffect => ({ kind: 'arm', timer: 'refresh', afterMs: s * 1000 });
const DONE: RegistrationEffect = { kind: 'done' };

const ok = (expires: number): RegistrationInput => ({ kind: 'ok', expires });
const challenge = (stale = false): RegistrationInput => ({ kind: 'challenge', stale });

interface Row {
  name: string;
  from: Registration;
  input: RegistrationInput;
  to: RegistrationState;
  effects: RegistrationEffect[];
  check?: (next: Registration) => void;
}

const ROWS: Row[] = [
  { name: 'start sends a REGISTER without credentials', from: at('idle'), input: { kind: 'start' }, to: 'registering', effects: [send(3600)] },
  { name: 'stopping before the start sends nothing', from: at('idle'), input: { kind: 'stop' }, to: 'unregistered', effects: [DONE] },
  // §22.2: the first challenge is answered with credentials.
  {
    name: 'a first 401 is answered with credentials',
    from: at('registering'),
    input: challenge(),
    to: 'registering',
    effects: [send(3600, true)],
    check: (n) => expect(n.answered).toBe(true),
  },
  {
    name: 'a second plain 401 in one round means wrong credentials: long backoff',
    from: at('registering', { answered: true }),
    input: challenge(),
    to: 'failed',
    effects: [retry(P.forbiddenRetryS)],
    check: (n) => expect(n.lastError).toBe('credentials_rejected'),
  },
  { name: 'a stale=true challenge is answered again', from: at('registering', { answered: true }), input: challenge(true), to: 'registering', effects: [send(3600, true)] },
  {
    name: 'a challenge that cannot be answered fails with the long backoff',
    from: at('registering'),
    input: { kind: 'unanswerable' },
    to: 'failed',
    effects: [retry(P.forbiddenRetryS)],
    check: (n) => expect(n.lastError).toBe('unanswerable_challenge'),
  },
  {
    name: '2xx registers and arms the refresh at half the grant',
    from: at('registering', { failures: 3, answered: true, lastError: 'timeout' }),
    input: ok(120),
    to: 'registered',
    effects: [refresh(60)],
    check: (n) => expect(n).toMatchObject({ granted: 120, failures: 0, answered: false, bound: true, lastError: null }),
  },
  { name: 'a short grant refreshes no sooner than the floor', from: at('registering'), input: ok(6), to: 'registered', effects: [refresh(P.refreshFloorS)] },
  {
    name: 'a 2xx that grants nothing is a failure',
    from: at('registering'),
    input: ok(0),
    to: 'failed',
    effects: [retry(P.retryBaseS)],
    check: (n) => expect(n.lastError).toBe('no_binding'),
  },
  // §10.2.8: 423 → again with Min-Expires.
  {
    name: '423 with a longer Min-Expires asks again with it',
    from: at('registering', { answered: true }),
    input: { kind: 'too-brief', minExpires: 7200 },
    to: 'registering',
    effects: [send(7200)],
    check: (n) => expect(n).toMatchObject({ expires: 7200, answered: false }),
  },
  {
    name: '423 without a usable Min-Expires fails',
    from: at('registering'),
    input: { kind: 'too-brief', minExpires: 3600 },
    to: 'failed',
    effects: [retry(P.retryBaseS)],
    check: (n) => expect(n.lastError).toBe('interval_too_brief'),
  },
  {
    name: '403 fails with the long backoff (no hammering)',
    from: at('registering'),
    input: { kind: 'forbidden' },
    to: 'failed',
    effects: [retry(P.forbiddenRetryS)],
    check: (n) => expect(n.lastError).toBe('forbidden'),
  },
  {
    name: 'another final response fails with the backoff',
    from: at('registering', { failures: 2 }),
    input: { kind: 'rejected', status: 500, retryAfterS: null },
    to: 'failed',
    effects: [retry(P.retryBaseS * 4)],
    check: (n) => expect(n).toMatchObject({ lastError: 'status_500', failures: 3 }),
  },
  {
    name: 'Retry-After lengthens the backoff',
    from: at('registering'),
    input: { kind: 'rejected', status: 503, retryAfterS: 120 },
    to: 'failed',
    effects: [retry(120)],
  },
  {
    name: 'no answer fails with the backoff',
    from: at('registering'),
    input: { kind: 'no-response', reason: 'timeout' },
    to: 'failed',
    effects: [retry(P.retryBaseS)],
    check: (n) => expect(n.lastError).toBe('timeout'),
  },
  {
    name: 'stopping while a REGISTER is out removes whatever it may have bound',
    from: at('registering', { answered: true }),
    input: { kind: 'stop' },
    to: 'unregistering',
    effects: [send(0)],
    check: (n) => expect(n.answered).toBe(false),
  },
  { name: 'refresh-due sends a fresh REGISTER', from: at('registered', { answered: true }), input: { kind: 'refresh-due' }, to: 'refreshing', effects: [send(3600)] },
  { name: 'stopping when registered un-REGISTERs', from: at('registered'), input: { kind: 'stop' }, to: 'unregistering', effects: [send(0)] },
  { name: 'a refresh is challenged like the first REGISTER', from: at('refreshing'), input: challenge(), to: 'refreshing', effects: [send(3600, true)] },
  { name: 'a refresh answered goes back to registered', from: at('refreshing', { bound: true }), input: ok(3600), to: 'registered', effects: [refresh(1800)] },
  {
    name: 'a refresh unanswered fails with the backoff',
    from: at('refreshing', { bound: true }),
    input: { kind: 'no-response', reason: 'transport_error' },
    to: 'failed',
    effects: [retry(P.retryBaseS)],
    check: (n) => expect(n).toMatchObject({ bound: true, lastError: 'transport_error' }),
  },
  { name: 'a refresh refused with 403 fails with the long backoff', from: at('refreshing'), input: { kind: 'forbidden' }, to: 'failed', effects: [retry(P.forbiddenRetryS)] },
  { name: 'a refresh challenge that cannot be answered fails', from: at('refreshing'), input: { kind: 'unanswerable' }, to: 'failed', effects: [retry(P.forbiddenRetryS)] },
  { name: 'a refresh with a 423 asks again for longer', from: at('refreshing'), input: { kind: 'too-brief', minExpires: 4000 }, to: 'refreshing', effects: [send(4000)] },
  {
    name: 'a refresh rejected fails with the backoff',
    from: at('refreshing'),
    input: { kind: 'rejected', status: 480, retryAfterS: null },
    to: 'failed',
    effects: [retry(P.retryBaseS)],
  },
  { name: 'stopping during a refresh un-REGISTERs', from: at('refreshing'), input: { kind: 'stop' }, to: 'unregistering', effects: [send(0)] },
  { name: 'the retry sends a fresh REGISTER', from: at('failed', { answered: true }), input: { kind: 'retry-due' }, to: 'registering', effects: [send(3600)] },
  { name: 'stopping after failures that never bound sends nothing', from: at('failed'), input: { kind: 'stop' }, to: 'unregistered', effects: [DONE] },
  { name: 'stopping after a failed refresh removes the old binding', from: at('failed', { bound: true }), input: { kind: 'stop' }, to: 'unregistering', effects: [send(0)] },
  { name: 'the un-REGISTER answers its challenge once', from: at('unregistering'), input: challenge(), to: 'unregistering', effects: [send(0, true)] },
  { name: 'an un-REGISTER challenged twice gives up', from: at('unregistering', { answered: true }), input: challenge(), to: 'unregistered', effects: [DONE] },
  { name: 'the un-REGISTER answered ends it', from: at('unregistering'), input: ok(0), to: 'unregistered', effects: [DONE] },
  { name: 'an un-REGISTER refused still ends it', from: at('unregistering'), input: { kind: 'forbidden' }, to: 'unregistered', effects: [DONE] },
  { name: 'an un-REGISTER rejected still ends it', from: at('unregistering'), input: { kind: 'rejected', status: 500, retryAfterS: null }, to: 'unregistered', effects: [DONE] },
  { name: 'an un-REGISTER with a 423 ends it', from: at('unregistering'), input: { kind: 'too-brief', minExpires: 60 }, to: 'unregistered', effects: [DONE] },
  { name: 'an un-REGISTER unanswerable ends it', from: at('unregistering'), input: { kind: 'unanswerable' }, to: 'unregistered', effects: [DONE] },
  { name: 'an un-REGISTER unanswered ends it', from: at('unregistering'), input: { kind: 'no-response', reason: 'timeout' }, to: 'unregistered', effects: [DONE] },
];

describe('trunk registration machine', () => {
  test.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const { next, effects } = registrationStep(row.from, row.input);
    expect(next.state).toBe(row.to);
    expect(effects).toEqual(row.effects);
    row.check?.(next);
  });

  test('stop is absorbed while stopping and after', () => {
    for (const state of ['unregistering', 'unregistered'] as const) {
      const from = at(state);
      const { next, effects } = registrationStep(from, { kind: 'stop' });
      expect(next).toBe(from);
      expect(effects).toEqual([]);
    }
  });

  test.each([
    ['idle', 'ok'],
    ['idle', 'retry-due'],
    ['registering', 'start'],
    ['registering', 'refresh-due'],
    ['registered', 'ok'],
    ['registered', 'challenge'],
    ['registered', 'start'],
    ['refreshing', 'retry-due'],
    ['failed', 'ok'],
    ['failed', 'refresh-due'],
    ['unregistering', 'start'],
    ['unregistered', 'start'],
    ['unregistered', 'ok'],
  ] as [RegistrationState, RegistrationInput['kind']][])('%s does not take %s', (state, kind) => {
    const input = { kind, stale: false, expires: 60, minExpires: null, status: 500, retryAfterS: null, reason: 'timeout' } as RegistrationInput;
    expect(() => registrationStep(at(state), input)).toThrow(InvalidTransition);
  });

  test('every state takes stop, so a trunk can always be shut down', () => {
    for (const state of Object.keys(REGISTRATION_TRANSITIONS) as RegistrationState[]) {
      expect(REGISTRATION_TRANSITIONS[state].stop).toBeDefined();
    }
  });

  test('every row the table lists is exercised above', () => {
    const covered = new Set(ROWS.map((r) => `${r.from.state}:${r.input.kind}`));
    covered.add('unregistering:stop').add('unregistered:stop');
    const listed = (Object.keys(REGISTRATION_TRANSITIONS) as RegistrationState[]).flatMap((s) =>
      Object.keys(REGISTRATION_TRANSITIONS[s]).map((k) => `${s}:${k}`),
    );
    expect(listed.filter((pair) => !covered.has(pair))).toEqual([]);
  });

  test.each([
    ['idle', 'unregistered'],
    ['registering', 'registering'],
    ['registered', 'registered'],
    ['refreshing', 'registered'],
    ['failed', 'failed'],
    ['unregistering', 'unregistered'],
    ['unregistered', 'unregistered'],
  ] as const)('%s is shown as %s', (state, shown) => {
    expect(publicStatus(state)).toBe(shown);
  });

  test('the backoff doubles per failure up to its ceiling', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryAfterS(n, P))).toEqual([10, 20, 40, 80, 160, 320, 600, 600]);
    expect(retryAfterS(1, P, 10_000)).toBe(P.retryMaxS);
    expect(refreshAfterS(3600, P)).toBe(1800);
  });

  test('a whole life: challenge, register, refresh, time out, retry, stop', () => {
    const inputs: RegistrationInput[] = [
      { kind: 'start' },
      challenge(),
      ok(300),
      { kind: 'refresh-due' },
      challenge(),
      { kind: 'no-response', reason: 'timeout' },
      { kind: 'retry-due' },
      challenge(),
      ok(300),
      { kind: 'stop' },
      challenge(),
      ok(0),
    ];
    const states: RegistrationState[] = [];
    let r = initialRegistration(300);
    for (const input of inputs) {
      r = registrationStep(r, input).next;
      states.push(r.state);
    }
    expect(states).toEqual([
      'registering',
      'registering',
      'registered',
      'refreshing',
      'refreshing',
      'failed',
      'registering',
      'registering',
      'registered',
      'unregistering',
      'unregistering',
      'unregistered',
    ]);
  });
});

/**
 * Registering the box to a carrier (RFC 3261 §10.2), as a table. Pure: the
 * client feeds it what happened to its REGISTER and performs the effects it
 * returns (send a REGISTER, arm the one timer). Any pending timer is
 * cancelled by the client on every step, so no row needs to say so.
 *
 *   idle ──start──▶ registering ──2xx──▶ registered ──refresh-due──▶ refreshing ──2xx──▶ registered
 *                     │  ▲  401/407 once, 423 with a longer Min-Expires: same state, REGISTER again
 *                     ▼  │
 *                   failed ──retry-due──▶ registering        (timeout, 403, 5xx, …: backoff)
 *   any ──stop──▶ unregistering (REGISTER Expires: 0) ──final/timeout──▶ unregistered
 */
import { InvalidTransition } from '../../sip/index.ts';

export type RegistrationState = 'idle' | 'registering' | 'registered' | 'refreshing' | 'failed' | 'unregistering' | 'unregistered';

/** What operators see: refreshing is still registered, stopping is already unregistered. */
export type RegistrationStatus = 'unregistered' | 'registering' | 'registered' | 'failed';

/** Why the last attempt failed, as the API reports it. */
export type RegistrationFailure =
  | 'timeout'
  | 'transport_error'
  | 'forbidden'
  | 'credentials_rejected'
  | 'unanswerable_challenge'
  | 'interval_too_brief'
  | 'no_binding'
  | `status_${number}`;

export type RegistrationInput =
  /** 401/407 that the client can answer; stale=true says only the nonce was old (RFC 7616 §3.3). */
  | { kind: 'challenge'; stale: boolean }
  /** 401/407 with no usable challenge, or a trunk without credentials. */
  | { kind: 'unanswerable' }
  /** 2xx with the expiry the registrar granted (RFC 3261 §10.2.4), 0 when none. */
  | { kind: 'ok'; expires: number }
  /** 423 Interval Too Brief with its Min-Expires, null when absent (§10.2.8). */
  | { kind: 'too-brief'; minExpires: number | null }
  | { kind: 'forbidden' }
  /** Any other final response; Retry-After (§20.33) when the registrar gave one. */
  | { kind: 'rejected'; status: number; retryAfterS: number | null }
  | { kind: 'no-response'; reason: 'timeout' | 'transport_error' }
  | { kind: 'start' }
  | { kind: 'refresh-due' }
  | { kind: 'retry-due' }
  | { kind: 'stop' };

export type RegistrationEffect =
  | { kind: 'send'; expires: number; authorize: boolean }
  | { kind: 'arm'; timer: 'refresh' | 'retry'; afterMs: number }
  /** Unregistered: nothing more will happen. */
  | { kind: 'done' };

export interface RegistrationPolicy {
  /** Never refresh sooner than this after a 2xx, however short the grant. */
  refreshFloorS: number;
  /** The first retry after a failure; doubled per further failure up to retryMaxS. */
  retryBaseS: number;
  retryMaxS: number;
  /** After 403 or refused credentials: asking again soon only gets the box blocked by the carrier. */
  forbiddenRetryS: number;
}

export const DEFAULT_REGISTRATION_POLICY: RegistrationPolicy = {
  refreshFloorS: 5,
  retryBaseS: 10,
  retryMaxS: 600,
  forbiddenRetryS: 1800,
};

export interface Registration {
  state: RegistrationState;
  /** The expiry asked for; raised by a 423. */
  expires: number;
  /** What the registrar granted last, in seconds. */
  granted: number | null;
  /** Failures in a row, for the backoff. */
  failures: number;
  /** A challenge was answered in this round: a second plain one means the credentials are wrong. */
  answered: boolean;
  /** A 2xx was seen, so the carrier may hold a binding that stopping should remove. */
  bound: boolean;
  lastError: RegistrationFailure | null;
}

export interface RegistrationStep {
  next: Registration;
  effects: RegistrationEffect[];
}

type Kind = RegistrationInput['kind'];
type Handler<K extends Kind> = (r: Registration, input: Extract<RegistrationInput, { kind: K }>, p: RegistrationPolicy) => RegistrationStep;
/** A handler, or `ignore` with the reason the input is absorbed in that state. */
type Row = { [K in Kind]?: Handler<K> | { ignore: string } };

export function initialRegistration(expires: number): Registration {
  return { state: 'idle', expires, granted: null, failures: 0, answered: false, bound: false, lastError: null };
}

export function publicStatus(state: RegistrationState): RegistrationStatus {
  if (state === 'registering') return 'registering';
  if (state === 'registered' || state === 'refreshing') return 'registered';
  if (state === 'failed') return 'failed';
  return 'unregistered';
}

/** Seconds until the refresh: about half the grant, never under the floor. */
export function refreshAfterS(granted: number, p: RegistrationPolicy): number {
  return Math.max(p.refreshFloorS, Math.floor(granted / 2));
}

/** Seconds until the next attempt after `failures` failures in a row (1 = the first). */
export function retryAfterS(failures: number, p: RegistrationPolicy, hintS: number | null = null): number {
  const backoff = Math.min(p.retryMaxS, p.retryBaseS * 2 ** Math.max(0, failures - 1));
  return Math.max(backoff, Math.min(hintS ?? 0, p.retryMaxS));
}

const send = (expires: number, authorize = false): RegistrationEffect => ({ kind: 'send', expires, authorize });
const arm = (timer: 'refresh' | 'retry', seconds: number): RegistrationEffect => ({ kind: 'arm', timer, afterMs: seconds * 1000 });

function fail(r: Registration, error: RegistrationFailure, delayS: (failures: number) => number): RegistrationStep {
  const failures = r.failures + 1;
  return { next: { ...r, state: 'failed', failures, answered: false, lastError: error }, effects: [arm('retry', delayS(failures))] };
}

const backoff = (r: Registration, p: RegistrationPolicy, error: RegistrationFailure, hintS: number | null = null) =>
  fail(r, error, (n) => retryAfterS(n, p, hintS));
const longBackoff = (r: Registration, p: RegistrationPolicy, error: RegistrationFailure) => fail(r, error, () => p.forbiddenRetryS);

/** A new round: REGISTER without credentials; the registrar's challenge brings fresh ones. */
const attempt = (r: Registration, state: 'registering' | 'refreshing'): RegistrationStep => ({
  next: { ...r, state, answered: false },
  effects: [send(r.expires)],
});

const unregister = (r: Registration): RegistrationStep => ({ next: { ...r, state: 'unregistering', answered: false }, effects: [send(0)] });
const finished = (r: Registration): RegistrationStep => ({ next: { ...r, state: 'unregistered' }, effects: [{ kind: 'done' }] });

/** A REGISTER is out (first one, refresh or retry): what its final answer or its silence does. */
const AWAITING: Row = {
  // §22.2: answer the challenge once; challenged again for the same round, the credentials are wrong unless stale.
  challenge: (r, i, p) =>
    !r.answered || i.stale ? { next: { ...r, answered: true }, effects: [send(r.expires, true)] } : longBackoff(r, p, 'credentials_rejected'),
  unanswerable: (r, _i, p) => longBackoff(r, p, 'unanswerable_challenge'),
  // §10.2.4: the binding holds for what the registrar granted, which may be less than asked.
  ok: (r, i, p) =>
    i.expires > 0
      ? {
          next: { ...r, state: 'registered', granted: i.expires, failures: 0, answered: false, bound: true, lastError: null },
          effects: [arm('refresh', refreshAfterS(i.expires, p))],
        }
      : backoff(r, p, 'no_binding'),
  // §10.2.8: ask again with at least Min-Expires; a 423 that asks for nothing longer cannot be satisfied.
  'too-brief': (r, i, p) =>
    i.minExpires !== null && i.minExpires > r.expires
      ? { next: { ...r, expires: i.minExpires, answered: false }, effects: [send(i.minExpires)] }
      : backoff(r, p, 'interval_too_brief'),
  forbidden: (r, _i, p) => longBackoff(r, p, 'forbidden'),
  rejected: (r, i, p) => backoff(r, p, `status_${i.status}`, i.retryAfterS),
  'no-response': (r, i, p) => backoff(r, p, i.reason),
  // The registrar may have bound us before the answer got lost: remove it to be sure.
  stop: unregister,
};

/** The un-REGISTER is out: every outcome ends the registration, a first challenge gets answered. */
const UNREGISTERING: Row = {
  challenge: (r, i) => (!r.answered || i.stale ? { next: { ...r, answered: true }, effects: [send(0, true)] } : finished(r)),
  unanswerable: finished,
  ok: finished,
  'too-brief': finished,
  forbidden: finished,
  rejected: finished,
  'no-response': finished,
  stop: { ignore: 'already stopping' },
};

export const REGISTRATION_TRANSITIONS: Record<RegistrationState, Row> = {
  idle: { start: (r) => attempt(r, 'registering'), stop: finished },
  registering: AWAITING,
  registered: { 'refresh-due': (r) => attempt(r, 'refreshing'), stop: unregister },
  refreshing: AWAITING,
  failed: { 'retry-due': (r) => attempt(r, 'registering'), stop: (r) => (r.bound ? unregister(r) : finished(r)) },
  unregistering: UNREGISTERING,
  unregistered: { stop: { ignore: 'already stopped' } },
};

export function registrationStep(r: Registration, input: RegistrationInput, policy: RegistrationPolicy = DEFAULT_REGISTRATION_POLICY): RegistrationStep {
  const row = REGISTRATION_TRANSITIONS[r.state][input.kind] as Handler<Kind> | { ignore: string } | undefined;
  if (row === undefined) throw new InvalidTransition('trunk registration', r.state, input.kind);
  if ('ignore' in row) return { next: r, effects: [] };
  return row(r, input as never, policy);
}

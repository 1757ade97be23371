/**
 * Mailbox PINs: 4 to 8 digits, kept as scrypt(PIN, per-mailbox salt). A
 * PIN is short enough that a stolen database could be searched anyway;
 * the salt stops one table serving every box, and the lockout in the
 * repository is what really protects a PIN against guessing by phone.
 */
import { scrypt, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../errors.ts';

export const PIN_PATTERN = '^[0-9]{4,8}$';
const PIN_RE = new RegExp(PIN_PATTERN);
const KEY_BYTES = 32;
/** About 20 ms per check on the box: unnoticeable in a call, slow for a bulk search. */
const COST = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export function isValidPin(pin: string): boolean {
  return PIN_RE.test(pin);
}

/** Throws a ValidationError naming `path` for a PIN that is not 4 to 8 digits. */
export function checkPinFormat(pin: string, path = 'pin'): void {
  if (!isValidPin(pin)) throw new ValidationError([{ path, message: 'must be 4 to 8 digits' }]);
}

/** The hash of `pin` under `salt`, base64. Runs on the thread pool, not the event loop. */
export function hashPin(pin: string, salt: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, COST, (error, key) => (error ? reject(error) : resolve(key.toString('base64'))));
  });
}

export async function pinMatches(pin: string, salt: Uint8Array, expected: string): Promise<boolean> {
  const actual = Buffer.from(await hashPin(pin, salt), 'base64');
  const wanted = Buffer.from(expected, 'base64');
  return actual.length === wanted.length && timingSafeEqual(actual, wanted);
}

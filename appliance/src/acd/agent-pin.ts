/**
 * Agents' phone-login PINs, hashed as voicemail PINs are: scrypt(PIN, a
 * random per-agent salt) at the same cost. The salt travels in the stored
 * string, `scrypt$<salt base64>$<key base64>`, so the hash is one column
 * and an export carries everything a round trip needs. Synchronous: a
 * keypad login checks one PIN (about 20 ms) and the ACD's store port is
 * synchronous.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export const AGENT_PIN_PATTERN = '^[0-9]{4,12}$';
/** A stored hash as `hashAgentPin` writes it (what an export carries). */
export const AGENT_PIN_HASH_PATTERN = '^scrypt\\$[A-Za-z0-9+/]+=*\\$[A-Za-z0-9+/]+=*$';

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** The voicemail PIN cost (voicemail/pin-hash.ts). */
const COST = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export function hashAgentPin(pin: string, salt: Uint8Array = randomBytes(SALT_BYTES)): string {
  const key = scryptSync(pin, salt, KEY_BYTES, COST);
  return `scrypt$${Buffer.from(salt).toString('base64')}$${key.toString('base64')}`;
}

/** Whether `pin` matches `stored`; false for a malformed hash, never a throw. */
export function agentPinMatches(pin: string, stored: string): boolean {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const wanted = Buffer.from(key, 'base64');
  if (wanted.length !== KEY_BYTES) return false;
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), KEY_BYTES, COST);
  return timingSafeEqual(actual, wanted);
}

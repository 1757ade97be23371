/** Password hashing for people (web UI, API): argon2id through Bun.password. */
import { ValidationError } from '../errors.ts';

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(plain: string): Promise<string> {
  return Bun.password.hash(plain, { algorithm: 'argon2id' });
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return Bun.password.verify(plain, hash).catch(() => false);
}

export function isPasswordHash(value: string): boolean {
  return /^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.test(value);
}

/** Refuses passwords that are too weak to protect a box reachable on a LAN. */
export function checkPasswordStrength(plain: string, username: string, path = 'password'): void {
  if (plain.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError([{ path, message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }]);
  }
  if (plain.toLowerCase().includes(username.toLowerCase())) {
    throw new ValidationError([{ path, message: 'must not contain the username' }]);
  }
}

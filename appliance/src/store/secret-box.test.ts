import { describe, expect, test } from 'bun:test';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretBox, SecretBoxError } from './secret-box.ts';

describe('secret box', () => {
  test('round-trips text, with a fresh IV every time', () => {
    const box = SecretBox.fromKey(new Uint8Array(32).fill(7));
    const a = box.seal('pw-1001-xyz');
    const b = box.seal('pw-1001-xyz');
    expect(a).not.toBe(b);
    expect(a).not.toContain('pw-1001');
    expect(box.open(a)).toBe('pw-1001-xyz');
    expect(box.open(box.seal('密码 ✓'))).toBe('密码 ✓');
  });

  test('refuses a tampered or foreign secret', () => {
    const box = SecretBox.fromKey(new Uint8Array(32).fill(1));
    const other = SecretBox.fromKey(new Uint8Array(32).fill(2));
    const sealed = box.seal('secret');
    expect(() => other.open(sealed)).toThrow(SecretBoxError);
    // Flip a bit in the decoded bytes: editing a base64 character can touch only padding bits.
    const [prefix, iv, body] = sealed.split(':') as [string, string, string];
    const bytes = Buffer.from(body, 'base64');
    bytes[0] = (bytes[0] as number) ^ 1;
    const flipped = `${prefix}:${iv}:${bytes.toString('base64')}`;
    expect(() => box.open(flipped)).toThrow(SecretBoxError);
    expect(() => box.open('plain')).toThrow(SecretBoxError);
  });

  test('creates an owner-only key file once and reuses it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'box-')), 'secret.key');
    const sealed = SecretBox.fromKeyFile(path).seal('x');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(SecretBox.fromKeyFile(path).open(sealed)).toBe('x');
  });
});

import { randomBytes } from 'node:crypto';

/** A source of unpredictable octets, passed in so that tests can make it repeatable. */
export type RandomBytes = (size: number) => Uint8Array;

/** The operating system's CSPRNG; main.ts hands it to the digest server and client. */
export const systemRandomBytes: RandomBytes = (size) => randomBytes(size);

/**
 * The CSPRNG read 4 KiB at a time: nonces, cnonces and tags are wanted
 * thousands of times a second, and one system call each is the larger cost.
 */
export function pooledRandomBytes(poolSize = 4096): RandomBytes {
  let pool = randomBytes(poolSize);
  let offset = 0;
  return (size) => {
    if (size > poolSize) return randomBytes(size);
    if (offset + size > poolSize) {
      pool = randomBytes(poolSize);
      offset = 0;
    }
    const out = Uint8Array.prototype.slice.call(pool, offset, offset + size);
    offset += size;
    return out;
  };
}

const HEX = '0123456789abcdef';

/** Random lower-case hex of `bytes` octets (tags, branches) without a Buffer round trip. */
export function randomHex(random: RandomBytes, bytes: number): string {
  const octets = random(bytes);
  let out = '';
  for (let i = 0; i < octets.length; i++) {
    const b = octets[i] as number;
    out += HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  }
  return out;
}

import { randomBytes } from 'node:crypto';

/** A source of unpredictable octets, passed in so that tests can make it repeatable. */
export type RandomBytes = (size: number) => Uint8Array;

/** The operating system's CSPRNG; main.ts hands it to the digest server and client. */
export const systemRandomBytes: RandomBytes = (size) => randomBytes(size);

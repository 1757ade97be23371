/** 64 symbols, so each random byte maps to one without bias (6 bits each). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A secret of `bytes.length` characters from random bytes (pass crypto.getRandomValues output). */
export function secretFromBytes(bytes: Uint8Array): string {
  let secret = '';
  for (const byte of bytes) secret += ALPHABET[byte & 63];
  return secret;
}

/** A 16-character SIP password: 96 random bits. */
export function randomSecret(crypto: Crypto, length = 16): string {
  return secretFromBytes(crypto.getRandomValues(new Uint8Array(length)));
}

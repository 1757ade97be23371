/**
 * Digest algorithms (RFC 7616 §3.2, §6.1; RFC 8760 §2.2 for SIP). The name
 * picks the hash for H() and KD(); a `-sess` suffix folds the nonce and
 * cnonce into HA1 (RFC 7616 §3.4.2). An absent `algorithm` means MD5.
 */

export const DIGEST_ALGORITHMS = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', 'SHA-512-256', 'SHA-512-256-sess'] as const;

export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

/** An `algorithm` value we do not implement, as it was written. */
export interface UnknownAlgorithm {
  unknown: string;
}

/** node:crypto names. sha512-256 is FIPS 180-4 SHA-512/256 (OpenSSL/BoringSSL), not a truncated SHA-512. */
export type HashName = 'md5' | 'sha256' | 'sha512-256';

const BY_LOWER = new Map<string, DigestAlgorithm>(DIGEST_ALGORITHMS.map((a) => [a.toLowerCase(), a]));

/** Algorithm tokens compare case-insensitively; the canonical spelling is returned. */
export function parseAlgorithm(raw: string): DigestAlgorithm | UnknownAlgorithm {
  return BY_LOWER.get(raw.toLowerCase()) ?? { unknown: raw };
}

export function isKnownAlgorithm(value: DigestAlgorithm | UnknownAlgorithm | undefined): value is DigestAlgorithm {
  return typeof value === 'string';
}

export function algorithmText(value: DigestAlgorithm | UnknownAlgorithm): string {
  return typeof value === 'string' ? value : value.unknown;
}

export function isSessionAlgorithm(algorithm: DigestAlgorithm): boolean {
  return algorithm.endsWith('-sess');
}

export function hashName(algorithm: DigestAlgorithm): HashName {
  if (algorithm.startsWith('MD5')) return 'md5';
  if (algorithm.startsWith('SHA-256')) return 'sha256';
  return 'sha512-256';
}

/** Length of a response (lower-case hex) for the algorithm: 32 for MD5, 64 for the SHA-2 ones. */
export function responseHexLength(algorithm: DigestAlgorithm): number {
  return hashName(algorithm) === 'md5' ? 32 : 64;
}

import { AppError } from '../../errors.ts';

/**
 * Why a Digest challenge or credentials header value was refused.
 * `syntax`: not auth-param grammar (RFC 3261 §25.1 / RFC 7235 §2.1);
 * `not-digest`: another scheme (Basic is forbidden in SIP, RFC 3261 §22.1);
 * `duplicate`: a parameter given twice; `missing`: a required one absent;
 * `bad-value`: a value of the wrong shape (nc, response, qop, userhash);
 * `unsupported`: well-formed but not implemented (`username*`).
 */
export type DigestParseFailure = 'syntax' | 'not-digest' | 'duplicate' | 'missing' | 'bad-value' | 'unsupported';

export class DigestParseError extends AppError {
  constructor(
    readonly failure: DigestParseFailure,
    readonly detail: string,
    /** The parameter concerned (a token, never a value from the wire), or null. */
    readonly param: string | null = null,
  ) {
    super('sip_digest_parse', detail);
  }
}

export type DigestParseResult<T> = { ok: true; value: T } | { ok: false; error: DigestParseError };

export function parseFailure<T>(failure: DigestParseFailure, detail: string, param: string | null = null): DigestParseResult<T> {
  return { ok: false, error: new DigestParseError(failure, detail, param) };
}

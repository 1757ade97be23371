import { AppError } from '../../errors.ts';

/**
 * Why bytes from the wire are not an acceptable SIP message, and the status
 * to answer a request with (400, or 505 for an unknown SIP version).
 */
export class SipParseError extends AppError {
  constructor(
    readonly detail: string,
    readonly status: 400 | 505 | 513 = 400,
  ) {
    super('sip_parse', detail);
  }
}

import { AppError } from '../../errors.ts';

/**
 * Why a SIP INFO body carries no key press we understand. The signalling
 * layer answers `unsupported_type` with 415 and `malformed` with 400.
 */
export type SipInfoDtmfReason = 'unsupported_type' | 'malformed';

export class SipInfoDtmfError extends AppError {
  constructor(
    readonly reason: SipInfoDtmfReason,
    detail: string,
  ) {
    super('sip_info_dtmf', `SIP INFO DTMF ${reason === 'unsupported_type' ? 'content type' : 'body'}: ${detail}`);
  }

  get status(): 415 | 400 {
    return this.reason === 'unsupported_type' ? 415 : 400;
  }
}

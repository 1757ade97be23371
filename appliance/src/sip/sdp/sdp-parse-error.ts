import { AppError } from '../../errors.ts';

/**
 * Why a body is not an acceptable session description. `line` is 1-based
 * (0 when the problem is the description as a whole), `text` the offending
 * line (shortened), so logs show exactly what the peer sent.
 */
export class SdpParseError extends AppError {
  constructor(
    readonly line: number,
    readonly text: string,
    readonly reason: string,
  ) {
    super('sdp_parse', line > 0 ? `SDP line ${line} "${text}": ${reason}` : `SDP: ${reason}`);
  }
}

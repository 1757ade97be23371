import { AppError } from '../../errors.ts';

/**
 * Why octets received on an RTCP port are not a valid compound packet.
 * `offset` is where, within the datagram, the offending packet starts.
 */
export class RtcpParseError extends AppError {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super('rtcp_parse', `RTCP at octet ${offset}: ${reason}`);
  }
}

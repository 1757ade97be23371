/** DTMF: RFC 4733 telephone events sent and received, and key presses carried in SIP INFO bodies. */
export { type DtmfPacket, type DtmfPacketOptions, dtmfPackets } from './dtmf-packets.ts';
export { type DtmfPress, DtmfReceiver, type DtmfReceiverOptions } from './dtmf-receiver.ts';
export { DEFAULT_INFO_DURATION_MS, parseSipInfoDtmf, type SipInfoDtmf, type SipInfoDtmfResult } from './sip-info-dtmf.ts';
export { SipInfoDtmfError, type SipInfoDtmfReason } from './sip-info-dtmf-error.ts';
export {
  DTMF_CHARS,
  type DtmfChar,
  type DtmfSymbol,
  eventCode,
  eventSymbol,
  FLASH_EVENT,
  isDtmfChar,
  readTelephoneEvent,
  TELEPHONE_EVENT_SIZE,
  type TelephoneEvent,
  writeTelephoneEvent,
} from './telephone-event.ts';

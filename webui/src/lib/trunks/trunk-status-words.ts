import type { Message, MessageKey } from '../../i18n/catalogue';
import type { TrunkRegistration, TrunkStatus } from '../api/types';

const REGISTRATION: Readonly<Record<TrunkRegistration, MessageKey>> = {
  unregistered: 'trunkStatus.unregistered',
  registering: 'trunkStatus.registering',
  registered: 'trunkStatus.registered',
  failed: 'trunkStatus.failed',
};

/** Reasons the server names; a reason it adds later is shown as it sent it. */
const ERRORS: Readonly<Record<string, MessageKey>> = {
  timeout: 'trunkError.timeout',
  forbidden: 'trunkError.forbidden',
  credentials_rejected: 'trunkError.credentials_rejected',
  unresolved_host: 'trunkError.unresolved_host',
  no_username: 'trunkError.no_username',
  transport_error: 'trunkError.transport_error',
  unanswerable_challenge: 'trunkError.unanswerable_challenge',
  interval_too_brief: 'trunkError.interval_too_brief',
  no_binding: 'trunkError.no_binding',
};

export type Tone = 'ok' | 'bad' | 'neutral';

/** The registration badge: a trunk that does not register says so rather than "unregistered". */
export function registrationWords(status: TrunkStatus): { message: Message; tone: Tone } {
  if (!status.enabled) return { message: { key: 'trunkStatus.stopped' }, tone: 'neutral' };
  if (!status.register) return { message: { key: 'trunkStatus.noRegister' }, tone: 'neutral' };
  const tone: Tone = status.registration === 'registered' ? 'ok' : status.registration === 'failed' ? 'bad' : 'neutral';
  return { message: { key: REGISTRATION[status.registration] }, tone };
}

/** Reachable by OPTIONS, with the round trip when known. */
export function reachabilityWords(status: TrunkStatus): { message: Message; tone: Tone } {
  if (status.reachable === null) return { message: { key: 'trunkStatus.reachUnknown' }, tone: 'neutral' };
  if (!status.reachable) return { message: { key: 'trunkStatus.unreachable' }, tone: 'bad' };
  if (status.latency_ms === null) return { message: { key: 'trunkStatus.reachable' }, tone: 'ok' };
  return { message: { key: 'trunkStatus.reachableIn', params: { ms: status.latency_ms } }, tone: 'ok' };
}

/** "3 / 30", or "3 / no limit". */
export function channelWords(status: TrunkStatus): Message {
  return status.max_channels === null
    ? { key: 'trunkStatus.channelsUnlimited', params: { used: status.channels_in_use } }
    : { key: 'trunkStatus.channels', params: { used: status.channels_in_use, max: status.max_channels } };
}

export function trunkErrorWords(reason: string | null): Message | null {
  if (reason === null || reason === '') return null;
  const key = ERRORS[reason];
  if (key) return { key };
  // Other SIP answers come as e.g. "status_503"; the status code says enough.
  const sip = /^status_(\d{3})$/.exec(reason);
  return sip ? { key: 'trunkError.sipStatus', params: { status: Number(sip[1]) } } : { text: reason };
}

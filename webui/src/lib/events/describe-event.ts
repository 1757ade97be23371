import type { BusEvent, EventName } from '../../../../appliance/src/events/event-map';
import type { Message, MessageKey, MessageParam } from '../../i18n/catalogue';
import { dispositionWords, hangupCause } from '../calls/call-words';
import { banReason } from '../sip-security/ban-reason';
import { trunkErrorWords } from '../trunks/trunk-status-words';

/** Each event name with its own data type, so a switch on `name` narrows `data`. */
export type AnyBusEvent = { [N in EventName]: BusEvent<N> }[EventName];

type UnregisterReason = BusEvent<'extension.unregistered'>['data']['reason'];

const UNREGISTERED: Readonly<Record<UnregisterReason, MessageKey>> = {
  removed: 'event.extensionUnregistered',
  expired: 'event.extensionRegistrationExpired',
  admin: 'event.extensionRegistrationCleared',
};

/** Reads one WebSocket frame; anything that is not a bus event is dropped. */
export function parseBusEvent(frame: string): AnyBusEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { seq, name, at, data } = value as Record<string, unknown>;
  const ok = typeof seq === 'number' && typeof name === 'string' && typeof at === 'string';
  return ok && typeof data === 'object' && data !== null ? (value as AnyBusEvent) : null;
}

/** One line of the live event log, in the current language. */
export function describeEvent(event: AnyBusEvent): Message {
  switch (event.name) {
    case 'config.changed': {
      const { entity, action, label, actor } = event.data;
      const params = { entity: { key: `entity.${entity}` as const }, action: { key: `action.${action}` as const }, label, actor: actor ?? '' };
      return { key: actor ? 'event.configChangedBy' : 'event.configChanged', params };
    }
    case 'audit.recorded':
      return { key: 'event.auditRecorded', params: { action: event.data.action, target: event.data.target ?? '' } };
    case 'provisioning.applied':
      return { key: 'event.provisioningApplied', params: { ...event.data } };
    case 'extension.registered':
      return {
        key: 'event.extensionRegistered',
        params: { extension: event.data.extension, source: event.data.source, transport: event.data.transport.toUpperCase() },
      };
    case 'extension.unregistered': {
      const { extension, contact, reason } = event.data;
      return { key: UNREGISTERED[reason] ?? 'event.extensionUnregistered', params: { extension, contact } };
    }
    case 'sip.source_banned':
      return { key: 'event.sipSourceBanned', params: { address: event.data.address, reason: asParam(banReason(event.data.reason)) } };
    case 'sip.ban_lifted':
      return { key: 'event.sipBanLifted', params: { address: event.data.address } };
    case 'call.started':
    case 'call.ringing':
    case 'call.answered':
    case 'call.hold':
    case 'call.transferred':
    case 'call.dtmf':
    case 'call.ended':
      return describeCallEvent(event);
    case 'trunk.status':
      return describeTrunkStatus(event.data);
    case 'voicemail.message': {
      const { mailbox, caller, caller_name, duration_ms } = event.data;
      const who = caller === '' ? (caller_name ?? '') : caller_name ? `${caller} (${caller_name})` : caller;
      return { key: 'event.voicemailMessage', params: { caller: who, mailbox, seconds: Math.round(duration_ms / 1000) } };
    }
    case 'voicemail.mailbox':
      return { key: 'event.voicemailMailbox', params: { mailbox: event.data.mailbox, new: event.data.new, saved: event.data.saved } };
    case 'system.alarm':
      return {
        key: 'event.systemAlarm',
        params: { severity: { key: `severity.${event.data.severity}` as const }, message: event.data.message },
      };
    default:
      return { text: (event as { name: string }).name };
  }
}

function describeTrunkStatus(data: BusEvent<'trunk.status'>['data']): Message {
  const registration = { key: `trunkStatus.${data.registration}` } as const;
  const reach = { key: data.reachable === null ? 'trunkStatus.reachUnknown' : data.reachable ? 'trunkStatus.reachable' : 'trunkStatus.unreachable' } as const;
  const reason = trunkErrorWords(data.reason);
  const params = { trunk: data.trunk, registration, reach };
  return reason ? { key: 'event.trunkStatusReason', params: { ...params, reason: asParam(reason) } } : { key: 'event.trunkStatus', params };
}

type CallEvent = Extract<AnyBusEvent, { name: `call.${string}` }>;

function describeCallEvent(event: CallEvent): Message {
  switch (event.name) {
    case 'call.started':
      return { key: 'event.callStarted', params: { from: event.data.from, to: event.data.to } };
    case 'call.ringing':
      return { key: 'event.callRinging', params: { extension: event.data.extension } };
    case 'call.answered':
      return { key: 'event.callAnswered', params: { agent: event.data.agent, from: event.data.from } };
    case 'call.hold':
      return { key: event.data.held ? 'event.callHeld' : 'event.callResumed', params: { extension: event.data.extension } };
    case 'call.transferred': {
      const kind = { key: event.data.kind === 'attended' ? 'transfer.attended' : 'transfer.blind' } as const;
      return { key: 'event.callTransferred', params: { by: event.data.by, to: event.data.to, kind } };
    }
    case 'call.dtmf':
      return { key: 'event.callDtmf', params: { extension: event.data.extension, digit: event.data.digit } };
    case 'call.ended': {
      const disposition = asParam(dispositionWords(event.data.disposition));
      return { key: 'event.callEnded', params: { disposition, cause: asParam(hangupCause(event.data.cause)) } };
    }
  }
}

/** A message used as a placeholder: text goes in as it is, a key is translated with its own params. */
function asParam(message: Message): MessageParam {
  return 'text' in message ? message.text : message;
}

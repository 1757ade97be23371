import type { Message, MessageKey } from '../../i18n/catalogue';
import { DESTINATION_KINDS, type Destination, type DestinationKind } from '../api/routing-types';

/**
 * A destination as a form edits it: the kind from a select and the target
 * as typed. The server's one-key object (`{ "queue": "6001" }`) is built
 * only on submit, so switching the kind never loses what was typed.
 */
export interface DestinationParts {
  kind: DestinationKind;
  target: string;
}

/** The server's rule for each kind's target; hang-up has none. */
const TARGET_PATTERNS: Readonly<Record<Exclude<DestinationKind, 'hangup'>, RegExp>> = {
  extension: /^[0-9]{2,8}$/,
  queue: /^[0-9]{2,8}$/,
  voicemail: /^[0-9]{2,8}$/,
  ivr: /^[A-Za-z0-9_-]{1,64}$/,
  external: /^\+?[0-9]{3,20}$/,
};

const TARGET_ERRORS: Readonly<Record<Exclude<DestinationKind, 'hangup'>, MessageKey>> = {
  extension: 'destination.errExtension',
  queue: 'destination.errQueue',
  voicemail: 'destination.errVoicemail',
  ivr: 'destination.errIvr',
  external: 'destination.errExternal',
};

export const KIND_LABELS: Readonly<Record<DestinationKind, MessageKey>> = {
  extension: 'destination.extension',
  queue: 'destination.queue',
  ivr: 'destination.ivr',
  voicemail: 'destination.voicemail',
  hangup: 'destination.hangup',
  external: 'destination.external',
};

/** What the target box asks for, per kind. */
export const TARGET_LABELS: Readonly<Record<Exclude<DestinationKind, 'hangup'>, MessageKey>> = {
  extension: 'destination.targetExtension',
  queue: 'destination.targetQueue',
  ivr: 'destination.targetIvr',
  voicemail: 'destination.targetVoicemail',
  external: 'destination.targetExternal',
};

export function emptyDestination(kind: DestinationKind = 'extension'): DestinationParts {
  return { kind, target: '' };
}

/** The parts of a stored destination; an object naming no known kind becomes "hang up". */
export function destinationParts(destination: Destination): DestinationParts {
  const kind = DESTINATION_KINDS.find((k) => destination[k] !== undefined);
  if (kind === undefined || kind === 'hangup') return { kind: 'hangup', target: '' };
  return { kind, target: String(destination[kind]) };
}

/** The one-key object the server takes. */
export function destinationOf(parts: DestinationParts): Destination {
  if (parts.kind === 'hangup') return { hangup: true };
  return { [parts.kind]: parts.target.trim() };
}

/** Why the target does not fit its kind, or null when it does. */
export function destinationError(parts: DestinationParts): { key: MessageKey } | null {
  if (parts.kind === 'hangup') return null;
  const target = parts.target.trim();
  if (target === '') return { key: 'destination.errTarget' };
  return TARGET_PATTERNS[parts.kind].test(target) ? null : { key: TARGET_ERRORS[parts.kind] };
}

/** "队列 6001", "挂断": a destination in a list or a sentence. */
export function describeDestination(destination: Destination): Message {
  const parts = destinationParts(destination);
  if (parts.kind === 'hangup') return { key: 'destination.hangup' };
  return { key: 'destination.line', params: { kind: { key: KIND_LABELS[parts.kind] }, target: parts.target } };
}

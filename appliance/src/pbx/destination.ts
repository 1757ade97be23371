/**
 * Where a call goes next: the target of an inbound route or an IVR option.
 * Stored and exchanged as a one-key object such as `{ "queue": "6001" }`;
 * targets are named by their natural key so provisioning files stay readable.
 */
import { type Static, Type as T } from '@sinclair/typebox';
import type { FieldIssue } from '../errors.ts';

export const DESTINATION_KINDS = ['extension', 'queue', 'ivr', 'voicemail', 'hangup', 'external'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const Destination = T.Object(
  {
    extension: T.Optional(T.String({ pattern: '^[0-9]{2,8}$' })),
    queue: T.Optional(T.String({ pattern: '^[0-9]{2,8}$' })),
    ivr: T.Optional(T.String({ minLength: 1, maxLength: 64 })),
    voicemail: T.Optional(T.String({ pattern: '^[0-9]{2,8}$' })),
    hangup: T.Optional(T.Literal(true)),
    external: T.Optional(T.String({ pattern: '^\\+?[0-9]{3,20}$' })),
  },
  { additionalProperties: false, description: 'exactly one of extension, queue, ivr, voicemail, hangup, external' },
);
export type Destination = Static<typeof Destination>;

/** The kind of a destination that passed the schema, or an issue when it names none or several. */
export function destinationKind(value: Destination, path: string): DestinationKind | FieldIssue {
  const kinds = DESTINATION_KINDS.filter((k) => value[k] !== undefined);
  if (kinds.length === 1) return kinds[0] as DestinationKind;
  return { path, message: `needs exactly one of ${DESTINATION_KINDS.join(', ')} (found ${kinds.length})` };
}

/** Lookups that say whether a named target exists. */
export interface DestinationTargets {
  extension(number: string): boolean;
  queue(number: string): boolean;
  ivr(name: string): boolean;
}

/** Checks that a destination names one target and that the target exists. */
export function checkDestination(value: Destination, path: string, targets: DestinationTargets): FieldIssue[] {
  const kind = destinationKind(value, path);
  if (typeof kind !== 'string') return [kind];
  const target = String(value[kind]);
  const exists: Record<DestinationKind, () => boolean> = {
    extension: () => targets.extension(target),
    voicemail: () => targets.extension(target),
    queue: () => targets.queue(target),
    ivr: () => targets.ivr(target),
    hangup: () => true,
    external: () => true,
  };
  return exists[kind]() ? [] : [{ path: `${path}.${kind}`, message: `no ${kind === 'voicemail' ? 'extension' : kind} ${target}` }];
}

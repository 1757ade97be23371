/**
 * What the call layer asks of the routing, trunk, IVR and voicemail
 * domains, as narrow interfaces: the live call path depends on decisions,
 * not on how rules are stored. serve.ts adapts the real services to them;
 * a box without trunks or routes simply has none of them.
 */
import type { Endpoint } from '../../sip/index.ts';
import type { Destination } from '../destination.ts';
import type { CallerPort } from './caller-port.ts';

/** One trunk as an outbound call needs it. */
export interface TrunkLine {
  name: string;
  /** Where the INVITE goes (host resolved). */
  target: Endpoint;
  /** host[:port] for the Request-URI and To. */
  domain: string;
  /** The From header value (without tag) for a call from `caller`: the trunk's caller-ID presentation. */
  fromHeader(caller: string): string;
  auth: { username: string; password: string } | null;
  /** Codec names the carrier takes, most preferred first (PCMA, PCMU, telephone-event, …). */
  codecs: readonly string[];
}

export interface TrunkAccess {
  line(name: string): TrunkLine | null;
  /** The trunk a request came from, by its source address (peer trunks are trusted by address). */
  bySource(source: Endpoint): string | null;
  /** Takes a channel of the trunk; false when all max_channels are in use. */
  acquire(name: string): boolean;
  release(name: string): void;
}

export type OutboundDecision =
  | { ok: true; number: string; trunks: string[] }
  | { ok: false; status: 403 | 404; reason: string };

export type InboundDecision =
  | { kind: 'blocked'; action: 'reject' | 'hangup' | 'play'; prompt: string | null }
  | { kind: 'route'; destinations: Destination[]; announceRecording: boolean }
  | { kind: 'none' };

export interface CallRouting {
  /**
   * A number dialled out: by an extension (its permission class applies), or
   * null for a destination an administrator configured (a route, an IVR).
   */
  outbound(dialled: string, callerExtension: string | null): OutboundDecision;
  /** A call from a trunk to `did`. */
  inbound(did: string, caller: string): InboundDecision;
}

export type IvrOutcome = { kind: 'destination'; destination: Destination } | { kind: 'hangup' } | { kind: 'caller-gone' };

export interface IvrLauncher {
  /** Runs the named IVR for an answered caller; null when no such IVR. */
  run(name: string, port: CallerPort): Promise<IvrOutcome | null>;
}

export interface VoicemailDesk {
  /** Whether unanswered calls to this extension go to its mailbox (busy, no answer, not registered). */
  takesUnanswered(extension: string): boolean;
  /** The caller leaves a message in `mailbox` (an extension number); false when there is no such mailbox. */
  leave(port: CallerPort, mailbox: string): Promise<boolean>;
  /** Message retrieval: the caller's own mailbox, or asks which one when null. */
  retrieve(port: CallerPort, mailbox: string | null): Promise<void>;
}

/** Prompts the call layer itself plays (recording announcement, blocked caller). */
export interface CallPrompts {
  /** WAV files for a prompt text, or [] when they cannot be rendered. */
  files(text: { zh: string; en: string }): Promise<string[]>;
}

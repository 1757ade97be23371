/**
 * The call-control surface of the media engine, as plain data so that it
 * crosses a Worker boundary unchanged. `pbx` turns SDP into these calls; the
 * engine knows nothing of SIP or SDP.
 */
export type AudioCodec = 'PCMU' | 'PCMA';
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface RemoteAddress {
  address: string;
  port: number;
}

/** What was negotiated for one leg, from the box's point of view. */
export interface StreamConfig {
  /** Where to send; latching to the first source seen overrides it (symmetric RTP). */
  remote: RemoteAddress | null;
  codec: AudioCodec;
  payloadType: number;
  /** RFC 4733 payload type on this leg, or null when the remote does not do it. */
  telephoneEvent: number | null;
  /** Box's direction: `sendonly` = box sends but the remote will not (the remote put the box on hold). */
  direction: MediaDirection;
}

export type TonePlanName = 'cn' | 'us' | 'itu';
export type ToneName = 'dial' | 'ringback' | 'busy' | 'congestion' | 'callWaiting' | 'confirm' | 'beep';

export type PlaySource =
  | { kind: 'tone'; plan: TonePlanName; tone: ToneName }
  /** A WAV file (8/16 kHz PCM, A-law, µ-law); loops for music on hold. */
  | { kind: 'file'; path: string; loop: boolean }
  | { kind: 'silence' };

export interface EndpointInfo {
  id: number;
  /** Local RTP port (RTCP is the port above). */
  port: number;
  address: string;
}

export interface RecordingRequest {
  path: string;
  /** The left channel: the caller. */
  left: number;
  /** The right channel: the callee. */
  right: number;
}

export interface CaptureRequest {
  /** The endpoint whose received audio is recorded (mono). */
  endpoint: number;
  path: string;
  maxMs: number;
  /** Ends the capture after this much silence once something was said; 0: never. */
  silenceMs: number;
}

/** Why a capture ended on its own; `stopped` when stopCapture ended it, `gone` when its endpoint was destroyed. */
export type CaptureEnd = 'max' | 'silence' | 'stopped' | 'gone';

export interface RecordingResult {
  bytes: number;
  durationMs: number;
  /** Audio the media thread was too busy to capture, recorded as silence instead. */
  gapMs: number;
}

export interface EndpointStats {
  received: number;
  sent: number;
  /** Packets from sources other than the latched one, or while no stream was configured. */
  rejected: number;
  lastReceivedAt: number | null;
}

export type MediaEvent =
  | { type: 'dtmf'; endpoint: number; digit: string; durationMs: number }
  | { type: 'playback-finished'; endpoint: number; playback: number }
  | { type: 'latched'; endpoint: number; address: string; port: number }
  | { type: 'recording-failed'; recording: number; reason: string }
  | { type: 'capture-ended'; capture: number; endpoint: number; end: CaptureEnd; result: RecordingResult | null };

export interface MediaEngineStats {
  endpoints: number;
  bridges: number;
  recordings: number;
  portsInUse: number;
  portsFree: number;
  packetsIn: number;
  packetsOut: number;
  /** Packets on a port with no call, or from a source not latched. */
  packetsRejected: number;
  ticksSkipped: number;
}

/**
 * What calls, IVR, queues and the dialer ask of media. Endpoints are legs'
 * RTP sessions; a bridge joins two; a conference mixes several; a playback
 * feeds one endpoint from a source; a recording taps two endpoints into a
 * stereo WAV. Every id is the engine's.
 */
export interface MediaControl {
  createEndpoint(): Promise<EndpointInfo>;
  configure(endpoint: number, config: StreamConfig): Promise<void>;
  /** Joins two endpoints: each one's audio and RFC 4733 events go to the other. */
  bridge(a: number, b: number): Promise<void>;
  /** Leaves whatever bridge, conference or playback feeds the endpoint; it then sends nothing. */
  unbridge(endpoint: number): Promise<void>;
  play(endpoint: number, source: PlaySource): Promise<number>;
  stopPlayback(endpoint: number): Promise<void>;
  /**
   * Mixes the endpoints: each hears all the others, or — with `hears` — member i hears exactly the members
   * listed in hears[i] (indices into endpoints; never itself): supervisor listen, whisper. A member leaving
   * (unbridge, destroy) leaves the others hearing whom they heard; under two members the mix ends.
   * Rejects with MediaEngineError `bad_hearing` when `hears` is not one list of distinct member indices per member.
   */
  conference(endpoints: number[], hears?: number[][]): Promise<void>;
  sendDtmf(endpoint: number, digits: string): Promise<void>;
  startRecording(request: RecordingRequest): Promise<number>;
  stopRecording(recording: number): Promise<RecordingResult | null>;
  /** A party left and another took its place (a transfer): the channel that recorded `from` now records `to`. */
  moveRecording(recording: number, from: number, to: number): Promise<void>;
  /** Records what one endpoint receives to a mono WAV until max/silence (a capture-ended event) or stopCapture. */
  startCapture(request: CaptureRequest): Promise<number>;
  /** Ends a capture (a key, a hang-up); null when it had already ended. */
  stopCapture(capture: number): Promise<RecordingResult | null>;
  /** Turns detection of DTMF tones in the endpoint's received audio on or off (dtmf events like RFC 4733's). */
  detectInbandDtmf(endpoint: number, on: boolean): Promise<void>;
  stats(endpoint: number): Promise<EndpointStats | null>;
  destroy(endpoint: number): Promise<void>;
  engineStats(): Promise<MediaEngineStats>;
  onEvent(listener: (event: MediaEvent) => void): void;
  close(): Promise<void>;
}

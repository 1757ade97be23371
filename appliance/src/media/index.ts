/**
 * The media engine and its parts: RTP, G.711, DTMF, jitter buffering, WAV,
 * tones, mixing and the 20 ms clock. Knows nothing of SIP or SDP; `pbx`
 * drives it through `MediaControl`.
 */
export type {
  AudioCodec,
  CaptureEnd,
  CaptureRequest,
  EndpointInfo,
  EndpointStats,
  MediaControl,
  MediaDirection,
  MediaEngineStats,
  MediaEvent,
  PlaySource,
  RecordingRequest,
  RecordingResult,
  RemoteAddress,
  StreamConfig,
  ToneName,
  TonePlanName,
} from './engine/media-types.ts';
export { MediaEngine, type MediaEngineOptions } from './engine/media-engine.ts';
export type { InbandDtmfDetector } from './engine/endpoint-listeners.ts';
export { MediaEngineError } from './engine/media-engine-error.ts';
export { bindUdpMediaSocket } from './engine/media-socket.ts';
export { RtpPortPool } from './engine/rtp-port-pool.ts';
export { WorkerMediaControl } from './engine/worker-media-control.ts';
export { parseSipInfoDtmf } from './dtmf/index.ts';
export { buildWavHeader, parseWavFormat, readWavFile, repairWav, WavRecorder, writeDefaultMusic } from './audio/index.ts';

/** Playout buffering of received RTP audio: reordering, loss and adaptive delay. */
export { JitterBuffer, type JitterBufferOptions, type JitterBufferStats, type JitterPushOutcome } from './jitter-buffer.ts';

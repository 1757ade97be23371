/**
 * Entry point of the media Worker: the engine on its own thread, so the
 * per-packet relay and the 20 ms clock never wait behind SIP parsing,
 * database writes or HTTP, and use the second core.
 */
import { InbandDtmfDetector, openSpandsp } from '../../dsp/index.ts';
import { systemClock, systemScheduler } from '../../system/index.ts';
import { MediaEngine } from './media-engine.ts';
import { bindUdpMediaSocket } from './media-socket.ts';
import { type FromWorker, type ToWorker, WORKER_METHODS } from './media-worker-protocol.ts';
import { RtpPortPool } from './rtp-port-pool.ts';
import { workerLogger } from './worker-logger.ts';

declare const self: Worker;

const post = (message: FromWorker) => self.postMessage(message);
let engine: MediaEngine | null = null;
const methods = new Set<string>(WORKER_METHODS);

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.kind === 'setup') {
    const { setup } = message;
    const logger = workerLogger(post, setup.logLevel);
    // spandsp finds keys sent as tones; without the library the box still takes RFC 4733 and SIP INFO.
    let inbandDetector: (() => InbandDtmfDetector) | undefined;
    try {
      const spandsp = openSpandsp();
      inbandDetector = () => new InbandDtmfDetector(spandsp);
    } catch (error) {
      logger.warn('in-band DTMF detection unavailable', { error });
    }
    engine = new MediaEngine({
      address: setup.address,
      advertise: setup.advertise,
      ports: new RtpPortPool(setup.ports),
      bind: bindUdpMediaSocket,
      clock: systemClock,
      scheduler: systemScheduler,
      logger,
      ...(inbandDetector ? { inbandDetector } : {}),
      random: () => Math.floor(Math.random() * 0x1_0000_0000),
      soundsDir: setup.soundsDir,
    });
    engine.onEvent((e) => post({ kind: 'event', event: e }));
    post({ kind: 'ready' });
    return;
  }
  if (engine === null || !methods.has(message.method)) {
    post({ kind: 'error', id: message.id, code: 'media_not_ready', message: `media engine cannot ${message.method} now` });
    return;
  }
  try {
    const fn = (engine as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[message.method] as (...a: unknown[]) => Promise<unknown>;
    const value = await fn.apply(engine, message.args);
    post({ kind: 'result', id: message.id, value });
  } catch (error) {
    const e = error as { code?: string; message?: string };
    post({ kind: 'error', id: message.id, code: e.code ?? 'media_error', message: e.message ?? String(error) });
  }
};

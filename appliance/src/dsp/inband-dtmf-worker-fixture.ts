/**
 * Worker entry for inband-dtmf-worker.test.ts: opens spandsp on the Worker's
 * own thread, as the media Worker does, detects keys in the audio it is sent
 * (20 ms frames) and posts them back.
 */
import { InbandDtmfDetector } from './inband-dtmf-detector.ts';
import { openSpandsp } from './spandsp-library.ts';

declare const self: Worker;

self.onmessage = (event: MessageEvent<Int16Array>) => {
  const spandsp = openSpandsp();
  const detector = new InbandDtmfDetector(spandsp);
  let keys = '';
  for (let at = 0; at < event.data.length; at += 160) keys += detector.push(event.data.subarray(at, at + 160));
  detector.close();
  spandsp.close();
  self.postMessage(keys);
};

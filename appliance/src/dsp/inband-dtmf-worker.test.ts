import { expect, test } from 'bun:test';
import { generateDtmf } from './dtmf-tone-generator.ts';
import { openSpandsp } from './spandsp-library.ts';

test('detects keys inside a Bun Worker, as the media engine runs it', async () => {
  const spandsp = openSpandsp();
  const tones = generateDtmf(spandsp, '4008001234#', { toneMs: 60, gapMs: 60 });
  spandsp.close();
  const worker = new Worker(new URL('./inband-dtmf-worker-fixture.ts', import.meta.url).href);
  try {
    const keys = new Promise<string>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<string>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message));
    });
    worker.postMessage(tones);
    expect(await keys).toBe('4008001234#');
  } finally {
    worker.terminate();
  }
});

/**
 * What a caller hears from the IVR: baresip, as the carrier's caller, dials
 * the business number and records what comes back. The greeting must be
 * speech (energy well above the line's silence), of about the length
 * espeak-ng gives the same text, and arrive within a second or two.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BaresipPhone, baresipAvailable, startBaresip } from '../support/baresip.ts';
import { ApiClient, type ApplianceProcess, startAppliance } from '../support/appliance-process.ts';
import { readWavChannels } from '../support/call-fixture.ts';
import { THREE_PHONES_YAML } from '../support/three-phones.ts';

const DID = '4008001234';
const GREETING = '您好，欢迎致电水站。订水请按1，查询请按2。';
const FRAME = 160;

let caller: BaresipPhone;
let box: ApplianceProcess;
let recordDir: string;

/** Length of espeak-ng's own rendering of the text, seconds: the reference for what the caller should hear. */
async function espeakSeconds(text: string): Promise<number> {
  const child = Bun.spawn(['espeak-ng', '-v', 'cmn-latn-pinyin', '--stdout', text], { stdout: 'pipe', stderr: 'ignore' });
  const wav = new Uint8Array(await new Response(child.stdout).arrayBuffer());
  const { sampleRate, channels } = readWavChannels(wav);
  return (channels[0] as Int16Array).length / sampleRate;
}

/** Per 20 ms frame of 8 kHz audio: its RMS. */
function frameRms(samples: Int16Array): number[] {
  const out: number[] = [];
  for (let at = 0; at + FRAME <= samples.length; at += FRAME) {
    let sum = 0;
    for (let i = at; i < at + FRAME; i++) sum += (samples[i] as number) ** 2;
    out.push(Math.sqrt(sum / FRAME));
  }
  return out;
}

describe.skipIf(!baresipAvailable() || Bun.which('espeak-ng') === null)('IVR greeting heard by a caller', () => {
  beforeAll(async () => {
    recordDir = mkdtempSync(join(tmpdir(), 'ivr-greeting-'));
    caller = await startBaresip({ extension: '13800000001', register: false, recordDir });
    const provision = `${THREE_PHONES_YAML}
trunks:
  - { name: carrier, type: sip, host: 127.0.0.1, port: ${caller.sipPort}, options_interval_s: 0 }
ivrs:
  - { name: main, greeting: { tts: "${GREETING}" }, options: { "1": { extension: "1002" } }, timeout: 20 }
inbound_routes:
  - { did: "${DID}", destination: { ivr: main } }
`;
    box = await startAppliance({ provision, env: { RTP_PORTS: '35000-35099', LOG_LEVEL: 'info' } });
    const api = new ApiClient(box.httpUrl);
    await api.login('admin', 'Adm1n-pass!');
  }, 60_000);

  afterAll(async () => {
    await caller?.stop();
    await box?.stop();
    box?.cleanup();
    rmSync(recordDir, { recursive: true, force: true });
  });

  test('the greeting is speech of the expected length', async () => {
    const expected = await espeakSeconds(GREETING);
    const since = caller.mark();
    await caller.dial(`sip:${DID}@127.0.0.1:${box.sipPort}`);
    await caller.waitForEvent('CALL_ESTABLISHED', { since, timeoutMs: 10_000 });
    await Bun.sleep((expected + 3) * 1000);
    await caller.hangup();
    const heard = readWavChannels(readFileSync(await caller.heardRecording(10_000)));
    expect(heard.sampleRate).toBe(8000);
    const rms = frameRms(heard.channels[0] as Int16Array);
    const loud = rms.map((r, i) => (r > 300 ? i : -1)).filter((i) => i >= 0);
    expect(loud.length).toBeGreaterThan(10);
    const first = loud[0] as number;
    const last = loud[loud.length - 1] as number;
    const spokenSeconds = ((last - first + 1) * FRAME) / 8000;
    // Speech starts soon after the answer and lasts about as long as espeak-ng's rendering (8 kHz resampling keeps the length).
    expect(first * 0.02).toBeLessThan(2.5);
    expect(spokenSeconds).toBeGreaterThan(expected * 0.75);
    expect(spokenSeconds).toBeLessThan(expected * 1.25);
    // Speech, not a tone: the loud part has pauses and varying level.
    const levels = loud.map((i) => rms[i] as number);
    const mean = levels.reduce((a, b) => a + b, 0) / levels.length;
    const spread = Math.sqrt(levels.reduce((a, b) => a + (b - mean) ** 2, 0) / levels.length);
    expect(spread / mean).toBeGreaterThan(0.2);
  }, 60_000);
});

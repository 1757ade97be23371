/**
 * What a crash or power cut may not take (DEVELOPERS.md: "a crash loses no
 * finished call's record or recording"):
 *  - a call whose BYE was answered has its CDR on disk: the box commits the
 *    record before it sends the 200, so kill -9 right after the caller saw
 *    the 200s loses none;
 *  - a call recorded when the box dies leaves a WAV whose header the next
 *    start corrects, and its metadata row is marked recovered with the
 *    duration the file really holds.
 * Peers are SIPp (caller 1001 with digest, callee 1002 playing G.711 audio).
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { ApiClient, type ApplianceProcess, startAppliance } from '../support/appliance-process.ts';
import { type CallFixture, type Cdr, readWavChannels, SECRETS, startCallFixture } from '../support/call-fixture.ts';
import { runSippUac, sippAvailable } from '../support/sipp.ts';

const CI = process.env.CI === 'true';
const RTP_PORTS = '38000-38999';
const caller = [`1001;[authentication username=1001 password=${SECRETS['1001']}]`];

interface RecordingRow {
  id: number;
  state: string;
  duration_ms: number | null;
  size_bytes: number | null;
  call_id: string;
}

async function restart(dataDir: string): Promise<{ box: ApplianceProcess; api: ApiClient }> {
  const box = await startAppliance({ dataDir, env: { RTP_PORTS, LOG_LEVEL: 'info' } });
  const api = new ApiClient(box.httpUrl);
  await api.login('admin', 'Adm1n-pass!');
  return { box, api };
}

function callThrough(box: ApplianceProcess, o: { calls: number; callMs: number; rate?: number; timeoutSeconds?: number }) {
  return runSippUac({
    scenario: 'call-uac-auth.xml',
    target: `127.0.0.1:${box.sipPort}`,
    called: '1002',
    rows: caller,
    calls: o.calls,
    rate: o.rate ?? 10,
    callMs: o.callMs,
    timeoutSeconds: o.timeoutSeconds ?? 60,
    extra: ['-auth_uri', `1002@127.0.0.1:${box.sipPort}`],
  });
}

describe.skipIf(!sippAvailable() && !CI)('a crash keeps finished calls and recordings', () => {
  let fx: CallFixture | null = null;
  const restarted: ApplianceProcess[] = [];
  afterAll(async () => {
    for (const box of restarted) await box.kill9().catch(() => {});
    await fx?.close();
  });

  test('kill -9 right after the last BYE was answered, and again in the middle of a recorded call', async () => {
    if (!sippAvailable()) throw new Error('sipp is not installed (Debian package sip-tester); npm test installs it');
    fx = await startCallFixture({ rtpPorts: RTP_PORTS });
    await fx.sippCallee({ extension: '1002', scenario: 'call-uas.xml' });

    // Phase 1: twenty short calls; the box dies the moment the caller has seen the last 200 to BYE.
    const short = await callThrough(fx.box, { calls: 20, callMs: 300, rate: 20 });
    expect(short.successful).toBe(20);
    await fx.box.kill9();
    const first = await restart(fx.box.dataDir);
    restarted.push(first.box);
    const cdr = ((await first.api.request('GET', '/api/cdr?limit=100')).body as { items: Cdr[] }).items;
    expect(cdr.filter((c) => c.disposition === 'answered' && c.from === '1001' && c.to === '1002')).toHaveLength(20);

    // Phase 2: a long recorded call, killed past the recorder's first header refresh (5 s).
    // SIPp gives up on its own soon after the box is gone; nobody waits for it.
    void callThrough(first.box, { calls: 1, callMs: 10_000, timeoutSeconds: 12 }).catch(() => {});
    const deadline = Date.now() + 10_000;
    for (;;) {
      const live = (await first.api.request('GET', '/api/calls')).body as { items: { state: string }[] };
      if (live.items.some((c) => c.state === 'answered')) break;
      if (Date.now() > deadline) throw new Error('the long call was not answered');
      await Bun.sleep(100);
    }
    await Bun.sleep(6_500);
    await first.box.kill9();

    const second = await restart(fx.box.dataDir);
    restarted.push(second.box);
    const recordings = ((await second.api.request('GET', '/api/recordings?limit=100')).body as { items: RecordingRow[] }).items;
    expect(recordings.filter((r) => r.state === 'complete')).toHaveLength(20);
    const recovered = recordings.filter((r) => r.state === 'recovered');
    expect(recovered).toHaveLength(1);
    const row = recovered[0] as RecordingRow;
    expect(row.duration_ms).toBeGreaterThanOrEqual(4_000);
    expect(row.duration_ms).toBeLessThanOrEqual(8_000);

    // The repaired file: sizes in the header agree with the file, and both channels carry the call's audio.
    const audio = await fetch(`${second.box.httpUrl}/api/recordings/${row.id}/audio`, { headers: { authorization: `Bearer ${second.api.token}` } });
    expect(audio.status).toBe(200);
    const bytes = new Uint8Array(await audio.arrayBuffer());
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(view.getUint32(40, true)).toBe(bytes.length - 44);
    expect(bytes.length).toBe(row.size_bytes as number);
    const wav = readWavChannels(bytes);
    expect(wav.sampleRate).toBe(8000);
    expect(wav.channels).toHaveLength(2);
    const energy = (s: Int16Array) => Math.sqrt(s.reduce((sum, v) => sum + v * v, 0) / Math.max(1, s.length));
    expect(energy(wav.channels[0] as Int16Array)).toBeGreaterThan(100);
    expect(energy(wav.channels[1] as Int16Array)).toBeGreaterThan(100);
  }, 90_000);
});

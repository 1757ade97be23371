/**
 * One appliance with phones registered to it, for end-to-end call tests:
 * the box on free ports with its own RTP range, an admin API client, the
 * box's event stream (WebSocket /api/events) collected from the start,
 * baresip phones that register with their extension's password before they
 * are handed out, SIPp callees registered as an extension, generated test
 * signals, and one `close()` that stops everything it started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { ApiClient, type ApplianceProcess, ROOT, startAppliance } from './appliance-process.ts';
import { type BaresipOptions, type BaresipPhone, startBaresip } from './baresip.ts';
import { freeUdpPort, freeUdpPortRun } from './free-ports.ts';
import { runSipp, untilBound } from './sipp.ts';
import { writeTestSignalWav } from './test-audio.ts';
import { THREE_PHONES_YAML } from './three-phones.ts';

/** The passwords of THREE_PHONES_YAML. */
export const SECRETS: Record<string, string> = { '1001': 'pw-1001-xyz', '1002': 'pw-1002-xyz', '1003': 'pw-1003-xyz' };

/** A frame of /api/events. */
export interface BoxEvent {
  seq: number;
  name: string;
  at: string;
  data: Record<string, unknown>;
}

export interface CdrLeg {
  channel: string;
  peer: string;
  start: string;
  answer: string | null;
  end: string;
}

export interface Cdr {
  id: number;
  call_id: string;
  start: string;
  answer: string | null;
  end: string;
  from: string;
  to: string;
  disposition: 'answered' | 'no_answer' | 'busy' | 'failed' | 'abandoned';
  agent: string | null;
  queue: string | null;
  recording: number | null;
  hangup_cause: string | null;
  legs: CdrLeg[];
}

export interface CallFeatures {
  dnd: boolean;
  forward_always: string | null;
  forward_busy: string | null;
  forward_no_answer: string | null;
  no_answer_s: number;
  call_waiting: boolean;
}

/** The box's events as they arrive, with waits that look only after a mark. */
export class BoxEvents {
  private readonly received: BoxEvent[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (m) => {
      try {
        this.received.push(JSON.parse(String(m.data)) as BoxEvent);
      } catch {
        // Not an event frame.
      }
    });
  }

  static async open(httpUrl: string, token: string): Promise<BoxEvents> {
    // Bun's WebSocket takes headers; the DOM typing of the constructor does not know them.
    const options = { headers: { authorization: `Bearer ${token}` } } as unknown as string[];
    const socket = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/api/events`, options);
    const events = new BoxEvents(socket);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error('/api/events did not open')), { once: true });
    });
    return events;
  }

  /** A position in the stream: `waitFor(…, { since })` looks only at what came after it. */
  mark(): number {
    return this.received.length;
  }

  all(since = 0): BoxEvent[] {
    return this.received.slice(since);
  }

  /** The first event named `name` at or after `since` whose data contains `match`. */
  async waitFor(name: string, o: { match?: Record<string, unknown>; since?: number; timeoutMs?: number } = {}): Promise<BoxEvent> {
    const deadline = Date.now() + (o.timeoutMs ?? 10_000);
    const matches = (e: BoxEvent) => e.name === name && Object.entries(o.match ?? {}).every(([k, v]) => e.data[k] === v);
    for (;;) {
      const found = this.received.slice(o.since ?? 0).find(matches);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.all(o.since).map((e) => `${e.name} ${JSON.stringify(e.data)}`);
        throw new Error(`no ${name} ${JSON.stringify(o.match ?? {})} event within ${o.timeoutMs ?? 10_000} ms; seen:\n${seen.join('\n')}`);
      }
      await Bun.sleep(20);
    }
  }

  close(): void {
    this.socket.close();
  }
}

export interface PhoneOptions extends Pick<BaresipOptions, 'extension' | 'autoAnswer'> {
  /** Seed of a generated test signal played as the microphone (written to a WAV that outlasts the calls). */
  signalSeed?: number;
  /** Length of that signal, seconds (default 30: baresip hangs up when it ends). */
  signalSeconds?: number;
  /** Record what the phone hears. */
  record?: boolean;
}

export interface Phone extends BaresipPhone {
  extension: string;
  /** The signal the phone plays, if any. */
  signal: Int16Array | null;
  /** sip:<number>@<box>: the address to dial something through the box. */
  dialUri(number: string): string;
}

export interface SippCallee {
  port: number;
  /** Settles when SIPp exits; code 0 when its scenario ran through for every call. */
  result: Promise<{ code: number; output: string }>;
  stop(): Promise<void>;
}

export interface CallFixture {
  box: ApplianceProcess;
  api: ApiClient;
  events: BoxEvents;
  /** A scratch directory removed by close(). */
  dir: string;
  /** Starts baresip for `extension` and resolves once the box accepted its REGISTER. */
  phone(o: PhoneOptions): Promise<Phone>;
  /**
   * Registers `extension` from a fresh UDP port with SIPp, then runs a callee `scenario` on that port:
   * a name in tests/sipp, or an absolute path (a template the test filled in).
   */
  sippCallee(o: { extension: string; scenario: string; calls?: number }): Promise<SippCallee>;
  features(extension: string): Promise<CallFeatures>;
  setFeatures(extension: string, update: Partial<CallFeatures>): Promise<CallFeatures>;
  /** The record of the next call to end after `since` (an events mark), once it is stored. */
  endedCdr(since: number, timeoutMs?: number): Promise<Cdr>;
  close(): Promise<void>;
}

export async function startCallFixture(o: { rtpPorts: string; provision?: string }): Promise<CallFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'call-fixture-'));
  const box = await startAppliance({ provision: o.provision ?? THREE_PHONES_YAML, env: { RTP_PORTS: o.rtpPorts, LOG_LEVEL: process.env.BOX_LOG_LEVEL ?? 'info' } });
  const api = new ApiClient(box.httpUrl);
  const stops: (() => Promise<unknown>)[] = [];
  try {
    await api.login('admin', 'Adm1n-pass!');
    const events = await BoxEvents.open(box.httpUrl, api.token as string);
    const registrar = `127.0.0.1:${box.sipPort}`;
    const idOf = async (number: string): Promise<number> => {
      const list = (await api.request('GET', '/api/extensions')).body as { items: { id: number; number: string }[] };
      const found = list.items.find((e) => e.number === number);
      if (!found) throw new Error(`extension ${number} is not provisioned`);
      return found.id;
    };
    return {
      box,
      api,
      events,
      dir,
      async phone(p) {
        let signal: Int16Array | null = null;
        let audioSource: string | undefined;
        if (p.signalSeed !== undefined) {
          audioSource = join(dir, `signal-${p.extension}-${p.signalSeed}.wav`);
          signal = writeTestSignalWav(audioSource, { seconds: p.signalSeconds ?? 30, seed: p.signalSeed });
        }
        const recordDir = p.record ? mkdtempSync(join(dir, `heard-${p.extension}-`)) : undefined;
        const phone = await startBaresip({ extension: p.extension, secret: SECRETS[p.extension], registrar, autoAnswer: p.autoAnswer, audioSource, recordDir });
        stops.push(() => phone.stop());
        // The REGISTER_OK event may come before the control connection is up; the log line always comes.
        await phone.waitFor(new RegExp(`^event REGISTER_OK |^${p.extension}@\\S+: \\{0/UDP/v4\\} 200 OK`), 10_000);
        return Object.assign(phone, { extension: p.extension, signal, dialUri: (number: string) => `sip:${number}@${registrar}` });
      },
      async sippCallee(c) {
        const port = await freeUdpPort();
        const registered = await runSipp({
          scenario: 'register-only.xml',
          target: registrar,
          rows: [`${c.extension};[authentication username=${c.extension} password=${SECRETS[c.extension]}]`],
          calls: 1,
          localPort: port,
          timeoutSeconds: 10,
        });
        if (registered.code !== 0) throw new Error(`SIPp did not register ${c.extension}:\n${registered.errors}${registered.output.slice(-1500)}`);
        const callee = spawnSippCallee({ scenario: c.scenario, port, calls: c.calls, dir: mkdtempSync(join(dir, 'sipp-')) });
        stops.push(() => callee.stop());
        await untilBound(port, () => callee.exited);
        return callee;
      },
      features: async (extension) => (await api.request('GET', `/api/extensions/${await idOf(extension)}/features`)).body as CallFeatures,
      async setFeatures(extension, update) {
        const res = await api.request('PUT', `/api/extensions/${await idOf(extension)}/features`, update);
        if (res.status !== 200) throw new Error(`PUT features of ${extension}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body as CallFeatures;
      },
      async endedCdr(since, timeoutMs = 10_000) {
        const ended = await events.waitFor('call.ended', { since, timeoutMs });
        const res = await api.request('GET', `/api/cdr/${ended.data.cdr_id}`);
        if (res.status !== 200) throw new Error(`GET /api/cdr/${ended.data.cdr_id}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body as Cdr;
      },
      async close() {
        events.close();
        await Promise.all(stops.map((stop) => stop().catch(() => {})));
        await box.stop();
        box.cleanup();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await box.kill9();
    box.cleanup();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** SIPp running a callee scenario on a port it registered from (startSippUas picks its own port). */
function spawnSippCallee(o: { scenario: string; port: number; calls?: number; dir: string }): SippCallee & { exited: boolean } {
  const scenario = o.scenario.startsWith('/') ? o.scenario : join(ROOT, 'tests/sipp', o.scenario);
  const args = ['sipp', '-sf', scenario, '-t', 'u1', '-i', '127.0.0.1', '-p', String(o.port), '-nostdin', '-timeout', '60'];
  if (o.calls !== undefined) args.push('-m', String(o.calls));
  const state = { exited: false };
  const start = async () => {
    const mediaPort = await freeUdpPortRun(4);
    return Bun.spawn([...args, '-mp', String(mediaPort)], { cwd: o.dir, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  };
  const child: Promise<Subprocess<'ignore', 'pipe', 'pipe'>> = start();
  const result = child.then(async (c) => {
    const [out, err, code] = await Promise.all([new Response(c.stdout).text(), new Response(c.stderr).text(), c.exited]);
    state.exited = true;
    return { code, output: out + err };
  });
  return {
    port: o.port,
    result,
    get exited() {
      return state.exited;
    },
    async stop() {
      const c = await child;
      if (c.exitCode === null) c.kill('SIGUSR1');
      const exited = await Promise.race([c.exited.then(() => true), Bun.sleep(3000).then(() => false)]);
      if (!exited) c.kill('SIGKILL');
      await c.exited;
      rmSync(o.dir, { recursive: true, force: true });
    },
  };
}

/** Every channel of a PCM16 WAV, and its format. */
export function readWavChannels(bytes: Uint8Array): { sampleRate: number; channels: Int16Array[] } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | undefined;
  for (let at = 12; at + 8 <= buf.length; ) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') fmt = { format: buf.readUInt16LE(body), channels: buf.readUInt16LE(body + 2), sampleRate: buf.readUInt32LE(body + 4), bits: buf.readUInt16LE(body + 14) };
    if (id === 'data') {
      if (fmt?.bits !== 16 || (fmt.format !== 1 && fmt.format !== 0xfffe)) throw new Error(`not PCM16: ${JSON.stringify(fmt)}`);
      const end = Math.min(buf.length, body + size);
      const frames = Math.floor((end - body) / (2 * fmt.channels));
      const channels = Array.from({ length: fmt.channels }, () => new Int16Array(frames));
      for (let i = 0; i < frames; i++) {
        for (let c = 0; c < fmt.channels; c++) (channels[c] as Int16Array)[i] = buf.readInt16LE(body + (i * fmt.channels + c) * 2);
      }
      return { sampleRate: fmt.sampleRate, channels };
    }
    at = body + size + (size & 1);
  }
  throw new Error('no fmt or data chunk');
}

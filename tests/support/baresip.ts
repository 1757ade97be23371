/**
 * Runs baresip 1.0.0 (Debian package baresip-core) as a phone a test can
 * drive: its own config directory with one account, no audio device and no
 * user interface; optionally a WAV file as its microphone, a recording of
 * what it hears, auto-answer, and no registrar at all (peer-to-peer calls).
 * The test works the phone through the ctrl_tcp module (see
 * baresip-control.ts) and waits on its events and log.
 *
 * What baresip 1.0.0 does, found by running it:
 * - `audio_source aufile,<wav>`: plays an 8 kHz mono S16 WAV from the call's
 *   start. When the file ends it reports AUDIO_ERROR "end of file" and HANGS
 *   UP the call (CALL_CLOSED "end of file"): make the file outlast the call.
 * - sndfile (`snd_path`): per call `dump-<YYYY-MM-DD-HH-MM-SS>-dec.wav` (what
 *   the phone hears, decoded) and `…-enc.wav` (what it sends), 8 kHz mono
 *   PCM16, named by the call's start to the second — two calls starting in
 *   the same second overwrite each other. Paths are read from the log here.
 * - Commands: dial, accept, hangup, hold (re-INVITE a=sendonly), resume
 *   (a=sendrecv), transfer (blind, REFER; the transferee dials the target,
 *   the transferor's call closes "Call transfered"), plus answermode,
 *   callstat, listcalls, reginfo, uanew…; hold/resume/transfer exist only
 *   while a call does ("command not found (hold)" otherwise, or "Invalid
 *   argument" if the menu still has them). No attended transfer.
 * - It binds UDP and TCP at sip_listen's port and TLS at port + 1, and puts
 *   the default interface's address in SDP unless `net_interface 127.0.0.1`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { freePort } from './appliance-process.ts';
import { BaresipControl, type BaresipEvent } from './baresip-control.ts';
import { freeSipPort } from './free-ports.ts';

export type { BaresipEvent } from './baresip-control.ts';

export interface BaresipOptions {
  extension: string;
  /** Registrar host:port; also the account's domain. Required unless `register` is false. */
  registrar?: string;
  secret?: string;
  /** Registration interval asked for, seconds (default 3600). */
  regint?: number;
  /** false: never register (regint=0); the phone only dials and answers directly. Default true. */
  register?: boolean;
  /** WAV (8 kHz mono 16-bit) played as the microphone; without it, a 440 Hz sine. The call hangs up when it ends. */
  audioSource?: string;
  /** Directory where each call's heard (…-dec.wav) and sent (…-enc.wav) audio is recorded. */
  recordDir?: string;
  /** Answer incoming calls at once (answermode=auto). Default false: `answer()` does. */
  autoAnswer?: boolean;
}

export interface BaresipPhone {
  sipPort: number;
  /** Where to call this phone directly: sip:<extension>@127.0.0.1:<sipPort>. */
  uri: string;
  /** Everything baresip printed so far. */
  log: () => string;
  /** Events reported so far, oldest first. */
  events(): BaresipEvent[];
  /** A position in the log-and-events record, for `since`: wait only for what comes after it. */
  mark(): number;
  /** The first log line or event (rendered `event <TYPE> <json>`) at or after `since` (default 0) matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs: number, since?: number): Promise<string>;
  /** The first event of `type` at or after `since` (default 0). */
  waitForEvent(type: string, o?: { timeoutMs?: number; since?: number }): Promise<BaresipEvent>;
  /** A raw ctrl_tcp command; resolves with its output. */
  command(name: string, params?: string): Promise<string>;
  dial(uri: string): Promise<void>;
  answer(): Promise<void>;
  hangup(): Promise<void>;
  hold(): Promise<void>;
  resume(): Promise<void>;
  /** Blind transfer of the current call (REFER). */
  transfer(uri: string): Promise<void>;
  /** Path of the last call's heard recording (needs recordDir), once its audio has started. */
  heardFile(): string | undefined;
  /** Waits until the last call's heard recording is closed (its WAV header final: after CALL_CLOSED) and returns its path. */
  heardRecording(timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export function baresipAvailable(): boolean {
  return Bun.which('baresip') !== null;
}

function configFile(o: BaresipOptions, ports: { sip: number; control: number }): string {
  return [
    'poll_method epoll',
    `sip_listen 127.0.0.1:${ports.sip}`,
    // Media on loopback too: without it SDP carries the default interface's address.
    'net_interface 127.0.0.1',
    'module_path /usr/lib/baresip/modules',
    'module g711.so',
    o.audioSource ? 'module aufile.so' : 'module ausine.so',
    ...(o.recordDir ? ['module sndfile.so', `snd_path ${o.recordDir}`] : []),
    'module menu.so',
    'module ctrl_tcp.so',
    `ctrl_tcp_listen 127.0.0.1:${ports.control}`,
    'module_tmp uuid.so',
    'module_tmp account.so',
    'audio_player aufile,/dev/null',
    // ausine in 1.0.0 makes only 48 kHz stereo; baresip resamples it to the codec's 8 kHz mono.
    ...(o.audioSource ? [`audio_source aufile,${o.audioSource}`] : ['audio_source ausine,440', 'ausrc_srate 48000', 'ausrc_channels 2']),
    '',
  ].join('\n');
}

function accountLine(o: BaresipOptions): string {
  const register = o.register ?? true;
  if (register && !o.registrar) throw new Error('startBaresip: a registrar is needed unless register is false');
  const params = [
    ...(o.secret ? [`auth_pass=${o.secret}`] : []),
    `regint=${register ? (o.regint ?? 3600) : 0}`,
    ...(o.autoAnswer ? ['answermode=auto'] : []),
  ];
  return `<sip:${o.extension}@${o.registrar ?? '127.0.0.1'};transport=udp>;${params.join(';')}\n`;
}

/** True when a WAV's RIFF size matches the file: libsndfile writes it when the recording is closed. */
function wavClosed(path: string): boolean {
  if (!existsSync(path)) return false;
  const bytes = readFileSync(path);
  return bytes.length > 44 && bytes.readUInt32LE(4) === bytes.length - 8;
}

export async function startBaresip(o: BaresipOptions): Promise<BaresipPhone> {
  const dir = mkdtempSync(join(tmpdir(), 'baresip-'));
  const ports = { sip: await freeSipPort(), control: await freePort() };
  writeFileSync(join(dir, 'config'), configFile(o, ports));
  writeFileSync(join(dir, 'accounts'), accountLine(o));
  let output = '';
  const record: string[] = [];
  const eventList: BaresipEvent[] = [];
  const child: Subprocess<'ignore', 'pipe', 'pipe'> = Bun.spawn(['baresip', '-f', dir, '-v'], { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let partial = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const text = decoder.decode(r.value, { stream: true });
      output += text;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      record.push(...lines);
    }
  };
  void pump(child.stdout);
  void pump(child.stderr);
  let control: BaresipControl;
  try {
    control = await BaresipControl.connect({
      port: ports.control,
      alive: () => child.exitCode === null,
      timeoutMs: 10_000,
      onEvent: (event) => {
        eventList.push(event);
        record.push(`event ${event.type} ${JSON.stringify(event)}`);
      },
    });
  } catch (error) {
    child.kill('SIGKILL');
    await child.exited;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`baresip did not start: ${(error as Error).message}\n${output}`);
  }

  const waitFor = async (pattern: RegExp, timeoutMs: number, since = 0): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = record.slice(since).find((line) => pattern.test(line));
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`baresip ${o.extension}: nothing matched ${pattern} within ${timeoutMs} ms:\n${record.slice(since).join('\n').slice(-3000)}`);
      await Bun.sleep(20);
    }
  };
  const heardFiles = () => [...output.matchAll(/sndfile: dumping decode audio to (\S+\.wav)/g)].map((m) => m[1] as string);
  const run = async (name: string, params = '') => {
    await control.command(name, params);
  };

  return {
    sipPort: ports.sip,
    uri: `sip:${o.extension}@127.0.0.1:${ports.sip}`,
    log: () => output,
    events: () => [...eventList],
    mark: () => record.length,
    waitFor,
    async waitForEvent(type, w = {}) {
      const line = await waitFor(new RegExp(`^event ${type} `), w.timeoutMs ?? 10_000, w.since);
      return JSON.parse(line.slice(`event ${type} `.length)) as BaresipEvent;
    },
    command: (name, params) => control.command(name, params),
    dial: (uri) => run('dial', uri),
    answer: () => run('accept'),
    hangup: () => run('hangup'),
    hold: () => run('hold'),
    resume: () => run('resume'),
    transfer: (uri) => run('transfer', uri),
    heardFile: () => heardFiles().at(-1),
    async heardRecording(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const path = heardFiles().at(-1);
        if (path && wavClosed(path)) return path;
        if (Date.now() > deadline) throw new Error(`baresip ${o.extension}: no closed heard recording within ${timeoutMs} ms (last: ${path ?? 'none'}; recordDir set?)`);
        await Bun.sleep(50);
      }
    },
    async stop() {
      control.close();
      child.kill('SIGTERM');
      const exited = await Promise.race([child.exited.then(() => true), Bun.sleep(3000).then(() => false)]);
      if (!exited) child.kill('SIGKILL');
      await child.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs baresip (Debian package baresip-core) as a phone: its own config
 * directory with one account, no audio device and no user interface, so it
 * registers and refreshes exactly as a desk softphone would.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { freePort } from './appliance-process.ts';

export interface BaresipOptions {
  extension: string;
  secret: string;
  registrar: string;
  /** Registration interval asked for, seconds. */
  regint: number;
}

export interface BaresipPhone {
  sipPort: number;
  log: () => string;
  stop(): Promise<void>;
}

export function baresipAvailable(): boolean {
  return Bun.which('baresip') !== null;
}

export async function startBaresip(o: BaresipOptions): Promise<BaresipPhone> {
  const dir = mkdtempSync(join(tmpdir(), 'baresip-'));
  const sipPort = await freePort();
  writeFileSync(
    join(dir, 'config'),
    [
      'poll_method epoll',
      `sip_listen 127.0.0.1:${sipPort}`,
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module_tmp uuid.so',
      'module_tmp account.so',
      'audio_player aufile,/dev/null',
      'audio_source ausine,440',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'accounts'), `<sip:${o.extension}@${o.registrar};transport=udp>;auth_pass=${o.secret};regint=${o.regint}\n`);
  let output = '';
  const child: Subprocess<'ignore', 'pipe', 'pipe'> = Bun.spawn(['baresip', '-f', dir, '-v'], { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    for (let r = await reader.read(); !r.done; r = await reader.read()) output += decoder.decode(r.value, { stream: true });
  };
  void pump(child.stdout);
  void pump(child.stderr);
  return {
    sipPort,
    log: () => output,
    async stop() {
      child.kill('SIGTERM');
      const exited = await Promise.race([child.exited.then(() => true), Bun.sleep(3000).then(() => false)]);
      if (!exited) child.kill('SIGKILL');
      await child.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

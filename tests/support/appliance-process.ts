/**
 * Starts the real appliance as a child process on free ports with its own
 * data directory, the way systemd or an installer would, and waits until
 * the `ready` log line. Used by the end-to-end, browser and bench suites.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Subprocess } from 'bun';

export const ROOT = resolve(import.meta.dir, '../..');

export interface ApplianceProcess {
  httpUrl: string;
  sipPort: number;
  dataDir: string;
  pid: number;
  /** Everything the service printed so far. */
  log: () => string;
  /** JSON log records printed so far. */
  records: () => Record<string, unknown>[];
  /** SIGTERM and wait for exit; returns the exit code. */
  stop(): Promise<number>;
  /** SIGKILL, as a crash or power cut would, and wait for exit. */
  kill9(): Promise<void>;
  /** Removes the data directory (after stop). */
  cleanup(): void;
}

export interface StartOptions {
  provision?: string;
  dataDir?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Extra arguments for bun before the script (a benchmark's --cpu-prof). */
  bunArgs?: string[];
}

export async function freePort(): Promise<number> {
  const server = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = server.port;
  server.stop(true);
  return port;
}

export async function startAppliance(options: StartOptions = {}): Promise<ApplianceProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'appliance-e2e-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    APPLIANCE_DATA: dataDir,
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    SIP_PORT: '0',
    SIP_HOST: '127.0.0.1',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'debug',
    ...options.env,
  };
  if (options.provision !== undefined) {
    const file = join(dataDir, 'provision.yaml');
    writeFileSync(file, options.provision);
    env.APPLIANCE_PROVISION = file;
  }
  const child = Bun.spawn([process.execPath, ...(options.bunArgs ?? []), join(ROOT, 'appliance/src/main.ts')], { cwd: ROOT, env, stdout: 'pipe', stderr: 'pipe' });
  let output = '';
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) output += decoder.decode(r.value, { stream: true });
  };
  void pump(child.stdout);
  void pump(child.stderr);
  const records = () =>
    output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  const ready = await waitFor(() => records().find((r) => r.msg === 'ready'), child, options.timeoutMs ?? 20_000, () => output);
  return {
    httpUrl: `http://127.0.0.1:${ready.http_port as number}`,
    sipPort: ready.sip_port as number,
    dataDir,
    pid: child.pid,
    log: () => output,
    records,
    async stop() {
      child.kill('SIGTERM');
      return child.exited;
    },
    async kill9() {
      child.kill('SIGKILL');
      await child.exited;
    },
    cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitFor<T>(probe: () => T | undefined, child: Subprocess, timeoutMs: number, output: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = probe();
    if (found !== undefined) return found;
    if (child.exitCode !== null) throw new Error(`appliance exited with ${child.exitCode} before ready:\n${output()}`);
    await Bun.sleep(25);
  }
  child.kill('SIGKILL');
  throw new Error(`appliance not ready within ${timeoutMs} ms:\n${output()}`);
}

/** A small JSON client that keeps the session token of its last login. */
export class ApiClient {
  token: string | null = null;

  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<void> {
    const res = await this.request('POST', '/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.token = (res.body as { token: string }).token;
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: string | undefined;
    if (typeof body === 'string') payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers };
  }
}

#!/usr/bin/env node
// Makes a fresh Debian checkout runnable, then runs one of the project's
// commands: installs npm dependencies when missing (Bun comes from npm),
// checks or installs the Debian packages a command needs, builds the web UI
// when its sources changed, and hands over to Bun. Plain Node, no dependencies,
// so it works before `npm install` ever ran.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bun = join(root, 'node_modules', '.bin', 'bun');

/** Debian packages per command: [package, a file it installs]. */
const DEBIAN = {
  // The browser test drives Debian's Chromium; a CJK font makes its screenshots of the Chinese UI readable.
  test: [
    ['chromium', '/usr/bin/chromium'],
    ['fonts-wqy-microhei', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'],
    // Real SIP peers for the interop suites: SIPp, the baresip softphone, the SIPVicious scanners.
    ['sip-tester', '/usr/bin/sipp'],
    ['baresip-core', '/usr/bin/baresip'],
    ['sipvicious', '/usr/bin/svwar'],
    // Text-to-speech for IVR prompts (Mandarin and English voices), also needed by its tests.
    ['espeak-ng', '/usr/bin/espeak-ng'],
    // spandsp for in-band DTMF; its header lets the ABI test compile the FFI prototypes against it.
    ['libspandsp2', '/usr/share/doc/libspandsp2/copyright'],
    ['libspandsp-dev', '/usr/include/spandsp/dtmf.h'],
  ],
  start: [
    ['espeak-ng', '/usr/bin/espeak-ng'],
    // In-band DTMF detection (callers whose keys arrive as tones).
    ['libspandsp2', '/usr/share/doc/libspandsp2/copyright'],
  ],
  bench: [['sip-tester', '/usr/bin/sipp']],
  build: [],
};

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function say(text) {
  process.stderr.write(`[bootstrap] ${text}\n`);
}

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), s.mtimeMs);
}

function ensureNodeModules() {
  const lock = join(root, 'node_modules', '.package-lock.json');
  const stale = !existsSync(bun) || !existsSync(lock) || statSync(join(root, 'package.json')).mtimeMs > statSync(lock).mtimeMs;
  if (!stale) return;
  say('installing npm dependencies (Bun included) ...');
  // `npm install` (not `npm ci`): it follows package-lock.json but tolerates the
  // platform-specific optional packages (Bun, Biome, Rolldown) that a lock
  // written on one machine may list differently.
  if (run('npm', ['install', '--no-audit', '--no-fund']) !== 0) {
    say('npm install failed; see above');
    process.exit(1);
  }
}

function ensureDebian(command) {
  const missing = (DEBIAN[command] ?? []).filter(([, file]) => !existsSync(file)).map(([pkg]) => pkg);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    say(`missing Debian packages: ${missing.join(' ')}`);
    say(`install them as root:  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  say(`installing Debian packages: ${missing.join(' ')} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', ...missing], { env }) !== 0) {
    say('apt-get failed; see above');
    process.exit(1);
  }
}

function ensureWebUi(force = false) {
  const dist = join(root, 'webui', 'dist', 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'svelte.config.js', 'tsconfig.json'].map((p) => join(root, 'webui', p));
  if (!force && existsSync(dist) && statSync(dist).mtimeMs >= Math.max(...sources.filter(existsSync).map(newestMtime))) return;
  say('building the web UI ...');
  if (run(bun, ['x', '--bun', 'vite', 'build', '--config', 'webui/vite.config.ts', '--logLevel', 'warn']) !== 0) process.exit(1);
}

const [command = 'start', ...rest] = process.argv.slice(2);
ensureNodeModules();
ensureDebian(command);

switch (command) {
  case 'start':
    ensureWebUi();
    process.exit(run(bun, ['appliance/src/main.ts', ...rest]));
    break;
  case 'build':
    ensureWebUi(true);
    break;
  case 'test':
    ensureWebUi();
    process.exit(run(bun, ['appliance/scripts/run-tests.ts', ...rest]));
    break;
  case 'bench':
    ensureWebUi();
    process.exit(run(bun, ['tests/bench/run.ts', ...rest]));
    break;
  default:
    say(`unknown command ${command}`);
    process.exit(2);
}

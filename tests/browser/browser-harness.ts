/**
 * What the browser suites share: a UI build from the current sources,
 * headless Chromium, pages that collect script errors, screenshots, and a
 * clean stop of the appliance (browser context first, so no WebSocket is left open).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type ApplianceProcess, ROOT } from '../support/appliance-process';

export const SHOTS = join(ROOT, 'tests', '.artifacts', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The UI is built from the current sources, so a test never checks a stale bundle. */
export async function buildWebUi(): Promise<void> {
  const vite = ['x', '--bun', 'vite', 'build', '--config', 'webui/vite.config.ts', '--logLevel', 'warn'];
  const build = Bun.spawn([process.execPath, ...vite], { cwd: ROOT, stdout: 'pipe', stderr: 'pipe' });
  if ((await build.exited) !== 0) throw new Error(`web UI build failed:\n${await new Response(build.stderr).text()}`);
}

/** Builds the UI and starts Chromium; call from the suite's first beforeAll. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  await buildWebUi();
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A page in its own context (own cookies), whose uncaught script errors land in `errors`. */
export async function newPage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const created = await context.newPage();
  created.setDefaultTimeout(10_000);
  created.on('pageerror', (error) => errors.push(error.message));
  return created;
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Closes the pages' browser contexts first, so no WebSocket is left open, then stops the service. */
export async function stopAppliance(running: ApplianceProcess | undefined, ...pages: (Page | undefined)[]): Promise<void> {
  for (const page of pages) await page?.context().close();
  if (!running) return;
  await running.stop();
  running.cleanup();
}

/**
 * Runs the appliance: data directory, provisioning at start, HTTP, systemd
 * notification, housekeeping, and an orderly stop on SIGTERM/SIGINT (stop
 * accepting, let requests in flight finish, close the database).
 */
import { readFileSync } from 'node:fs';
import { createApiApp } from './api/app.ts';
import { openServices } from './boot.ts';
import { startTelephony } from './telephony.ts';
import type { Config } from './config/config.ts';
import { AppError, ValidationError } from './errors.ts';
import type { BusEvent } from './events/index.ts';
import { applyProvisioning, parseProvisionYaml } from './provisioning/index.ts';
import type { Services } from './services.ts';
import { type Clock, type Scheduler, systemClock, systemScheduler, type Timer } from './system/clock.ts';
import type { Logger } from './system/logger.ts';
import { LoopLagMonitor } from './system/index.ts';
import { createSdNotifier } from './system/sd-notify.ts';

export interface ServeOptions {
  config: Config;
  logger: Logger;
  version: string;
  env: Record<string, string | undefined>;
  clock?: Clock;
  scheduler?: Scheduler;
}

const SESSION_TTL_MS = 12 * 3600_000;
const HOUSEKEEPING_MS = 10 * 60_000;
const STOP_GRACE_MS = 5_000;

export async function serve(options: ServeOptions): Promise<{ stop(reason: string): Promise<void>; httpPort: number }> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const scheduler = options.scheduler ?? systemScheduler;
  const startedAt = clock.now();
  const store = openServices(config.dataDir, clock, logger);
  const s = store.services;
  const notifier = createSdNotifier({ env: options.env, pid: process.pid, scheduler, logger });

  if (config.provisionFile) await provisionAtStart(s, config.provisionFile, logger);

  const telephony = await startTelephony({
    config,
    services: s,
    recordingsDir: store.paths.recordings,
    nonceKey: store.box.deriveKey('sip-nonce'),
    clock,
    scheduler,
    logger,
    version: options.version,
  });
  const { sip } = telephony;

  // Bans and limits follow the settings at once; digest algorithms apply from the next start.
  s.bus.subscribe((event) => {
    if (event.name === 'config.changed' && (event as BusEvent<'config.changed'>).data.label === 'sip_security') {
      sip.guard.configure(s.settings.get('sip_security'));
    }
  });

  const { app, closeEventSockets } = createApiApp(s, {
    version: options.version,
    startedAt,
    webRoot: config.webRoot,
    recordingsDir: store.paths.recordings,
    sessionTtlMs: SESSION_TTL_MS,
    sip,
    trunks: telephony.trunks,
    voicemail: telephony.voicemailApi,
    acd: telephony.acd,
  });
  app.listen({ hostname: config.httpHost, port: config.httpPort });
  const httpPort = app.server?.port ?? config.httpPort;

  const housekeeping = scheduler.every(HOUSEKEEPING_MS, () => {
    const purged = s.auth.prune();
    if (purged > 0) logger.debug('expired sessions purged', { purged });
    telephony.housekeeping();
  });

  const lag = new LoopLagMonitor({ clock, scheduler, logger });
  lag.start();

  const setupToken = s.auth.issueSetupToken();
  if (setupToken) {
    const host = config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost;
    logger.warn('FIRST START: no administrator yet. Open the setup page with this one-time token to create one', {
      setup_url: `http://${host}:${httpPort}/setup?token=${setupToken}`,
      setup_token: setupToken,
    });
  }
  logger.info('ready', { http_port: httpPort, sip_port: sip.port, data_dir: config.dataDir, version: options.version });
  notifier.ready(`serving on HTTP ${httpPort}`);

  let stopping: Promise<void> | null = null;
  const stop = (reason: string) => {
    stopping ??= (async () => {
      logger.info('stopping', { reason });
      notifier.stopping();
      housekeeping.cancel();
      lag.stop();
      closeEventSockets();
      await telephony.stop();
      // Requests in flight may finish; a client that holds on past the grace period is cut.
      const server = app.server;
      if (server) {
        let timer: Timer | undefined;
        const graceful = server.stop(false).then(() => true);
        const forced = new Promise<boolean>((resolve) => {
          timer = scheduler.after(STOP_GRACE_MS, () => resolve(false));
        });
        const finished = await Promise.race([graceful, forced]);
        timer?.cancel();
        if (!finished) {
          logger.warn('connections still open after the grace period; closing them', { grace_ms: STOP_GRACE_MS });
          await server.stop(true);
        }
      }
      store.close();
      notifier.close();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { stop, httpPort };
}

/**
 * An invalid file is refused whole and logged with its key paths; the box
 * still starts, so an installer can fix the file from the web UI.
 */
async function provisionAtStart(s: Services, file: string, logger: Logger): Promise<void> {
  try {
    const summary = await applyProvisioning(s, parseProvisionYaml(readFileSync(file, 'utf8')), { actor: null, source: `file:${file}` });
    logger.info('provisioning applied', { file, created: summary.created, updated: summary.updated, unchanged: summary.unchanged });
  } catch (error) {
    if (!(error instanceof AppError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const message = error instanceof Error ? error.message : String(error);
    logger.error('provisioning file refused', { file, reason: message, issues: error instanceof ValidationError ? error.issues : undefined });
    s.bus.publish('system.alarm', { code: 'provisioning_refused', severity: 'critical', message });
  }
}

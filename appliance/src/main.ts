/**
 * The composition root: reads flags and environment, builds the logger and
 * runs a command — `serve` (default) or `provision apply|export`. The only
 * file that touches process streams, signals and exit codes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openServices } from './boot.ts';
import { type Config, helpText, loadConfig, splitArgs } from './config/config.ts';
import { AppError } from './errors.ts';
import { applyProvisioning, exportProvisioningYaml, parseProvisionYaml } from './provisioning/index.ts';
import { serve } from './serve.ts';
import { isoTime, systemClock } from './system/clock.ts';
import { createLogger, type Logger } from './system/logger.ts';

const VERSION = (JSON.parse(await Bun.file(join(import.meta.dir, '../../package.json')).text()) as { version: string }).version;

async function main(argv: string[]): Promise<number> {
  const { flags, positional, issues } = splitArgs(argv);
  if (flags.has('--help')) {
    process.stdout.write(`${helpText()}\n`);
    return 0;
  }
  let config: Config;
  try {
    if (issues.length > 0) throw new AppError('config', issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    config = loadConfig(process.env, flags);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${helpText()}\n`);
    return 2;
  }
  const format = config.logFormat === 'auto' ? (process.stdout.isTTY ? 'pretty' : 'json') : config.logFormat;
  const logger = createLogger({ level: config.logLevel, format, write: (line) => process.stdout.write(`${line}\n`) });
  const [command = 'serve', sub, file] = positional;
  try {
    if (command === 'serve') return await runService(config, logger);
    if (command === 'provision' && sub === 'apply' && file) return await provisionApply(config, logger, file);
    if (command === 'provision' && sub === 'export') return provisionExport(config, logger, flags.get('--out'));
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  process.stderr.write(`Unknown command: ${positional.join(' ')}\n\n${helpText()}\n`);
  return 2;
}

async function runService(config: Config, logger: Logger): Promise<number> {
  const service = await serve({ config, logger, version: VERSION, env: process.env });
  await new Promise<void>((resolve) => {
    const onSignal = (signal: string) => () => void service.stop(signal).then(resolve);
    process.once('SIGTERM', onSignal('SIGTERM'));
    process.once('SIGINT', onSignal('SIGINT'));
  });
  return 0;
}

async function provisionApply(config: Config, logger: Logger, file: string): Promise<number> {
  const store = openServices(config.dataDir, systemClock, logger);
  try {
    const summary = await applyProvisioning(store.services, parseProvisionYaml(await Bun.file(file).text()), {
      actor: process.env.USER ?? 'cli',
      source: `cli:${file}`,
    });
    process.stdout.write(`Applied ${file}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged\n`);
    return 0;
  } finally {
    store.close();
  }
}

function provisionExport(config: Config, logger: Logger, out: string | undefined): number {
  const store = openServices(config.dataDir, systemClock, logger);
  try {
    const yaml = exportProvisioningYaml(store.services, isoTime(systemClock));
    store.services.audit.record({ actor: process.env.USER ?? 'cli', source: 'cli', action: 'provisioning.export' });
    if (out) writeFileSync(out, yaml, { mode: 0o600 });
    else process.stdout.write(yaml);
    return 0;
  } finally {
    store.close();
  }
}

// Exit explicitly: everything that must be written was written by the orderly stop.
process.exit(await main(Bun.argv.slice(2)));

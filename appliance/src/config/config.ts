/**
 * The service's start configuration: environment variables (CONTRACT.md) with
 * a `--flag` form for each. Parsed against a schema; every problem is
 * reported at once, naming the variable or flag.
 */
import { type Static, Type as T } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ConfigError, type FieldIssue } from '../errors.ts';

export const ConfigSchema = T.Object({
  dataDir: T.String({ minLength: 1 }),
  provisionFile: T.Union([T.String({ minLength: 1 }), T.Null()]),
  sipPort: T.Integer({ minimum: 0, maximum: 65535 }),
  sipHost: T.String({ minLength: 1 }),
  httpPort: T.Integer({ minimum: 0, maximum: 65535 }),
  httpHost: T.String({ minLength: 1 }),
  sipAdvertise: T.Union([T.String({ minLength: 1 }), T.Null()]),
  sessionExpires: T.Integer({ minimum: 10, maximum: 86_400 }),
  rtpPorts: T.Object({ min: T.Integer({ minimum: 1024 }), max: T.Integer({ maximum: 65535 }) }),
  logLevel: T.Union([T.Literal('debug'), T.Literal('info'), T.Literal('warn'), T.Literal('error')]),
  logFormat: T.Union([T.Literal('auto'), T.Literal('json'), T.Literal('pretty')]),
  webRoot: T.String({ minLength: 1 }),
});
export type Config = Static<typeof ConfigSchema>;

interface Option {
  key: keyof Config;
  env: string;
  flag: string;
  help: string;
  fallback: string | null;
  parse: (raw: string) => unknown;
}

const integer = (raw: string) => (/^\d+$/.test(raw) ? Number(raw) : raw);
const portRange = (raw: string) => {
  const m = /^(\d+)-(\d+)$/.exec(raw);
  return m ? { min: Number(m[1]), max: Number(m[2]) } : raw;
};
const text = (raw: string) => raw;

export const OPTIONS: readonly Option[] = [
  { key: 'dataDir', env: 'APPLIANCE_DATA', flag: '--data', help: 'data directory (database, recordings)', fallback: './data', parse: text },
  { key: 'provisionFile', env: 'APPLIANCE_PROVISION', flag: '--provision', help: 'provisioning YAML applied at start', fallback: null, parse: text },
  { key: 'sipPort', env: 'SIP_PORT', flag: '--sip-port', help: 'SIP port, UDP and TCP (0 = any free port)', fallback: '5060', parse: integer },
  { key: 'sipHost', env: 'SIP_HOST', flag: '--sip-host', help: 'address SIP listens on', fallback: '0.0.0.0', parse: text },
  { key: 'httpPort', env: 'HTTP_PORT', flag: '--http-port', help: 'web UI and REST API port (0 = any free port)', fallback: '8080', parse: integer },
  { key: 'httpHost', env: 'HTTP_HOST', flag: '--http-host', help: 'address the web UI listens on', fallback: '0.0.0.0', parse: text },
  {
    key: 'sipAdvertise',
    env: 'SIP_ADVERTISE',
    flag: '--sip-advertise',
    help: 'address phones reach the box at, for SDP and Contact (default: SIP_HOST, or the first LAN address)',
    fallback: null,
    parse: text,
  },
  {
    key: 'sessionExpires',
    env: 'SIP_SESSION_EXPIRES',
    flag: '--sip-session-expires',
    help: 'RFC 4028 session interval, seconds: calls whose far end vanished end after it (below 90 only for tests)',
    fallback: '1800',
    parse: integer,
  },
  { key: 'rtpPorts', env: 'RTP_PORTS', flag: '--rtp-ports', help: 'RTP port range, MIN-MAX', fallback: '10000-20000', parse: portRange },
  { key: 'logLevel', env: 'LOG_LEVEL', flag: '--log-level', help: 'debug, info, warn or error', fallback: 'info', parse: text },
  { key: 'logFormat', env: 'LOG_FORMAT', flag: '--log-format', help: 'auto (JSON unless a terminal), json or pretty', fallback: 'auto', parse: text },
  { key: 'webRoot', env: 'APPLIANCE_WEB_ROOT', flag: '--web-root', help: 'built web UI to serve', fallback: 'webui/dist', parse: text },
];

export function helpText(): string {
  const rows = OPTIONS.map(
    (o) => `  ${`${o.flag} <value>`.padEnd(24)} ${o.env.padEnd(20)} ${o.help}${o.fallback ? ` (default ${o.fallback})` : ''}`,
  );
  return [
    'Usage: appliance [serve] [flags]',
    '       appliance provision apply FILE',
    '       appliance provision export [--out FILE]',
    '',
    'Flags and environment variables (a flag wins over its variable):',
    ...rows,
    '  --help                   show this text',
  ].join('\n');
}

/** Splits `--flag value` / `--flag=value` pairs; anything else is returned as positional. */
export function splitArgs(argv: readonly string[]): { flags: Map<string, string>; positional: string[]; issues: FieldIssue[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  const issues: FieldIssue[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--help') {
      flags.set(name, 'true');
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) issues.push({ path: name, message: 'needs a value' });
    else flags.set(name, value);
  }
  return { flags, positional, issues };
}

export function loadConfig(env: Record<string, string | undefined>, flags: Map<string, string>): Config {
  const issues: FieldIssue[] = [];
  const known = new Set(['--help', '--out', ...OPTIONS.map((o) => o.flag)]);
  for (const name of flags.keys()) if (!known.has(name)) issues.push({ path: name, message: 'unknown flag' });
  const raw: Record<string, unknown> = {};
  const source: Record<string, string> = {};
  for (const o of OPTIONS) {
    const fromFlag = flags.get(o.flag);
    const value = fromFlag ?? env[o.env] ?? o.fallback;
    source[o.key] = fromFlag !== undefined ? o.flag : o.env;
    raw[o.key] = value === null || value === '' ? (o.fallback === null ? null : o.parse(o.fallback)) : o.parse(value);
  }
  for (const error of Value.Errors(ConfigSchema, raw)) {
    const key = error.path.split('/')[1] ?? '';
    const where = source[key] ?? key;
    if (!issues.some((i) => i.path === where)) issues.push({ path: where, message: describe(key, raw[key], error.message) });
  }
  const range = raw.rtpPorts as { min: number; max: number } | string;
  if (typeof range === 'object' && range.min >= range.max) issues.push({ path: source.rtpPorts as string, message: 'MIN must be below MAX' });
  if (issues.length > 0) throw new ConfigError(issues, `Invalid configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return raw as Config;
}

function describe(key: string, value: unknown, schemaMessage: string): string {
  if (key === 'rtpPorts' && typeof value === 'string') return `expected MIN-MAX, got "${value}"`;
  return `${schemaMessage} (got ${JSON.stringify(value)})`;
}

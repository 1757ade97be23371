/** Box-wide settings as typed keys over a key/value table. */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type Clock, isoTime } from './clock.ts';

export const RecordingSetting = T.Object(
  {
    mode: T.Union([T.Literal('all'), T.Literal('none'), T.Literal('selective')]),
    retention_days: T.Optional(T.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);

/** How the SIP port defends itself (bans, rate limits); `trusted` addresses are never banned or limited. */
export const SipSecuritySetting = T.Object(
  {
    failure_threshold: T.Integer({ minimum: 1, maximum: 10_000 }),
    failure_window_s: T.Integer({ minimum: 1, maximum: 86_400 }),
    ban_s: T.Integer({ minimum: 1, maximum: 30 * 86_400 }),
    scanner_ban_s: T.Integer({ minimum: 1, maximum: 365 * 86_400 }),
    rate_per_s: T.Integer({ minimum: 1, maximum: 1_000_000 }),
    rate_burst: T.Integer({ minimum: 1, maximum: 10_000_000 }),
    trusted: T.Array(T.String({ minLength: 2, maxLength: 64 }), { maxItems: 256 }),
    /**
     * Digest algorithms offered to phones, most preferred first (RFC 8760).
     * MD5 alone by default: many desk phones and test tools read only the
     * first challenge and know nothing else.
     */
    digest_algorithms: T.Array(T.Union([T.Literal('MD5'), T.Literal('SHA-256'), T.Literal('SHA-512-256')]), { minItems: 1, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type SipSecuritySetting = Static<typeof SipSecuritySetting>;

export const DEFAULT_SIP_SECURITY: SipSecuritySetting = {
  failure_threshold: 10,
  failure_window_s: 120,
  ban_s: 900,
  scanner_ban_s: 86_400,
  rate_per_s: 200,
  rate_burst: 1000,
  trusted: [],
  digest_algorithms: ['MD5'],
};

/** Registration intervals the registrar grants (RFC 3261 §10.3 step 7) and contacts kept per extension. */
export const SipRegistrarSetting = T.Object(
  {
    min_expires: T.Integer({ minimum: 1, maximum: 86_400 }),
    max_expires: T.Integer({ minimum: 1, maximum: 86_400 }),
    default_expires: T.Integer({ minimum: 1, maximum: 86_400 }),
    max_contacts: T.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type SipRegistrarSetting = Static<typeof SipRegistrarSetting>;

/**
 * Where the box is: its fixed-line area code (区号, e.g. 0571) decides which
 * 0-prefixed numbers are local calls and which caller is from the same city.
 * Unset (null) is safe but strict: every 0-prefixed number counts as long distance.
 */
export const RoutingSetting = T.Object(
  {
    home_area_code: T.Union([T.String({ pattern: '^0(10|2[0-9]|[3-9][0-9]{2})$', description: 'area code with its 0, e.g. 0571' }), T.Null()]),
  },
  { additionalProperties: false },
);
export type RoutingSetting = Static<typeof RoutingSetting>;

/** The ACD's box-wide choices: the pause reasons agents pick from (示忙原因), and the one an unanswered queue call sets. */
export const AcdSetting = T.Object(
  {
    pause_reasons: T.Array(
      T.Object(
        { code: T.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }), zh: T.String({ minLength: 1, maxLength: 32 }), en: T.String({ minLength: 1, maxLength: 32 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    auto_pause_reason: T.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }),
  },
  { additionalProperties: false },
);
export type AcdSetting = Static<typeof AcdSetting>;

export const DEFAULT_ACD: AcdSetting = {
  pause_reasons: [
    { code: 'break', zh: '休息', en: 'Break' },
    { code: 'lunch', zh: '午餐', en: 'Lunch' },
    { code: 'training', zh: '培训', en: 'Training' },
    { code: 'meeting', zh: '会议', en: 'Meeting' },
    { code: 'no_answer', zh: '未接听自动示忙', en: 'Missed a call (automatic)' },
  ],
  auto_pause_reason: 'no_answer',
};

export const SETTINGS = {
  recording: { schema: RecordingSetting, fallback: { mode: 'all', retention_days: 180 } as Static<typeof RecordingSetting> },
  sip_security: { schema: SipSecuritySetting, fallback: DEFAULT_SIP_SECURITY },
  sip_registrar: {
    schema: SipRegistrarSetting,
    fallback: { min_expires: 60, max_expires: 7200, default_expires: 3600, max_contacts: 5 } as SipRegistrarSetting,
  },
  routing: { schema: RoutingSetting, fallback: { home_area_code: null } as RoutingSetting },
  acd: { schema: AcdSetting, fallback: DEFAULT_ACD },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = Static<(typeof SETTINGS)[K]['schema']>;

export class SettingsRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const spec = SETTINGS[key];
    const value = this.readJson(key);
    return (value !== undefined && Value.Check(spec.schema, value) ? value : structuredClone(spec.fallback)) as SettingValue<K>;
  }

  /** Returns false when the stored value already equals the new one. */
  set<K extends SettingKey>(key: K, value: SettingValue<K>): boolean {
    return this.writeJson(key, value);
  }

  /**
   * The stored JSON of a key whose schema a domain keeps itself (voicemail's, say: the system layer
   * cannot know it); undefined when never written. The caller checks it against its schema.
   */
  readJson(key: string): unknown {
    const row = this.db.query('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | null;
    return row ? JSON.parse(row.value) : undefined;
  }

  /** Stores `value` under `key`; false when it equals what is stored. */
  writeJson(key: string, value: unknown): boolean {
    const json = JSON.stringify(value);
    const current = this.db.query('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | null;
    if (current?.value === json) return false;
    this.db
      .query('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(key, json, isoTime(this.clock));
    return true;
  }

  /** Whether the key was ever written (export leaves out what is still default). */
  isSet(key: SettingKey): boolean {
    return this.db.query('SELECT 1 FROM settings WHERE key = ?').get(key) !== null;
  }
}

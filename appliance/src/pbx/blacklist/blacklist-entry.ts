/**
 * A blacklist entry (黑名单): a number, a prefix or a dial pattern, for
 * calls in, out or both, and what to do with a blocked caller. The one
 * `number` field carries the kind in its spelling, the same in the API,
 * the CSV file and the provisioning file:
 *
 *   13800138000     exactly this number, in whichever form it arrives (+86…, 0086…)
 *   0571*           every number that starts with 0571
 *   _1380013XXXX    a dial pattern (X N Z [..] . !), with the leading _
 */
import { type Static, Type as T } from '@sinclair/typebox';
import { type CompiledDialPattern, parseDialPattern } from '../routing/dial-pattern.ts';
import { nationalForm } from '../routing/national-number.ts';

export const BLACKLIST_DIRECTIONS = ['inbound', 'outbound', 'both'] as const;
export type BlacklistDirection = (typeof BLACKLIST_DIRECTIONS)[number];
/** reject: refused with SIP 603 before answer; play: answered, told, hung up; hangup: answered and hung up at once. */
export const BLACKLIST_ACTIONS = ['reject', 'play', 'hangup'] as const;
export type BlacklistAction = (typeof BLACKLIST_ACTIONS)[number];
export type BlacklistKind = 'number' | 'prefix' | 'pattern';

export const BlacklistNumber = T.String({
  pattern: '^(\\+?[0-9]{2,32}|\\+?[0-9]{1,31}\\*|_[0-9XNZ.!\\[\\]\\-*#+]{1,40})$',
  description: 'a number (13800138000), a prefix ending in * (0571*) or a pattern starting with _ (_1380013XXXX)',
});

export const BlacklistEntryCreate = T.Object(
  {
    number: BlacklistNumber,
    direction: T.Optional(T.Union(BLACKLIST_DIRECTIONS.map((d) => T.Literal(d)), { description: 'default both' })),
    action: T.Optional(T.Union(BLACKLIST_ACTIONS.map((a) => T.Literal(a)), { description: 'for calls in; default reject' })),
    note: T.Optional(T.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type BlacklistEntryCreate = Static<typeof BlacklistEntryCreate>;

export const BlacklistEntry = T.Object({
  id: T.Integer(),
  number: T.String(),
  kind: T.Union([T.Literal('number'), T.Literal('prefix'), T.Literal('pattern')]),
  direction: T.Union(BLACKLIST_DIRECTIONS.map((d) => T.Literal(d))),
  action: T.Union(BLACKLIST_ACTIONS.map((a) => T.Literal(a))),
  note: T.String(),
  created_at: T.String(),
  updated_at: T.String(),
});
export type BlacklistEntry = Static<typeof BlacklistEntry>;

export const canonicalBlacklistEntry = (e: BlacklistEntryCreate) => ({
  number: e.number,
  direction: e.direction ?? ('both' as BlacklistDirection),
  action: e.action ?? ('reject' as BlacklistAction),
  note: e.note ?? '',
});

export type ParsedBlacklistNumber = { ok: true; kind: BlacklistKind; pattern: CompiledDialPattern } | { ok: false; reason: string };

/** The kind of an entry and the pattern it matches with; a reason when the spelling is wrong. */
export function parseBlacklistNumber(text: string): ParsedBlacklistNumber {
  if (text.startsWith('_')) {
    const result = parseDialPattern(text);
    return result.ok ? { ok: true, kind: 'pattern', pattern: result.pattern } : { ok: false, reason: `pattern ${text} ${result.reason}` };
  }
  if (/^\+?[0-9]{1,31}\*$/.test(text)) return { ok: true, kind: 'prefix', pattern: literal(`${text.slice(0, -1)}!`, text) };
  if (/^\+?[0-9]{2,32}$/.test(text)) return { ok: true, kind: 'number', pattern: literal(nationalForm(text), text) };
  return { ok: false, reason: `${text} is not a number, a prefix ending in * or a pattern starting with _` };
}

function literal(body: string, source: string): CompiledDialPattern {
  const result = parseDialPattern(`_${body}`);
  if (!result.ok) throw new Error(`blacklist literal ${body}: ${result.reason}`);
  return { ...result.pattern, source };
}

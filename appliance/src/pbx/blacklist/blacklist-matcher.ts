/**
 * Which blacklist entry, if any, a number falls under. Every form of the
 * number is tried (as received, domestic, with the home area code), and
 * when several entries match the most specific wins — an exact number over
 * a pattern over a prefix, by the dial-pattern specificity order — so an
 * exception such as "play a message to this one number" can sit beside a
 * broad "reject this range".
 */
import { compareSpecificity, type CompiledDialPattern } from '../routing/dial-pattern.ts';
import { numberForms } from '../routing/national-number.ts';
import { type BlacklistEntry, parseBlacklistNumber } from './blacklist-entry.ts';

export type CallDirection = 'inbound' | 'outbound';

export interface BlacklistMatcher {
  check(number: string, direction: CallDirection): BlacklistEntry | null;
}

export function compileBlacklist(entries: readonly BlacklistEntry[], homeAreaCode: string | null): BlacklistMatcher {
  const compiled: { entry: BlacklistEntry; pattern: CompiledDialPattern }[] = [];
  for (const entry of entries) {
    const parsed = parseBlacklistNumber(entry.number);
    // Stored entries were checked on the way in; one that no longer parses blocks nothing rather than everything.
    if (parsed.ok) compiled.push({ entry, pattern: parsed.pattern });
  }
  return {
    check(number, direction) {
      const forms = numberForms(number, homeAreaCode);
      let best: { entry: BlacklistEntry; pattern: CompiledDialPattern } | null = null;
      for (const c of compiled) {
        if (c.entry.direction !== direction && c.entry.direction !== 'both') continue;
        if (!forms.some((f) => c.pattern.matches(f))) continue;
        if (best === null || compareSpecificity(c.pattern, best.pattern) < 0) best = c;
      }
      return best?.entry ?? null;
    },
  };
}

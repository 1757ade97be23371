/**
 * Asterisk-style dial patterns, as used by outbound routes, inbound caller
 * conditions and the blacklist:
 *
 *   X any digit   Z 1-9   N 2-9   [15-7] one digit of the set
 *   .  one or more characters   !  zero or more characters
 *   0-9 * # +  themselves       -  ignored (a visual separator, `138-0013-XXXX`)
 *
 * A leading `_` is optional: every route pattern is a pattern, so `9X.` and
 * `_9X.` mean the same. The whole number must match.
 *
 * Specificity (which of several matching routes wins): the patterns are
 * compared token by token from the left; at the first position where they
 * differ in how many characters the token admits (a literal 1, [1-5] 5,
 * N 8, Z 9, X 10, `.` and `!` unbounded, `!` last), the narrower one wins.
 * A pattern that has ended counts as admitting one thing (the end), so
 * `9X` beats `9X!`. Equal breadth all along → the source text decides, so
 * the order is total and stable. Hence for 9 + 8 digits `9NXXXXXXX` beats
 * `9X.` (N is narrower than X at position 2), and for 90123 `90X.` beats
 * `9X.` (0 is narrower than X).
 */

export interface CompiledDialPattern {
  /** The text as configured. */
  readonly source: string;
  matches(number: string): boolean;
  /** Per token, how many characters it admits; Infinity for `.` and `!`. */
  readonly breadths: readonly number[];
}

export type PatternResult = { ok: true; pattern: CompiledDialPattern } | { ok: false; reason: string };

/** Breadth of `!`: above `.` so that "one or more" beats "zero or more". */
const ZERO_OR_MORE = Number.POSITIVE_INFINITY;
const ONE_OR_MORE = Number.MAX_VALUE;

const CLASSES: Record<string, { regex: string; breadth: number }> = {
  X: { regex: '[0-9]', breadth: 10 },
  Z: { regex: '[1-9]', breadth: 9 },
  N: { regex: '[2-9]', breadth: 8 },
  '.': { regex: '.+', breadth: ONE_OR_MORE },
  '!': { regex: '.*', breadth: ZERO_OR_MORE },
};

/** Parses a pattern once; the result matches numbers without further parsing. */
export function parseDialPattern(source: string): PatternResult {
  const body = source.startsWith('_') ? source.slice(1) : source;
  if (body.length === 0) return { ok: false, reason: 'is empty' };
  let regex = '^';
  const breadths: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '-') continue;
    if (c === '[') {
      const end = body.indexOf(']', i);
      if (end < 0) return { ok: false, reason: `[ at position ${i + 1} has no ]` };
      const digits = digitSet(body.slice(i + 1, end));
      if (digits === null) return { ok: false, reason: `[${body.slice(i + 1, end)}] is not a set of digits such as [1-5] or [135-7]` };
      regex += `[${[...digits].join('')}]`;
      breadths.push(digits.size);
      i = end;
    } else if (CLASSES[c]) {
      const cls = CLASSES[c];
      if ((c === '.' || c === '!') && i !== body.length - 1) return { ok: false, reason: `${c} must be the last character` };
      regex += cls.regex;
      breadths.push(cls.breadth);
    } else if (/[0-9#]/.test(c)) {
      regex += c;
      breadths.push(1);
    } else if (c === '*' || c === '+') {
      regex += `\\${c}`;
      breadths.push(1);
    } else {
      return { ok: false, reason: `${c} has no meaning in a pattern (use digits, X, Z, N, [..], . or !)` };
    }
  }
  if (breadths.length === 0) return { ok: false, reason: 'has no digits or wildcards' };
  const re = new RegExp(`${regex}$`);
  return { ok: true, pattern: { source, breadths, matches: (number) => re.test(number) } };
}

/** Like parseDialPattern, for values already validated (stored routes): a bad one is a programmer error. */
export function compileDialPattern(source: string): CompiledDialPattern {
  const result = parseDialPattern(source);
  if (!result.ok) throw new Error(`invalid dial pattern ${source}: ${result.reason}`);
  return result.pattern;
}

/** Negative when `a` is more specific than `b` (sorts most specific first). */
export function compareSpecificity(a: CompiledDialPattern, b: CompiledDialPattern): number {
  const n = Math.max(a.breadths.length, b.breadths.length);
  for (let i = 0; i < n; i++) {
    const x = a.breadths[i] ?? 1;
    const y = b.breadths[i] ?? 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  if (a.breadths.length !== b.breadths.length) return b.breadths.length - a.breadths.length;
  return a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
}

/** The most specific pattern that matches, or null. */
export function mostSpecific<T extends { pattern: CompiledDialPattern }>(candidates: readonly T[], number: string): T | null {
  let best: T | null = null;
  for (const c of candidates) {
    if (c.pattern.matches(number) && (best === null || compareSpecificity(c.pattern, best.pattern) < 0)) best = c;
  }
  return best;
}

function digitSet(text: string): Set<string> | null {
  if (!/^([0-9](-[0-9])?)+$/.test(text)) return null;
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const from = Number(text[i]);
    if (text[i + 1] === '-') {
      const to = Number(text[i + 2]);
      if (to < from) return null;
      for (let d = from; d <= to; d++) out.add(String(d));
      i += 2;
    } else out.add(String(from));
  }
  return out;
}

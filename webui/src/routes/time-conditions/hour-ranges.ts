/**
 * Opening hours as typed: "09:00-12:00, 13:30-18:00". Ranges are split on
 * commas, semicolons (also full-width) or spaces; an end not after its
 * start runs past midnight ("22:00-06:00"), and 24:00 ends a day.
 */
const RANGE = /^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
export const MAX_RANGES = 12;

export type RangesResult = { ok: true; ranges: string[] } | { ok: false; problem: 'format' | 'empty' | 'tooMany'; range: string };

/** Accepts "9:00", "9:00 - 18:00" and full-width "：" or "－", as people type them, and writes them the server's way. */
function normalise(text: string): string {
  return text
    .replace(/：/g, ':')
    .replace(/\s*[-－—–~～至到]\s*/g, '-')
    .replace(/(^|[-,，;；\s])(\d):/g, '$10$2:');
}

export function parseRanges(text: string): RangesResult {
  const parts = normalise(text)
    .split(/[,，;；\s]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length > MAX_RANGES) return { ok: false, problem: 'tooMany', range: '' };
  const ranges: string[] = [];
  for (const range of parts) {
    if (!RANGE.test(range)) return { ok: false, problem: 'format', range };
    const [start, end] = range.split('-');
    if (start === end) return { ok: false, problem: 'empty', range };
    ranges.push(range);
  }
  return { ok: true, ranges };
}

export function formatRanges(ranges: readonly string[] | undefined): string {
  return (ranges ?? []).join(', ');
}

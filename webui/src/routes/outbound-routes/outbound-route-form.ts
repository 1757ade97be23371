import type { OutboundRoute, OutboundRouteBody } from '../../lib/api/routing-types';
import type { FieldErrors } from '../../lib/forms/field-errors';

/** What the outbound route form edits; the digit count as typed. */
export interface OutboundRouteValues extends Record<string, unknown> {
  pattern: string;
  /** Tried in this order: the next on 503 or no answer from the one before. */
  trunks: string[];
  strip: string;
  prepend: string;
}

/** The characters the server's dial patterns use; it checks the grammar itself. */
const PATTERN_CHARS = /^_?[0-9XNZ.![\]\-*#+]{1,40}$/;
const PREPEND_PATTERN = /^[0-9+*#]{0,20}$/;
export const MAX_STRIP = 20;

export function emptyOutboundRoute(): OutboundRouteValues {
  return { pattern: '', trunks: [], strip: '0', prepend: '' };
}

export function outboundRouteValues(item: OutboundRoute): OutboundRouteValues {
  return { pattern: item.pattern, trunks: [...item.trunks], strip: String(item.strip), prepend: item.prepend };
}

/**
 * A pattern's characters and its brackets: each `[` closed, not nested,
 * holding digits or ranges such as `1-5`. Other mistakes the server names.
 */
export function patternProblem(pattern: string): 'chars' | 'brackets' | null {
  if (!PATTERN_CHARS.test(pattern)) return 'chars';
  const sets = pattern.match(/\[[^\]]*\]?/g) ?? [];
  for (const set of sets) {
    if (!/^\[([0-9](-[0-9])?)+\]$/.test(set)) return 'brackets';
  }
  return pattern.replace(/\[[^\]]*\]/g, '').includes(']') ? 'brackets' : null;
}

export function validateOutboundRoute(values: OutboundRouteValues): FieldErrors<OutboundRouteValues> {
  const errors: FieldErrors<OutboundRouteValues> = {};
  const problem = patternProblem(values.pattern.trim());
  if (problem === 'chars') errors.pattern = { key: 'outbound.errPattern' };
  if (problem === 'brackets') errors.pattern = { key: 'outbound.errBrackets' };
  if (values.trunks.length === 0) errors.trunks = { key: 'outbound.errTrunks' };
  const strip = values.strip.trim();
  if (!/^[0-9]+$/.test(strip) || Number(strip) > MAX_STRIP) errors.strip = { key: 'outbound.errStrip', params: { max: MAX_STRIP } };
  if (!PREPEND_PATTERN.test(values.prepend.trim())) errors.prepend = { key: 'outbound.errPrepend' };
  return errors;
}

export function outboundRouteBody(values: OutboundRouteValues): OutboundRouteBody {
  return {
    pattern: values.pattern.trim(),
    trunks: [...values.trunks],
    strip: Number(values.strip.trim()),
    prepend: values.prepend.trim(),
  };
}

/**
 * Generic parameters (`;name=value`), as they follow a Via, a name-addr or a
 * URI. Names are compared case-insensitively; values keep their case and,
 * for quoted strings, their quotes, so a message re-serializes as received.
 */
import { IS_TOKEN, type Scanner } from './scanner.ts';

export type Params = [name: string, value: string | null][];

export function getParam(params: Params, name: string): string | null | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of params) if (n.toLowerCase() === lower) return v;
  return undefined;
}

export function hasParam(params: Params, name: string): boolean {
  return getParam(params, name) !== undefined;
}

export function setParam(params: Params, name: string, value: string | null): void {
  const lower = name.toLowerCase();
  const found = params.find(([n]) => n.toLowerCase() === lower);
  if (found) found[1] = value;
  else params.push([name, value]);
}

export function formatParams(params: Params): string {
  let out = '';
  for (const [name, value] of params) out += value === null ? `;${name}` : `;${name}=${value}`;
  return out;
}

/** gen-value = token / host / quoted-string; host adds IPv6 references. */
function genValue(s: Scanner): string | null {
  const c = s.peek();
  if (c === '"') return s.quotedString();
  if (c === '[') {
    const start = s.pos;
    const close = s.text.indexOf(']', start);
    if (close < 0) return null;
    s.pos = close + 1;
    const inner = s.text.slice(start + 1, close);
    return /^[0-9A-Fa-f:.]+$/.test(inner) ? s.text.slice(start, s.pos) : null;
  }
  const start = s.pos;
  while (s.pos < s.text.length && (IS_TOKEN[s.text.charCodeAt(s.pos)] === 1 || s.text.charAt(s.pos) === ':')) s.pos++;
  return s.pos > start ? s.text.slice(start, s.pos) : null;
}

/**
 * `*( SEMI generic-param )` from the scanner's position. Returns null on a
 * malformed parameter (an empty name such as `;;`, a missing value after `=`).
 */
export function parseParams(s: Scanner): Params | null {
  const params: Params = [];
  while (s.separator(';')) {
    const name = s.token();
    if (name === null) return null;
    if (s.separator('=')) {
      const value = genValue(s);
      if (value === null) return null;
      params.push([name, value]);
    } else {
      params.push([name, null]);
    }
  }
  return params;
}

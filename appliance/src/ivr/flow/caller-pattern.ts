/**
 * Caller-number conditions of a branch node. `_` starts an Asterisk-style
 * pattern matched against the whole number: X any digit, Z 1-9, N 2-9,
 * [15-7] a set, `.` one or more characters, `!` zero or more. Without `_`
 * the text is a prefix (`138` matches every number that starts with 138).
 */

export type CallerPattern = { ok: true; test(number: string): boolean } | { ok: false; reason: string };

const CLASSES: Record<string, string> = { X: '[0-9]', Z: '[1-9]', N: '[2-9]', '.': '.+', '!': '.*' };

export function compileCallerPattern(source: string): CallerPattern {
  if (!source.startsWith('_')) {
    if (!/^[0-9+*#]+$/.test(source)) return { ok: false, reason: `${source}: a prefix holds only digits, +, * and #` };
    return { ok: true, test: (number) => number.startsWith(source) };
  }
  let regex = '^';
  const body = source.slice(1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '[') {
      const end = body.indexOf(']', i);
      if (end < 0) return { ok: false, reason: `${source}: [ without ]` };
      const set = body.slice(i + 1, end);
      if (!/^[0-9](-[0-9])?([0-9](-[0-9])?)*$/.test(set)) return { ok: false, reason: `${source}: [${set}] is not a digit set` };
      regex += `[${set}]`;
      i = end;
    } else if (CLASSES[c]) regex += CLASSES[c];
    else if (/[0-9#]/.test(c)) regex += c;
    else if (c === '+' || c === '*') regex += `\\${c}`;
    else return { ok: false, reason: `${source}: ${c} has no meaning in a pattern` };
  }
  const re = new RegExp(`${regex}$`);
  return { ok: true, test: (number) => re.test(number) };
}

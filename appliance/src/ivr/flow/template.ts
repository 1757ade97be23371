/**
 * Text with `${name}` or `${now.hour}` references to flow variables, as in
 * prompts, HTTP URLs and bodies, and `set` values. A `$` not followed by `{`
 * is plain text; anything else after `${` must be a dotted name and `}`.
 * Parsing is separate from rendering so the validator can refuse a bad
 * template when the flow is saved, not when a caller reaches it.
 */

export type TemplatePart = { text: string } | { ref: string };

export type ParsedTemplate = { ok: true; parts: TemplatePart[] } | { ok: false; reason: string };

const REF = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

export function parseTemplate(source: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let at = 0;
  for (;;) {
    const open = source.indexOf('${', at);
    if (open < 0) break;
    if (open > at) parts.push({ text: source.slice(at, open) });
    const close = source.indexOf('}', open + 2);
    if (close < 0) return { ok: false, reason: `unclosed \${ at position ${open}` };
    const ref = source.slice(open + 2, close).trim();
    if (!REF.test(ref)) return { ok: false, reason: `\${${ref}} is not a variable name` };
    parts.push({ ref });
    at = close + 1;
  }
  if (at < source.length) parts.push({ text: source.slice(at) });
  return { ok: true, parts };
}

/** The names a template refers to; [] for a template that does not parse. */
export function templateRefs(source: string): string[] {
  const parsed = parseTemplate(source);
  return parsed.ok ? parsed.parts.flatMap((p) => ('ref' in p ? [p.ref] : [])) : [];
}

/**
 * Fills a template; a reference `lookup` does not know becomes empty text
 * and is reported through `missing`, so a typo is logged, not spoken.
 */
export function renderTemplate(source: string, lookup: (ref: string) => string | undefined, missing?: (ref: string) => void): string {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return source;
  return parsed.parts
    .map((p) => {
      if ('text' in p) return p.text;
      const value = lookup(p.ref);
      if (value === undefined) missing?.(p.ref);
      return value ?? '';
    })
    .join('');
}

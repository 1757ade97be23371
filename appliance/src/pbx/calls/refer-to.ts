/**
 * The Refer-To of a REFER (RFC 3515 §2.1): the number to transfer to and,
 * for an attended transfer, the dialog its Replaces header names (RFC 3891
 * §6.1), carried escaped in the URI's headers part.
 */
export interface ReferTarget {
  number: string;
  replaces: { callId: string; toTag: string; fromTag: string } | null;
}

export function parseReferTo(value: string | undefined): ReferTarget | null {
  if (value === undefined) return null;
  const bracketed = /<([^>]*)>/.exec(value);
  const uri = (bracketed ? bracketed[1] : value.split(';')[0])?.trim() ?? '';
  const m = /^sips?:([^@;?]+)@[^?]*(?:\?(.*))?$/i.exec(uri);
  if (!m) return null;
  const number = decodeURIComponent(m[1] as string);
  let replaces: ReferTarget['replaces'] = null;
  for (const header of (m[2] ?? '').split('&')) {
    const eq = header.indexOf('=');
    if (eq < 0 || header.slice(0, eq).toLowerCase() !== 'replaces') continue;
    const parts = decodeURIComponent(header.slice(eq + 1)).split(';');
    const params = new Map(parts.slice(1).map((p) => p.split('=').map((x) => x.trim()) as [string, string]));
    const toTag = params.get('to-tag');
    const fromTag = params.get('from-tag');
    if (parts[0] && toTag !== undefined && fromTag !== undefined) replaces = { callId: parts[0].trim(), toTag, fromTag };
  }
  return { number, replaces };
}

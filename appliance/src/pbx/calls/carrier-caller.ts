/**
 * Who a carrier says is calling: the From user (or a tel: URI's number) and
 * its display name. A carrier's caller is not an extension, so nothing here
 * is authenticated — it is what the route, the blacklist and the CDR see.
 */
import { type SipRequest, uriUser } from '../../sip/index.ts';

const MAX_NUMBER = 32;
const MAX_NAME = 64;

export function carrierCaller(request: SipRequest): { number: string; name: string | null } {
  const from = request.from();
  if (!from) return { number: '', name: null };
  const uri = from.uri;
  const user = /^tel$/i.test(uri.scheme) ? ((uri.opaque ?? '').split(';')[0] ?? '') : (uriUser(uri) ?? '');
  const raw = from.displayName?.trim() ?? '';
  const name = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  return {
    number: /^anonymous$/i.test(user) ? '' : user.slice(0, MAX_NUMBER),
    name: name === '' ? null : name.slice(0, MAX_NAME),
  };
}

/**
 * SessionDescription → text, CRLF line ends, in the order RFC 4566 §5 fixes:
 * session  v o s i u e p c b t r z k a,  then per media  m i c b k a.
 * Verbatim lines of one type keep their relative order. Within a media
 * section the a= lines are: rtpmap and fmtp per payload type in m= order,
 * ptime, the other attributes as received, then the direction.
 */
import type { Attribute, Connection, MediaDescription, SdpLine, SessionDescription } from './session-description.ts';

const CRLF = '\r\n';

export function serializeSdp(sd: SessionDescription): string {
  const out: string[] = [];
  const o = sd.origin;
  out.push('v=0', `o=${o.username} ${o.sessionId} ${o.version} ${o.netType} ${o.addrType} ${o.address}`, `s=${sd.sessionName}`);
  pushVerbatim(out, sd.lines, 'iuep');
  if (sd.connection !== null) out.push(connectionLine(sd.connection));
  pushVerbatim(out, sd.lines, 'b');
  for (const t of sd.times) {
    out.push(`t=${t.start} ${t.stop}`);
    for (const r of t.repeats) out.push(`r=${r}`);
  }
  pushVerbatim(out, sd.lines, 'zk');
  pushAttributes(out, sd.attributes);
  if (sd.direction !== null) out.push(`a=${sd.direction}`);
  for (const m of sd.media) pushMedia(out, m);
  return out.join(CRLF) + CRLF;
}

function pushMedia(out: string[], m: MediaDescription): void {
  const port = m.portCount === null ? `${m.port}` : `${m.port}/${m.portCount}`;
  out.push(`m=${m.media} ${port} ${m.protocol} ${m.formats.join(' ')}`);
  pushVerbatim(out, m.lines, 'i');
  if (m.connection !== null) out.push(connectionLine(m.connection));
  pushVerbatim(out, m.lines, 'bk');
  const rtpmaps = [...m.rtpmaps];
  const fmtps = [...m.fmtps];
  for (const format of m.formats) {
    for (const r of take(rtpmaps, (x) => `${x.payloadType}` === format)) out.push(rtpmapLine(r));
    for (const f of take(fmtps, (x) => x.format === format)) out.push(`a=fmtp:${f.format} ${f.parameters}`);
  }
  for (const r of rtpmaps) out.push(rtpmapLine(r));
  for (const f of fmtps) out.push(`a=fmtp:${f.format} ${f.parameters}`);
  if (m.ptime !== null) out.push(`a=ptime:${m.ptime}`);
  pushAttributes(out, m.attributes);
  if (m.direction !== null) out.push(`a=${m.direction}`);
}

/** Removes and returns the items of `list` that match. */
function take<T>(list: T[], match: (item: T) => boolean): T[] {
  const taken = list.filter(match);
  for (const item of taken) list.splice(list.indexOf(item), 1);
  return taken;
}

function rtpmapLine(r: MediaDescription['rtpmaps'][number]): string {
  return `a=rtpmap:${r.payloadType} ${r.encoding}/${r.clockRate}${r.channels === null ? '' : `/${r.channels}`}`;
}

function connectionLine(c: Connection): string {
  return `c=${c.netType} ${c.addrType} ${c.address}`;
}

function pushVerbatim(out: string[], lines: SdpLine[], types: string): void {
  for (const type of types) for (const l of lines) if (l.type === type) out.push(`${type}=${l.value}`);
}

function pushAttributes(out: string[], attributes: Attribute[]): void {
  for (const a of attributes) out.push(a.value === null ? `a=${a.name}` : `a=${a.name}:${a.value}`);
}

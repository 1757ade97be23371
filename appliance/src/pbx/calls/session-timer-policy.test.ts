import { describe, expect, test } from 'bun:test';
import { SipRequest, SipResponse } from '../../sip/index.ts';
import { decideAsUac, decideAsUas, expiryMs, refreshMs } from './session-timer-policy.ts';

function invite(headers: [string, string][]): SipRequest {
  const r = new SipRequest('INVITE', 'sip:1002@box');
  for (const [n, v] of headers) r.append(n, v);
  return r;
}

describe('session timers (RFC 4028)', () => {
  test('a phone that supports timers refreshes, as it asked', () => {
    const result = decideAsUas(invite([['Supported', 'replaces, timer'], ['Session-Expires', '600;refresher=uac']]), { intervalS: 1800, minSeS: 90 });
    expect(result).toEqual({ ok: true, decision: { intervalS: 600, refresher: 'uac', headers: [['Session-Expires', '600;refresher=uac'], ['Require', 'timer']] } });
  });

  test('a phone that supports timers but names no refresher is made the refresher', () => {
    const result = decideAsUas(invite([['Supported', 'timer']]), { intervalS: 1800, minSeS: 90 });
    expect(result.ok && result.decision.refresher).toBe('uac');
    expect(result.ok && result.decision.intervalS).toBe(1800);
  });

  test('a phone without timer support leaves the refreshing to the box, and hears nothing of it', () => {
    const result = decideAsUas(invite([]), { intervalS: 1800, minSeS: 90 });
    expect(result).toEqual({ ok: true, decision: { intervalS: 1800, refresher: 'uas', headers: [] } });
  });

  test('an interval below our Min-SE is refused with 422', () => {
    expect(decideAsUas(invite([['Session-Expires', '30']]), { intervalS: 1800, minSeS: 90 })).toEqual({ ok: false, status: 422, minSe: 90 });
  });

  test('as UAC: a 2xx without Session-Expires means the box refreshes', () => {
    const ok = new SipResponse(200, 'OK');
    expect(decideAsUac(ok, 1800)).toEqual({ intervalS: 1800, refresher: 'uac', headers: [] });
    ok.append('Session-Expires', '900;refresher=uas');
    expect(decideAsUac(ok, 1800).refresher).toBe('uas');
  });

  test('the refresher refreshes at half time; the other side gives up a third (at most 32 s) early', () => {
    expect(refreshMs(1800)).toBe(900_000);
    expect(expiryMs(1800)).toBe(1_768_000);
    expect(expiryMs(30)).toBe(20_000);
  });
});

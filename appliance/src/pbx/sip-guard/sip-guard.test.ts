import { afterEach, describe, expect, test } from 'bun:test';
import type { BusEvent } from '../../events/index.ts';
import { parseSipMessage, type SipRequest } from '../../sip/index.ts';
import { DEFAULT_SIP_SECURITY } from '../../system/index.ts';
import { type TempServices, tempServices } from '../../testing/temp-services.ts';
import { BansRepository } from './bans-repository.ts';
import { SipGuard } from './sip-guard.ts';

const boxes: TempServices[] = [];
afterEach(() => {
  for (const b of boxes.splice(0)) b.close();
});

function setup(overrides: Partial<typeof DEFAULT_SIP_SECURITY> = {}) {
  const box = tempServices();
  boxes.push(box);
  const events: BusEvent[] = [];
  box.services.bus.subscribe((e) => events.push(e));
  const make = () =>
    new SipGuard({
      clock: box.clock,
      bans: new BansRepository(box.services.db),
      bus: box.services.bus,
      logger: box.services.logger,
      settings: { ...DEFAULT_SIP_SECURITY, ...overrides },
    });
  return { box, guard: make(), make, events };
}

const from = (address: string) => ({ protocol: 'udp' as const, address, port: 5060 });

function optionsWithAgent(agent: string): SipRequest {
  const text = `OPTIONS sip:100@box SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bK1\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:100@box>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nUser-Agent: ${agent}\r\nContent-Length: 0\r\n\r\n`;
  const r = parseSipMessage(Buffer.from(text), { stream: false });
  if (r.kind !== 'message') throw new Error('fixture');
  return r.message as SipRequest;
}

describe('SIP guard', () => {
  test('bans an address after the threshold of auth failures within the window, for ban_s', () => {
    const { box, guard, events } = setup({ failure_threshold: 3, failure_window_s: 60, ban_s: 300 });
    guard.authFailed(from('203.0.113.5'));
    guard.authFailed(from('203.0.113.5'));
    expect(guard.admit(from('203.0.113.5'))).toBe(true);
    guard.authFailed(from('203.0.113.5'));
    expect(guard.admit(from('203.0.113.5'))).toBe(false);
    expect(guard.admit(from('203.0.113.6'))).toBe(true);
    expect(events.map((e) => e.name)).toContain('sip.source_banned');
    box.clock.advance(300_000);
    expect(guard.admit(from('203.0.113.5'))).toBe(true);
  });

  test('failures spread wider than the window do not ban', () => {
    const { box, guard } = setup({ failure_threshold: 3, failure_window_s: 60 });
    for (let i = 0; i < 6; i++) {
      guard.authFailed(from('203.0.113.7'));
      box.clock.advance(31_000);
    }
    expect(guard.isBanned('203.0.113.7')).toBe(false);
  });

  test('a scanner user-agent is banned at once', () => {
    const { guard } = setup();
    expect(guard.inspect(optionsWithAgent('friendly-scanner'), from('198.51.100.1'))).toBe(false);
    expect(guard.admit(from('198.51.100.1'))).toBe(false);
    expect(guard.inspect(optionsWithAgent('Yealink SIP-T46U 108.86.0.20'), from('198.51.100.2'))).toBe(true);
  });

  test('a flood from one source is cut at its rate while others pass', () => {
    const { guard } = setup({ rate_per_s: 10, rate_burst: 20 });
    let admitted = 0;
    for (let i = 0; i < 1000; i++) if (guard.admit(from('192.0.2.66'))) admitted++;
    expect(admitted).toBe(20);
    expect(guard.admit(from('192.0.2.1'))).toBe(true);
    expect(guard.stats.droppedRate).toBe(980);
  });

  test('bans survive a restart and can be lifted', () => {
    const { guard, make } = setup();
    guard.ban('198.51.100.9', 'test', 600);
    const again = make();
    expect(again.isBanned('198.51.100.9')).toBe(true);
    expect(again.lift('198.51.100.9')).toBe(true);
    expect(make().isBanned('198.51.100.9')).toBe(false);
  });

  test('trusted addresses are never banned or limited', () => {
    const { guard } = setup({ trusted: ['10.0.0.1'], failure_threshold: 1, rate_per_s: 1, rate_burst: 1 });
    guard.authFailed(from('10.0.0.1'));
    for (let i = 0; i < 10; i++) expect(guard.admit(from('10.0.0.1'))).toBe(true);
  });
});

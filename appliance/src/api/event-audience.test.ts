import { describe, expect, test } from 'bun:test';
import type { Permission, Principal } from '../auth/index.ts';
import type { BusEvent, EventName } from '../events/event-map.ts';
import { eventAudience } from './event-audience.ts';

const principal = (username: string, permissions: Permission[]): Principal => ({
  userId: 1,
  username,
  displayName: username,
  role: 'agent',
  permissions: new Set(permissions),
});
let seq = 0;
const ev = (name: EventName, data: Record<string, unknown>) => ({ seq: seq++, name, at: '', data }) as unknown as BusEvent;
const scope = (user: string) => (user === 'zhangmin' ? { agent: '8001', extension: '1001', queues: new Set(['6001']) } : null);

describe('eventAudience', () => {
  test('an agent sees their own state, their queues and the calls of their phone, and nothing else', () => {
    const see = eventAudience(() => principal('zhangmin', ['acd.agent', 'events.subscribe']), scope);
    expect(see(ev('agent.state', { agent: '8001' }))).toBe(true);
    expect(see(ev('agent.state', { agent: '8002' }))).toBe(false);
    expect(see(ev('queue.entered', { queue: '6001', call_id: 'a' }))).toBe(true);
    expect(see(ev('queue.entered', { queue: '6002', call_id: 'b' }))).toBe(false);
    // calls.read is not theirs, yet the calls that ring their phone are shown, with their later events.
    expect(see(ev('call.ringing', { call_id: 'c', extension: '1001' }))).toBe(true);
    expect(see(ev('call.ringing', { call_id: 'd', extension: '1002' }))).toBe(false);
    expect(see(ev('call.ended', { call_id: 'c' }))).toBe(true);
    expect(see(ev('call.ended', { call_id: 'd' }))).toBe(false);
    expect(see(ev('trunk.status', { trunk: 'x' }))).toBe(false);
  });

  test('a supervisor sees every event their permissions allow', () => {
    const see = eventAudience(() => principal('zhaolei', ['acd.agent', 'acd.supervise', 'calls.read']), scope);
    expect(see(ev('agent.state', { agent: '8002' }))).toBe(true);
    expect(see(ev('call.ringing', { call_id: 'd', extension: '1002' }))).toBe(true);
    expect(see(ev('trunk.status', { trunk: 'x' }))).toBe(false);
  });

  test('a user who is no agent sees no agent or queue events, whatever else they may see', () => {
    const see = eventAudience(() => principal('admin2', ['acd.agent', 'calls.read']), scope);
    expect(see(ev('agent.state', { agent: '8001' }))).toBe(false);
    expect(see(ev('call.ringing', { call_id: 'd', extension: '1002' }))).toBe(true);
  });
});

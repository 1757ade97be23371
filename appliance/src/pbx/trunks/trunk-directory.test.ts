import { describe, expect, test } from 'bun:test';
import { EventBus } from '../../events/index.ts';
import type { TrunkAccess } from '../calls/call-routing.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { silentLogger } from '../../system/index.ts';
import { type HostResolver, TrunkDirectory, type TrunkStore } from './trunk-directory.ts';
import { MemoryTrunks, trunk } from './trunk-test-support.ts';

const DNS: Record<string, string[]> = {
  'sip.carrier.example': ['203.0.113.7', '2001:db8::7'],
  'sbc.carrier.example': ['203.0.113.20'],
};

function directory(store: TrunkStore, dns: Record<string, string[]> = DNS) {
  const looked: string[] = [];
  const resolve: HostResolver = async (host) => {
    looked.push(host);
    const found = dns[host];
    if (!found) throw new Error(`ENOTFOUND ${host}`);
    return found;
  };
  return { d: new TrunkDirectory({ trunks: store, logger: silentLogger, resolve }), looked };
}

describe('trunk directory', () => {
  test('a peer trunk is found by its host at its port and by its match entries', async () => {
    const store = new MemoryTrunks([
      trunk({ name: 'carrier', host: 'sip.carrier.example', match: ['sbc.carrier.example', '198.51.100.0/24:5080'] }),
      trunk({ name: 'local', host: '10.0.0.5', port: 5062 }),
    ]);
    const { d } = directory(store);
    await d.load();
    expect(d.bySource('203.0.113.7', 5060)?.name).toBe('carrier');
    expect(d.bySource('2001:db8:0::7', 5060)?.name).toBe('carrier');
    expect(d.bySource('203.0.113.20', 40000)?.name).toBe('carrier');
    expect(d.bySource('198.51.100.99', 5080)?.name).toBe('carrier');
    expect(d.bySource('198.51.100.99', 5060)).toBeNull();
    expect(d.bySource('::ffff:10.0.0.5', 5062)?.name).toBe('local');
    // A phone on the carrier's address but another port is not the carrier.
    expect(d.bySource('203.0.113.7', 5062)).toBeNull();
    expect(d.bySource('10.0.0.5', 5060)).toBeNull();
    expect(d.bySource('not-an-address', 5060)).toBeNull();
  });

  test('an entry naming the port wins over one for any port', async () => {
    const store = new MemoryTrunks([trunk({ name: 'a-any', host: '10.9.9.9', match: ['10.0.0.5'] }), trunk({ name: 'b-exact', host: '10.0.0.5', port: 5070 })]);
    const { d } = directory(store);
    await d.load();
    expect(d.bySource('10.0.0.5', 5070)?.name).toBe('b-exact');
    expect(d.bySource('10.0.0.5', 5071)?.name).toBe('a-any');
  });

  test('disabled trunks are not trusted, not dialled and give no channels', async () => {
    const store = new MemoryTrunks([trunk({ name: 'off', host: '10.0.0.5', enabled: false })]);
    const { d } = directory(store);
    await d.load();
    expect(d.bySource('10.0.0.5', 5060)).toBeNull();
    expect(d.line('off')).toBeNull();
    expect(d.acquire('off')).toBe(false);
    expect(d.byName('off')?.enabled).toBe(false);
  });

  test('names are resolved once per load, numeric hosts never; a name that fails leaves the trunk unresolved', async () => {
    const store = new MemoryTrunks([
      trunk({ name: 'a', host: 'sip.carrier.example' }),
      trunk({ name: 'b', host: 'sip.carrier.example', port: 5070 }),
      trunk({ name: 'c', host: '10.0.0.5' }),
      trunk({ name: 'gone', host: 'nowhere.example' }),
    ]);
    const { d, looked } = directory(store);
    await d.load();
    expect(looked.sort()).toEqual(['nowhere.example', 'sip.carrier.example']);
    expect(d.target('a')).toEqual({ protocol: 'udp', address: '203.0.113.7', port: 5060 });
    expect(d.target('gone')).toBeNull();
    expect(d.line('gone')).toBeNull();
  });

  test('line: target, domain, caller-ID presentation and credentials', async () => {
    const carrier = trunk({
      name: 'carrier',
      host: 'sip.carrier.example',
      port: 5080,
      transport: 'tcp',
      username: 'acct',
      caller_id: '02150001234',
      from_domain: 'carrier.example',
    });
    const plain = trunk({ name: 'plain', host: '10.0.0.5' });
    const { d } = directory(new MemoryTrunks([carrier, plain], { [carrier.id]: 's3cret' }));
    await d.load();
    const line = d.line('carrier');
    expect(line).toMatchObject({
      name: 'carrier',
      target: { protocol: 'tcp', address: '203.0.113.7', port: 5080 },
      domain: 'carrier.example',
      auth: { username: 'acct', password: 's3cret' },
    });
    expect(line?.fromHeader('1001')).toBe('<sip:02150001234@carrier.example>');
    expect(d.callerIdFor('plain', '1001')).toBe('1001');
    expect(d.line('plain')?.fromHeader('1001')).toBe('<sip:1001@10.0.0.5>');
    expect(d.line('plain')?.auth).toBeNull();
    expect(d.credentials('carrier')).toEqual({ username: 'acct', password: 's3cret' });
    expect(d.credentials('plain')).toBeNull();
    expect(d.credentials('nope')).toBeNull();
  });

  test('access() is what the call layer asks for: sources as endpoints, trunks by name', async () => {
    const { d } = directory(new MemoryTrunks([trunk({ name: 'peer', host: '10.0.0.5', max_channels: 1 })]));
    await d.load();
    const access: TrunkAccess = d.access();
    expect(access.bySource({ protocol: 'udp', address: '10.0.0.5', port: 5060 })).toBe('peer');
    expect(access.bySource({ protocol: 'udp', address: '10.0.0.6', port: 5060 })).toBeNull();
    expect(access.line('peer')?.target).toEqual({ protocol: 'udp', address: '10.0.0.5', port: 5060 });
    expect([access.acquire('peer'), access.acquire('peer')]).toEqual([true, false]);
    access.release('peer');
    expect(d.inUse('peer')).toBe(0);
  });

  test('channels honour max_channels and survive a reload', async () => {
    const store = new MemoryTrunks([trunk({ name: 'small', host: '10.0.0.5', max_channels: 2 })]);
    const { d } = directory(store);
    await d.load();
    expect([d.acquire('small'), d.acquire('small'), d.acquire('small')]).toEqual([true, true, false]);
    store.trunks = [trunk({ name: 'small', host: '10.0.0.5', max_channels: 3 })];
    await d.load();
    expect(d.inUse('small')).toBe(2);
    expect(d.acquire('small')).toBe(true);
    expect(d.acquire('small')).toBe(false);
    d.release('small');
    expect(d.inUse('small')).toBe(2);
    expect(d.acquire('unknown')).toBe(false);
  });

  test('reloads on trunk changes only, coalescing a burst, then tells its listeners', async () => {
    const clock = new FakeClock();
    const bus = new EventBus(clock, silentLogger);
    const store = new MemoryTrunks([trunk({ name: 'a', host: '10.0.0.5' })]);
    let lists = 0;
    const counting: TrunkStore = {
      list: () => {
        lists++;
        return store.list();
      },
      secretOf: (id) => store.secretOf(id),
    };
    const { d } = directory(counting);
    await d.load();
    let told = 0;
    d.onChange(() => told++);
    d.watch(bus);
    bus.publish('config.changed', { entity: 'extension', action: 'updated', id: 1, label: '1001', actor: null });
    expect(lists).toBe(1);
    store.trunks = [trunk({ name: 'b', host: '10.0.0.6' })];
    for (let i = 0; i < 5; i++) bus.publish('config.changed', { entity: 'trunk', action: 'updated', id: 0, label: 'b', actor: null });
    await d.reload();
    // One reload for the first change, one more for the four that came while it ran.
    expect(lists).toBe(3);
    expect(told).toBe(2);
    expect(d.list().map((t) => t.name)).toEqual(['b']);
    expect(d.bySource('10.0.0.6', 5060)?.name).toBe('b');
  });
});

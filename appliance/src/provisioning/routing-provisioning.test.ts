import { afterEach, describe, expect, test } from 'bun:test';
import { ProvisioningError } from '../errors.ts';
import { type TempServices, tempServices } from '../testing/temp-services.ts';
import { applyProvisioning, exportProvisioningYaml, parseProvisionYaml } from './index.ts';

const ROUTING = `
routing: { home_area_code: "0571" }
extensions:
  - { number: "1001", name: "Alice", secret: "pw-1001-xyz", call_permission: international, allow_premium: true }
  - { number: "1002", name: "Bob", secret: "pw-1002-xyz", call_permission: local }
trunks:
  - { name: carrier, type: sip, host: 127.0.0.1, port: 5090 }
  - { name: backup, type: sip, host: 127.0.0.2, port: 5090 }
queues:
  - { number: "6001", name: "Service", strategy: round_robin, agents: ["1002"] }
time_conditions:
  - name: hours
    weekly: { mon: ["09:00-12:00", "13:30-18:00"], fri: ["09:00-18:00"], sat: ["22:00-06:00"] }
    holidays:
      - { date: "2025-10-01", end: "2025-10-08", name: 国庆节 }
      - { date: "2026-01-01" }
    workdays:
      - { date: "2025-09-28", name: 国庆调休 }
  - { name: berlin, time_zone: Europe/Berlin, weekly: { tue: ["08:00-16:00"] } }
inbound_routes:
  - did: "4008001234"
    destination: { queue: "6001" }
    time_condition: hours
    after_hours: [{ external: "13900000000" }, { voicemail: "1001" }]
    announce_recording: true
  - { did: "4008001234", area: 浙江, destination: { extension: "1002" } }
  - { did: "_", caller: "_1380013XXXX", destination: { hangup: true } }
outbound_routes:
  - { pattern: "9X.", trunks: [carrier, backup], strip: 1 }
blacklist:
  - { number: "13800138000", direction: inbound, action: play, note: 骚扰电话 }
  - { number: "0755*" }
  - { number: "_1390013XXXX", direction: outbound }
`;

const boxes: TempServices[] = [];
const box = () => {
  const b = tempServices();
  boxes.push(b);
  return b.services;
};
afterEach(() => {
  for (const b of boxes.splice(0)) b.close();
});
const apply = (s: ReturnType<typeof box>, yaml: string) => applyProvisioning(s, parseProvisionYaml(yaml), { actor: 'test', source: 'unit' });

async function refusal(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ProvisioningError) return e.message;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('provisioning routing rules', () => {
  test('applies time conditions, routes, blacklist, rights and the area code; a second apply changes nothing', async () => {
    const s = box();
    const first = await apply(s, ROUTING);
    expect(first).toMatchObject({ created: 14, updated: 1 });
    expect(first.changes).toContainEqual({ entity: 'time_condition', key: 'hours', action: 'created' });
    expect(first.changes).toContainEqual({ entity: 'inbound_route', key: '4008001234/浙江', action: 'created' });
    expect(first.changes).toContainEqual({ entity: 'blacklist_entry', key: '0755*', action: 'created' });
    const second = await apply(s, ROUTING);
    expect(second).toMatchObject({ created: 0, updated: 0 });
    expect(s.extensions.rightsOf('1002')).toEqual({ call_permission: 'local', allow_premium: false });
    expect(s.routing.homeAreaCode()).toBe('0571');
    expect(s.routes.findInbound('4008001234', '')).toMatchObject({ time_condition: 'hours', announce_recording: true });
    expect(s.blacklist.findByNumber('13800138000')).toMatchObject({ action: 'play', note: '骚扰电话' });
  });

  test('a changed holiday updates only that time condition', async () => {
    const s = box();
    await apply(s, ROUTING);
    const summary = await apply(s, ROUTING.replace('"2026-01-01"', '"2026-01-02"'));
    expect(summary.changes).toEqual([{ entity: 'time_condition', key: 'hours', action: 'updated' }]);
  });

  test('export → apply on a new box → export is a fixed point', async () => {
    const a = box();
    await apply(a, ROUTING);
    const exported = exportProvisioningYaml(a, 'now');
    expect(exported).toContain('home_area_code: "0571"');
    const b = box();
    await apply(b, exported);
    expect(exportProvisioningYaml(b, 'now')).toBe(exported);
  });

  test.each([
    ['a time condition that does not exist', 'time_condition: hours', 'time_condition: hour', 'inbound_routes[0].time_condition: no time condition "hour"'],
    ['a time condition without after-hours', 'after_hours: [{ external: "13900000000" }, { voicemail: "1001" }]', '# no after_hours', 'inbound_routes[0].after_hours: needs at least one destination'],
    ['an after-hours target that does not exist', '{ voicemail: "1001" }', '{ voicemail: "1009" }', 'inbound_routes[0].after_hours[1].voicemail: no extension 1009'],
    ['an unknown time zone', 'time_zone: Europe/Berlin', 'time_zone: Europe/Atlantis', 'time_conditions[1].time_zone: Europe/Atlantis is not an IANA time zone'],
    ['an impossible date', '"2026-01-01"', '"2026-02-30"', 'time_conditions[0].holidays[1].date: 2026-02-30 is not a calendar date'],
    ['a bad hour range', '"09:00-18:00"]', '"9-18"]', 'time_conditions[0].weekly.fri[0]: HH:MM-HH:MM'],
    ['a bad blacklist number', '"0755*"', '"07*55"', 'blacklist[1].number'],
    ['a blacklist pattern that does not parse', '"_1390013XXXX"', '"_1390013[X"', 'blacklist[2].number: pattern _1390013[X'],
    ['a duplicate blacklist number', '"0755*"', '"13800138000"', 'blacklist[1]: duplicate of blacklist[0]'],
    ['an unknown permission class', 'call_permission: local', 'call_permission: galactic', 'extensions[1].call_permission: must be one of internal, local, long_distance, international'],
    ['a bad area code', '"0571"', '"571"', 'routing.home_area_code'],
    ['a caller pattern that does not parse', '"_1380013XXXX"', '"_1380013[XXXX"', 'inbound_routes[2].caller: pattern'],
    ['an outbound pattern that does not parse', 'pattern: "9X."', 'pattern: "9.X"', 'outbound_routes[0].pattern: pattern . must be the last character'],
  ])('refuses %s, naming the key path', async (_name, from, to, expected) => {
    const s = box();
    const yaml = ROUTING.replace(from, to);
    expect(yaml).not.toBe(ROUTING);
    expect(await refusal(() => apply(s, yaml))).toContain(expected);
    expect(s.extensions.list()).toEqual([]);
    expect(s.timeConditions.list()).toEqual([]);
  });
});

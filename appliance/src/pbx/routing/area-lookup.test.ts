import { afterAll, describe, expect, test } from 'bun:test';
import { ValidationError } from '../../errors.ts';
import { tempServices } from '../../testing/temp-services.ts';
import { builtinAreaCodes } from './area-codes.ts';
import { AreaLookup, areaMatch, type Region } from './area-lookup.ts';
import { parseCsv } from './csv.ts';

const RANGES: Record<string, string> = { '1390571': '0571', '1390010': '北京 北京', '1360574': '浙江/宁波', '150': '上海' };
const areas = new AreaLookup({ regionOf: (m) => RANGES[m.slice(0, 7)] ?? RANGES[m.slice(0, 3)] ?? null });

describe('AreaLookup', () => {
  test.each<[string, string | null, Partial<Region> | null]>([
    ['01088886666', '0571', { source: 'fixed', code: '010', province: '北京', city: '北京' }],
    ['02083336666', '0571', { source: 'fixed', code: '020', province: '广东', city: '广州' }],
    ['075583336666', '0571', { source: 'fixed', code: '0755', province: '广东', city: '深圳' }],
    ['+8657188886666', null, { source: 'fixed', code: '0571', province: '浙江', city: '杭州' }],
    ['008657188886666', null, { source: 'fixed', code: '0571', city: '杭州' }],
    ['088888886666', null, { source: 'fixed', code: '0888', province: null, city: null }],
    ['88886666', '0571', { source: 'fixed', code: '0571', city: '杭州' }],
    ['88886666', null, null],
    ['13905711234', null, { source: 'mobile', code: '0571', province: '浙江', city: '杭州' }],
    ['+8613900101234', null, { source: 'mobile', code: '010', province: '北京', city: '北京' }],
    ['013605741234', null, { source: 'mobile', code: '0574', province: '浙江', city: '宁波' }],
    ['15012345678', null, { source: 'mobile', code: null, province: '上海', city: null }],
    ['18612345678', null, null],
    ['10086', '0571', null],
  ])('%s (home %s) → %j', (number, home, expected) => {
    const region = areas.lookup(number, home);
    if (expected === null) expect(region).toBeNull();
    else expect(region).toMatchObject(expected);
  });

  test('a route area matches by code or city (2), or province (1)', () => {
    const region = areas.lookup('057188886666', null);
    expect(['0571', '杭州', '浙江', '宁波', ''].map((a) => areaMatch(region, a))).toEqual([2, 2, 1, 0, 0]);
    expect(areaMatch(null, '浙江')).toBe(0);
  });

  test('the built-in table has the capitals and the larger cities', () => {
    const codes = builtinAreaCodes();
    expect(codes.size).toBeGreaterThanOrEqual(50);
    for (const [code, city] of [['010', '北京'], ['021', '上海'], ['020', '广州'], ['0755', '深圳'], ['0571', '杭州'], ['028', '成都'], ['0991', '乌鲁木齐']]) {
      expect(codes.get(code as string)?.city).toBe(city as string);
    }
    for (const code of codes.keys()) expect(code).toMatch(/^0(10|2[0-9]|[3-9][0-9]{2})$/);
  });
});

describe('mobile range table (SQLite)', () => {
  const box = tempServices();
  afterAll(() => box.close());
  const repo = box.services.mobilePrefixes;

  test('imports a CSV with header and BOM; the longest prefix wins', () => {
    expect(repo.importCsv('\uFEFFprefix,region\r\n139,浙江\r\n1390571,0571\r\n1390010,北京 北京\r\n')).toBe(3);
    expect(repo.regionOf('13905711234')).toBe('0571');
    expect(repo.regionOf('13912345678')).toBe('浙江');
    expect(repo.regionOf('13800000000')).toBeNull();
    expect(repo.count()).toBe(3);
    expect(box.services.routing.region('13900101234')).toMatchObject({ source: 'mobile', city: '北京' });
  });

  test('reads GBK as Excel saves it', () => {
    const gbk = new Uint8Array([...Buffer.from('1370571,'), 0xd5, 0xe3, 0xbd, 0xad, 0x20, 0xba, 0xbc, 0xd6, 0xdd, 0x0a]);
    expect(repo.importCsv(gbk)).toBe(1);
    expect(repo.regionOf('13705711234')).toBe('浙江 杭州');
  });

  test('a file with bad lines changes nothing and names every bad line', () => {
    const before = repo.count();
    let error: unknown;
    try {
      repo.importCsv('1380571,浙江\nabc,浙江\n1380571,上海\n1380572\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'line 2', message: expect.stringContaining('not the start of a mobile number') },
      { path: 'line 3', message: 'prefix 1380571 already on line 1' },
      { path: 'line 4', message: 'region must be 1 to 64 characters' },
    ]);
    expect(repo.count()).toBe(before);
  });
});

describe('parseCsv', () => {
  test('quoted fields hold commas, quotes and line breaks; line numbers stay right', () => {
    const result = parseCsv('a,"b,c"\n"say ""hi""",x\n"two\nlines",y\n\nlast,z');
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['a', 'b,c'] },
        { line: 2, cells: ['say "hi"', 'x'] },
        { line: 3, cells: ['two\nlines', 'y'] },
        { line: 6, cells: ['last', 'z'] },
      ],
    });
  });

  test('an unclosed quote is reported at the line it opens', () => {
    expect(parseCsv('a,b\n"open,c\nd')).toEqual({ ok: false, line: 2, reason: 'a quoted field is not closed' });
  });
});

/**
 * Caller number → region (来电归属地), for routing callers by area
 * (地区转接). Fixed lines are read from their area code against the
 * built-in table; a local number without area code is from the box's own
 * city. Mobiles are looked up in the imported range table (号段, CSV
 * `prefix,region`), whose region is either an area code (`0571`) or
 * "province city" text (`浙江 杭州`, `浙江/杭州`, or just `浙江`).
 */
import { type AreaCode, builtinAreaCodes } from './area-codes.ts';
import { nationalForm } from './national-number.ts';

export interface Region {
  source: 'fixed' | 'mobile';
  /** The area code, when known (always for fixed lines). */
  code: string | null;
  province: string | null;
  city: string | null;
}

/** The imported mobile ranges: the region text of the longest prefix that matches. */
export interface MobileRegions {
  regionOf(mobile: string): string | null;
}

const MOBILE = /^0?(1[3-9][0-9]{9})$/;
const FIXED = /^0(10|2[0-9]|[3-9][0-9]{2})[2-9][0-9]{6,7}$/;
const LOCAL = /^[2-9][0-9]{6,7}$/;
const AREA_CODE_TEXT = /^0(10|2[0-9]|[3-9][0-9]{2})$/;

export class AreaLookup {
  private readonly codes: ReadonlyMap<string, AreaCode> = builtinAreaCodes();

  constructor(private readonly mobile: MobileRegions) {}

  /** The region of a caller, or null when the number says nothing about one. */
  lookup(caller: string, homeAreaCode: string | null): Region | null {
    const number = nationalForm(caller);
    const mobile = MOBILE.exec(number)?.[1];
    if (mobile) {
      const text = this.mobile.regionOf(mobile);
      return text === null ? null : { source: 'mobile', ...this.regionFromText(text) };
    }
    if (FIXED.test(number)) return { source: 'fixed', ...this.byCode(AREA_CODE_TEXT.exec(number.slice(0, 4))?.[0] ?? number.slice(0, 3)) };
    if (LOCAL.test(number) && homeAreaCode) return { source: 'fixed', ...this.byCode(homeAreaCode) };
    return null;
  }

  /** Whether an area code is in the built-in table. */
  knows(code: string): boolean {
    return this.codes.has(code);
  }

  /** Region text from the mobile table, resolved to province and city. */
  regionFromText(text: string): Omit<Region, 'source'> {
    const trimmed = text.trim();
    if (AREA_CODE_TEXT.test(trimmed)) return this.byCode(trimmed);
    const [province = null, city = null] = trimmed.split(/[\s/]+/).filter((p) => p !== '');
    const known = [...this.codes.values()].find((c) => c.province === province && c.city === city);
    return { code: known?.code ?? null, province, city };
  }

  private byCode(code: string): Omit<Region, 'source'> {
    const known = this.codes.get(code);
    return { code, province: known?.province ?? null, city: known?.city ?? null };
  }
}

/**
 * How closely a route's `area` names a caller's region: 2 for the area code
 * or city, 1 for the province, 0 when it does not match.
 */
export function areaMatch(region: Region | null, area: string): 0 | 1 | 2 {
  if (region === null) return 0;
  if (area === region.code || area === region.city) return 2;
  return area === region.province ? 1 : 0;
}

/**
 * What kind of number was dialled, from the point of view of a box in
 * mainland China, and which call permission (呼叫权限) it needs.
 *
 * Permission classes, each allowing what the ones before it allow:
 *   internal (内线) < local (市话) < long_distance (国内长途) < international (国际长途)
 *
 * | kind          | examples                                   | needs         |
 * | ------------- | ------------------------------------------ | ------------- |
 * | emergency     | 110 119 120 122                            | nothing       |
 * | internal      | a known extension                          | internal      |
 * | service       | 114, 10086, 12345, 95588, 96xxx, 400/800   | local         |
 * | local         | 7-8 digits 2-9…, or 0 + home area code + … | local         |
 * | mobile        | 1[3-9] + 9 digits, or with a leading 0     | local         |
 * | long_distance | 0 + another area code + 7-8 digits         | long_distance |
 * | international | 00 / + with a country code other than 86   | international |
 * | premium       | see below                                  | allow_premium and long_distance / international |
 * | unknown       | anything else                              | international |
 *
 * Mobile numbers need only `local`: calls to mobiles are billed the same
 * from anywhere in the country since domestic long-distance charges on
 * mobile were abolished, and agents call customers' mobiles all day.
 *
 * Premium (声讯 / 付费信息服务), refused unless the extension has
 * allow_premium — the usual targets of toll fraud:
 *   - 160… and 168… information lines (1600, 1609, 168xx…). Neither is a
 *     mobile range, so they are told apart from 16x mobiles by prefix.
 *   - 125xx voice value-added numbers (12590, 12595, …), except 12593, a
 *     carrier's IP-dialling prefix.
 *   - international premium and satellite codes: +979 (international
 *     premium rate), +870 (Inmarsat), +881 (satellite phones), +882 and
 *     +883 (international networks); dialled with 00 or +.
 * Numbers that fit no rule (carrier IP prefixes 179xx + number, odd
 * lengths, `*` or `#`) are `unknown` and need `international`, so an
 * unexpected form can never slip through at a lower class.
 */
import { nationalForm } from './national-number.ts';

export const CALL_PERMISSIONS = ['internal', 'local', 'long_distance', 'international'] as const;
export type CallPermission = (typeof CALL_PERMISSIONS)[number];

export type NumberKind = 'internal' | 'emergency' | 'service' | 'local' | 'mobile' | 'long_distance' | 'international' | 'premium' | 'unknown';

export interface NumberClass {
  kind: NumberKind;
  /** The lowest permission class that may dial it; null for emergency numbers (anyone may). */
  requires: CallPermission | null;
  /** Also needs allow_premium. */
  premium: boolean;
  /** The fixed-line area code dialled, when there is one (`0571`). */
  areaCode: string | null;
}

export interface ClassifyContext {
  /** The box's own area code (`0571`), or null when not configured: then every 0-prefixed number is long distance. */
  homeAreaCode: string | null;
  isExtension(number: string): boolean;
}

/** What a caller may dial: the extension's permission class and premium flag. */
export interface CallRights {
  call_permission: CallPermission;
  allow_premium: boolean;
}

const EMERGENCY = new Set(['110', '119', '120', '122']);
const INTERNATIONAL_PREMIUM = ['979', '870', '881', '882', '883'];
/** 0 + area code: 010 and 02x have two digits after the 0, the rest three. */
const AREA_CODE = /^0(10|2[0-9]|[3-9][0-9]{2})/;
const SUBSCRIBER = /^[2-9][0-9]{6,7}$/;
const MOBILE = /^0?1[3-9][0-9]{9}$/;

const SERVICE = [
  /^1[0-9]{2}$/, // 3-digit short numbers: 114 directory, 112 fault, 121 weather
  /^10[0-9]{3}$/, // carriers: 10000, 10010, 10086
  /^12[0-46-9][0-9]{2}$/, // public hotlines: 12345, 12315, 12306 (125xx is premium)
  /^9[56][0-9]{3,6}$/, // 95xxx national and 96xxx local service numbers
  /^[48]00[0-9]{7}$/, // 400 / 800 business numbers
];

const kindOf = (kind: NumberKind, requires: CallPermission | null, areaCode: string | null = null, premium = false): NumberClass => ({
  kind,
  requires,
  premium,
  areaCode,
});

export function classifyNumber(dialled: string, ctx: ClassifyContext): NumberClass {
  if (EMERGENCY.has(dialled)) return kindOf('emergency', null);
  if (ctx.isExtension(dialled)) return kindOf('internal', 'internal');
  const international = internationalPart(dialled);
  if (international !== null) {
    if (international.startsWith('86')) return classifyDomestic(nationalForm(`+${international}`), ctx);
    const premium = INTERNATIONAL_PREMIUM.some((code) => international.startsWith(code));
    return kindOf(premium ? 'premium' : 'international', 'international', null, premium);
  }
  return classifyDomestic(dialled, ctx);
}

function classifyDomestic(number: string, ctx: ClassifyContext): NumberClass {
  if (!/^[0-9]+$/.test(number)) return kindOf('unknown', 'international');
  if (/^16[08]/.test(number) || (/^125[0-9]{2}/.test(number) && !number.startsWith('12593'))) return kindOf('premium', 'long_distance', null, true);
  if (EMERGENCY.has(number)) return kindOf('emergency', null);
  if (SERVICE.some((re) => re.test(number))) return kindOf('service', 'local');
  if (MOBILE.test(number)) return kindOf('mobile', 'local');
  if (SUBSCRIBER.test(number)) return kindOf('local', 'local', ctx.homeAreaCode);
  const area = AREA_CODE.exec(number)?.[0];
  if (area && SUBSCRIBER.test(number.slice(area.length))) {
    return area === ctx.homeAreaCode ? kindOf('local', 'local', area) : kindOf('long_distance', 'long_distance', area);
  }
  return kindOf('unknown', 'international');
}

/** The digits after the international prefix (00 or +), or null for a domestic number. */
function internationalPart(number: string): string | null {
  const rest = number.startsWith('+') ? number.slice(1) : number.startsWith('00') ? number.slice(2) : null;
  return rest !== null && /^[1-9][0-9]{2,}$/.test(rest) ? rest : null;
}

/** Whether the rights allow dialling a number of this class. */
export function permits(rights: CallRights, cls: NumberClass): boolean {
  if (cls.requires === null) return true;
  if (cls.premium && !rights.allow_premium) return false;
  return CALL_PERMISSIONS.indexOf(rights.call_permission) >= CALL_PERMISSIONS.indexOf(cls.requires);
}

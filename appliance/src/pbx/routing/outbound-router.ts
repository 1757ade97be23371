/**
 * Where a number dialled out goes, as a pure decision:
 *   1. the most specific outbound route whose pattern matches the digits;
 *   2. the blacklist (calls out), on the digits as dialled and after strip;
 *   3. no route → refused, 404;
 *   4. the number after strip is classified (number-class.ts) and the
 *      caller's call permission must allow it (toll-fraud guard), else 403;
 *   5. the number sent is prepend + digits after strip, to the route's
 *      trunks in failover order (the caller tries them in turn).
 * The class is decided before prepend, because prepend adds carrier
 * prefixes that say nothing about where the call goes.
 */
import type { BlacklistEntry } from '../blacklist/blacklist-entry.ts';
import { compileDialPattern, mostSpecific } from './dial-pattern.ts';
import { type CallRights, type ClassifyContext, classifyNumber, type NumberClass, type NumberKind, permits } from './number-class.ts';

export interface OutboundRule {
  id: number;
  pattern: string;
  trunks: readonly string[];
  strip: number;
  prepend: string;
}

export interface OutboundRequest {
  dialled: string;
  /** The calling extension's rights; null for a destination an administrator configured (trusted). */
  rights: CallRights | null;
  /** For messages: who is calling (an extension number), when known. */
  caller?: string | null;
}

export interface OutboundContext {
  routes: readonly OutboundRule[];
  classify: ClassifyContext;
  /** The blacklist entry for calls out that blocks a number, or null. */
  blacklisted(number: string): BlacklistEntry | null;
}

export interface Message {
  zh: string;
  en: string;
}

export type OutboundResult =
  | { ok: true; number: string; trunks: string[]; routeId: number; pattern: string; numberClass: NumberClass }
  | {
      ok: false;
      reason: 'no_route' | 'not_permitted' | 'blacklisted';
      sipStatus: 403 | 404;
      message: Message;
      routeId: number | null;
      numberClass: NumberClass | null;
      blacklistEntry: BlacklistEntry | null;
    };

export const TRUSTED_RIGHTS: CallRights = { call_permission: 'international', allow_premium: true };

const KIND_NAME: Record<NumberKind, Message> = {
  internal: { zh: '内线', en: 'internal' },
  emergency: { zh: '紧急号码', en: 'emergency' },
  service: { zh: '服务号码', en: 'service' },
  local: { zh: '市话', en: 'local' },
  mobile: { zh: '手机', en: 'mobile' },
  long_distance: { zh: '国内长途', en: 'long-distance' },
  international: { zh: '国际长途', en: 'international' },
  premium: { zh: '声讯/付费号码', en: 'premium-rate' },
  unknown: { zh: '无法识别的号码', en: 'unrecognised' },
};

const PERMISSION_NAME: Record<CallRights['call_permission'], Message> = {
  internal: { zh: '仅内线', en: 'internal only' },
  local: { zh: '市话', en: 'local' },
  long_distance: { zh: '国内长途', en: 'long distance' },
  international: { zh: '国际长途', en: 'international' },
};

export function routeOutbound(req: OutboundRequest, ctx: OutboundContext): OutboundResult {
  const compiled = ctx.routes.map((rule) => ({ rule, pattern: compileDialPattern(rule.pattern) }));
  const route = mostSpecific(compiled, req.dialled)?.rule ?? null;
  const stripped = route ? req.dialled.slice(route.strip) : req.dialled;
  const refused = (reason: 'no_route' | 'not_permitted' | 'blacklisted', message: Message, extra: { numberClass?: NumberClass; entry?: BlacklistEntry } = {}) =>
    ({
      ok: false,
      reason,
      sipStatus: reason === 'no_route' ? 404 : 403,
      message,
      routeId: route?.id ?? null,
      numberClass: extra.numberClass ?? null,
      blacklistEntry: extra.entry ?? null,
    }) as const;

  const entry = ctx.blacklisted(req.dialled) ?? (stripped === req.dialled ? null : ctx.blacklisted(stripped));
  if (entry) return refused('blacklisted', { zh: `号码 ${req.dialled} 在黑名单中，禁止呼出`, en: `${req.dialled} is on the blacklist for calls out` }, { entry });
  if (!route || stripped === '') {
    return refused('no_route', { zh: `没有与 ${req.dialled} 匹配的呼出路由`, en: `No outbound route matches ${req.dialled}` });
  }
  const numberClass = classifyNumber(stripped, ctx.classify);
  const rights = req.rights ?? TRUSTED_RIGHTS;
  if (!permits(rights, numberClass)) {
    const who = req.caller ? { zh: `分机 ${req.caller} `, en: `Extension ${req.caller}` } : { zh: '主叫', en: 'The caller' };
    const kind = KIND_NAME[numberClass.kind];
    const allowed = PERMISSION_NAME[rights.call_permission];
    const message = numberClass.premium
      ? { zh: `${who.zh}未开通声讯/付费号码，禁止拨打 ${stripped}`, en: `${who.en} may not call premium-rate numbers such as ${stripped}` }
      : {
          zh: `${who.zh}的呼叫权限（${allowed.zh}）不允许拨打${kind.zh} ${stripped}`,
          en: `${who.en}'s call permission (${allowed.en}) does not allow ${kind.en} number ${stripped}`,
        };
    return refused('not_permitted', message, { numberClass });
  }
  return { ok: true, number: `${route.prepend}${stripped}`, trunks: [...route.trunks], routeId: route.id, pattern: route.pattern, numberClass };
}

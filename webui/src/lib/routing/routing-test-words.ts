import type { Locale, Message, MessageKey } from '../../i18n/catalogue';
import type { BlacklistAction, InboundPlan, NumberKind, OutboundPlan, Region, RoutingTestResult } from '../api/routing-types';
import { describeDestination } from './destination-parts';

const NUMBER_KINDS: Readonly<Record<NumberKind, MessageKey>> = {
  internal: 'numberKind.internal',
  emergency: 'numberKind.emergency',
  service: 'numberKind.service',
  local: 'numberKind.local',
  mobile: 'numberKind.mobile',
  long_distance: 'numberKind.long_distance',
  international: 'numberKind.international',
  premium: 'numberKind.premium',
  unknown: 'numberKind.unknown',
};

export const BLACKLIST_ACTION_LABELS: Readonly<Record<BlacklistAction, MessageKey>> = {
  reject: 'blacklist.actionReject',
  play: 'blacklist.actionPlay',
  hangup: 'blacklist.actionHangup',
};

/** The language to word the outcome in, and how a message becomes text (to join destinations into one line). */
export interface Wording {
  locale: Locale;
  render: (message: Message) => string;
}

/** The outcome of "test a number", one sentence per line, in the catalogue's words. */
export function describeRoutingTest(result: RoutingTestResult, wording: Wording): { ok: boolean; lines: Message[] } {
  if (result.direction === 'outbound') return describeOutbound(result.decision, wording.locale);
  const plan = describeInbound(result.decision, wording.render);
  const region = regionLine(result.region);
  return region ? { ok: plan.ok, lines: [...plan.lines, region] } : plan;
}

function describeOutbound(plan: OutboundPlan, locale: Locale): { ok: boolean; lines: Message[] } {
  if (!plan.ok) {
    // The server words the refusal itself (it names the number, the class and the rights); it sends both languages.
    const lines: Message[] = [{ text: locale === 'en' ? plan.message.en : plan.message.zh }];
    if (plan.numberClass) lines.push(kindLine(plan.numberClass.kind));
    lines.push({ key: 'routingTest.sipStatus', params: { status: plan.sipStatus } });
    return { ok: false, lines };
  }
  return {
    ok: true,
    lines: [
      { key: 'routingTest.outboundRoute', params: { pattern: plan.pattern } },
      kindLine(plan.numberClass.kind),
      { key: 'routingTest.trunks', params: { list: plan.trunks.join(' → ') } },
      { key: 'routingTest.numberSent', params: { number: plan.number } },
    ],
  };
}

function describeInbound(plan: InboundPlan, render: Wording['render']): { ok: boolean; lines: Message[] } {
  if (plan.kind === 'blocked') {
    const action = { key: BLACKLIST_ACTION_LABELS[plan.action] };
    return { ok: false, lines: [{ key: 'routingTest.blocked', params: { number: plan.entry.number, action } }] };
  }
  if (plan.kind === 'none') return { ok: false, lines: [{ key: 'routingTest.noInboundRoute' }] };
  const lines: Message[] = [];
  if (plan.timeCondition !== null) {
    const key = plan.open === false ? 'routingTest.closed' : 'routingTest.open';
    lines.push({ key, params: { name: plan.timeCondition } });
  }
  const list = plan.destinations.map((d) => render(describeDestination(d))).join(' → ');
  lines.push({ key: 'routingTest.destinations', params: { list } });
  if (plan.announceRecording) lines.push({ key: 'routingTest.announce' });
  return { ok: true, lines };
}

function kindLine(kind: NumberKind): Message {
  return { key: 'routingTest.numberKind', params: { kind: { key: NUMBER_KINDS[kind] } } };
}

function regionLine(region: Region | null): Message | null {
  if (!region) return null;
  const place = [region.province, region.city].filter((part) => part !== null && part !== '').join(' ');
  if (place === '' && !region.code) return null;
  return { key: 'routingTest.region', params: { place: place || (region.code ?? '') } };
}

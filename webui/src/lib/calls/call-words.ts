import type { Message, MessageKey } from '../../i18n/catalogue';
import type { Disposition, LiveCallLeg } from '../api/types';

export const DISPOSITION_WORDS: Readonly<Record<Disposition, MessageKey>> = {
  answered: 'disposition.answered',
  no_answer: 'disposition.no_answer',
  busy: 'disposition.busy',
  failed: 'disposition.failed',
  abandoned: 'disposition.abandoned',
};

/** A disposition from the server in the glossary's words; one the UI does not know yet as sent. */
export function dispositionWords(disposition: string): Message {
  const key = (DISPOSITION_WORDS as Readonly<Record<string, MessageKey>>)[disposition];
  return key ? { key } : { text: disposition };
}

/** The hang-up causes the call service writes (appliance/src/pbx/calls), in the catalogue's words. */
const CAUSES: Readonly<Record<string, MessageKey>> = {
  caller_hangup: 'cause.caller_hangup',
  callee_hangup: 'cause.callee_hangup',
  caller_cancelled: 'cause.caller_cancelled',
  admin_hangup: 'cause.admin_hangup',
  callee_busy: 'cause.callee_busy',
  callee_dnd: 'cause.callee_dnd',
  callee_unregistered: 'cause.callee_unregistered',
  callee_no_answer: 'cause.callee_no_answer',
  callee_unavailable: 'cause.callee_unavailable',
  callee_failed: 'cause.callee_failed',
  no_such_number: 'cause.no_such_number',
  forward_loop: 'cause.forward_loop',
  forward_target_unreachable: 'cause.forward_target_unreachable',
  bad_answer_from_callee: 'cause.bad_answer_from_callee',
  no_ack_from_caller: 'cause.no_ack_from_caller',
  no_common_codec: 'cause.no_common_codec',
  session_timer_expired: 'cause.session_timer_expired',
  system_shutdown: 'cause.system_shutdown',
  transfer_failed: 'cause.transfer_failed',
  transferred: 'cause.transferred',
  feature_applied: 'cause.feature_applied',
  feature_failed: 'cause.feature_failed',
};
const SIP_STATUS = /^sip_(\d{3})$/;

/** Why a call ended, in the current language; causes the UI does not know yet are shown as sent. */
export function hangupCause(cause: string | null): Message {
  if (cause === null || cause === '') return { key: 'common.none' };
  const key = CAUSES[cause];
  if (key) return { key };
  const sip = SIP_STATUS.exec(cause);
  if (sip) return { key: 'cause.sipStatus', params: { status: sip[1] ?? '' } };
  return { text: cause };
}

const LEG_STATES: Readonly<Record<string, MessageKey>> = {
  offered: 'legState.offered',
  calling: 'legState.calling',
  early: 'legState.early',
  answering: 'legState.answering',
  up: 'legState.up',
  ending: 'legState.ending',
  ended: 'legState.ended',
};

/** One leg on one line: "1001 · 呼入 · 通话中". */
export function legLine(leg: LiveCallLeg): Message {
  const state = LEG_STATES[leg.state];
  return {
    key: 'calls.legLine',
    params: {
      number: leg.number,
      direction: { key: leg.direction === 'inbound' ? 'calls.legInbound' : 'calls.legOutbound' },
      state: state ? { key: state } : leg.state,
    },
  };
}

import type { CallFeatures } from '../../lib/api/types';
import type { FieldErrors } from '../../lib/forms/field-errors';

/** What the call-features form edits; targets and seconds as typed, converted on submit. */
export interface CallFeatureValues extends Record<string, unknown> {
  dnd: boolean;
  forward_always: string;
  forward_busy: string;
  forward_no_answer: string;
  no_answer_s: string;
  call_waiting: boolean;
}

/** The server's rule for a forwarding target: an extension or external number. */
export const TARGET_PATTERN = /^[0-9*#+]{2,32}$/;
export const NO_ANSWER_S = { min: 5, max: 300 } as const;
const TARGETS = ['forward_always', 'forward_busy', 'forward_no_answer'] as const;

/** The server's defaults, shown until the extension's own settings are read. */
export function emptyCallFeatures(): CallFeatureValues {
  return { dnd: false, forward_always: '', forward_busy: '', forward_no_answer: '', no_answer_s: '25', call_waiting: true };
}

export function callFeatureValues(features: CallFeatures): CallFeatureValues {
  return {
    dnd: features.dnd,
    forward_always: features.forward_always ?? '',
    forward_busy: features.forward_busy ?? '',
    forward_no_answer: features.forward_no_answer ?? '',
    no_answer_s: String(features.no_answer_s),
    call_waiting: features.call_waiting,
  };
}

/** An empty target means "do not forward"; anything else must be a dialable number. */
export function validateCallFeatures(values: CallFeatureValues): FieldErrors<CallFeatureValues> {
  const errors: FieldErrors<CallFeatureValues> = {};
  for (const field of TARGETS) {
    const target = values[field].trim();
    if (target !== '' && !TARGET_PATTERN.test(target)) errors[field] = { key: 'callFeatures.errTarget' };
  }
  const seconds = values.no_answer_s.trim();
  const n = Number(seconds);
  if (!/^\d+$/.test(seconds) || n < NO_ANSWER_S.min || n > NO_ANSWER_S.max) errors.no_answer_s = { key: 'callFeatures.errNoAnswerS' };
  return errors;
}

/** Every field is sent, a cleared target as null. */
export function callFeaturesBody(values: CallFeatureValues): CallFeatures {
  const target = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    dnd: values.dnd,
    forward_always: target(values.forward_always),
    forward_busy: target(values.forward_busy),
    forward_no_answer: target(values.forward_no_answer),
    no_answer_s: Number(values.no_answer_s.trim()),
    call_waiting: values.call_waiting,
  };
}

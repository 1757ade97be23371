import { describe, expect, test } from 'bun:test';
import { callFeaturesBody, callFeatureValues, emptyCallFeatures, validateCallFeatures } from './call-features-form';

describe('call features form', () => {
  test('the defaults are valid and round-trip through the body', () => {
    const values = emptyCallFeatures();
    expect(validateCallFeatures(values)).toEqual({});
    expect(callFeatureValues(callFeaturesBody(values))).toEqual(values);
  });

  test('empty targets are sent as null, others trimmed, seconds as a number', () => {
    const values = { ...emptyCallFeatures(), forward_busy: ' 1003 ', no_answer_s: '30', dnd: true };
    expect(callFeaturesBody(values)).toEqual({
      dnd: true,
      forward_always: null,
      forward_busy: '1003',
      forward_no_answer: null,
      no_answer_s: 30,
      call_waiting: true,
    });
  });

  test.each([
    ['forward_always', { forward_always: '1' }],
    ['forward_busy', { forward_busy: '10-03' }],
    ['forward_no_answer', { forward_no_answer: '1'.repeat(33) }],
    ['no_answer_s', { no_answer_s: '4' }],
    ['no_answer_s', { no_answer_s: '301' }],
    ['no_answer_s', { no_answer_s: '2.5' }],
    ['no_answer_s', { no_answer_s: '' }],
  ])('flags %p for %p', (field, change) => {
    expect(Object.keys(validateCallFeatures({ ...emptyCallFeatures(), ...change }))).toEqual([field]);
  });

  test('external numbers with + and feature characters are valid targets', () => {
    expect(validateCallFeatures({ ...emptyCallFeatures(), forward_always: '+8613800138000', forward_busy: '*97' })).toEqual({});
  });
});

import { describe, expect, test } from 'bun:test';
import { InvalidTransition } from '../../sip/index.ts';
import { isLive, LEG_TRANSITIONS, type LegInput, type LegState, legStep } from './leg-states.ts';

describe('call leg states', () => {
  test.each([
    ['offered', 'provisional', 'early'],
    ['offered', 'answer', 'answering'],
    ['early', 'answer', 'answering'],
    ['answering', 'ack', 'up'],
    ['calling', 'provisional', 'early'],
    ['calling', 'answered', 'up'],
    ['early', 'answered', 'up'],
    ['up', 'hangup', 'ending'],
    ['ending', 'ended', 'ended'],
    ['up', 'ended', 'ended'],
    ['ended', 'ack', 'ended'],
  ] as [LegState, LegInput, LegState][])('%s --%s--> %s', (from, input, to) => {
    expect(legStep(from, input)).toBe(to);
  });

  test('a leg that is up cannot be answered again or go back to ringing', () => {
    expect(() => legStep('up', 'answer')).toThrow(InvalidTransition);
    expect(() => legStep('up', 'provisional')).toThrow(InvalidTransition);
    expect(() => legStep('offered', 'ack')).toThrow(InvalidTransition);
  });

  test('every state can end, and only ending and ended are not live', () => {
    for (const state of Object.keys(LEG_TRANSITIONS) as LegState[]) expect(LEG_TRANSITIONS[state].ended).toBe('ended');
    expect((Object.keys(LEG_TRANSITIONS) as LegState[]).filter((s) => !isLive(s))).toEqual(['ending', 'ended']);
  });
});

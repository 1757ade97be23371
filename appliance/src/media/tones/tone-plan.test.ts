import { describe, expect, test } from 'bun:test';
import { ToneGenerator } from './tone-generator.ts';
import { type ToneCadence, type ToneName, TONE_PLANS, type ToneRegion } from './tone-plan.ts';

/** Cadence written as [frequencies, ms] pairs; [] is silence. */
const shape = (cadence: ToneCadence) => cadence.map((s) => [s.frequencies, s.durationMs]);
const ON = Number.POSITIVE_INFINITY;

const EXPECTED: Record<'cn' | 'us' | 'itu', Record<ToneName, Array<[number[], number]>>> = {
  cn: {
    dial: [[[450], ON]],
    ringback: [[[450], 1000], [[], 4000]],
    busy: [[[450], 350], [[], 350]],
    congestion: [[[450], 700], [[], 700]],
    callWaiting: [[[450], 400], [[], 4000]],
  },
  us: {
    dial: [[[350, 440], ON]],
    ringback: [[[440, 480], 2000], [[], 4000]],
    busy: [[[480, 620], 500], [[], 500]],
    congestion: [[[480, 620], 250], [[], 250]],
    callWaiting: [[[440], 300], [[], 9700]],
  },
  itu: {
    dial: [[[425], ON]],
    ringback: [[[425], 1000], [[], 4000]],
    busy: [[[425], 500], [[], 500]],
    congestion: [[[425], 250], [[], 250]],
    callWaiting: [[[425], 200], [[], 200], [[425], 200], [[], 3000]],
  },
};

describe('TONE_PLANS', () => {
  for (const [region, plan] of Object.entries(EXPECTED)) {
    for (const [name, cadence] of Object.entries(plan)) {
      test(`${region} ${name} follows the national plan`, () => {
        expect(shape(TONE_PLANS[region as ToneRegion][name as ToneName])).toEqual(cadence);
      });
    }
  }

  test('eu is the ITU/ETSI plan', () => {
    expect(TONE_PLANS.eu).toBe(TONE_PLANS.itu);
  });

  test.each([
    ['us', 'dial', -13],
    ['us', 'ringback', -19],
    ['us', 'busy', -24],
    ['cn', 'dial', -10],
    ['itu', 'dial', -10],
  ] as Array<[ToneRegion, ToneName, number]>)('%s %s plays at %d dBm0 per frequency', (region, name, level) => {
    expect(TONE_PLANS[region][name][0]?.levelDbm0).toBe(level);
  });

  test('every cadence is playable', () => {
    for (const plan of Object.values(TONE_PLANS)) {
      for (const cadence of Object.values(plan)) expect(() => new ToneGenerator(cadence)).not.toThrow();
    }
  });

  test('plans are frozen: a caller cannot change everyone’s tones', () => {
    expect(Object.isFrozen(TONE_PLANS)).toBe(true);
    expect(Object.isFrozen(TONE_PLANS.cn.busy)).toBe(true);
    expect(Object.isFrozen(TONE_PLANS.cn.busy[0])).toBe(true);
    expect(Object.isFrozen(TONE_PLANS.cn.busy[0]?.frequencies)).toBe(true);
  });
});

import { expect, test } from 'bun:test';
import { EventBus } from '../../events/index.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { silentLogger } from '../../system/index.ts';
import type { Leg } from './leg.ts';
import { MediaEvents } from './media-events.ts';

const leg = (endpoint: number) => ({ endpoint: { id: endpoint } }) as unknown as Leg;

test('a playback torn down with its leg wakes whoever waits for it; other legs’ waiters keep waiting', () => {
  const events = new MediaEvents(new EventBus(new FakeClock(), silentLogger));
  const woken: number[] = [];
  events.waitPlayback(7, 100, () => woken.push(100));
  events.waitPlayback(8, 101, () => woken.push(101));
  events.release(leg(7));
  expect(woken).toEqual([100]);
  events.handle({ type: 'playback-finished', endpoint: 8, playback: 101 });
  expect(woken).toEqual([100, 101]);
  // Each waiter is woken once.
  events.release(leg(8));
  events.cancelPlayback(100);
  expect(woken).toEqual([100, 101]);
});

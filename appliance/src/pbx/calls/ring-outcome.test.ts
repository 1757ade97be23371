import { expect, test } from 'bun:test';
import { outcomeOf } from './ring-outcome.ts';

test.each([
  [[486], 'busy'],
  [[480, 486], 'busy'],
  [[603], 'busy'],
  [[408], 'no_answer'],
  [[487], 'no_answer'],
  [[500, 480], 'no_answer'],
  [[500], 'failed'],
  [[], 'unavailable'],
] as const)('final responses %p make the outcome %s', (statuses, outcome) => {
  expect(outcomeOf(statuses)).toBe(outcome);
});

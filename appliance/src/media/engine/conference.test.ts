import { describe, expect, test } from 'bun:test';
import { hearingProblem, withoutMember } from './conference.ts';

describe('hearingProblem', () => {
  const valid: number[][][] = [
    [[1], [0], [0, 1]],
    [[1], [0, 2], [0, 1]],
    [[1, 2], [0, 2], [0, 1]],
    [[], [], []],
  ];
  for (const hears of valid) {
    test(`accepts ${JSON.stringify(hears)} for three members`, () => expect(hearingProblem(hears, 3)).toBeNull());
  }

  const invalid: [string, unknown, RegExp][] = [
    ['not an array', { 0: [1] }, /array/],
    ['one list too few', [[1], [0]], /2 lists for 3/],
    ['a list that is not an array', [[1], 0, [0, 1]], /hears\[1\] is not a list/],
    ['an index out of range', [[1], [0], [0, 3]], /hears\[2\] names 3/],
    ['a negative index', [[-1], [0], [0, 1]], /names -1/],
    ['a fractional index', [[0.5], [0], [0, 1]], /names 0.5/],
    ['a string index', [['1'], [0], [0, 1]], /names 1/],
    ['NaN', [[Number.NaN], [0], [0, 1]], /names NaN/],
    ['a member hearing itself', [[1], [1], [0, 1]], /hears\[1\] names member 1 itself/],
    ['a member named twice', [[1], [0], [0, 0]], /twice/],
  ];
  for (const [name, hears, message] of invalid) {
    test(`rejects ${name}`, () => expect(hearingProblem(hears, 3)).toMatch(message));
  }
});

describe('withoutMember', () => {
  const cases: [string, number[][], number, number[][]][] = [
    ['listen without the caller: the supervisor hears the agent, now index 0', [[1], [0], [0, 1]], 0, [[], [0]]],
    ['listen without the agent: the supervisor hears the caller; the caller hears nobody', [[1], [0], [0, 1]], 1, [[], [0]]],
    ['listen without the supervisor: caller and agent hear each other', [[1], [0], [0, 1]], 2, [[1], [0]]],
    ['whisper without the caller: agent and supervisor hear each other', [[1], [0, 2], [0, 1]], 0, [[1], [0]]],
    ['five members without the second', [[1, 4], [0], [3], [2, 4], [0, 1, 2, 3]], 1, [[3], [2], [1, 3], [0, 1, 2]]],
  ];
  for (const [name, hears, at, expected] of cases) {
    test(name, () => expect(withoutMember(hears, at)).toEqual(expected));
  }

  test('leaves the lists it was given alone', () => {
    const hears = [[1], [0, 2], [0, 1]];
    withoutMember(hears, 0);
    expect(hears).toEqual([[1], [0, 2], [0, 1]]);
  });
});

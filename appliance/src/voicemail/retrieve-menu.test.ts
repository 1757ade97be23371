import { describe, expect, test } from 'bun:test';
import { InvalidMenuTransition, MAX_TIMEOUTS, type MenuEffect, type MenuInput, type Position, start, step } from './retrieve-menu.ts';

const at = (menu: Position['menu'], index: number, count: number): Position => ({ menu, index, count, timeouts: 0 });
const play = (index: number): MenuEffect => ({ kind: 'play', index });
const say = (s: Extract<MenuEffect, { kind: 'say' }>['say']): MenuEffect => ({ kind: 'say', say: s });

describe('start', () => {
  test('with messages the first one plays at once', () => {
    expect(start(3)).toEqual({ position: at('message', 0, 3), effects: [play(0)] });
  });
  test('without messages the owner is told so and lands in the main menu', () => {
    expect(start(0)).toEqual({ position: at('main', 0, 0), effects: [say('noMessages')] });
  });
});

// [from, input, next position, effects]
const EDGES: [string, Position, MenuInput, Position, MenuEffect[]][] = [
  ['main 1 plays the first message', at('main', 0, 2), '1', at('message', 0, 2), [play(0)]],
  ['main 1 with an empty mailbox says so', at('main', 0, 0), '1', at('main', 0, 0), [say('noMessages')]],
  ['main 0 opens the options', at('main', 0, 2), '0', at('options', 0, 2), []],
  ['main * says the menu again', at('main', 0, 2), '*', at('main', 0, 2), []],
  ['main # says goodbye', at('main', 0, 2), '#', at('ended', 0, 2), [say('goodbye')]],
  ['message 1 replays', at('message', 1, 3), '1', at('message', 1, 3), [play(1)]],
  ['message 2 saves and moves on', at('message', 0, 3), '2', at('message', 1, 3), [{ kind: 'save', index: 0 }, say('saved'), play(1)]],
  ['message 2 on the last saves and returns to main', at('message', 2, 3), '2', at('main', 2, 3), [{ kind: 'save', index: 2 }, say('saved'), say('noMore')]],
  ['message 3 deletes and plays the one that moved up', at('message', 0, 3), '3', at('message', 0, 2), [{ kind: 'delete', index: 0 }, say('deleted'), play(0)]],
  ['message 3 on the last deletes and returns to main', at('message', 2, 3), '3', at('main', 1, 2), [{ kind: 'delete', index: 2 }, say('deleted'), say('noMore')]],
  ['message 3 on the only one leaves an empty mailbox', at('message', 0, 1), '3', at('main', 0, 0), [{ kind: 'delete', index: 0 }, say('deleted'), say('noMessages')]],
  ['message 4 goes back', at('message', 2, 3), '4', at('message', 1, 3), [play(1)]],
  ['message 4 on the first says so', at('message', 0, 3), '4', at('message', 0, 3), [say('firstMessage')]],
  ['message 6 goes on', at('message', 0, 3), '6', at('message', 1, 3), [play(1)]],
  ['message 6 on the last says no more', at('message', 2, 3), '6', at('main', 2, 3), [say('noMore')]],
  ['message 0 opens the options', at('message', 1, 3), '0', at('options', 1, 3), []],
  ['message * returns to main', at('message', 1, 3), '*', at('main', 1, 3), []],
  ['message # says goodbye', at('message', 1, 3), '#', at('ended', 1, 3), [say('goodbye')]],
  ['message 7 is not a key here', at('message', 1, 3), '7', at('message', 1, 3), [say('invalidKey')]],
  ['options 1 records a greeting', at('options', 0, 1), '1', at('options', 0, 1), [{ kind: 'record-greeting' }]],
  ['options 2 changes the PIN', at('options', 0, 1), '2', at('options', 0, 1), [{ kind: 'change-pin' }]],
  ['options 3 goes back to the default greeting', at('options', 0, 1), '3', at('options', 0, 1), [{ kind: 'reset-greeting' }]],
  ['options * returns to main', at('options', 0, 1), '*', at('main', 0, 1), []],
  ['options 9 is not a key here', at('options', 0, 1), '9', at('options', 0, 1), [say('invalidKey')]],
  ['a hang-up ends any menu silently', at('options', 0, 1), 'hangup', at('ended', 0, 1), []],
  ['a silence says the menu again', at('message', 0, 1), 'timeout', { ...at('message', 0, 1), timeouts: 1 }, []],
];

test.each(EDGES)('%s', (_name, from, input, position, effects) => {
  expect(step(from, input)).toEqual({ position, effects });
});

test(`${MAX_TIMEOUTS} silences in a row say goodbye; a key in between starts the count again`, () => {
  let p = at('main', 0, 0);
  p = step(p, 'timeout').position;
  p = step(p, '*').position;
  expect(p.timeouts).toBe(0);
  for (let i = 1; i < MAX_TIMEOUTS; i++) p = step(p, 'timeout').position;
  expect(p.menu).toBe('main');
  expect(step(p, 'timeout')).toEqual({ position: { ...p, menu: 'ended', timeouts: MAX_TIMEOUTS }, effects: [say('goodbye')] });
});

test('nothing leaves the ended state', () => {
  expect(() => step(at('ended', 0, 0), '1')).toThrow(InvalidMenuTransition);
});

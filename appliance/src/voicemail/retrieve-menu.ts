/**
 * The key menu of a mailbox owner listening to messages, as a table.
 *
 *          1 (first message)                 0
 *   ┌──────┐ ───────────────► ┌─────────┐ ──────► ┌─────────┐
 *   │ main │                  │ message │         │ options │  1 greeting, 2 PIN,
 *   └──────┘ ◄─────────────── └─────────┘         └─────────┘  3 default greeting
 *      ▲  *, or no more messages   1 replay 2 save 3 delete          │ *
 *      └───────────────────────── 4 previous 6 next ◄────────────────┘ (to main)
 *   '#' from any menu: goodbye.  Three silences in a row: goodbye.
 *
 * Deleting is '3' and takes effect at once (no '7', no undelete on exit):
 * one key per action keeps the spoken menu short. A message played to its
 * end or cut by a menu key counts as heard, and a heard message is kept as
 * saved, as desk-phone users expect the lamp to go out once they listened.
 *
 * `step` is pure: it returns the next position and the effects, as data,
 * for the shell (retrieve-messages.ts) to carry out.
 */
import { AppError } from '../errors.ts';

export type Menu = 'main' | 'message' | 'options' | 'ended';
export type MenuKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#';
export type MenuInput = MenuKey | 'timeout' | 'hangup';

type Action =
  | 'first'
  | 'replay'
  | 'save'
  | 'delete'
  | 'previous'
  | 'next'
  | 'to-main'
  | 'to-options'
  | 'record-greeting'
  | 'change-pin'
  | 'reset-greeting'
  | 'reprompt'
  | 'invalid'
  | 'goodbye'
  | 'gone';

/** Prompts the shell speaks, by name. */
export type MenuSay = 'noMessages' | 'noMore' | 'firstMessage' | 'saved' | 'deleted' | 'invalidKey' | 'goodbye';

export type MenuEffect =
  | { kind: 'play'; index: number }
  | { kind: 'save'; index: number }
  | { kind: 'delete'; index: number }
  | { kind: 'say'; say: MenuSay }
  | { kind: 'record-greeting' }
  | { kind: 'change-pin' }
  | { kind: 'reset-greeting' };

export interface Position {
  menu: Menu;
  /** The message being listened to (in the listening order). */
  index: number;
  /** Messages in the mailbox. */
  count: number;
  /** Silences in a row. */
  timeouts: number;
}

export interface Step {
  position: Position;
  effects: MenuEffect[];
}

export const MAX_TIMEOUTS = 3;

const LIVE: Record<'hangup' | '#', [Menu, Action]> = { hangup: ['ended', 'gone'], '#': ['ended', 'goodbye'] };

/** state → input → [next menu, action]. Any other key in a live menu is `invalid` (the menu is said again). */
const TABLE: Record<Menu, Partial<Record<MenuInput, [Menu, Action]>>> = {
  main: { ...LIVE, '1': ['message', 'first'], '0': ['options', 'to-options'], '*': ['main', 'reprompt'], timeout: ['main', 'reprompt'] },
  message: {
    ...LIVE,
    '1': ['message', 'replay'],
    '2': ['message', 'save'],
    '3': ['message', 'delete'],
    '4': ['message', 'previous'],
    '6': ['message', 'next'],
    '0': ['options', 'to-options'],
    '*': ['main', 'to-main'],
    timeout: ['message', 'reprompt'],
  },
  options: {
    ...LIVE,
    '1': ['options', 'record-greeting'],
    '2': ['options', 'change-pin'],
    '3': ['options', 'reset-greeting'],
    '*': ['main', 'to-main'],
    timeout: ['options', 'reprompt'],
  },
  ended: {},
};

export class InvalidMenuTransition extends AppError {
  constructor(menu: Menu, input: MenuInput) {
    super('invalid_transition', `voicemail menu: no transition from ${menu} on ${input}`);
  }
}

/** Where a session starts after the PIN: the summary is said by the shell; then the first message, or the main menu. */
export function start(count: number): Step {
  const position: Position = { menu: 'main', index: 0, count, timeouts: 0 };
  return count === 0 ? { position, effects: [{ kind: 'say', say: 'noMessages' }] } : { position: { ...position, menu: 'message' }, effects: [{ kind: 'play', index: 0 }] };
}

export function step(from: Position, input: MenuInput): Step {
  if (from.menu === 'ended') throw new InvalidMenuTransition(from.menu, input);
  const [menu, action] = TABLE[from.menu][input] ?? [from.menu, 'invalid'];
  const timeouts = input === 'timeout' ? from.timeouts + 1 : 0;
  if (timeouts >= MAX_TIMEOUTS) return { position: { ...from, menu: 'ended', timeouts }, effects: [{ kind: 'say', say: 'goodbye' }] };
  return act({ ...from, menu, timeouts }, from, action);
}

/** The action's effects; moving through the list depends on where in it the owner is. */
function act(to: Position, from: Position, action: Action): Step {
  const at = (index: number): Step => ({ position: { ...to, menu: 'message', index }, effects: [{ kind: 'play', index }] });
  const none = (position: Position, effects: MenuEffect[] = []): Step => ({ position, effects });
  switch (action) {
    case 'first':
      return from.count === 0 ? none({ ...to, menu: 'main' }, [{ kind: 'say', say: 'noMessages' }]) : at(0);
    case 'replay':
      return at(from.index);
    case 'next':
      return from.index + 1 < from.count ? at(from.index + 1) : none({ ...to, menu: 'main' }, [{ kind: 'say', say: 'noMore' }]);
    case 'previous':
      return from.index > 0 ? at(from.index - 1) : none(to, [{ kind: 'say', say: 'firstMessage' }]);
    case 'save': {
      const next = from.index + 1 < from.count ? at(from.index + 1) : none({ ...to, menu: 'main' }, [{ kind: 'say', say: 'noMore' }]);
      return { position: next.position, effects: [{ kind: 'save', index: from.index }, { kind: 'say', say: 'saved' }, ...next.effects] };
    }
    case 'delete': {
      // The next message moves into the deleted one's place.
      const count = from.count - 1;
      const effects: MenuEffect[] = [{ kind: 'delete', index: from.index }, { kind: 'say', say: 'deleted' }];
      if (from.index < count) return { position: { ...to, count, index: from.index }, effects: [...effects, { kind: 'play', index: from.index }] };
      return { position: { ...to, menu: 'main', count, index: Math.max(0, count - 1) }, effects: [...effects, { kind: 'say', say: count === 0 ? 'noMessages' : 'noMore' }] };
    }
    case 'record-greeting':
      return none(to, [{ kind: 'record-greeting' }]);
    case 'change-pin':
      return none(to, [{ kind: 'change-pin' }]);
    case 'reset-greeting':
      return none(to, [{ kind: 'reset-greeting' }]);
    case 'invalid':
      return none(to, [{ kind: 'say', say: 'invalidKey' }]);
    case 'goodbye':
      return none(to, [{ kind: 'say', say: 'goodbye' }]);
    case 'to-main':
    case 'to-options':
    case 'reprompt':
    case 'gone':
      return none(to);
  }
}

/**
 * A menu: the prompt (a key interrupts it), one key, and what the key
 * means. Keys are judged in this order: an option of the menu; `0` to the
 * operator node; `*` back to the previous menu (or this one again when there
 * is none); anything else is invalid. A timeout or an invalid key uses up
 * an attempt and replays the prompt; after the last attempt the caller goes
 * to on_timeout / on_invalid (by the last failure) or on_fail.
 */
import type { NodeOf } from '../flow-schema.ts';
import type { FlowSession, NodeStep } from '../flow-session.ts';
import { callerGone, next } from '../flow-session.ts';
import type { NodeHandler } from './node-handler.ts';

type Menu = NodeOf<'menu'>;
type Failure = 'timeout' | 'invalid';

/** What a key (or none: '') does in a menu. */
export type KeyMeaning = { kind: 'go'; node: string } | { kind: 'back' } | { kind: 'fail'; failure: Failure };

export function keyMeaning(menu: Menu, key: string): KeyMeaning {
  if (key === '') return { kind: 'fail', failure: 'timeout' };
  const option = menu.options[key];
  if (option !== undefined) return { kind: 'go', node: option };
  if (key === '0' && menu.operator !== undefined) return { kind: 'go', node: menu.operator };
  if (key === '*') return { kind: 'back' };
  return { kind: 'fail', failure: 'invalid' };
}

export const menuNode: NodeHandler<'menu'> = async (node, session, id) => {
  if (session.menus.at(-1) !== id) session.menus.push(id);
  let last: Failure = 'timeout';
  for (let attempt = 0; attempt <= node.retries; attempt++) {
    if ((await session.play(node.prompt, { interruptible: true })) === 'hung-up') return callerGone;
    const timeoutMs = node.timeout_s * 1000;
    const key = await collectKey(session, timeoutMs);
    if (session.port.hungUp) return callerGone;
    const meaning = keyMeaning(node, key);
    if (meaning.kind === 'go') {
      if (node.var !== undefined) session.vars[node.var] = key;
      return next(meaning.node);
    }
    if (meaning.kind === 'back') return back(session, id);
    last = meaning.failure;
    session.logger.info('menu attempt failed', { node: id, failure: last, key, attempt: attempt + 1 });
    const reprompt = last === 'timeout' ? node.timeout_prompt : node.invalid_prompt;
    if ((await session.play(reprompt, { interruptible: true })) === 'hung-up') return callerGone;
  }
  const target = (last === 'timeout' ? node.on_timeout : node.on_invalid) ?? node.on_fail;
  session.logger.info('menu attempts used up', { node: id, failure: last, next: target });
  return next(target);
};

async function collectKey(session: FlowSession, timeoutMs: number): Promise<string> {
  try {
    return await session.port.collect({ max: 1, firstDigitMs: timeoutMs, interDigitMs: timeoutMs });
  } catch (error) {
    session.logger.warn('collecting a key failed; counted as a timeout', { error });
    return '';
  }
}

/** `*`: the menu before this one; at the first menu, this menu again. */
function back(session: FlowSession, id: string): NodeStep {
  if (session.menus.length > 1) session.menus.pop();
  const previous = session.menus.at(-1) ?? id;
  return next(previous);
}

/**
 * Collects a number (an account, a PIN): the prompt (a key interrupts it),
 * then up to `max` keys, ended early by the terminator or by `timeout_s`
 * without a key. Fewer than `min` keys goes to on_fail; the keys pressed
 * are kept in `var` either way, so on_fail can tell "nothing" from "too short".
 */
import { callerGone, next } from '../flow-session.ts';
import type { NodeHandler } from './node-handler.ts';

export const collectNode: NodeHandler<'collect'> = async (node, session, id) => {
  if ((await session.play(node.prompt, { interruptible: true })) === 'hung-up') return callerGone;
  const timeoutMs = node.timeout_s * 1000;
  let digits = '';
  try {
    digits = await session.port.collect({ max: node.max, firstDigitMs: timeoutMs, interDigitMs: timeoutMs, terminator: node.terminator });
  } catch (error) {
    session.logger.warn('collecting digits failed', { node: id, error });
  }
  if (session.port.hungUp) return callerGone;
  session.vars[node.var] = digits;
  if (digits.length < node.min) {
    session.logger.info('too few digits', { node: id, got: digits.length, min: node.min });
    return next(node.on_fail);
  }
  return next(node.next);
};

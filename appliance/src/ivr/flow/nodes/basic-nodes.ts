/**
 * The node types that do one thing and go on: play, say, set, goto and
 * hangup. A say whose value does not read as its kind is logged and
 * skipped; a goto to an IVR (as a destination or a flow) stays in the runner.
 */
import { destinationKind } from '../../../pbx/index.ts';
import { callerGone, next } from '../flow-session.ts';
import type { NodeHandler } from './node-handler.ts';

export const playNode: NodeHandler<'play'> = async (node, session) => {
  const outcome = await session.play(node.prompt);
  return outcome === 'hung-up' ? callerGone : next(node.next);
};

export const sayNode: NodeHandler<'say'> = async (node, session) => {
  const value = session.render(node.value);
  let files: string[] = [];
  try {
    files = await session.deps.speech.say(node.say, value, session.language(node));
  } catch (error) {
    session.logger.warn('say skipped', { kind: node.say, value, error });
  }
  const outcome = await session.playFiles(files);
  return outcome === 'hung-up' ? callerGone : next(node.next);
};

export const setNode: NodeHandler<'set'> = async (node, session) => {
  // In order, so a later value may use an earlier one.
  for (const [name, template] of Object.entries(node.vars)) session.vars[name] = session.render(template);
  return next(node.next);
};

export const gotoNode: NodeHandler<'goto'> = async (node, session) => {
  if (node.flow !== undefined) return { kind: 'flow', name: node.flow };
  const destination = node.destination ?? { hangup: true };
  const kind = destinationKind(destination, 'destination');
  if (typeof kind !== 'string') {
    session.logger.error('goto names no single destination; hanging up', { destination });
    return { kind: 'end', outcome: { kind: 'hangup' } };
  }
  if (kind === 'ivr') return { kind: 'flow', name: destination.ivr as string };
  if (kind === 'hangup') return { kind: 'end', outcome: { kind: 'hangup' } };
  return { kind: 'end', outcome: { kind: 'destination', destination, vars: { ...session.vars } } };
};

export const hangupNode: NodeHandler<'hangup'> = async (node, session) => {
  const outcome = await session.play(node.prompt);
  return outcome === 'hung-up' ? callerGone : { kind: 'end', outcome: { kind: 'hangup' } };
};

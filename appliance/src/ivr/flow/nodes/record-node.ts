/**
 * Records what the caller says (a message, a complaint) after the prompt
 * and a beep, until `#`, three seconds of silence or `max_s`. The WAV's path
 * goes into `var` for a later http node or destination; a recording that
 * could not be made leaves `var` empty and the flow goes on.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { callerGone, next } from '../flow-session.ts';
import type { NodeHandler } from './node-handler.ts';

/** Silence after speech that ends a recording: the caller has finished. */
export const RECORD_SILENCE_MS = 3000;

export const recordNode: NodeHandler<'record'> = async (node, session, id) => {
  if ((await session.play(node.prompt)) === 'hung-up') return callerGone;
  const { port, deps } = session;
  if ((await port.beep().catch(() => 'finished' as const)) === 'hung-up') return callerGone;
  const name = `${port.callId.replace(/[^A-Za-z0-9_-]/g, '_')}-${id}-${deps.clock.now()}.wav`;
  const path = join(deps.recordingsDir, name);
  try {
    mkdirSync(deps.recordingsDir, { recursive: true });
    const outcome = await port.record({ path, maxMs: node.max_s * 1000, silenceMs: RECORD_SILENCE_MS, stopKeys: '#' });
    session.vars[node.var] = path;
    session.logger.info('recorded', { node: id, path, ms: outcome.durationMs, ended_by: outcome.endedBy });
    if (outcome.endedBy === 'hung-up') return callerGone;
  } catch (error) {
    session.vars[node.var] = '';
    session.logger.warn('recording failed; going on without it', { node: id, error });
  }
  return port.hungUp ? callerGone : next(node.next);
};

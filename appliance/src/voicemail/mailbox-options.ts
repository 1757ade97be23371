/** The mailbox options an owner reaches by phone: their own greeting, or back to the spoken default. */
import { existsSync } from 'node:fs';
import type { CallerPort } from '../pbx/index.ts';
import { GREETING_MAX_MS, GREETING_MIN_MS, type RetrieveDeps } from './retrieve-deps.ts';
import { PROMPTS } from './voicemail-prompts.ts';

/** Records a greeting after the beep; a recording under a second keeps the old one. */
export async function recordGreeting(deps: RetrieveDeps, port: CallerPort, mailbox: string): Promise<void> {
  if ((await deps.prompts.play(port, [PROMPTS.recordGreeting])) === 'hung-up' || (await port.beep()) === 'hung-up') return;
  const reservation = deps.store.reserveGreeting(mailbox);
  try {
    const outcome = await port.record({ path: reservation.temp, maxMs: GREETING_MAX_MS, silenceMs: 3000, stopKeys: '#' });
    // A greeting is only kept when the owner ended it: a hang-up mid-sentence is more likely a slip.
    if (outcome.endedBy !== 'hung-up' && outcome.durationMs >= GREETING_MIN_MS && existsSync(reservation.temp)) {
      deps.store.commitGreeting(reservation);
      deps.logger.info('voicemail greeting recorded by phone', { mailbox, duration_ms: outcome.durationMs });
      await deps.prompts.play(port, [PROMPTS.greetingSaved]);
      return;
    }
  } catch (error) {
    deps.logger.error('voicemail greeting recording failed', { mailbox, error });
  }
  deps.store.discard(reservation);
  if (!port.hungUp) await deps.prompts.play(port, [PROMPTS.greetingTooShort]);
}

export async function resetGreeting(deps: RetrieveDeps, port: CallerPort, mailbox: string): Promise<void> {
  deps.store.clearGreeting(mailbox);
  await deps.prompts.play(port, [PROMPTS.greetingReset]);
}

/**
 * A caller leaves a message: the mailbox's greeting (or the spoken
 * default), a beep, then the recording until '#', silence, the length
 * limit or the hang-up — hanging up is how most callers finish. What is
 * shorter than the minimum is dropped (a caller who hung up at the beep).
 */
import { existsSync } from 'node:fs';
import type { CallerPort } from '../pbx/index.ts';
import { type Clock, isoTime, type Logger } from '../system/index.ts';
import type { MessageStore, Reservation } from './message-store.ts';
import type { PromptPlayer } from './prompt-player.ts';
import type { VoicemailSettingsStore } from './voicemail-settings.ts';
import { PROMPTS } from './voicemail-prompts.ts';
import type { MailboxRecord, VoicemailMessage, VoicemailRepository } from './voicemail-repository.ts';

export interface LeaveMessageDeps {
  repository: VoicemailRepository;
  store: MessageStore;
  settings: Pick<VoicemailSettingsStore, 'policy'>;
  prompts: PromptPlayer;
  clock: Clock;
  logger: Logger;
  /** A message was kept: emails and the like, never awaited by the call. */
  onMessage(message: VoicemailMessage, file: string, mailbox: MailboxRecord): void;
}

/** Returns true when a message was kept. */
export async function leaveMessage(deps: LeaveMessageDeps, port: CallerPort, mailbox: string): Promise<boolean> {
  const { repository, prompts } = deps;
  const logger = deps.logger.child({ callId: port.callId, mailbox });
  const box = repository.find(mailbox);
  if (box === null || !box.enabled) {
    logger.info('voicemail refused: no such mailbox or disabled');
    await prompts.play(port, [PROMPTS.mailboxUnavailable]);
    return false;
  }
  const policy = deps.settings.policy();
  if (repository.messageCount(mailbox) >= policy.max_messages) {
    logger.warn('voicemail refused: mailbox full', { max: policy.max_messages });
    await prompts.play(port, [PROMPTS.mailboxFull]);
    return false;
  }
  const greeting = deps.store.greetingFile(mailbox);
  // A key skips the greeting straight to the beep, as on most PBXs.
  const heard = greeting === null ? await prompts.play(port, [PROMPTS.unavailable(mailbox)], { interruptible: true }) : await port.play([greeting], { interruptible: true });
  if (heard === 'hung-up' || (await port.beep()) === 'hung-up') return false;

  const calledAt = isoTime(deps.clock);
  const reservation = deps.store.reserveMessage(mailbox);
  const durationMs = await record(deps, port, reservation, logger);
  if (durationMs === null) return false;
  const message = deps.store.commitMessage(reservation, {
    caller_number: port.caller,
    caller_name: port.caller === '' ? null : (repository.find(port.caller)?.name ?? null),
    called_at: calledAt,
    duration_ms: durationMs,
    call_id: port.callId,
  });
  logger.info('voicemail message left', { message: message.id, duration_ms: durationMs });
  if (!port.hungUp) await prompts.play(port, [PROMPTS.messageKept]);
  try {
    deps.onMessage(message, deps.store.audioFile(message.id), box);
  } catch (error) {
    logger.error('voicemail message follow-up failed', { error });
  }
  return true;
}

/** The length of a recording worth keeping, or null when it was dropped. */
async function record(deps: LeaveMessageDeps, port: CallerPort, reservation: Reservation, logger: Logger): Promise<number | null> {
  const policy = deps.settings.policy();
  try {
    const outcome = await port.record({
      path: reservation.temp,
      maxMs: policy.max_message_s * 1000,
      silenceMs: policy.silence_s * 1000,
      stopKeys: '#',
    });
    if (outcome.durationMs >= policy.min_message_ms && existsSync(reservation.temp)) return outcome.durationMs;
    logger.info('voicemail recording dropped', { duration_ms: outcome.durationMs, ended_by: outcome.endedBy });
  } catch (error) {
    logger.error('voicemail recording failed', { error });
  }
  deps.store.discard(reservation);
  return null;
}

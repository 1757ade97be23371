/** What the mailbox owner's side of voicemail (login, menu, options) works with. */
import type { CollectRequest } from '../pbx/index.ts';
import type { Clock, Logger } from '../system/index.ts';
import type { MailboxAccess } from './mailbox-access.ts';
import type { MessageStore } from './message-store.ts';
import type { PromptPlayer } from './prompt-player.ts';
import type { VoicemailRepository } from './voicemail-repository.ts';
import type { VoicemailSettingsStore } from './voicemail-settings.ts';

export interface RetrieveDeps {
  repository: VoicemailRepository;
  store: MessageStore;
  access: MailboxAccess;
  settings: Pick<VoicemailSettingsStore, 'policy'>;
  prompts: PromptPlayer;
  clock: Clock;
  logger: Logger;
}

/** Tries per call at the mailbox number, the PIN and choosing a new PIN. */
export const TRIES = 3;

/** A mailbox number or a PIN, ended by '#'. */
export const NUMBER_ENTRY: CollectRequest = { max: 8, firstDigitMs: 8000, interDigitMs: 5000, terminator: '#' };

/** One menu key. */
export const MENU_KEY: CollectRequest = { max: 1, firstDigitMs: 6000, interDigitMs: 6000 };

/** Greetings: a minute at most, a second at least. */
export const GREETING_MAX_MS = 60_000;
export const GREETING_MIN_MS = 1000;

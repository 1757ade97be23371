/**
 * Voicemail as the call layer sees it (its `VoicemailDesk`): whether an
 * unanswered call goes to a mailbox, leaving a message, retrieving them,
 * and the retention sweep housekeeping runs.
 */
import type { CallerPort } from '../pbx/index.ts';
import type { Clock, Logger } from '../system/index.ts';
import { leaveMessage } from './leave-message.ts';
import { MailboxAccess } from './mailbox-access.ts';
import type { MessageStore } from './message-store.ts';
import { PromptPlayer, type VoicemailSpeech } from './prompt-player.ts';
import { retrieveMessages } from './retrieve-messages.ts';
import type { MailboxRecord, VoicemailMessage, VoicemailRepository } from './voicemail-repository.ts';
import type { VoicemailSettingsStore } from './voicemail-settings.ts';

export interface VoicemailServiceDeps {
  repository: VoicemailRepository;
  settings: VoicemailSettingsStore;
  store: MessageStore;
  speech: VoicemailSpeech;
  /** Emails new messages; null on a box that sends none. */
  mailer: { messageLeft(message: VoicemailMessage, file: string, box: MailboxRecord): Promise<void> } | null;
  clock: Clock;
  logger: Logger;
}

export class VoicemailService {
  readonly access: MailboxAccess;
  private readonly logger: Logger;

  constructor(private readonly deps: VoicemailServiceDeps) {
    this.access = new MailboxAccess({ repository: deps.repository, settings: deps.settings, clock: deps.clock });
    this.logger = deps.logger.child({ domain: 'voicemail' });
  }

  /** Whether unanswered calls to `extension` (busy, no answer, not registered) go to its mailbox. */
  takesUnanswered(extension: string): boolean {
    return this.deps.repository.isSetUp(extension);
  }

  /** The caller (already answered) leaves a message in `mailbox`; true when one was kept. */
  leave(port: CallerPort, mailbox: string): Promise<boolean> {
    return leaveMessage(
      {
        repository: this.deps.repository,
        store: this.deps.store,
        settings: this.deps.settings,
        prompts: this.prompts(),
        clock: this.deps.clock,
        logger: this.logger,
        onMessage: (message, file, box) => void this.deps.mailer?.messageLeft(message, file, box),
      },
      port,
      mailbox,
    );
  }

  /**
   * A mailbox owner listens. `mailbox`: the caller's own extension (`*97`;
   * the call layer vouches that the caller is that extension); null asks
   * for the mailbox number (`*98`). Resolves when the owner is done or gone.
   */
  retrieve(port: CallerPort, mailbox: string | null): Promise<void> {
    return retrieveMessages(
      {
        repository: this.deps.repository,
        store: this.deps.store,
        access: this.access,
        settings: this.deps.settings,
        prompts: this.prompts(),
        clock: this.deps.clock,
        logger: this.logger,
      },
      port,
      mailbox,
    );
  }

  /** Deletes messages past the retention (the `voicemail` setting) and stray files; for housekeeping. */
  sweep(): { deleted: number; strays: number } {
    const result = this.deps.store.sweep(this.deps.settings.policy().retention_days);
    if (result.deleted > 0 || result.strays > 0) this.logger.info('voicemail sweep', result);
    return result;
  }

  private prompts(): PromptPlayer {
    return new PromptPlayer(this.deps.speech, this.deps.settings.policy().language, this.logger);
  }
}

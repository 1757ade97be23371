/**
 * A mailbox owner on the phone: PIN, the summary ("您有 N 条新留言，M 条已存
 * 留言"), then the messages and the menu of retrieve-menu.ts. This is the
 * shell around that table: it says the prompts, collects one key at a
 * time and carries out the effects the table returns. A key pressed during
 * a prompt cuts it and is taken as the answer, so practised users need not
 * wait for the menu to be read out.
 */
import type { CallerPort, PlayOutcome } from '../pbx/index.ts';
import { choosePin, openMailbox } from './mailbox-login.ts';
import { recordGreeting, resetGreeting } from './mailbox-options.ts';
import { localTime } from './message-time.ts';
import { MENU_KEY, type RetrieveDeps } from './retrieve-deps.ts';
import { type Menu, type MenuEffect, type MenuInput, start, step } from './retrieve-menu.ts';
import { type Prompt, PROMPTS } from './voicemail-prompts.ts';
import type { VoicemailMessage } from './voicemail-repository.ts';

const MENU_PROMPT: Record<Exclude<Menu, 'ended'>, Prompt> = {
  main: PROMPTS.mainMenu,
  message: PROMPTS.messageMenu,
  options: PROMPTS.optionsMenu,
};

const KEYS = new Set('0123456789*#');

/** `own`: the caller's own mailbox (`*97`, trusted as the caller's); null asks which one (`*98`). */
export async function retrieveMessages(deps: RetrieveDeps, port: CallerPort, own: string | null): Promise<void> {
  const mailbox = await openMailbox(deps, port, own);
  if (mailbox === null) return;
  deps.logger.info('voicemail mailbox opened', { mailbox, caller: port.caller, callId: port.callId });
  await new OwnerSession(deps, port, mailbox).run();
}

class OwnerSession {
  /** In listening order; a deleted message leaves the list as it leaves the menu's count. */
  private readonly messages: VoicemailMessage[];

  constructor(
    private readonly deps: RetrieveDeps,
    private readonly port: CallerPort,
    private readonly mailbox: string,
  ) {
    this.messages = deps.repository.listening(mailbox);
  }

  async run(): Promise<void> {
    const fresh = this.messages.filter((m) => m.state === 'new').length;
    const summary = await this.say(PROMPTS.summary(fresh, this.messages.length - fresh));
    let { position, effects } = start(this.messages.length);
    // A key during the summary answers the main menu.
    if (summary === 'interrupted') ({ position, effects } = { position: { ...position, menu: 'main' }, effects: [] });
    for (;;) {
      const interrupted = await this.perform(effects);
      if (position.menu === 'ended' || this.port.hungUp) return;
      if (!interrupted && (await this.say(MENU_PROMPT[position.menu])) === 'hung-up') return;
      const key = await this.port.collect(MENU_KEY);
      const input: MenuInput = KEYS.has(key) ? (key as MenuInput) : this.port.hungUp ? 'hangup' : 'timeout';
      ({ position, effects } = step(position, input));
    }
  }

  /** Carries out the effects in order; after a key cuts a prompt, the prompts left are skipped. True when cut. */
  private async perform(effects: readonly MenuEffect[]): Promise<boolean> {
    let cut = false;
    for (const effect of effects) {
      if (this.port.hungUp) return false;
      switch (effect.kind) {
        case 'save':
          this.deps.store.setState(this.at(effect.index).id, 'saved');
          break;
        case 'delete':
          this.deps.store.delete(this.at(effect.index).id);
          this.messages.splice(effect.index, 1);
          break;
        case 'play':
          if (!cut) cut = (await this.play(effect.index)) === 'interrupted';
          break;
        case 'say':
          if (effect.say === 'goodbye') await this.deps.prompts.play(this.port, [PROMPTS.goodbye]);
          else if (!cut) cut = (await this.say(PROMPTS[effect.say])) === 'interrupted';
          break;
        case 'record-greeting':
          await recordGreeting(this.deps, this.port, this.mailbox);
          break;
        case 'change-pin':
          await choosePin(this.deps, this.port, this.mailbox, false);
          break;
        case 'reset-greeting':
          await resetGreeting(this.deps, this.port, this.mailbox);
          break;
      }
    }
    return cut;
  }

  /** The envelope (which message, from whom, when), then the audio; heard once the audio ran or was cut by a key. */
  private async play(index: number): Promise<PlayOutcome> {
    const message = this.at(index);
    const when = localTime(Date.parse(message.called_at), this.deps.settings.policy().time_zone);
    const envelope = await this.say(PROMPTS.envelope(index + 1, message.caller_number, when.date, when.time));
    if (envelope !== 'finished') return envelope;
    let audio: string;
    try {
      audio = this.deps.store.audioFile(message.id);
    } catch (error) {
      this.deps.logger.error('voicemail message audio missing', { mailbox: this.mailbox, message: message.id, error });
      return 'finished';
    }
    const outcome = await this.port.play([audio], { interruptible: true });
    if (outcome !== 'hung-up') {
      this.deps.store.markHeard(message.id);
      if (message.state === 'new') this.deps.store.setState(message.id, 'saved');
    }
    return outcome;
  }

  private say(prompt: Prompt): Promise<PlayOutcome> {
    return this.deps.prompts.play(this.port, [prompt], { interruptible: true });
  }

  private at(index: number): VoicemailMessage {
    const message = this.messages[index];
    if (message === undefined) throw new RangeError(`voicemail menu points past the list (${index} of ${this.messages.length})`);
    return message;
  }
}

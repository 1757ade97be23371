/**
 * Opening a mailbox by phone. The owner's own phone (`*97`) names the
 * mailbox; any phone (`*98`) asks for it. Either way the PIN is asked, three
 * tries per call, with the mailbox-wide lockout behind them. A mailbox
 * without a PIN opens only from its own phone, which first sets one.
 */
import type { CallerPort } from '../pbx/index.ts';
import { NUMBER_ENTRY, type RetrieveDeps, TRIES } from './retrieve-deps.ts';
import { isValidPin } from './pin-hash.ts';
import { PROMPTS } from './voicemail-prompts.ts';

/** The mailbox the caller has opened, or null when the call should end (goodbye already said). */
export async function openMailbox(deps: RetrieveDeps, port: CallerPort, own: string | null): Promise<string | null> {
  const mailbox = own ?? (await askMailbox(deps, port));
  if (mailbox === null) return null;
  const box = deps.repository.find(mailbox);
  if (own !== null && (box === null || !box.enabled)) {
    await deps.prompts.play(port, [PROMPTS.mailboxUnavailable]);
    return null;
  }
  if (own !== null && box?.pinHash === null) return (await choosePin(deps, port, mailbox, true)) ? mailbox : goodbye(deps, port);
  for (let attempt = 0; attempt < TRIES && !port.hungUp; attempt++) {
    await deps.prompts.play(port, [PROMPTS.enterPin], { interruptible: true });
    const pin = await port.collect(NUMBER_ENTRY);
    if (port.hungUp) return null;
    // Nothing typed is a try of this call, not a wrong PIN against the mailbox.
    const verdict = pin === '' ? 'wrong' : await deps.access.check(mailbox, pin);
    switch (verdict) {
      case 'ok':
        return mailbox;
      case 'locked':
        deps.logger.warn('voicemail mailbox locked after wrong PINs', { mailbox, caller: port.caller });
        await deps.prompts.play(port, [PROMPTS.locked]);
        return null;
      case 'no-pin':
        await deps.prompts.play(port, [PROMPTS.noPinRemote]);
        return null;
      case 'wrong':
        await deps.prompts.play(port, [PROMPTS.wrongPin]);
    }
  }
  return goodbye(deps, port);
}

/**
 * Asks for a new PIN twice until both agree and are 4 to 8 digits; true
 * once it is set. `first` is the owner who has never had one.
 */
export async function choosePin(deps: RetrieveDeps, port: CallerPort, mailbox: string, first: boolean): Promise<boolean> {
  for (let attempt = 0; attempt < TRIES && !port.hungUp; attempt++) {
    await deps.prompts.play(port, [attempt === 0 && first ? PROMPTS.setFirstPin : PROMPTS.newPin], { interruptible: true });
    const pin = await port.collect(NUMBER_ENTRY);
    if (port.hungUp) return false;
    if (!isValidPin(pin)) {
      await deps.prompts.play(port, [PROMPTS.pinInvalid]);
      continue;
    }
    await deps.prompts.play(port, [PROMPTS.confirmPin], { interruptible: true });
    if ((await port.collect(NUMBER_ENTRY)) !== pin) {
      await deps.prompts.play(port, [PROMPTS.pinMismatch]);
      continue;
    }
    await deps.access.setPin(mailbox, pin);
    deps.logger.info('voicemail PIN set by phone', { mailbox });
    await deps.prompts.play(port, [PROMPTS.pinChanged]);
    return true;
  }
  return false;
}

async function askMailbox(deps: RetrieveDeps, port: CallerPort): Promise<string | null> {
  for (let attempt = 0; attempt < TRIES && !port.hungUp; attempt++) {
    await deps.prompts.play(port, [PROMPTS.enterMailbox], { interruptible: true });
    const number = await port.collect(NUMBER_ENTRY);
    if (number !== '') return number;
  }
  return goodbye(deps, port);
}

async function goodbye(deps: RetrieveDeps, port: CallerPort): Promise<null> {
  if (!port.hungUp) await deps.prompts.play(port, [PROMPTS.goodbye]);
  return null;
}

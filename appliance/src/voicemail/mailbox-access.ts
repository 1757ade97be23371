/**
 * Who may open a mailbox: the PIN check with its lockout, and setting a
 * PIN. Lockout counts wrong PINs across calls (a guesser just redials), so
 * it lives in the mailbox row, not in the call; while locked even the
 * right PIN is refused, or the lock would tell a guesser when they hit.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../system/index.ts';
import { checkPinFormat, hashPin, pinMatches } from './pin-hash.ts';
import type { VoicemailRepository } from './voicemail-repository.ts';
import type { VoicemailSettingsStore } from './voicemail-settings.ts';

export type PinCheck = 'ok' | 'wrong' | 'locked' | 'no-pin';

export interface MailboxAccessDeps {
  repository: VoicemailRepository;
  settings: Pick<VoicemailSettingsStore, 'policy'>;
  clock: Clock;
  /** Salt bytes; cryptographic randomness by default. */
  random?: (size: number) => Uint8Array;
}

const SALT_BYTES = 16;

export class MailboxAccess {
  private readonly random: (size: number) => Uint8Array;

  constructor(private readonly deps: MailboxAccessDeps) {
    this.random = deps.random ?? ((n) => randomBytes(n));
  }

  /** An unknown mailbox answers 'wrong', as a wrong PIN does: a caller learns nothing of which boxes exist. */
  async check(mailbox: string, pin: string): Promise<PinCheck> {
    const box = this.deps.repository.find(mailbox);
    if (box === null || !box.enabled) return 'wrong';
    if (box.lockedUntil !== null && box.lockedUntil > this.deps.clock.now()) return 'locked';
    if (box.pinHash === null || box.pinSalt === null) return 'no-pin';
    if (await pinMatches(pin, Buffer.from(box.pinSalt, 'base64'), box.pinHash)) {
      if (box.failedPins > 0 || box.lockedUntil !== null) this.deps.repository.clearPinFailures(mailbox);
      return 'ok';
    }
    const policy = this.deps.settings.policy();
    return this.deps.repository.recordPinFailure(mailbox, policy.pin_max_failures, policy.pin_lockout_min * 60_000) ? 'locked' : 'wrong';
  }

  /** Sets (ValidationError on `pin` unless 4 to 8 digits) or clears the PIN; any lock is lifted. */
  async setPin(mailbox: string, pin: string | null): Promise<void> {
    if (pin === null) {
      this.deps.repository.setPin(mailbox, null);
      return;
    }
    checkPinFormat(pin);
    const salt = this.random(SALT_BYTES);
    this.deps.repository.setPin(mailbox, { hash: await hashPin(pin, salt), salt: Buffer.from(salt).toString('base64') });
  }
}

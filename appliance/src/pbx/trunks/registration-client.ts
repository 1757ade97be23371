/**
 * Keeps one trunk registered to its carrier: runs the registration machine,
 * sends its REGISTERs through the transaction layer, answers digest
 * challenges and arms the one timer (refresh or retry) the machine asks
 * for. Responses to a REGISTER that a newer one has replaced are ignored,
 * so a late answer never moves the machine twice.
 */
import {
  type Authorization,
  type DigestClient,
  type LocalIdentity,
  newBranch,
  type RandomBytes,
  randomHex,
  type SendTarget,
  type SipResponse,
  type TransactionLayer,
} from '../../sip/index.ts';
import type { Clock, Logger, Scheduler, Timer } from '../../system/index.ts';
import { buildRegister, finalInput, type RegisterDialog, registrarUri } from './register-request.ts';
import {
  DEFAULT_REGISTRATION_POLICY,
  initialRegistration,
  publicStatus,
  type Registration,
  type RegistrationEffect,
  type RegistrationFailure,
  type RegistrationInput,
  type RegistrationPolicy,
  type RegistrationState,
  type RegistrationStatus,
  registrationStep,
} from './registration-machine.ts';

/** The part of the transaction layer a client needs; a fake in tests. */
export type RequestSender = Pick<TransactionLayer, 'sendRequest'>;

export interface RegistrationAccount {
  /** The trunk's name, for logs. */
  name: string;
  target: SendTarget;
  /** The registrar's domain (From/To and Request-URI). */
  domain: string;
  username: string;
  password: string | null;
  /** Seconds asked for in each REGISTER. */
  expires: number;
}

export interface RegistrationView {
  status: RegistrationStatus;
  state: RegistrationState;
  lastError: RegistrationFailure | null;
  /** When the binding runs out (epoch ms), while registered. */
  expiresAt: number | null;
}

export interface RegistrationClientDeps {
  transactions: RequestSender;
  digest: DigestClient;
  local: LocalIdentity;
  clock: Clock;
  scheduler: Scheduler;
  random: RandomBytes;
  logger: Logger;
  policy?: RegistrationPolicy;
  /** Told after each step that changed the status or the last error. */
  onChange?(view: RegistrationView): void;
}

export class RegistrationClient {
  private reg: Registration;
  private readonly dialog: RegisterDialog;
  private readonly logger: Logger;
  private timer: Timer | null = null;
  private cseq = 0;
  /** Bumped per REGISTER sent; answers to older ones are stale. */
  private attempt = 0;
  private authorization: { status: 401 | 407; value: Authorization } | null = null;
  private expiresAt: number | null = null;
  private readonly pending: RegistrationInput[] = [];
  private stepping = false;
  private finished!: () => void;
  private readonly done = new Promise<void>((resolve) => {
    this.finished = resolve;
  });

  constructor(
    private readonly account: RegistrationAccount,
    private readonly deps: RegistrationClientDeps,
  ) {
    this.reg = initialRegistration(account.expires);
    this.logger = deps.logger.child({ trunk: account.name });
    this.dialog = {
      domain: account.domain,
      username: account.username,
      protocol: account.target.endpoint.protocol,
      callId: `${randomHex(deps.random, 12)}@${deps.local.host}`,
      fromTag: randomHex(deps.random, 6),
      local: deps.local,
    };
  }

  start(): void {
    this.input({ kind: 'start' });
  }

  /** Un-REGISTERs (Expires: 0) when the carrier may hold a binding; settles once nothing more will be sent. */
  stop(): Promise<void> {
    this.input({ kind: 'stop' });
    return this.done;
  }

  view(): RegistrationView {
    return { status: publicStatus(this.reg.state), state: this.reg.state, lastError: this.reg.lastError, expiresAt: this.expiresAt };
  }

  /** Inputs raised while a step runs (a send that fails at once) wait their turn, so steps never nest. */
  private input(input: RegistrationInput): void {
    this.pending.push(input);
    if (this.stepping) return;
    this.stepping = true;
    try {
      for (let next = this.pending.shift(); next !== undefined; next = this.pending.shift()) this.step(next);
    } finally {
      this.stepping = false;
    }
  }

  private step(input: RegistrationInput): void {
    const before = this.view();
    const { next, effects } = registrationStep(this.reg, input, this.deps.policy ?? DEFAULT_REGISTRATION_POLICY);
    if (next === this.reg) return;
    this.reg = next;
    this.timer?.cancel();
    this.timer = null;
    if (input.kind === 'ok') this.expiresAt = next.state === 'registered' ? this.deps.clock.now() + input.expires * 1000 : null;
    if (next.state === 'failed' || next.state === 'unregistered') this.expiresAt = null;
    for (const effect of effects) this.perform(effect);
    const after = this.view();
    if (after.status !== before.status || after.lastError !== before.lastError) this.report(before, after);
  }

  private perform(effect: RegistrationEffect): void {
    switch (effect.kind) {
      case 'send':
        this.send(effect.expires, effect.authorize);
        return;
      case 'arm':
        this.timer = this.deps.scheduler.after(effect.afterMs, () => {
          this.timer = null;
          this.input({ kind: effect.timer === 'refresh' ? 'refresh-due' : 'retry-due' });
        });
        return;
      case 'done':
        this.finished();
        return;
    }
  }

  private send(expires: number, authorize: boolean): void {
    const attempt = ++this.attempt;
    const current = () => attempt === this.attempt;
    const request = buildRegister(this.dialog, {
      cseq: ++this.cseq,
      branch: newBranch(this.deps.random),
      expires,
      authorization: authorize ? this.authorization : null,
    });
    this.deps.transactions.sendRequest(request, this.account.target, {
      onFinal: (response) => {
        if (current()) this.answered(response, expires);
      },
      onTimeout: () => {
        if (current()) this.input({ kind: 'no-response', reason: 'timeout' });
      },
      onTransportError: () => {
        if (current()) this.input({ kind: 'no-response', reason: 'transport_error' });
      },
    });
  }

  private answered(response: SipResponse, expires: number): void {
    const status = response.status;
    if (status !== 401 && status !== 407) {
      this.input(finalInput(response, this.dialog, expires));
      return;
    }
    const password = this.account.password;
    const result =
      password === null
        ? null
        : this.deps.digest.authorize({
            challenges: response.getAll(status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate'),
            username: this.account.username,
            password,
            method: 'REGISTER',
            uri: registrarUri(this.dialog.domain),
          });
    if (result === null || !result.ok) {
      this.input({ kind: 'unanswerable' });
      return;
    }
    this.authorization = { status, value: result.value };
    this.input({ kind: 'challenge', stale: result.value.challenge.stale === true });
  }

  private report(before: RegistrationView, after: RegistrationView): void {
    const fields = { from: before.status, to: after.status, error: after.lastError, state: after.state };
    if (after.status === 'failed') this.logger.warn('trunk registration failed', { ...fields, failures: this.reg.failures });
    else this.logger.info(`trunk ${after.status}`, fields);
    this.deps.onChange?.(after);
  }
}

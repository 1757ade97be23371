/**
 * The live side of the trunks: one registration client per enabled
 * registering trunk and one OPTIONS monitor per enabled trunk that pings.
 * After each reload of the directory it reconciles — a trunk added is
 * started, one edited is restarted (only the part whose settings changed),
 * one disabled or deleted is stopped, un-REGISTERing from its carrier.
 * Every change of a trunk's registration or reachability is published as
 * `trunk.status`; a trunk that fails or goes down also raises an alarm.
 */
import type { EventBus } from '../../events/index.ts';
import type { DigestClient, LocalIdentity, RandomBytes } from '../../sip/index.ts';
import type { Clock, Logger, Scheduler, Timer } from '../../system/index.ts';
import type { Trunk } from '../trunks-repository.ts';
import { OptionsMonitor } from './options-monitor.ts';
import { RegistrationClient, type RequestSender } from './registration-client.ts';
import type { RegistrationPolicy, RegistrationStatus } from './registration-machine.ts';
import { type TrunkDirectory, trunkDomain, hostPort } from './trunk-directory.ts';
import type { TrunkProblem, TrunkStatus } from './trunk-status.ts';

/** What a trunk's NULL register_expires and options_interval_s stand for. */
export const DEFAULT_REGISTER_EXPIRES = 3600;
export const DEFAULT_OPTIONS_INTERVAL_S = 30;

export interface TrunkRuntimeDeps {
  directory: TrunkDirectory;
  transactions: RequestSender;
  digest: DigestClient;
  /** The box's advertised SIP address (Via, Contact). */
  local: LocalIdentity;
  bus: EventBus;
  clock: Clock;
  scheduler: Scheduler;
  random: RandomBytes;
  logger: Logger;
  policy?: RegistrationPolicy;
  /** Missed pings in a row before a trunk is down. Default 3. */
  missLimit?: number;
  /** Longest wait for un-REGISTERs: on shutdown, and before a restarted trunk registers again. Default 2000 ms. */
  stopWaitMs?: number;
  /** How soon host names that did not resolve are tried again (the box may start before DNS works). Default 60 s. */
  reresolveMs?: number;
}

interface Running {
  /** The settings each part was started with; a part restarts only when its own settings change. */
  registerKey: string | null;
  pingKey: string | null;
  client: RegistrationClient | null;
  monitor: OptionsMonitor | null;
  problem: TrunkProblem | null;
  /** Settles when the previous client of this trunk has un-REGISTERed. */
  previous: Promise<void>;
  published: string;
}

export class TrunkRuntime {
  private readonly running = new Map<string, Running>();
  /** Un-REGISTERs still on their way, awaited at shutdown. */
  private readonly stopping = new Set<Promise<void>>();
  /** The last un-REGISTER of a trunk that was stopped whole, in case it comes back at once. */
  private readonly leaving = new Map<string, Promise<void>>();
  private unsubscribe: (() => void) | null = null;
  private reresolve: Timer | null = null;
  private readonly logger: Logger;

  constructor(private readonly deps: TrunkRuntimeDeps) {
    this.logger = deps.logger.child({ domain: 'trunks' });
  }

  start(): void {
    this.unsubscribe = this.deps.directory.onChange(() => this.reconcile());
    this.reconcile();
  }

  /** Stops pings and un-REGISTERs every trunk, waiting at most stopWaitMs for the carriers' answers. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.reresolve?.cancel();
    this.reresolve = null;
    for (const name of [...this.running.keys()]) this.retire(name);
    await this.bounded(Promise.all(this.stopping).then(() => undefined));
  }

  status(): TrunkStatus[] {
    const d = this.deps.directory;
    return d
      .list()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => {
        const r = this.running.get(t.name);
        const registration = r?.client?.view() ?? null;
        const reach = r?.monitor?.view() ?? null;
        return {
          name: t.name,
          enabled: t.enabled,
          register: t.register,
          registration: this.registrationOf(t, r),
          registered_until: registration?.expiresAt ? new Date(registration.expiresAt).toISOString() : null,
          reachable: reach?.reachable ?? null,
          latency_ms: reach?.latencyMs ?? null,
          channels_in_use: d.inUse(t.name),
          max_channels: t.max_channels,
          last_error: r?.problem ?? registration?.lastError ?? null,
        };
      });
  }

  private registrationOf(t: Trunk, r: Running | undefined): RegistrationStatus {
    if (r?.problem && t.register) return 'failed';
    return r?.client?.view().status ?? 'unregistered';
  }

  private reconcile(): void {
    const trunks = this.deps.directory.list();
    const names = new Set(trunks.filter((t) => t.enabled).map((t) => t.name));
    for (const name of [...this.running.keys()]) if (!names.has(name)) this.retire(name);
    for (const t of trunks) if (t.enabled) this.apply(t);
    const unresolved = trunks.some((t) => t.enabled && this.deps.directory.target(t.name) === null);
    if (unresolved && this.reresolve === null && this.unsubscribe !== null) {
      this.reresolve = this.deps.scheduler.after(this.deps.reresolveMs ?? 60_000, () => {
        this.reresolve = null;
        void this.deps.directory.reload();
      });
    }
  }

  /** Starts what a trunk needs and restarts what its new settings changed. */
  private apply(t: Trunk): void {
    const target = this.deps.directory.target(t.name);
    const problem: TrunkProblem | null = target === null ? 'unresolved_host' : t.register && !t.username ? 'no_username' : null;
    const r = this.running.get(t.name) ?? this.fresh(t.name);
    const where = target === null ? null : `${target.protocol}:${target.address}:${target.port}`;
    const registerKey = t.register && problem === null ? JSON.stringify([where, trunkDomain(t), t.username, this.deps.directory.credentials(t.name), t.register_expires]) : null;
    const interval = t.options_interval_s ?? DEFAULT_OPTIONS_INTERVAL_S;
    const pingKey = interval > 0 && target !== null ? JSON.stringify([where, hostPort(t), interval]) : null;
    r.problem = problem;
    if (registerKey !== r.registerKey) {
      this.stopClient(r);
      r.registerKey = registerKey;
      if (registerKey !== null && target !== null) this.startClient(t, r, target);
    }
    if (pingKey !== r.pingKey) {
      r.monitor?.stop();
      r.monitor = null;
      r.pingKey = pingKey;
      if (pingKey !== null && target !== null) {
        r.monitor = new OptionsMonitor(
          { name: t.name, target: { endpoint: target }, domain: hostPort(t), intervalS: interval },
          { ...this.deps, logger: this.logger, onChange: () => this.publish(t.name) },
        );
        r.monitor.start();
      }
    }
    this.publish(t.name);
  }

  private fresh(name: string): Running {
    const previous = this.leaving.get(name) ?? Promise.resolve();
    const r: Running = { registerKey: null, pingKey: null, client: null, monitor: null, problem: null, previous, published: '' };
    this.running.set(name, r);
    return r;
  }

  private startClient(t: Trunk, r: Running, target: NonNullable<ReturnType<TrunkDirectory['target']>>): void {
    const credentials = this.deps.directory.credentials(t.name);
    const client = new RegistrationClient(
      {
        name: t.name,
        target: { endpoint: target },
        domain: trunkDomain(t),
        username: t.username as string,
        password: credentials?.password ?? null,
        expires: t.register_expires ?? DEFAULT_REGISTER_EXPIRES,
      },
      { ...this.deps, logger: this.logger, onChange: () => this.publish(t.name) },
    );
    r.client = client;
    // The old binding goes first: an un-REGISTER landing after the new REGISTER would remove it (RFC 3261 §10.3).
    void this.bounded(r.previous).then(() => {
      if (r.client === client) client.start();
    });
  }

  private stopClient(r: Running): void {
    if (r.client === null) return;
    const stopped = r.client.stop();
    r.client = null;
    r.previous = stopped;
    this.stopping.add(stopped);
    void stopped.then(() => this.stopping.delete(stopped));
  }

  private retire(name: string): void {
    const r = this.running.get(name);
    if (!r) return;
    r.monitor?.stop();
    this.stopClient(r);
    this.running.delete(name);
    const gone = r.previous;
    this.leaving.set(name, gone);
    void gone.then(() => {
      if (this.leaving.get(name) === gone) this.leaving.delete(name);
    });
    this.deps.bus.publish('trunk.status', { trunk: name, registration: 'unregistered', reachable: null, latency_ms: null, reason: null });
  }

  /** Publishes the trunk's status when it differs from what was last published; alarms on a fall. */
  private publish(name: string): void {
    const r = this.running.get(name);
    const status = this.status().find((s) => s.name === name);
    if (!r || !status) return;
    const key = `${status.registration}|${status.reachable}|${status.last_error}`;
    if (key === r.published) return;
    const [wasRegistration, wasReachable] = r.published.split('|');
    r.published = key;
    this.deps.bus.publish('trunk.status', {
      trunk: name,
      registration: status.registration,
      reachable: status.reachable,
      latency_ms: status.latency_ms,
      reason: status.last_error,
    });
    if (status.registration === 'failed' && wasRegistration !== 'failed') {
      this.alarm('trunk_registration_failed', `中继 ${name} 注册失败 / trunk ${name} registration failed: ${status.last_error ?? 'unknown'}`);
    }
    if (status.reachable === false && wasReachable !== 'false') {
      this.alarm('trunk_unreachable', `中继 ${name} 无法连通（OPTIONS 无应答）/ trunk ${name} unreachable (no answer to OPTIONS)`);
    }
  }

  private alarm(code: string, message: string): void {
    this.deps.bus.publish('system.alarm', { code, severity: 'warning', message });
  }

  private bounded(work: Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.deps.scheduler.after(this.deps.stopWaitMs ?? 2000, resolve);
      void work.then(() => {
        timer.cancel();
        resolve();
      });
    });
  }
}

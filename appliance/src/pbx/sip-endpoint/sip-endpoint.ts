/**
 * The box's SIP presence, composed: transport (with the guard at the door),
 * transaction layer, request dispatcher, registrar and location service.
 * Built by serve.ts with the real clock and the store; stopped in order so
 * pending binding writes reach the disk.
 */
import type { Database } from 'bun:sqlite';
import { hostname } from 'node:os';
import type { EventBus } from '../../events/index.ts';
import { DigestServer, NonceManager, pooledRandomBytes, SipTransportLayer, TransactionLayer } from '../../sip/index.ts';
import type { Clock, Logger, Scheduler, SipSecuritySetting, Timer } from '../../system/index.ts';
import { WriteBehindQueue } from '../../store/index.ts';
import type { ExtensionsRepository } from '../extensions-repository.ts';
import {
  BindingsRepository,
  type BindingWrite,
  ExtensionCredentials,
  LocationService,
  type RegisterPolicy,
  Registrar,
} from '../registrar/index.ts';
import { BansRepository, SipGuard } from '../sip-guard/index.ts';
import { CallService, type CallServiceDeps, DigestInviteAuthenticator } from '../calls/index.ts';
import type { MediaControl } from '../../media/index.ts';
import { DEFAULT_TIMER_CONFIG, DigestClient, type ServerTransaction } from '../../sip/index.ts';
import { RequestDispatcher } from './request-dispatcher.ts';

export interface SipEndpointOptions {
  hostname: string;
  port: number;
  db: Database;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  bus: EventBus;
  extensions: ExtensionsRepository;
  security: SipSecuritySetting;
  /** Stable across restarts, so phones holding a nonce get stale=true rather than a failure. */
  nonceKey: Uint8Array;
  userAgent: string;
  realm?: string;
  policy: RegisterPolicy;
  /** Calls through the box; without it INVITEs are refused (a registrar-only box, as in some tests). */
  calls?: CallsOptions;
}

export interface CallsOptions
  extends Pick<CallServiceDeps, 'cdr' | 'recorder' | 'features' | 'tonePlan' | 'musicOnHold' | 'maxRingMs'>,
    Partial<Pick<CallServiceDeps, 'routing' | 'trunks' | 'ivr' | 'voicemail' | 'prompts' | 'queues' | 'agentCodes'>> {
  media: MediaControl;
  /** The address phones reach the box at (Via, Contact, SDP). */
  advertise: string;
  sessionExpiresS: number;
}

const SWEEP_MS = 5_000;
const PRUNE_MS = 60_000;

export class SipEndpoint {
  private constructor(
    readonly transport: SipTransportLayer,
    readonly transactions: TransactionLayer,
    readonly location: LocationService,
    readonly guard: SipGuard,
    readonly calls: CallService | null,
    private readonly writes: WriteBehindQueue<BindingWrite>,
    private readonly timers: Timer[],
    private readonly dispatcher: RequestDispatcher,
  ) {}

  /** Hands SUBSCRIBE requests (new and refreshes) to `handler`: message-waiting subscriptions. */
  onSubscribe(handler: (tx: ServerTransaction) => void): void {
    this.dispatcher.subscribe = handler;
  }

  static async start(o: SipEndpointOptions): Promise<SipEndpoint> {
    const logger = o.logger.child({ domain: 'sip' });
    const bindings = new BindingsRepository(o.db);
    const writes = new WriteBehindQueue<BindingWrite>({
      scheduler: o.scheduler,
      logger,
      intervalMs: 100,
      maxBatch: 2000,
      flush: (batch) => bindings.write(batch),
    });
    const location = new LocationService({ clock: o.clock, persist: (w) => writes.push(w) });
    location.restore(bindings.loadLive(o.clock.now()));
    const guard = new SipGuard({ clock: o.clock, bans: new BansRepository(o.db), bus: o.bus, logger, settings: o.security });
    const random = pooledRandomBytes();
    const nonces = new NonceManager({ key: o.nonceKey, clock: o.clock, random, maxTracked: 50_000 });
    const credentials = new ExtensionCredentials(o.extensions, o.bus);
    const digest = new DigestServer({
      realm: o.realm ?? hostname(),
      nonces,
      random,
      algorithms: o.security.digest_algorithms,
    });
    const registrar = new Registrar({
      clock: o.clock,
      logger,
      bus: o.bus,
      digest,
      credentials,
      location,
      guard,
      policy: o.policy,
      random,
    });
    const dispatcher = new RequestDispatcher({ registrar, guard, logger, userAgent: o.userAgent, random });
    let transactions: TransactionLayer | null = null;
    const transport = await SipTransportLayer.start({
      hostname: o.hostname,
      port: o.port,
      logger,
      admit: (source) => guard.admit(source),
      onMalformed: (source) => guard.malformed(source),
      onMessage: (inbound) => transactions?.receive(inbound),
    });
    transactions = new TransactionLayer({ transport, scheduler: o.scheduler, logger, user: dispatcher });
    const calls = o.calls ? SipEndpoint.callService(o, o.calls, { transactions, port: transport.port, logger, location, guard, random, credentials, nonces }) : null;
    dispatcher.calls = calls;
    const timers = [o.scheduler.every(SWEEP_MS, () => registrar.sweep()), o.scheduler.every(PRUNE_MS, () => guard.prune())];
    logger.info('SIP listening', { port: transport.port, bindings: location.count });
    return new SipEndpoint(transport, transactions, location, guard, calls, writes, timers, dispatcher);
  }

  private static callService(
    o: SipEndpointOptions,
    c: CallsOptions,
    parts: {
      transactions: TransactionLayer;
      port: number;
      logger: Logger;
      location: LocationService;
      guard: SipGuard;
      random: ReturnType<typeof pooledRandomBytes>;
      credentials: ExtensionCredentials;
      nonces: NonceManager;
    },
  ): CallService {
    const logger = parts.logger.child({ domain: 'calls' });
    const digest = new DigestServer({
      realm: o.realm ?? hostname(),
      nonces: parts.nonces,
      random: parts.random,
      algorithms: o.security.digest_algorithms,
      proxy: true,
    });
    return new CallService({
      ctx: {
        transactions: parts.transactions,
        media: c.media,
        local: { host: c.advertise, port: parts.port, userAgent: o.userAgent },
        clock: o.clock,
        scheduler: o.scheduler,
        logger,
        bus: o.bus,
        random: parts.random,
        timers: { sessionExpiresS: c.sessionExpiresS, minSeS: Math.min(90, c.sessionExpiresS), t1Ms: DEFAULT_TIMER_CONFIG.t1, t2Ms: DEFAULT_TIMER_CONFIG.t2 },
      },
      location: parts.location,
      extensions: o.extensions,
      features: c.features,
      authenticator: new DigestInviteAuthenticator({ digest, credentials: parts.credentials, guard: parts.guard, logger, random: parts.random }),
      cdr: c.cdr,
      recorder: c.recorder,
      tonePlan: c.tonePlan,
      musicOnHold: c.musicOnHold,
      maxRingMs: c.maxRingMs,
      digest: new DigestClient({ random: parts.random }),
      ...(c.routing ? { routing: c.routing } : {}),
      ...(c.trunks ? { trunks: c.trunks } : {}),
      ...(c.ivr ? { ivr: c.ivr } : {}),
      ...(c.voicemail ? { voicemail: c.voicemail } : {}),
      ...(c.prompts ? { prompts: c.prompts } : {}),
      ...(c.queues ? { queues: c.queues } : {}),
      ...(c.agentCodes ? { agentCodes: c.agentCodes } : {}),
    });
  }

  get port(): number {
    return this.transport.port;
  }

  /** Ends calls first (their records are written), then stops SIP. */
  async stop(): Promise<void> {
    await this.calls?.stop();
    for (const t of this.timers) t.cancel();
    this.transport.stop();
    this.transactions.close();
    this.writes.flushNow();
  }
}

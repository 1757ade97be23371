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
}

const SWEEP_MS = 5_000;
const PRUNE_MS = 60_000;

export class SipEndpoint {
  private constructor(
    readonly transport: SipTransportLayer,
    readonly transactions: TransactionLayer,
    readonly location: LocationService,
    readonly guard: SipGuard,
    private readonly writes: WriteBehindQueue<BindingWrite>,
    private readonly timers: Timer[],
  ) {}

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
    const digest = new DigestServer({
      realm: o.realm ?? hostname(),
      nonces: new NonceManager({ key: o.nonceKey, clock: o.clock, random, maxTracked: 50_000 }),
      random,
      algorithms: o.security.digest_algorithms,
    });
    const registrar = new Registrar({
      clock: o.clock,
      logger,
      bus: o.bus,
      digest,
      credentials: new ExtensionCredentials(o.extensions, o.bus),
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
    const timers = [o.scheduler.every(SWEEP_MS, () => registrar.sweep()), o.scheduler.every(PRUNE_MS, () => guard.prune())];
    logger.info('SIP listening', { port: transport.port, bindings: location.count });
    return new SipEndpoint(transport, transactions, location, guard, writes, timers);
  }

  get port(): number {
    return this.transport.port;
  }

  stop(): void {
    for (const t of this.timers) t.cancel();
    this.transport.stop();
    this.transactions.close();
    this.writes.flushNow();
  }
}

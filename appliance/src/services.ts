/**
 * The domain services of one appliance, built over one database. main.ts
 * builds it with real time and the real data directory; tests build it over
 * a temporary file and a fake clock. No module keeps a global instance.
 */
import type { Database } from 'bun:sqlite';
import { AgentStateLog } from './acd/agent-state-log.ts';
import { AgentsRepository } from './acd/agents-repository.ts';
import { CallbacksRepository } from './acd/callbacks-repository.ts';
import { QueueLog } from './acd/queue-log.ts';
import { QueuesRepository } from './acd/queues-repository.ts';
import { CustomersRepository } from './crm/customers-repository.ts';
import { AuditLog } from './auth/audit-log.ts';
import { AuthService } from './auth/auth-service.ts';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimiterOptions } from './auth/login-limiter.ts';
import { RolesRepository } from './auth/roles-repository.ts';
import { SessionsRepository } from './auth/sessions-repository.ts';
import { UsersRepository } from './auth/users-repository.ts';
import { EventBus } from './events/event-bus.ts';
import { IvrsRepository } from './ivr/ivrs-repository.ts';
import { ExtensionsRepository } from './pbx/extensions-repository.ts';
import { RoutesRepository } from './pbx/routes-repository.ts';
import { BlacklistRepository } from './pbx/blacklist/blacklist-repository.ts';
import { MobilePrefixesRepository } from './pbx/routing/mobile-prefixes-repository.ts';
import { RoutingService } from './pbx/routing/routing-service.ts';
import { TimeConditionsRepository } from './pbx/time-conditions/time-conditions-repository.ts';
import { TrunksRepository } from './pbx/trunks-repository.ts';
import { CallFeaturesRepository } from './pbx/calls/call-features-repository.ts';
import { CdrRepository } from './reports/cdr-repository.ts';
import { RecordingsRepository } from './reports/recordings-repository.ts';
import { migrate } from './store/migrate.ts';
import { MIGRATIONS } from './store/migrations/index.ts';
import type { SecretBox } from './store/secret-box.ts';
import type { Clock } from './system/clock.ts';
import type { Logger } from './system/logger.ts';
import { SettingsRepository } from './system/settings-repository.ts';
import { VoicemailRepository } from './voicemail/voicemail-repository.ts';
import { VoicemailSettingsStore } from './voicemail/voicemail-settings.ts';

export interface ServicesOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  box: SecretBox;
  loginLimits?: LoginLimiterOptions;
  sessionTtlMs?: number;
}

export type Services = ReturnType<typeof createServices>;

/** Migrates the database, syncs the permission catalogue and wires the repositories. */
export function createServices(options: ServicesOptions) {
  const { db, clock, logger, box } = options;
  migrate(db, MIGRATIONS);
  const bus = new EventBus(clock, logger.child({ domain: 'events' }));
  const audit = new AuditLog(db, clock, bus);
  const roles = new RolesRepository(db, clock);
  roles.syncCatalogue();
  const users = new UsersRepository(db, clock);
  const sessions = new SessionsRepository(db, clock);
  const auth = new AuthService({
    users,
    roles,
    sessions,
    audit,
    limiter: new LoginLimiter(clock, options.loginLimits ?? DEFAULT_LOGIN_LIMITS),
    sessionTtlMs: options.sessionTtlMs ?? 12 * 3600_000,
  });
  const extensions = new ExtensionsRepository(db, clock, box);
  const routes = new RoutesRepository(db, clock);
  const settings = new SettingsRepository(db, clock);
  const timeConditions = new TimeConditionsRepository(db, clock);
  const blacklist = new BlacklistRepository(db, clock);
  const mobilePrefixes = new MobilePrefixesRepository(db);
  const routing = new RoutingService({ routes, extensions, blacklist, timeConditions, mobilePrefixes, settings, clock });
  return {
    db,
    clock,
    logger,
    bus,
    audit,
    roles,
    users,
    sessions,
    auth,
    extensions,
    trunks: new TrunksRepository(db, clock, box),
    queues: new QueuesRepository(db, clock),
    agents: new AgentsRepository(db, clock),
    agentStateLog: new AgentStateLog(db),
    queueLog: new QueueLog(db),
    callbacks: new CallbacksRepository(db),
    customers: new CustomersRepository(db, clock),
    ivrs: new IvrsRepository(db, clock),
    routes,
    settings,
    timeConditions,
    blacklist,
    mobilePrefixes,
    routing,
    callFeatures: new CallFeaturesRepository(db, clock),
    cdr: new CdrRepository(db),
    recordings: new RecordingsRepository(db),
    voicemail: new VoicemailRepository(db, clock),
    voicemailSettings: new VoicemailSettingsStore(settings, box),
  };
}

/**
 * The telephony half of the appliance, composed once: media Worker,
 * recorder, prompts (TTS), IVR engine, voicemail, trunks and the SIP
 * endpoint with its calls — in the order each needs the others — and
 * their housekeeping and orderly stop. serve.ts adds HTTP and systemd.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { VoicemailApiDeps } from './api/routes/voicemail-routes.ts';
import { startAcd } from './acd-composition.ts';
import type { Config } from './config/config.ts';
import { EspeakSpeech, IvrEngine, IvrFlows } from './ivr/index.ts';
import { buildWavHeader, parseWavFormat, WorkerMediaControl, writeDefaultMusic } from './media/index.ts';
import { CallRecorder, type RegisterPolicy, SipEndpoint, TrunkDirectory, TrunkRuntime } from './pbx/index.ts';
import { CdrWriter } from './reports/index.ts';
import type { Services } from './services.ts';
import { DigestClient, pooledRandomBytes } from './sip/index.ts';
import { GroupCommit } from './store/index.ts';
import type { Clock, Logger, Scheduler, SipRegistrarSetting } from './system/index.ts';
import { createVoicemail, startMessageWaiting, tcpSmtpConnector } from './voicemail/index.ts';

export interface TelephonyOptions {
  config: Config;
  services: Services;
  recordingsDir: string;
  /** Stable across restarts, so phones holding a nonce get stale=true rather than a failure. */
  nonceKey: Uint8Array;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  version: string;
}

const TTS_CACHE_BYTES = 200 * 1024 * 1024;
const TTS_CACHE_AGE_MS = 90 * 24 * 3600_000;

export type Telephony = Awaited<ReturnType<typeof startTelephony>>;

export async function startTelephony(o: TelephonyOptions) {
  const { config, services: s, clock, scheduler, logger } = o;
  const userAgent = `CallCenterAppliance/${o.version}`;
  const advertise = config.sipAdvertise ?? (config.sipHost !== '0.0.0.0' ? config.sipHost : lanAddress());
  const media = await WorkerMediaControl.start(
    { address: config.sipHost, advertise, ports: config.rtpPorts, logLevel: config.logLevel },
    logger.child({ domain: 'media' }),
  );
  // Call records and recording rows: durable before a call's end is confirmed, committed in 10 ms groups.
  const commit = new GroupCommit({ db: s.db, scheduler, logger: logger.child({ domain: 'store' }), windowMs: 10 });
  const recorder = new CallRecorder({
    media,
    recordings: s.recordings,
    commit,
    setting: () => s.settings.get('recording'),
    extensionRule: (number) => s.extensions.recordingRuleOf(number),
    dir: o.recordingsDir,
    clock,
    logger: logger.child({ domain: 'recording' }),
    bus: s.bus,
  });
  recorder.recover();
  recorder.sweep();
  // Prompts spoken by the box (IVR, voicemail, notices), rendered offline and cached under the data directory.
  const speech = new EspeakSpeech({ dataDir: config.dataDir, clock, scheduler, logger: logger.child({ domain: 'tts' }), wav: { parseWavFormat, buildWavHeader } });
  const ivr = new IvrEngine({
    clock,
    scheduler,
    speech,
    logger: logger.child({ domain: 'ivr' }),
    soundsDir: join(config.dataDir, 'sounds'),
    recordingsDir: join(config.dataDir, 'ivr-recordings'),
    flows: new IvrFlows(s.ivrs),
    timeCondition: (name, at) => s.timeConditions.isOpen(name, at),
  });
  const voicemailDir = join(config.dataDir, 'voicemail');
  const vm = createVoicemail({
    dir: voicemailDir,
    repository: s.voicemail,
    settings: s.voicemailSettings,
    speech,
    bus: s.bus,
    clock,
    scheduler,
    logger,
    random: pooledRandomBytes(),
    connect: tcpSmtpConnector,
    hostname: hostname(),
  });
  // Queues and agents: reachable phones are looked up in the registrar's location service once SIP is up.
  let location: { lookup(number: string): readonly unknown[] } | null = null;
  const acd = startAcd({
    services: s,
    speech: { say: async (text) => [await speech.text(text, 'zh')] },
    clock,
    scheduler,
    logger: logger.child({ domain: 'acd' }),
    reachable: (extension) => (location?.lookup(extension).length ?? 0) > 0,
  });
  // Trunks are looked up by calls, so the directory is read before SIP starts; it reloads on each trunk change.
  const trunkDirectory = new TrunkDirectory({ trunks: s.trunks, logger: logger.child({ domain: 'trunks' }) });
  await trunkDirectory.load();
  trunkDirectory.watch(s.bus);
  const sip = await SipEndpoint.start({
    hostname: config.sipHost,
    port: config.sipPort,
    db: s.db,
    clock,
    scheduler,
    logger,
    bus: s.bus,
    extensions: s.extensions,
    security: s.settings.get('sip_security'),
    nonceKey: o.nonceKey,
    policy: registerPolicy(s.settings.get('sip_registrar')),
    userAgent,
    calls: {
      media,
      advertise,
      sessionExpiresS: config.sessionExpires,
      cdr: new CdrWriter(s.cdr, commit),
      recorder,
      features: s.callFeatures,
      tonePlan: 'cn',
      musicOnHold: musicOnHold(config.dataDir),
      maxRingMs: 60_000,
      prompts: { files: async (text) => [await speech.text(text.zh, 'zh')] },
      ivr,
      routing: s.routing,
      trunks: trunkDirectory.access(),
      voicemail: vm.service,
      queues: acd.service,
      agentCodes: acd.keypad,
    },
  });
  // Supervisors act on live calls, and agents' phones are watched, once calls run.
  if (sip.calls) acd.attach(sip.calls.monitor, sip.calls.originator);
  location = sip.location;
  acd.start();
  // Registration to carriers, OPTIONS pings and message-waiting lamps need the SIP transport up.
  const trunkRandom = pooledRandomBytes();
  const trunks = new TrunkRuntime({
    directory: trunkDirectory,
    transactions: sip.transactions,
    digest: new DigestClient({ random: trunkRandom }),
    local: { host: advertise, port: sip.port, userAgent },
    bus: s.bus,
    clock,
    scheduler,
    random: trunkRandom,
    logger,
  });
  trunks.start();
  const mwi = startMessageWaiting({
    repository: s.voicemail,
    bus: s.bus,
    transactions: sip.transactions,
    location: sip.location,
    local: { host: advertise, port: sip.port, userAgent },
    scheduler,
    random: pooledRandomBytes(),
    logger,
  });
  sip.onSubscribe((tx) => mwi.onSubscribe(tx));

  const voicemailApi: VoicemailApiDeps = { store: vm.store, mailer: vm.mailer, scratchDir: voicemailDir };
  return {
    sip,
    trunks,
    voicemailApi,
    acd: acd.commands,
    /** Periodic upkeep: retention of recordings and messages, the prompt cache. */
    housekeeping(): void {
      const swept = recorder.sweep();
      if (swept.deleted > 0) logger.info('recordings past retention deleted', { deleted: swept.deleted });
      const messages = vm.service.sweep();
      if (messages.deleted > 0) logger.info('voicemail past retention deleted', { deleted: messages.deleted });
      speech.sweep(TTS_CACHE_BYTES, TTS_CACHE_AGE_MS).catch((error) => logger.warn('speech cache sweep failed', { error }));
    },
    /** Carriers told first (un-REGISTER), then calls ended and recorded, then media. */
    async stop(): Promise<void> {
      acd.stop();
      mwi.stop();
      await trunks.stop();
      await sip.stop();
      await media.close();
    },
  };
}

/** The first non-loopback IPv4 address: what phones on the LAN reach the box at when SIP listens on all. */
function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

/** Music on hold: the customer's file when there is one, else the box's own, written on first start. */
function musicOnHold(dataDir: string): string {
  const dir = join(dataDir, 'sounds');
  const custom = join(dir, 'moh.wav');
  if (existsSync(custom)) return custom;
  const builtin = join(dir, 'moh-default.wav');
  if (!existsSync(builtin)) {
    mkdirSync(dir, { recursive: true });
    writeDefaultMusic(builtin);
  }
  return builtin;
}

function registerPolicy(r: SipRegistrarSetting): RegisterPolicy {
  return { minExpires: r.min_expires, maxExpires: Math.max(r.max_expires, r.min_expires), defaultExpires: r.default_expires, maxContacts: r.max_contacts };
}

/** A box for voicemail tests over `tempServices()`: extensions 1001 and 1002, a voicemail directory, the events published. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BusEvent, EventName } from '../../events/index.ts';
import type { Services } from '../../services.ts';
import { type Clock, type Scheduler, silentLogger } from '../../system/index.ts';
import { MessageStore } from '../message-store.ts';
import { PromptPlayer } from '../prompt-player.ts';
import type { VoicemailRepository } from '../voicemail-repository.ts';
import type { VoicemailSettingsStore } from '../voicemail-settings.ts';
import { FakeSpeech } from './fake-speech.ts';

/** A clock tests move by hand (the FakeClock of system/fake-clock.ts). */
export type TestClock = Clock & Scheduler & { advance(ms: number): void };

/** What `tempServices()` (testing/temp-services.ts) gives; the test passes it in. */
export interface TempBox {
  services: Services;
  clock: TestClock;
  dir: string;
  close(): void;
}

export interface VoicemailFixture {
  services: Services;
  clock: TestClock;
  /** The voicemail directory. */
  dir: string;
  repository: VoicemailRepository;
  settings: VoicemailSettingsStore;
  store: MessageStore;
  speech: FakeSpeech;
  prompts: PromptPlayer;
  events: BusEvent[];
  eventsNamed<N extends EventName>(name: N): BusEvent<N>['data'][];
  close(): void;
}

/** Counting bytes, so file names are predictable and never collide. */
export function countingRandom(): (n: number) => Uint8Array {
  let next = 0;
  return (n) => {
    const out = new Uint8Array(n);
    new DataView(out.buffer).setUint32(0, ++next);
    return out;
  };
}

export function voicemailFixture(temp: TempBox): VoicemailFixture {
  const s = temp.services;
  s.extensions.create({ number: '1001', name: 'Alice', secret: 'pw-1001-xyz', email: 'alice@example.com' });
  s.extensions.create({ number: '1002', name: 'Bob', secret: 'pw-1002-xyz' });
  const dir = join(temp.dir, 'voicemail');
  mkdirSync(dir);
  const repository = s.voicemail;
  const settings = s.voicemailSettings;
  const store = new MessageStore({ dir, repository, bus: s.bus, clock: temp.clock, logger: silentLogger, random: countingRandom() });
  const speech = new FakeSpeech();
  const events: BusEvent[] = [];
  s.bus.subscribe((e) => events.push(e));
  return {
    services: s,
    clock: temp.clock,
    dir,
    repository,
    settings,
    store,
    speech,
    prompts: new PromptPlayer(speech, 'zh', silentLogger),
    events,
    eventsNamed: <N extends EventName>(name: N) => events.filter((e) => e.name === name).map((e) => e.data as BusEvent<N>['data']),
    close: () => temp.close(),
  };
}

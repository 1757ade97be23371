import type { Migration } from '../migrate.ts';
import { initial } from './001-initial.ts';
import { registrations } from './002-registrations.ts';
import { callFeatures } from './003-call-features.ts';
import { ivrVersions } from './004-ivr-versions.ts';
import { routing } from './005-routing.ts';
import { voicemail } from './006-voicemail.ts';
import { trunkOptions } from './007-trunks.ts';
import { acd } from './008-acd.ts';

/** Every migration, in order. Never edit a shipped one: add the next number. */
export const MIGRATIONS: readonly Migration[] = [initial, registrations, callFeatures, ivrVersions, routing, voicemail, trunkOptions, acd];

import type { Migration } from '../migrate.ts';
import { initial } from './001-initial.ts';
import { registrations } from './002-registrations.ts';
import { callFeatures } from './003-call-features.ts';

/** Every migration, in order. Never edit a shipped one: add the next number. */
export const MIGRATIONS: readonly Migration[] = [initial, registrations, callFeatures];

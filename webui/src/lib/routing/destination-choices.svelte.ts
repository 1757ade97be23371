import type { Permission } from '../../../../appliance/src/auth/permissions';
import type { ApplianceApi } from '../api/appliance-api';
import type { DestinationKind } from '../api/routing-types';

export interface Choice {
  value: string;
  label: string;
}

/** What the choices are read from; each list is read only when its permission is held. */
export interface ChoiceSources {
  extensions(): Promise<{ number: string; name: string }[]>;
  queues(): Promise<{ number: string; name: string }[]>;
  ivrs(): Promise<{ name: string }[]>;
  can(list: 'extensions' | 'queues' | 'ivrs'): boolean;
}

/**
 * The extensions, queues and IVRs a destination may name, offered as
 * suggestions. A list that cannot be read stays empty: the field still
 * takes a typed target, and the server checks it exists.
 */
export class DestinationChoices {
  extensions = $state.raw<readonly Choice[]>([]);
  queues = $state.raw<readonly Choice[]>([]);
  ivrs = $state.raw<readonly Choice[]>([]);

  async load(sources: ChoiceSources): Promise<void> {
    const read = async <T>(list: 'extensions' | 'queues' | 'ivrs', fetch: () => Promise<T[]>, toChoice: (item: T) => Choice) => {
      if (!sources.can(list)) return [];
      try {
        return (await fetch()).map(toChoice);
      } catch {
        return [];
      }
    };
    const numbered = (item: { number: string; name: string }) => ({ value: item.number, label: item.name });
    const [extensions, queues, ivrs] = await Promise.all([
      read('extensions', () => sources.extensions(), numbered),
      read('queues', () => sources.queues(), numbered),
      read('ivrs', () => sources.ivrs(), (item) => ({ value: item.name, label: item.name })),
    ]);
    this.extensions = extensions;
    this.queues = queues;
    this.ivrs = ivrs;
  }

  /** The suggestions for a kind; a mailbox is named by its extension. */
  of(kind: DestinationKind): readonly Choice[] {
    if (kind === 'extension' || kind === 'voicemail') return this.extensions;
    if (kind === 'queue') return this.queues;
    if (kind === 'ivr') return this.ivrs;
    return [];
  }
}

const READ: Readonly<Record<'extensions' | 'queues' | 'ivrs', Permission>> = {
  extensions: 'extensions.read',
  queues: 'queues.read',
  ivrs: 'ivrs.read',
};

/** The sources for a signed-in user: the app's API, limited by what the user may read. */
export function choiceSources(api: ApplianceApi, can: (permission: Permission) => boolean): ChoiceSources {
  return {
    extensions: () => api.extensions.list(),
    queues: () => api.queues.list(),
    ivrs: () => api.ivrs.list(),
    can: (list) => can(READ[list]),
  };
}

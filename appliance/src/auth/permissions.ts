/**
 * The permission catalogue. Every API route names one of these; roles are
 * sets of them. Button-level rights in the UI use the same strings, so what
 * the UI hides and what the API refuses never drift apart.
 */
export const PERMISSIONS = [
  'extensions.read',
  'extensions.write',
  'trunks.read',
  'trunks.write',
  'queues.read',
  'queues.write',
  'agents.read',
  'agents.write',
  'customers.read',
  'customers.write',
  'acd.agent',
  'acd.supervise',
  'queue_log.read',
  'ivrs.read',
  'ivrs.write',
  'routes.read',
  'routes.write',
  'time_conditions.read',
  'time_conditions.write',
  'blacklist.read',
  'blacklist.write',
  'users.read',
  'users.write',
  'roles.read',
  'roles.write',
  'settings.read',
  'settings.write',
  'audit.read',
  'cdr.read',
  'recordings.read',
  'calls.read',
  'calls.control',
  'voicemail.read',
  'voicemail.write',
  'provisioning.export',
  'provisioning.apply',
  'events.subscribe',
  'system.read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** The roles created by the first migration; admins may add their own. */
export const BUILTIN_ROLES: Record<string, { description: string; permissions: readonly Permission[] }> = {
  admin: { description: 'Full control of the appliance', permissions: PERMISSIONS },
  supervisor: {
    description: 'Runs the floor: queues, reports, recordings',
    permissions: [
      'extensions.read',
      'queues.read',
      'agents.read',
      'customers.read',
      'customers.write',
      'acd.agent',
      'acd.supervise',
      'queue_log.read',
      'ivrs.read',
      'routes.read',
      'time_conditions.read',
      'blacklist.read',
      'blacklist.write',
      'cdr.read',
      'recordings.read',
      'calls.read',
      'calls.control',
      'events.subscribe',
      'system.read',
    ],
  },
  agent: { description: 'Answers calls', permissions: ['events.subscribe', 'acd.agent', 'customers.read'] },
};

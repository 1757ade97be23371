/** Which permission lets a browser see each event on the WebSocket. */
import type { Permission } from '../auth/index.ts';
import type { BusEvent, ConfigEntity } from '../events/event-map.ts';

const CONFIG_READ: Record<ConfigEntity, Permission> = {
  extension: 'extensions.read',
  trunk: 'trunks.read',
  queue: 'queues.read',
  ivr: 'ivrs.read',
  inbound_route: 'routes.read',
  outbound_route: 'routes.read',
  user: 'users.read',
  role: 'roles.read',
  setting: 'settings.read',
  time_condition: 'time_conditions.read',
  blacklist_entry: 'blacklist.read',
  agent: 'agents.read',
  customer: 'customers.read',
};

export function permissionFor(event: BusEvent): Permission {
  switch (event.name) {
    case 'config.changed':
      return CONFIG_READ[(event as BusEvent<'config.changed'>).data.entity];
    case 'audit.recorded':
      return 'audit.read';
    case 'extension.registered':
    case 'extension.unregistered':
      return 'extensions.read';
    case 'trunk.status':
      return 'trunks.read';
    case 'call.started':
    case 'call.ringing':
    case 'call.answered':
    case 'call.hold':
    case 'call.transferred':
    case 'call.dtmf':
    case 'call.ended':
      return 'calls.read';
    case 'agent.state':
    case 'queue.entered':
    case 'queue.ringing':
    case 'queue.answered':
    case 'queue.left':
    case 'queue.completed':
    case 'supervisor.action':
      return 'acd.agent';
    case 'voicemail.message':
    case 'voicemail.mailbox':
      return 'voicemail.read';
    case 'sip.source_banned':
    case 'sip.ban_lifted':
    case 'provisioning.applied':
    case 'system.alarm':
      return 'system.read';
  }
  // An event without a rule is shown to nobody rather than to everybody.
  return 'system.read';
}

/**
 * Writes the box's configuration as a provisioning file. Secrets are
 * included (SIP secrets in plain, user passwords as argon2id hashes) so that
 * applying the export to a new box recreates this one; treat the file as a
 * secret. Built-in roles and untouched settings are left out.
 */
import { stringify } from 'yaml';
import type { Services } from '../services.ts';
import * as canon from './normalize.ts';
import type { ProvisionFile } from './schema.ts';

export function exportProvisioning(s: Services): ProvisionFile {
  const roles = s.roles.list().filter((r) => !r.builtin).map(canon.roleFromDb);
  const file: ProvisionFile = {
    roles,
    users: s.users.list().map(canon.userFromDb),
    extensions: s.extensions.list().map((e) => canon.extensionFromDb(e, s.extensions.secretOf(e.id))),
    trunks: s.trunks.list().map((t) => canon.trunkFromDb(t, s.trunks.secretOf(t.id))),
    agents: s.agents.list().map((a) => canon.agentFromDb(a, s.agents.pinHashOf(a.work_number))),
    queues: s.queues.list().map(canon.queueFromDb),
    customers: s.customers.list().map(canon.canonicalCustomer),
    ivrs: s.ivrs.list().map(canon.ivrFromDb),
    time_conditions: s.timeConditions.list().map(canon.timeConditionFromDb),
    inbound_routes: s.routes.listInbound().map(canon.inboundFromDb),
    outbound_routes: s.routes.listOutbound().map(canon.outboundFromDb),
    blacklist: s.blacklist.list().map(canon.blacklistFromDb),
  };
  if (s.settings.isSet('recording')) file.recording = s.settings.get('recording');
  if (s.settings.isSet('sip_security')) file.sip_security = s.settings.get('sip_security');
  if (s.settings.isSet('sip_registrar')) file.sip_registrar = s.settings.get('sip_registrar');
  if (s.settings.isSet('routing')) file.routing = s.settings.get('routing');
  if (s.settings.isSet('acd')) file.acd = s.settings.get('acd');
  return file;
}

export function exportProvisioningYaml(s: Services, generatedAt: string): string {
  const header = [
    '# Appliance provisioning export',
    `# Generated ${generatedAt}. Contains SIP secrets and password hashes: keep it safe.`,
    '# Apply with: appliance provision apply FILE',
  ].join('\n');
  return `${header}\n${stringify(exportProvisioning(s), { lineWidth: 0 })}`;
}

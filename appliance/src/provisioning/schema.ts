/**
 * The provisioning file (CONTRACT.md): one YAML document that the USB
 * stick, `appliance provision apply`, the UI's import and export all share.
 * The JSON Schema of this TypeBox definition is published as
 * provisioning/schema.json and at GET /api/provisioning/schema.
 */
import { type Static, Type as T } from '@sinclair/typebox';
import { AgentCreate, QueueCreate } from '../acd/index.ts';
import { CustomerCreate } from '../crm/index.ts';
import { PERMISSIONS } from '../auth/index.ts';
import { IvrCreate } from '../ivr/index.ts';
import { ExtensionCreate } from '../pbx/index.ts';
import { DialPattern, InboundRouteCreate } from '../pbx/index.ts';
import { BlacklistEntryCreate, TimeConditionCreate } from '../pbx/index.ts';
import { TrunkCreate, TrunkName } from '../pbx/index.ts';
import { AcdSetting, RecordingSetting, RoutingSetting, SipRegistrarSetting, SipSecuritySetting } from '../system/index.ts';

const Username = T.String({ pattern: '^[A-Za-z0-9_.-]{2,32}$' });
const Credentials = {
  password: T.Optional(T.String({ minLength: 1, maxLength: 256, description: 'plain password, hashed on apply' })),
  password_hash: T.Optional(T.String({ description: 'argon2id hash, as written by export' })),
};

export const ProvisionAdmin = T.Object(
  { username: Username, display_name: T.Optional(T.String({ maxLength: 64 })), ...Credentials },
  { additionalProperties: false },
);

export const ProvisionUser = T.Object(
  {
    username: Username,
    display_name: T.Optional(T.String({ maxLength: 64 })),
    role: T.String({ minLength: 1, maxLength: 64 }),
    enabled: T.Optional(T.Boolean()),
    ...Credentials,
  },
  { additionalProperties: false },
);

export const ProvisionRole = T.Object(
  {
    name: T.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
    description: T.Optional(T.String({ maxLength: 200 })),
    permissions: T.Array(T.Union(PERMISSIONS.map((p) => T.Literal(p))), { uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const ProvisionOutboundRoute = T.Object(
  {
    pattern: DialPattern,
    trunk: T.Optional(TrunkName),
    trunks: T.Optional(T.Array(TrunkName, { minItems: 1, uniqueItems: true })),
    strip: T.Optional(T.Integer({ minimum: 0, maximum: 20 })),
    prepend: T.Optional(T.String({ pattern: '^[0-9+*#]{0,20}$' })),
  },
  { additionalProperties: false },
);

export const ProvisionFile = T.Object(
  {
    admin: T.Optional(ProvisionAdmin),
    roles: T.Optional(T.Array(ProvisionRole)),
    users: T.Optional(T.Array(ProvisionUser)),
    extensions: T.Optional(T.Array(ExtensionCreate)),
    trunks: T.Optional(T.Array(TrunkCreate)),
    agents: T.Optional(T.Array(AgentCreate)),
    queues: T.Optional(T.Array(QueueCreate)),
    customers: T.Optional(T.Array(CustomerCreate)),
    ivrs: T.Optional(T.Array(IvrCreate)),
    time_conditions: T.Optional(T.Array(TimeConditionCreate)),
    inbound_routes: T.Optional(T.Array(InboundRouteCreate)),
    outbound_routes: T.Optional(T.Array(ProvisionOutboundRoute)),
    blacklist: T.Optional(T.Array(BlacklistEntryCreate)),
    recording: T.Optional(RecordingSetting),
    sip_security: T.Optional(SipSecuritySetting),
    sip_registrar: T.Optional(SipRegistrarSetting),
    routing: T.Optional(RoutingSetting),
    acd: T.Optional(AcdSetting),
  },
  { additionalProperties: false, $id: 'https://schemas.invalid/appliance/provisioning.json', title: 'Appliance provisioning file' },
);
export type ProvisionFile = Static<typeof ProvisionFile>;

/** What the box can say about each trunk right now: the model of GET /api/trunks/status. */
import { type Static, Type as T } from '@sinclair/typebox';

const Nullable = <S extends ReturnType<typeof T.String>>(schema: S) => T.Union([schema, T.Null()]);

export const TrunkStatus = T.Object({
  name: T.String(),
  enabled: T.Boolean(),
  register: T.Boolean(),
  /** 'unregistered' for a trunk that does not register. */
  registration: T.Union([T.Literal('unregistered'), T.Literal('registering'), T.Literal('registered'), T.Literal('failed')]),
  registered_until: Nullable(T.String({ description: 'when the current binding at the carrier runs out (ISO 8601)' })),
  /** null until the first ping is answered or missed too often, and for trunks without pings. */
  reachable: T.Union([T.Boolean(), T.Null()]),
  latency_ms: T.Union([T.Integer(), T.Null()]),
  channels_in_use: T.Integer(),
  max_channels: T.Union([T.Integer(), T.Null()]),
  last_error: Nullable(T.String({ description: 'why registration last failed, or why the trunk cannot be used: timeout, forbidden, credentials_rejected, unresolved_host, …' })),
});
export type TrunkStatus = Static<typeof TrunkStatus>;

/** Why a trunk does not even try: it cannot be reached by name, or has no account to register. */
export type TrunkProblem = 'unresolved_host' | 'no_username';

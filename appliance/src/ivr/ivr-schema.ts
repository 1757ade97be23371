/**
 * How an IVR (语音导航) is stored and exchanged: either the simple menu form
 * of provisioning files (a greeting, one destination per key, a timeout) or
 * a flow graph (flow/flow-schema.ts). Both run on the same flow runner; the
 * menu form is converted by menuToFlow.
 */
import { type Static, Type as T } from '@sinclair/typebox';
import { Destination } from '../pbx/index.ts';
import { IvrFlowDefinition } from './flow/flow-schema.ts';

export const IvrName = T.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });

export const Prompt = T.Object(
  {
    tts: T.Optional(T.String({ minLength: 1, maxLength: 2000 })),
    file: T.Optional(T.String({ minLength: 1, maxLength: 255 })),
    voice: T.Optional(T.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);

/** The simple menu form. */
export const IvrMenuDefinition = T.Object(
  {
    greeting: Prompt,
    options: T.Record(T.String({ pattern: '^[0-9*#]$' }), Destination),
    timeout: T.Optional(T.Integer({ minimum: 1, maximum: 60 })),
    retries: T.Optional(T.Integer({ minimum: 0, maximum: 10 })),
    on_timeout: T.Optional(Destination),
    on_invalid: T.Optional(Destination),
  },
  { additionalProperties: false },
);
export type IvrMenuDefinition = Static<typeof IvrMenuDefinition>;

export const IvrDefinition = T.Union([IvrMenuDefinition, IvrFlowDefinition]);
export type IvrDefinition = Static<typeof IvrDefinition>;

const named = T.Object({ name: IvrName });
export const IvrMenuCreate = T.Composite([named, IvrMenuDefinition], { additionalProperties: false });
export const IvrFlowCreate = T.Composite([named, IvrFlowDefinition], { additionalProperties: false });
export const IvrCreate = T.Union([IvrMenuCreate, IvrFlowCreate], { description: 'a menu (greeting, options, …) or a flow (flow, language)' });
export type IvrCreate = Static<typeof IvrCreate>;

export const Ivr = T.Object({
  id: T.Integer(),
  name: T.String(),
  version: T.Integer(),
  definition: IvrDefinition,
  created_at: T.String(),
  updated_at: T.String(),
});
export type Ivr = Static<typeof Ivr>;

export const IvrVersion = T.Object({
  version: T.Integer(),
  definition: IvrDefinition,
  created_at: T.String(),
});
export type IvrVersion = Static<typeof IvrVersion>;

export const isFlowForm = (d: IvrDefinition): d is Static<typeof IvrFlowDefinition> => 'flow' in d;

/**
 * An IVR flow (语音导航流程) as data: a start node and a map of nodes, each
 * naming the nodes it continues to. The schema checks the shape of each
 * node; validate-flow.ts checks what a schema cannot (targets exist, every
 * node is reachable, templates parse, named targets exist in the box).
 *
 *   play ──next──▶ menu ──"1"──▶ http ──next──▶ say ──next──▶ hangup
 *                   │ on_fail        └─on_error──▶ goto {queue: 6001}
 *                   └──────▶ goto {extension: 1001}
 */
import { type Static, type TSchema, Type as T } from '@sinclair/typebox';
import { Destination } from '../../pbx/index.ts';

export const NodeId = T.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$', description: 'a node id of this flow' });
export const VarName = T.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$', description: 'a flow variable' });
export const FlowName = T.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'the name of an IVR' });
export const FlowLanguage = T.Union([T.Literal('zh'), T.Literal('en')]);
export type FlowLanguage = Static<typeof FlowLanguage>;

/** Either text spoken by TTS (may hold `${var}` templates) or a WAV file relative to the sounds directory. */
export const FlowPrompt = T.Object(
  {
    tts: T.Optional(T.String({ minLength: 1, maxLength: 2000 })),
    file: T.Optional(T.String({ minLength: 1, maxLength: 255 })),
    language: T.Optional(FlowLanguage),
  },
  { additionalProperties: false, description: 'exactly one of tts or file' },
);
export type FlowPrompt = Static<typeof FlowPrompt>;

/** A key that does not match the key pattern is an error, not ignored. */
const strictKeys = { additionalProperties: false } as const;

const node = <K extends string, P extends Record<string, TSchema>>(type: K, props: P) =>
  T.Object({ type: T.Literal(type), ...props }, { additionalProperties: false });

export const PlayNode = node('play', { prompt: FlowPrompt, next: NodeId });

export const MenuNode = node('menu', {
  prompt: FlowPrompt,
  options: T.Record(T.String({ pattern: '^[0-9*#]$' }), NodeId, strictKeys),
  timeout_s: T.Integer({ minimum: 1, maximum: 60 }),
  /** Attempts after the first before giving up. */
  retries: T.Integer({ minimum: 0, maximum: 10 }),
  invalid_prompt: T.Optional(FlowPrompt),
  timeout_prompt: T.Optional(FlowPrompt),
  on_fail: NodeId,
  /** Override on_fail when the last attempt timed out / was an invalid key. */
  on_timeout: T.Optional(NodeId),
  on_invalid: T.Optional(NodeId),
  /** Where '0' goes when it is not one of the options. */
  operator: T.Optional(NodeId),
  /** Keeps the key pressed. */
  var: T.Optional(VarName),
});

export const CollectNode = node('collect', {
  prompt: FlowPrompt,
  min: T.Integer({ minimum: 1, maximum: 32 }),
  max: T.Integer({ minimum: 1, maximum: 32 }),
  terminator: T.Optional(T.String({ pattern: '^[#*]$' })),
  /** Wait for the first key, and between keys. */
  timeout_s: T.Integer({ minimum: 1, maximum: 60 }),
  var: VarName,
  next: NodeId,
  on_fail: NodeId,
});

export const SAY_KINDS = ['digits', 'number', 'amount', 'date', 'time'] as const;
export const SayNode = node('say', {
  say: T.Union([T.Literal('digits'), T.Literal('number'), T.Literal('amount'), T.Literal('date'), T.Literal('time')]),
  value: T.String({ minLength: 1, maxLength: 200 }),
  language: T.Optional(FlowLanguage),
  next: NodeId,
});

export const BranchCase = T.Object(
  {
    time_condition: T.Optional(T.String({ minLength: 1, maxLength: 64 })),
    caller: T.Optional(T.String({ pattern: '^_?[0-9XNZ.!\\[\\]\\-+*#]{1,32}$', description: 'prefix, or Asterisk-style pattern after _' })),
    var: T.Optional(VarName),
    equals: T.Optional(T.String({ maxLength: 200 })),
    matches: T.Optional(T.String({ minLength: 1, maxLength: 200, description: 'regular expression' })),
    goto: NodeId,
  },
  { additionalProperties: false, description: 'exactly one of time_condition, caller, var' },
);
export type BranchCase = Static<typeof BranchCase>;

export const BranchNode = node('branch', { cases: T.Array(BranchCase, { minItems: 1, maxItems: 50 }), default: NodeId });

/** A JSON body whose strings are templates. */
export const HttpBody = T.Record(T.String({ minLength: 1, maxLength: 64 }), T.Unknown());

export const HttpNode = node('http', {
  method: T.Union([T.Literal('GET'), T.Literal('POST')]),
  url: T.String({ minLength: 8, maxLength: 2000 }),
  headers: T.Optional(T.Record(T.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }), T.String({ maxLength: 1000 }), strictKeys)),
  body: T.Optional(HttpBody),
  timeout_ms: T.Integer({ minimum: 100, maximum: 10_000 }),
  /** Variable ← dot path in the JSON answer, e.g. `{ "balance": "data.balance" }`. */
  assign: T.Record(VarName, T.String({ pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$' }), strictKeys),
  next: NodeId,
  on_error: NodeId,
});

export const SetNode = node('set', { vars: T.Record(VarName, T.String({ maxLength: 2000 }), strictKeys), next: NodeId });

export const RecordNode = node('record', {
  prompt: T.Optional(FlowPrompt),
  max_s: T.Integer({ minimum: 1, maximum: 600 }),
  /** Receives the path of the saved WAV. */
  var: VarName,
  next: NodeId,
});

export const GotoNode = node('goto', {
  destination: T.Optional(Destination),
  flow: T.Optional(FlowName),
});

export const HangupNode = node('hangup', { prompt: T.Optional(FlowPrompt) });

/** Every node type and its schema; the runner has one handler per key. */
export const NODE_SCHEMAS = {
  play: PlayNode,
  menu: MenuNode,
  collect: CollectNode,
  say: SayNode,
  branch: BranchNode,
  http: HttpNode,
  set: SetNode,
  record: RecordNode,
  goto: GotoNode,
  hangup: HangupNode,
} as const;
export type NodeType = keyof typeof NODE_SCHEMAS;
export const NODE_TYPES = Object.keys(NODE_SCHEMAS) as NodeType[];

export const FlowNode = T.Union([PlayNode, MenuNode, CollectNode, SayNode, BranchNode, HttpNode, SetNode, RecordNode, GotoNode, HangupNode]);
export type FlowNode = Static<typeof FlowNode>;
export type NodeOf<K extends NodeType> = Static<(typeof NODE_SCHEMAS)[K]>;

export const Flow = T.Object(
  {
    start: NodeId,
    nodes: T.Record(NodeId, FlowNode, strictKeys),
  },
  { additionalProperties: false },
);
export type Flow = Static<typeof Flow>;

/** How an IVR stores a flow: the graph and the language its prompts default to (zh). */
export const IvrFlowDefinition = T.Object(
  {
    flow: Flow,
    language: T.Optional(FlowLanguage),
  },
  { additionalProperties: false },
);
export type IvrFlowDefinition = Static<typeof IvrFlowDefinition>;

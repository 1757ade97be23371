/**
 * The shape check of a flow, node by node. A union schema of ten node types
 * would only say "expected one of"; picking the schema by `type` names the
 * field that is wrong (`timeout_ms: Expected integer <= 10000`).
 */
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type FlowNode, NODE_SCHEMAS, NODE_TYPES, type NodeType } from './flow-schema.ts';

export interface FlowIssue {
  /** The node concerned; '' for the flow as a whole. */
  node: string;
  reason: string;
}

export interface FlowShape {
  start: string | null;
  /** The nodes that are well formed. */
  nodes: Map<string, FlowNode>;
  /** Nodes present but malformed: they exist as targets, their own edges are unknown. */
  malformed: Set<string>;
  issues: FlowIssue[];
}

const NODE_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** Errors listed per node; past this the first ones are enough to fix. */
const MAX_NODE_ERRORS = 5;
const MAX_NODES = 500;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkFlowShape(value: unknown): FlowShape {
  const shape: FlowShape = { start: null, nodes: new Map(), malformed: new Set(), issues: [] };
  const flowIssue = (reason: string) => shape.issues.push({ node: '', reason });
  if (!isObject(value)) {
    flowIssue('a flow is an object with start and nodes');
    return shape;
  }
  for (const key of Object.keys(value)) if (key !== 'start' && key !== 'nodes') flowIssue(`${key}: unknown field`);
  if (typeof value.start === 'string' && value.start !== '') shape.start = value.start;
  else flowIssue('start: missing');
  if (!isObject(value.nodes) || Object.keys(value.nodes).length === 0) {
    flowIssue('nodes: a flow needs at least one node');
    return shape;
  }
  const entries = Object.entries(value.nodes);
  if (entries.length > MAX_NODES) flowIssue(`nodes: at most ${MAX_NODES} nodes`);
  for (const [id, node] of entries) {
    const issues = nodeIssues(id, node);
    if (issues.length === 0) shape.nodes.set(id, node as FlowNode);
    else {
      shape.malformed.add(id);
      shape.issues.push(...issues);
    }
  }
  return shape;
}

function nodeIssues(id: string, node: unknown): FlowIssue[] {
  if (!NODE_ID.test(id)) return [{ node: id, reason: 'a node id is 1-64 letters, digits, _ . or -' }];
  if (!isObject(node)) return [{ node: id, reason: 'a node is an object with a type' }];
  const type = node.type;
  if (typeof type !== 'string' || !(NODE_TYPES as string[]).includes(type)) {
    return [{ node: id, reason: `type: must be one of ${NODE_TYPES.join(', ')}` }];
  }
  const schema = NODE_SCHEMAS[type as NodeType];
  // One error per field: a missing field is also "Expected string", which adds nothing.
  const byField = new Map<string, string>();
  for (const e of Value.Errors(schema, node)) {
    const field = e.path.replace(/^\//, '').replace(/\//g, '.') || 'node';
    if (!byField.has(field)) byField.set(field, describe(e.schema, e.message));
    if (byField.size >= MAX_NODE_ERRORS) break;
  }
  return [...byField].map(([field, message]) => ({ node: id, reason: `${field}: ${message}` }));
}

/** "Expected union value" and "Unexpected property" say little; the choices and the key pattern say more. */
function describe(schema: TSchema, message: string): string {
  const keyPattern = Object.keys((schema.patternProperties as object | undefined) ?? {})[0];
  if (keyPattern !== undefined) return `not an allowed key (${keyPattern})`;
  const choices = (schema.anyOf as { const?: unknown }[] | undefined)?.map((s) => s.const);
  return choices && choices.length > 0 && choices.every((c) => typeof c === 'string') ? `must be one of ${choices.join(', ')}` : message;
}

/**
 * The edges of a flow: for each node, which field names which next node.
 * The validator checks them and walks them for reachability; keeping the
 * table here means a new node type cannot be added without saying where
 * it leads.
 */
import type { FlowNode, NodeOf, NodeType } from './flow-schema.ts';

export interface Edge {
  /** The field of the node, e.g. `options.1` or `cases[0].goto`. */
  field: string;
  target: string;
}

const optional = (field: string, target: string | undefined): Edge[] => (target === undefined ? [] : [{ field, target }]);

const EDGES: { [K in NodeType]: (node: NodeOf<K>) => Edge[] } = {
  play: (n) => [{ field: 'next', target: n.next }],
  menu: (n) => [
    ...Object.entries(n.options).map(([key, target]) => ({ field: `options.${key}`, target })),
    { field: 'on_fail', target: n.on_fail },
    ...optional('on_timeout', n.on_timeout),
    ...optional('on_invalid', n.on_invalid),
    ...optional('operator', n.operator),
  ],
  collect: (n) => [
    { field: 'next', target: n.next },
    { field: 'on_fail', target: n.on_fail },
  ],
  say: (n) => [{ field: 'next', target: n.next }],
  branch: (n) => [...n.cases.map((c, i) => ({ field: `cases[${i}].goto`, target: c.goto })), { field: 'default', target: n.default }],
  http: (n) => [
    { field: 'next', target: n.next },
    { field: 'on_error', target: n.on_error },
  ],
  set: (n) => [{ field: 'next', target: n.next }],
  record: (n) => [{ field: 'next', target: n.next }],
  goto: () => [],
  hangup: () => [],
};

export function edgesOf(node: FlowNode): Edge[] {
  return (EDGES[node.type] as (n: FlowNode) => Edge[])(node);
}

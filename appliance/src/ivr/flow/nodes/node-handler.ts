/** The signature every node handler has: the node, the caller's session and the node's id → the next step. */
import type { FlowSession, NodeStep } from '../flow-session.ts';
import type { NodeOf, NodeType } from '../flow-schema.ts';

export type NodeHandler<K extends NodeType> = (node: NodeOf<K>, session: FlowSession, id: string) => Promise<NodeStep>;

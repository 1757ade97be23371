/** One handler per node type; the runner looks the handler up by `type`. */
import type { NodeType } from '../flow-schema.ts';
import { gotoNode, hangupNode, playNode, sayNode, setNode } from './basic-nodes.ts';
import { branchNode } from './branch-node.ts';
import { collectNode } from './collect-node.ts';
import { httpNode } from './http-node.ts';
import { menuNode } from './menu-node.ts';
import type { NodeHandler } from './node-handler.ts';
import { recordNode } from './record-node.ts';

export const NODE_HANDLERS: { [K in NodeType]: NodeHandler<K> } = {
  play: playNode,
  menu: menuNode,
  collect: collectNode,
  say: sayNode,
  branch: branchNode,
  http: httpNode,
  set: setNode,
  record: recordNode,
  goto: gotoNode,
  hangup: hangupNode,
};

/**
 * Runs flows for one caller, node by node, until a node ends the walk:
 *
 *   ┌──────────────────────────── next node ◀──────────────┐
 *   ▼                                                       │
 * [node] ── handler ──▶ next ──────────────────────────────┘
 *                   ├─▶ flow X ─▶ load X's current version ─▶ its start node
 *                   └─▶ end: destination (the call layer transfers) | hangup | caller-gone
 *
 * The flow object a call starts with is the one it keeps (a version saved
 * meanwhile applies to new calls); `goto flow` loads the other IVR's version
 * of that moment. A step budget ends endless loops (flows that goto each
 * other, a branch that returns to itself). Whatever goes wrong — a missing
 * node, a flow that no longer exists, a handler that throws — is logged and
 * the caller hears an apology before the runner answers `hangup`.
 */
import type { CallerPort } from '../../pbx/index.ts';
import type { FlowNode } from './flow-schema.ts';
import { type FlowOutcome, type FlowRunnerDeps, FlowSession, type LoadedFlow, type NodeStep } from './flow-session.ts';
import { NODE_HANDLERS } from './nodes/index.ts';

export const DEFAULT_MAX_STEPS = 500;

/** What a caller hears when the flow cannot go on. */
const APOLOGY = { zh: '抱歉，系统暂时无法处理您的请求，请稍后再拨。再见。', en: 'Sorry, we cannot take your call right now. Please call again later. Goodbye.' };

export class FlowRunner {
  constructor(private readonly deps: FlowRunnerDeps) {}

  async run(port: CallerPort, start: LoadedFlow): Promise<FlowOutcome> {
    const session = new FlowSession(this.deps, port, start);
    const maxSteps = this.deps.maxSteps ?? DEFAULT_MAX_STEPS;
    let nodeId = start.flow.start;
    for (let steps = 0; ; steps++) {
      if (port.hungUp) return this.finish(session, { kind: 'caller-gone' });
      if (steps >= maxSteps) {
        session.logger.error('IVR step budget used up (a loop in the flows?)', { steps, node: nodeId });
        return this.apologise(session);
      }
      const node = session.flow.flow.nodes[nodeId];
      if (node === undefined) {
        session.logger.error('IVR flow names a missing node', { node: nodeId });
        return this.apologise(session);
      }
      const step = await this.step(session, node, nodeId);
      if (step === null) return this.apologise(session);
      if (step.kind === 'end') return this.finish(session, step.outcome);
      if (step.kind === 'next') {
        nodeId = step.node;
        continue;
      }
      const target = this.load(session, step.name);
      if (target === null) return this.apologise(session);
      session.logger.info('IVR continues in another flow', { to: target.name, version: target.version });
      session.enter(target);
      nodeId = target.flow.start;
    }
  }

  private async step(session: FlowSession, node: FlowNode, id: string): Promise<NodeStep | null> {
    session.logger.debug('IVR node', { node: id, type: node.type });
    try {
      const handler = NODE_HANDLERS[node.type] as (n: FlowNode, s: FlowSession, id: string) => Promise<NodeStep>;
      return await handler(node, session, id);
    } catch (error) {
      session.logger.error('IVR node failed', { node: id, type: node.type, error });
      return null;
    }
  }

  private load(session: FlowSession, name: string): LoadedFlow | null {
    try {
      const flow = this.deps.flows.load(name);
      if (flow === null) session.logger.error('goto names an IVR that does not exist', { flow: name });
      return flow;
    } catch (error) {
      session.logger.error('loading an IVR failed', { flow: name, error });
      return null;
    }
  }

  /** Says sorry (when the caller is still there) and hangs up: never silence, never a silent drop. */
  private async apologise(session: FlowSession): Promise<FlowOutcome> {
    if (session.port.hungUp) return this.finish(session, { kind: 'caller-gone' });
    await session.play({ tts: APOLOGY[session.language()] });
    return this.finish(session, session.port.hungUp ? { kind: 'caller-gone' } : { kind: 'hangup' });
  }

  private finish(session: FlowSession, outcome: FlowOutcome): FlowOutcome {
    const fields = outcome.kind === 'destination' ? { destination: outcome.destination } : {};
    session.logger.info('IVR finished', { outcome: outcome.kind, ...fields });
    return outcome;
  }
}

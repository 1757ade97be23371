/**
 * A branch: the first case that holds decides, else the default. A time
 * condition that no longer exists (deleted after the flow was saved) is
 * logged and taken as not holding.
 */
import { compileCallerPattern } from '../caller-pattern.ts';
import type { BranchCase } from '../flow-schema.ts';
import { type FlowSession, next } from '../flow-session.ts';
import type { NodeHandler } from './node-handler.ts';

export const branchNode: NodeHandler<'branch'> = async (node, session, id) => {
  const taken = node.cases.find((c) => holds(c, session, id));
  return next(taken?.goto ?? node.default);
};

function holds(c: BranchCase, session: FlowSession, id: string): boolean {
  if (c.time_condition !== undefined) {
    const open = session.deps.timeCondition(c.time_condition, new Date(session.deps.clock.now()));
    if (open === undefined) session.logger.warn('branch names a missing time condition', { node: id, time_condition: c.time_condition });
    return open === true;
  }
  if (c.caller !== undefined) {
    const pattern = compileCallerPattern(c.caller);
    if (!pattern.ok) session.logger.warn('branch caller pattern is invalid', { node: id, reason: pattern.reason });
    return pattern.ok && pattern.test(session.port.caller);
  }
  const value = session.vars[c.var ?? ''] ?? '';
  if (c.equals !== undefined) return value === c.equals;
  if (c.matches !== undefined) {
    try {
      return new RegExp(c.matches).test(value);
    } catch {
      session.logger.warn('branch regular expression is invalid', { node: id, matches: c.matches });
      return false;
    }
  }
  return value !== '';
}

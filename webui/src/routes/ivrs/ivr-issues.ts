import type { Message } from '../../i18n/catalogue';
import type { IvrIssue } from '../../lib/api/ivr-types';

/** One problem as the editor lists it: where (a flow node, or a part of the menu) and why. */
export interface IssueRow {
  /** The flow node the problem is in, or null for the menu form and the flow as a whole. */
  node: string | null;
  where: Message;
  reason: Message;
}

const MENU_PARTS: Readonly<Record<string, Message>> = {
  name: { key: 'ivr.name' },
  greeting: { key: 'ivr.greeting' },
  timeout: { key: 'ivr.timeout' },
  retries: { key: 'ivr.retries' },
  on_timeout: { key: 'ivr.onTimeout' },
  on_invalid: { key: 'ivr.onInvalid' },
  language: { key: 'ivr.language' },
};

/**
 * Where a server path points: `flow.nodes.ask` → node ask, `flow` or '' →
 * the whole flow, `options.1.extension` → key 1 of the menu, other paths as
 * written.
 */
export function issueWhere(path: string): { node: string | null; where: Message } {
  const node = /^flow\.nodes\.([^.[\]]+)/.exec(path)?.[1];
  if (node !== undefined) return { node, where: { key: 'ivr.issueNode', params: { node } } };
  if (path === '' || path === 'flow' || path.startsWith('flow.')) return { node: null, where: { key: 'ivr.issueFlow' } };
  const option = /^options\.([0-9*#])/.exec(path)?.[1];
  if (option !== undefined) return { node: null, where: { key: 'ivr.issueOption', params: { key: option } } };
  const part = MENU_PARTS[path.split('.')[0] ?? ''];
  return { node: null, where: part ?? { text: path } };
}

/** The server's issues (validate, or a refused save) as rows; its reasons are shown as it wrote them. */
export function issueRows(issues: readonly IvrIssue[]): IssueRow[] {
  return issues.map((issue) => ({ ...issueWhere(issue.path), reason: { text: issue.message } }));
}

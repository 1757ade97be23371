/**
 * Checks an IVR definition in either form and reports every problem as a
 * field path and reason: `flow.nodes.ask_account: next: no node x` for a
 * flow, `options.1.extension: no extension 1999` for a menu. The API and
 * provisioning give the box's lookups; the repository checks without them.
 */
import { Value } from '@sinclair/typebox/value';
import type { FieldIssue } from '../errors.ts';
import { checkDestination, type Destination } from '../pbx/index.ts';
import type { FlowIssue } from './flow/flow-shape.ts';
import { type FlowLookups, validateFlow } from './flow/validate-flow.ts';
import { type IvrDefinition, IvrMenuDefinition, IvrName } from './ivr-schema.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The issues of a definition (without `name`). */
export function checkIvrDefinition(definition: unknown, lookups: FlowLookups = {}): FieldIssue[] {
  if (!isObject(definition)) return [{ path: '', message: 'an IVR is an object' }];
  return 'flow' in definition ? flowFormIssues(definition, lookups) : menuFormIssues(definition, lookups);
}

/** The issues of an IVR as the API receives it: a name and a definition side by side. */
export function checkIvrInput(input: unknown, lookups: FlowLookups = {}): FieldIssue[] {
  if (!isObject(input)) return [{ path: '', message: 'an IVR is an object' }];
  const { name, ...definition } = input;
  const nameIssues = Value.Check(IvrName, name) ? [] : [{ path: 'name', message: 'needs 1-64 letters, digits, _ or -' }];
  return [...nameIssues, ...checkIvrDefinition(definition, lookups)];
}

/** The definition part of a checked input. */
export function definitionOf(input: Record<string, unknown>): { name: string; definition: IvrDefinition } {
  const { name, ...definition } = input;
  return { name: name as string, definition: definition as IvrDefinition };
}

export function flowIssueToField(issue: FlowIssue): FieldIssue {
  return { path: issue.node === '' ? 'flow' : `flow.nodes.${issue.node}`, message: issue.reason };
}

function flowFormIssues(definition: Record<string, unknown>, lookups: FlowLookups): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(definition)) {
    if (key !== 'flow' && key !== 'language') issues.push({ path: key, message: 'unknown field (a flow IVR has flow and language)' });
  }
  if (definition.language !== undefined && definition.language !== 'zh' && definition.language !== 'en') {
    issues.push({ path: 'language', message: 'must be zh or en' });
  }
  return [...issues, ...validateFlow(definition.flow, lookups).map(flowIssueToField)];
}

function menuFormIssues(definition: Record<string, unknown>, lookups: FlowLookups): FieldIssue[] {
  const shape = [...Value.Errors(IvrMenuDefinition, definition)].map((e) => ({
    path: e.path.replace(/^\//, '').replace(/\//g, '.'),
    message: e.message,
  }));
  if (shape.length > 0) return shape;
  const menu = definition as IvrMenuDefinition;
  const issues: FieldIssue[] = [];
  if (!menu.greeting.tts && !menu.greeting.file) issues.push({ path: 'greeting', message: 'needs tts or file' });
  const file = menu.greeting.file;
  if (file !== undefined && (file.startsWith('/') || file.split('/').includes('..'))) {
    issues.push({ path: 'greeting.file', message: `${file} must be a path inside the sounds directory (no leading /, no ..)` });
  }
  const all = () => true;
  const targets = { extension: lookups.extension ?? all, queue: lookups.queue ?? all, ivr: lookups.ivr ?? all };
  const destinations: [string, Destination | undefined][] = [
    ...Object.entries(menu.options).map(([key, d]) => [`options.${key}`, d] as [string, Destination]),
    ['on_timeout', menu.on_timeout],
    ['on_invalid', menu.on_invalid],
  ];
  for (const [path, d] of destinations) if (d) issues.push(...checkDestination(d, path, targets));
  return issues;
}

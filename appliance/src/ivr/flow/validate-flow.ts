/**
 * Everything that must hold before a flow is saved, each problem named by
 * node and reason: the shape of every node, targets that name no node,
 * nodes that cannot be reached from the start, templates that do not parse,
 * prompts that are not a file of the sounds directory or a text, HTTP URLs
 * that are not http(s), and names of IVRs, extensions, queues and time
 * conditions that do not exist. A lookup left out is not checked (the
 * repository checks the flow alone; the API adds the box's lookups).
 */
import { checkDestination, type Destination } from '../../pbx/index.ts';
import { compileCallerPattern } from './caller-pattern.ts';
import { edgesOf } from './flow-edges.ts';
import type { FlowNode, FlowPrompt, NodeOf, NodeType } from './flow-schema.ts';
import { checkFlowShape, type FlowIssue } from './flow-shape.ts';
import { parseTemplate } from './template.ts';

export type { FlowIssue } from './flow-shape.ts';

export interface FlowLookups {
  extension?(number: string): boolean;
  queue?(number: string): boolean;
  ivr?(name: string): boolean;
  timeCondition?(name: string): boolean;
}

/** Variables the runner sets itself; a flow may read them, not assign them. */
export const RESERVED_VARS = new Set(['caller', 'called', 'call_id', 'now']);

export function validateFlow(value: unknown, lookups: FlowLookups = {}): FlowIssue[] {
  const shape = checkFlowShape(value);
  const issues = [...shape.issues];
  const exists = (id: string) => shape.nodes.has(id) || shape.malformed.has(id);
  if (shape.start !== null && !exists(shape.start)) issues.push({ node: '', reason: `start: no node ${shape.start}` });
  for (const [id, node] of shape.nodes) {
    for (const edge of edgesOf(node)) {
      if (!exists(edge.target)) issues.push({ node: id, reason: `${edge.field}: no node ${edge.target}` });
    }
    const check = NODE_CHECKS[node.type] as (n: FlowNode, l: FlowLookups) => string[];
    for (const reason of check(node, lookups)) issues.push({ node: id, reason });
  }
  // A malformed node's own edges are unknown, so what it leads to cannot be judged unreachable.
  if (shape.malformed.size === 0 && shape.start !== null && exists(shape.start)) {
    const reached = reachable(shape.start, shape.nodes);
    for (const id of shape.nodes.keys()) if (!reached.has(id)) issues.push({ node: id, reason: 'unreachable from the start node' });
  }
  return issues;
}

function reachable(start: string, nodes: Map<string, FlowNode>): Set<string> {
  const seen = new Set([start]);
  const todo = [start];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    const node = nodes.get(id);
    for (const { target } of node ? edgesOf(node) : []) {
      if (!seen.has(target)) {
        seen.add(target);
        todo.push(target);
      }
    }
  }
  return seen;
}

const NODE_CHECKS: { [K in NodeType]: (node: NodeOf<K>, lookups: FlowLookups) => string[] } = {
  play: (n) => promptIssues('prompt', n.prompt),
  menu: (n) => [
    ...promptIssues('prompt', n.prompt),
    ...promptIssues('invalid_prompt', n.invalid_prompt),
    ...promptIssues('timeout_prompt', n.timeout_prompt),
    ...(n.operator !== undefined && n.options['0'] !== undefined ? ['operator: key 0 is already an option'] : []),
    ...varIssues('var', n.var),
  ],
  collect: (n) => [
    ...promptIssues('prompt', n.prompt),
    ...(n.min > n.max ? [`min: ${n.min} is more than max ${n.max}`] : []),
    ...varIssues('var', n.var),
  ],
  say: (n) => templateIssues('value', n.value),
  branch: (n, lookups) => n.cases.flatMap((c, i) => caseIssues(`cases[${i}]`, c, lookups)),
  http: (n) => [
    ...templateIssues('url', n.url),
    ...(/^https?:\/\/[^/$\s]/i.test(n.url) ? [] : ['url: must start with http:// or https:// and a host']),
    ...Object.entries(n.headers ?? {}).flatMap(([k, v]) => templateIssues(`headers.${k}`, v)),
    ...(n.body !== undefined && n.method === 'GET' ? ['body: a GET request has no body'] : []),
    ...jsonTemplateIssues('body', n.body),
    ...Object.keys(n.assign).flatMap((k) => varIssues(`assign.${k}`, k)),
  ],
  set: (n) => Object.entries(n.vars).flatMap(([k, v]) => [...varIssues(`vars.${k}`, k), ...templateIssues(`vars.${k}`, v)]),
  record: (n) => [...promptIssues('prompt', n.prompt), ...varIssues('var', n.var)],
  goto: (n, lookups) => gotoIssues(n, lookups),
  hangup: (n) => promptIssues('prompt', n.prompt),
};

function promptIssues(field: string, prompt: FlowPrompt | undefined): string[] {
  if (prompt === undefined) return [];
  if ((prompt.tts === undefined) === (prompt.file === undefined)) return [`${field}: needs exactly one of tts or file`];
  if (prompt.tts !== undefined) return templateIssues(`${field}.tts`, prompt.tts);
  const file = prompt.file as string;
  if (file.startsWith('/') || file.includes('\\') || file.split('/').some((part) => part === '..' || part === '')) {
    return [`${field}.file: ${file} must be a path inside the sounds directory (no leading /, no ..)`];
  }
  return [];
}

function templateIssues(field: string, text: string): string[] {
  const parsed = parseTemplate(text);
  return parsed.ok ? [] : [`${field}: ${parsed.reason}`];
}

function jsonTemplateIssues(field: string, value: unknown): string[] {
  if (typeof value === 'string') return templateIssues(field, value);
  if (Array.isArray(value)) return value.flatMap((v, i) => jsonTemplateIssues(`${field}[${i}]`, v));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => jsonTemplateIssues(`${field}.${k}`, v));
  return [];
}

function varIssues(field: string, name: string | undefined): string[] {
  return name !== undefined && RESERVED_VARS.has(name) ? [`${field}: ${name} is set by the system and cannot be assigned`] : [];
}

function caseIssues(field: string, c: NodeOf<'branch'>['cases'][number], lookups: FlowLookups): string[] {
  const kinds = [c.time_condition, c.caller, c.var].filter((k) => k !== undefined).length;
  if (kinds !== 1) return [`${field}: needs exactly one of time_condition, caller, var`];
  const issues: string[] = [];
  if (c.var === undefined && (c.equals !== undefined || c.matches !== undefined)) issues.push(`${field}: equals and matches go with var`);
  if (c.equals !== undefined && c.matches !== undefined) issues.push(`${field}: give equals or matches, not both`);
  if (c.matches !== undefined) {
    try {
      new RegExp(c.matches);
    } catch {
      issues.push(`${field}.matches: ${c.matches} is not a regular expression`);
    }
  }
  if (c.caller !== undefined) {
    const pattern = compileCallerPattern(c.caller);
    if (!pattern.ok) issues.push(`${field}.caller: ${pattern.reason}`);
  }
  if (c.time_condition !== undefined && lookups.timeCondition && !lookups.timeCondition(c.time_condition)) {
    issues.push(`${field}.time_condition: no time condition ${c.time_condition}`);
  }
  return issues;
}

function gotoIssues(n: NodeOf<'goto'>, lookups: FlowLookups): string[] {
  if ((n.destination === undefined) === (n.flow === undefined)) return ['needs exactly one of destination or flow'];
  if (n.flow !== undefined) return lookups.ivr && !lookups.ivr(n.flow) ? [`flow: no IVR ${n.flow}`] : [];
  const all = () => true;
  const targets = {
    extension: lookups.extension ?? all,
    queue: lookups.queue ?? all,
    ivr: lookups.ivr ?? all,
  };
  return checkDestination(n.destination as Destination, 'destination', targets).map((i) => `${i.path}: ${i.message}`);
}

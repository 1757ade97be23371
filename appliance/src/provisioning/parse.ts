/**
 * YAML text → a provisioning document that matches the schema, or a
 * ProvisioningError listing every problem with its key path
 * (`queues[0].agents[1]: …`).
 */
import type { TSchema } from '@sinclair/typebox';
import { Value, type ValueError } from '@sinclair/typebox/value';
import { parseDocument } from 'yaml';
import { type FieldIssue, ProvisioningError } from '../errors.ts';
import { ProvisionFile } from './schema.ts';

/** `/queues/0/agents/1` → `queues[0].agents[1]`. */
export function keyPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

export function refuse(issues: FieldIssue[]): never {
  const lines = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  throw new ProvisioningError(issues, `Provisioning file refused, nothing applied: ${lines.join('; ')}`);
}

export function parseProvisionYaml(text: string): ProvisionFile {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    refuse(
      doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '',
        message: e.message.split('\n')[0] ?? e.message,
      })),
    );
  }
  const value: unknown = doc.toJS() ?? {};
  return validateProvisionDocument(value);
}

export function validateProvisionDocument(value: unknown): ProvisionFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse([{ path: '', message: 'the file must be a mapping of sections' }]);
  // YAML reads `number: 1001` as a number; the schema wants text. Convert only scalars that fit.
  const converted = Value.Convert(ProvisionFile, structuredClone(value));
  const issues = schemaIssues(ProvisionFile, converted);
  if (issues.length > 0) refuse(issues);
  return converted as ProvisionFile;
}

function schemaIssues(schema: TSchema, value: unknown): FieldIssue[] {
  const byPath = new Map<string, FieldIssue>();
  for (const error of Value.Errors(schema, value)) {
    const path = keyPath(error.path);
    if (!byPath.has(path)) byPath.set(path, { path, message: describe(error) });
  }
  // A union failure is reported on the parent and its variants; keep the most specific paths.
  const paths = [...byPath.keys()];
  return [...byPath.values()].filter((i) => !paths.some((p) => p !== i.path && i.path !== '' && p.startsWith(`${i.path}.`)));
}

function describe(error: ValueError): string {
  const schema = error.schema as { anyOf?: { const?: unknown }[]; pattern?: string; description?: string };
  if (schema.anyOf?.every((s) => s.const !== undefined)) {
    return `must be one of ${schema.anyOf.map((s) => String(s.const)).join(', ')} (got ${JSON.stringify(error.value)})`;
  }
  if (error.message.startsWith('Unexpected property')) return 'unknown key';
  if (schema.pattern && typeof error.value === 'string') {
    return `${schema.description ?? `must match ${schema.pattern}`} (got ${JSON.stringify(error.value)})`;
  }
  return error.message.charAt(0).toLowerCase() + error.message.slice(1);
}

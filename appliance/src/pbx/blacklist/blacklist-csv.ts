/**
 * The blacklist as a CSV file: header `number,direction,action,note`
 * (columns in any order; direction, action and note may be left out or
 * empty for the defaults). The Chinese headers and values that the UI
 * shows are read too (号码,方向,处理方式,备注; 呼入/呼出/双向;
 * 拒接/放音/挂断), so a sheet kept in Excel imports as it is.
 * Every bad line is reported with its line number; nothing is imported
 * unless every line is good.
 */
import { Value } from '@sinclair/typebox/value';
import { type FieldIssue, ValidationError } from '../../errors.ts';
import { decodeCsv, parseCsv, toCsv } from '../routing/csv.ts';
import { type BlacklistEntry, BlacklistEntryCreate, parseBlacklistNumber } from './blacklist-entry.ts';

const COLUMNS = ['number', 'direction', 'action', 'note'] as const;
type Column = (typeof COLUMNS)[number];
const HEADER_ALIASES: Record<string, Column> = { 号码: 'number', 方向: 'direction', 处理方式: 'action', 动作: 'action', 备注: 'note' };
const VALUE_ALIASES: Record<string, string> = { 呼入: 'inbound', 呼出: 'outbound', 双向: 'both', 拒接: 'reject', 放音: 'play', 挂断: 'hangup' };
export const MAX_BLACKLIST_ROWS = 100_000;

/** The entries of a CSV file, or a ValidationError whose issues are `line N` / reason. */
export function parseBlacklistCsv(input: string | Uint8Array): BlacklistEntryCreate[] {
  const parsed = parseCsv(decodeCsv(input));
  if (!parsed.ok) throw new ValidationError([{ path: `line ${parsed.line}`, message: parsed.reason }]);
  const [header, ...rows] = parsed.rows;
  if (!header) throw new ValidationError([{ path: 'line 1', message: `the file is empty; expected the header ${COLUMNS.join(',')}` }]);
  const columns = header.cells.map((c) => {
    const name = c.trim().toLowerCase();
    return (COLUMNS as readonly string[]).includes(name) ? (name as Column) : (HEADER_ALIASES[name] ?? null);
  });
  const unknown = header.cells.filter((_, i) => columns[i] === null);
  if (unknown.length > 0 || !columns.includes('number')) {
    const problem = unknown.length > 0 ? `unknown column ${unknown.join(', ')}` : 'no number column';
    throw new ValidationError([{ path: `line ${header.line}`, message: `${problem}; expected the header ${COLUMNS.join(',')}` }]);
  }
  if (rows.length > MAX_BLACKLIST_ROWS) throw new ValidationError([{ path: '', message: `more than ${MAX_BLACKLIST_ROWS} lines` }]);

  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  const entries: BlacklistEntryCreate[] = [];
  for (const { line, cells } of rows) {
    const raw: Record<string, string> = {};
    columns.forEach((column, i) => {
      const value = (cells[i] ?? '').trim();
      if (column && value !== '') raw[column] = VALUE_ALIASES[value] ?? value;
    });
    const problem = rowProblem(raw, cells.length > columns.length);
    const first = raw.number === undefined ? undefined : seen.get(raw.number);
    if (problem) issues.push({ path: `line ${line}`, message: problem });
    else if (first !== undefined) issues.push({ path: `line ${line}`, message: `${raw.number} already on line ${first}` });
    else {
      seen.set(raw.number as string, line);
      entries.push(raw as BlacklistEntryCreate);
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return entries;
}

function rowProblem(raw: Record<string, string>, tooManyCells: boolean): string | null {
  if (tooManyCells) return `more cells than the header has columns (${COLUMNS.join(',')})`;
  if (raw.number === undefined) return 'number is empty';
  const number = parseBlacklistNumber(raw.number);
  if (!number.ok) return `number: ${number.reason}`;
  if (Value.Check(BlacklistEntryCreate, raw)) return null;
  const error = Value.Errors(BlacklistEntryCreate, raw).First();
  const field = error?.path.replace(/^\//, '') ?? '';
  return `${field}: ${JSON.stringify(raw[field] ?? '')} is not allowed (${field === 'direction' ? 'inbound, outbound, both' : field === 'action' ? 'reject, play, hangup' : (error?.message ?? 'invalid')})`;
}

export function blacklistCsv(entries: readonly BlacklistEntry[]): string {
  return toCsv([[...COLUMNS], ...entries.map((e) => [e.number, e.direction, e.action, e.note])]);
}

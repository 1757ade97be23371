/**
 * The small CSV dialect of the import/export tables (blacklist, mobile
 * ranges): comma-separated, fields in double quotes when they hold a comma,
 * quote or line break (RFC 4180). Files saved by Excel on a Chinese Windows
 * are GBK; others are UTF-8 with or without BOM — both are read.
 */

export interface CsvRow {
  /** 1-based line of the file where the row starts, for error messages. */
  line: number;
  cells: string[];
}

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; line: number; reason: string };

/** Bytes → text: UTF-8 (BOM dropped) when valid, else GBK. A string is taken as already decoded. */
export function decodeCsv(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    return new TextDecoder('gbk').decode(input);
  }
}

export function parseCsv(text: string): CsvResult {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((v) => v.trim() !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) return { ok: false, line: rowLine, reason: 'a quoted field is not closed' };
  cells.push(cell);
  if (cells.some((v) => v.trim() !== '')) rows.push({ line: rowLine, cells });
  return { ok: true, rows };
}

/** Rows → CSV text with CRLF line ends and a BOM, so Excel opens the Chinese text correctly. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

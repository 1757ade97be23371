import type { ErrorDetail } from './api-error';

/** One refused line of a CSV import: the server names it `line 3`; a problem with the whole file has no line. */
export interface ImportProblem {
  line: number | null;
  message: string;
}

export function importProblems(details: readonly ErrorDetail[]): ImportProblem[] {
  return details.map((detail) => {
    const line = /^line (\d+)$/.exec(detail.path.trim());
    return { line: line ? Number(line[1]) : null, message: detail.path !== '' && !line ? `${detail.path}: ${detail.message}` : detail.message };
  });
}

import { expect, test } from 'bun:test';
import { importProblems } from './import-problems';

test('import problems keep the line number the server named', () => {
  expect(
    importProblems([
      { path: 'line 3', message: 'number is empty' },
      { path: '', message: 'more than 100000 lines' },
      { path: 'number', message: 'odd' },
    ]),
  ).toEqual([
    { line: 3, message: 'number is empty' },
    { line: null, message: 'more than 100000 lines' },
    { line: null, message: 'number: odd' },
  ]);
});

/**
 * A test-result file as a file index (docs/verification.md, Formats): its cases for the
 * verification check, and every problem the parser reported as a note on the file — a
 * result file that cannot be read verifies nothing, and says why.
 */
import { emptyIndex, TestResultsIndex } from '../fileIndex';
import { parseTestResultFile } from './detect';

export function parseTestResultsIndex(path: string, text: string): TestResultsIndex {
  const index = emptyIndex(path, 'test-results');
  const results = parseTestResultFile(path, text);
  index.results = results;
  for (const p of results.problems) {
    const at = p.line !== undefined ? `line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''}: ` : '';
    index.notes.push(`test results: ${at}${p.message}`);
  }
  if (results.cases.length === 0 && results.problems.length === 0)
    index.notes.push('test results: no test case in this file');
  return index;
}

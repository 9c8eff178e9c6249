import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildReportModel } from '../../core/report/buildReport';
import { ReportModel } from '../../core/report/reportModel';
import { engineFor, engineForFixture, REPO_ROOT } from '../../testing/workspaces';
import { VERSION } from '../../version';
import { csvCell, renderMatrixCsv } from './matrixCsv';
import { md, renderReportMarkdown } from './reportMarkdown';

/** Golden files: regenerate with `UPDATE_GOLDEN=1 npm test` after an intended change, and review the diff. */
function golden(name: string, actual: string): void {
  const file = path.join(REPO_ROOT, 'test/golden', name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  assert.equal(
    actual,
    readFileSync(file, 'utf8'),
    `${name} differs; run UPDATE_GOLDEN=1 npm test if the change is intended`,
  );
}

async function exampleModel(): Promise<ReportModel> {
  const engine = await engineForFixture('../../examples/remote-monitoring');
  return buildReportModel(engine, {
    tool: { name: 'seclife', version: VERSION },
    project: 'remote-monitoring',
    commit: { sha: '0123456789abcdef0123456789abcdef01234567', ref: 'main' },
    date: '2026-01-01T00:00:00Z',
  });
}

test('report.md and matrix.csv of the example workspace (golden)', async () => {
  const model = await exampleModel();
  golden('remote-monitoring.report.md', renderReportMarkdown(model));
  golden('remote-monitoring.matrix.csv', renderMatrixCsv(model));
});

test('the same input gives byte-identical report.md and matrix.csv', async () => {
  const [a, b] = [await exampleModel(), await exampleModel()];
  assert.equal(renderReportMarkdown(a), renderReportMarkdown(b));
  assert.equal(renderMatrixCsv(a), renderMatrixCsv(b));
});

test('CSV cells: RFC 4180 quoting, and formulas neutralized (CWE-1236)', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a, b'), '"a, b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  for (const lead of ['+1', '-1', '@SUM(A1)', '\tx'])
    assert.equal(csvCell(lead).replace(/^"/, '').startsWith("'"), true, lead);
  assert.equal(csvCell(-3), '-3', 'numbers are numbers');
  assert.equal(csvCell(' padded '), '" padded "');
});

test('Markdown text: syntax and HTML are escaped, one line per cell', () => {
  assert.equal(md('a | b'), 'a \\| b');
  assert.equal(md('<script>alert(1)</script>'), '\\<script\\>alert(1)\\</script\\>');
  assert.equal(md('**bold** [x](y) `code`'), '\\*\\*bold\\*\\* \\[x\\](y) \\`code\\`');
  assert.equal(md('line one\n  line two'), 'line one line two');
  assert.equal(md(undefined), '');
});

test('report.md written into a documents folder does not read back as items', async () => {
  const model = await exampleModel();
  const engine = await engineFor({ 'docs/evidence/report.md': renderReportMarkdown(model) });
  assert.deepEqual(engine.items(), []);
  assert.deepEqual(engine.findings(), []);
});

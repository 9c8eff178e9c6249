import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
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
  const sha = '0123456789abcdef0123456789abcdef01234567';
  // The same commit for the staleness check as the report names (the CLI reads both from .git).
  engine.setHeadCommit(sha);
  // Hashed as `seclife report` hashes them: the file's bytes.
  const resultFileHashes = new Map<string, string>(
    engine.testResultFiles().map(({ file }): [string, string] => [
      file,
      createHash('sha256')
        .update(readFileSync(path.join(REPO_ROOT, 'examples/remote-monitoring', file)))
        .digest('hex'),
    ]),
  );
  return buildReportModel(engine, {
    resultFileHashes,
    tool: { name: 'seclife', version: VERSION },
    project: 'remote-monitoring',
    commit: { sha, ref: 'main' },
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

const VERIFIED: Record<string, string> = {
  'docs/x.md': '## SR-001: Works\n\n## SR-002: Skipped\n',
  'test/a.test.js': "// @verifies SR-001\ntest('works', () => {});\n// @verifies SR-002\ntest('later', () => {});\n",
  'test-results/junit.xml':
    '<testsuites><testsuite name="a" timestamp="2026-01-01T00:00:00Z" time="2.5">\n<properties><property name="commit" value="0123456789abcdef0123456789abcdef01234567"/></properties>\n<testcase name="works" classname="test" time="0.1"/>\n<testcase name="later" classname="test" time="0"><skipped/></testcase>\n</testsuite></testsuites>\n',
};
const CONTEXT = { tool: { name: 'seclife', version: '0.0.0' }, project: 'demo' };

test('report.md: a "Verification results" section with each result file, and a Verification column', async () => {
  const engine = await engineFor(VERIFIED);
  engine.setHeadCommit('f'.repeat(40));
  const model = buildReportModel(engine, {
    ...CONTEXT,
    commit: { sha: 'f'.repeat(40) },
    resultFileHashes: new Map([['test-results/junit.xml', 'cd'.repeat(32)]]),
  });
  const text = renderReportMarkdown(model);
  assert.match(text, /^- Verification: 1 test-result file, 2 tests \(1 passed, 0 failed, 1 skipped\)$/m);
  const section = text.slice(text.indexOf('## Verification results'), text.indexOf('## Traceability matrix'));
  assert.ok(text.indexOf('## Summary') < text.indexOf('## Verification results'), 'after the summary');
  assert.match(section, /^Verification rests on this test-result file: /m);
  assert.ok(
    section.includes(
      `| test-results/junit.xml | junit${model.verification.resultFiles[0].dialect ? ` (${model.verification.resultFiles[0].dialect})` : ''} | 2026-01-01T00:00:00Z | 2.5 s | 2 tests (1 passed, 0 failed, 1 skipped) | 0123456789abcdef0123456789abcdef01234567 | yes (HEAD is another commit) | ${'cd'.repeat(32)} |`,
    ),
    section,
  );
  assert.match(section, /^Items that need verification: 1 passed, 0 failed, 1 not run, 0 without a linked test\.$/m);
  assert.match(text, /\| Tests \| Verification \| Unmet needs \|/);
  assert.match(text, /\| SR-001 \| SR \| Works \|.*\| test\/a\.test\.js:1 \| passed \(1 passed\) \| implemented \|/);
  assert.match(
    text,
    /\| SR-002 \| SR \| Skipped \|.*\| test\/a\.test\.js:3 \| not run \(1 not run\) \| implemented, verified \|/,
  );
  const csv = renderMatrixCsv(model).split('\r\n');
  assert.ok(csv[0].includes(',Tests,Verification,Needs,'));
  assert.ok(csv[1].includes(',test/a.test.js:1,passed (1 passed),'), csv[1]);
});

test('report.md without result files: verification is annotated only, said plainly', async () => {
  const { 'test-results/junit.xml': _, ...files } = VERIFIED;
  const model = buildReportModel(await engineFor(files), CONTEXT);
  const text = renderReportMarkdown(model);
  assert.match(text, /^- Verification: annotated only — no test-result file was read \(see testResults\)$/m);
  const section = text.slice(text.indexOf('## Verification results'), text.indexOf('## Traceability matrix'));
  assert.ok(
    section.includes('No test results were read: verification below is annotated only — annotations, not test runs.'),
  );
  assert.doesNotMatch(section, /passed|\|/);
  assert.match(text, /\| SR-001 \| SR \| Works \|.*\| annotated only \(1 test\) \|/);
  assert.doesNotMatch(renderMatrixCsv(model), /passed/);
});

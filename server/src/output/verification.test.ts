/**
 * Verification in the text, JSON and SARIF outputs (docs/ci.md): what it is based on (result
 * files, or annotations only — never shown as passed), each item's result and linked tests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SeclifeEngine } from '../core/engine';
import { engineFor } from '../testing/workspaces';
import { validateSarifSchema } from '../testing/sarifValidation';
import { buildJsonReport } from './json';
import { buildSarif } from './sarif';
import { formatText } from './text';
import { basisText, resultText, totalsText } from './verificationText';

const DOCS = '## SR-001: Works\n\n## SR-002: Fails\n\n## SR-003: Skipped\n\n## SR-004: Untested\n';
const TESTS = [
  "const { test } = require('node:test');",
  '// @verifies SR-001',
  "test('works', () => {});",
  '// @verifies SR-002',
  "test('fails', () => {});",
  '// @verifies SR-003',
  "test('skipped', () => {});",
  '',
].join('\n');
/** As node's test runner writes it (`--test-reporter=junit`). */
const JUNIT = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<testsuites>',
  '<testsuite name="a.test.js" timestamp="2026-01-01T00:00:00Z" time="0.3">',
  '<testcase name="works" classname="test" time="0.1"/>',
  '<testcase name="fails" classname="test" time="0.1"><failure message="expected 1 to be 2" type="AssertionError">stack</failure></testcase>',
  '<testcase name="skipped" classname="test" time="0.1"><skipped message="later"/></testcase>',
  '</testsuite>',
  '</testsuites>',
  '',
].join('\n');
/** A pytest-style case linked by a `verifies` property only. */
const PROPERTY = [
  '<testsuites><testsuite name="py">',
  '<testcase name="test_x" classname="tests.test_mod" time="0.2"><properties><property name="verifies" value="SR-004"/></properties></testcase>',
  '</testsuite></testsuites>',
  '',
].join('\n');

const withResults = () => engineFor({ 'docs/x.md': DOCS, 'test/a.test.js': TESTS, 'test-results/junit.xml': JUNIT });
const annotatedOnly = () => engineFor({ 'docs/x.md': DOCS, 'test/a.test.js': TESTS });

function text(engine: SeclifeEngine): string {
  return formatText(engine.findings(), engine.coverage(), engine.notes(), {
    showPath: (f) => f,
    color: false,
    verification: { mode: engine.verificationMode(), resultFiles: engine.testResultFiles() },
  });
}

const lastLine = (s: string) => s.trimEnd().split('\n').at(-1)!;

test('text: after the summary, what verification is based on (files and totals), and stale files', async () => {
  const engine = await withResults();
  assert.equal(lastLine(text(engine)), 'verification: 1 test-result file, 3 tests (1 passed, 1 failed, 1 skipped)');
  engine.setHeadCommit('a'.repeat(40));
  engine.updateFile(
    'test-results/junit.xml',
    JUNIT.replace('<testsuite ', `<testsuite `).replace(
      '<testcase name="works"',
      `<properties><property name="commit" value="${'b'.repeat(40)}"/></properties><testcase name="works"`,
    ),
  );
  assert.equal(
    lastLine(text(engine)),
    'verification: 1 test-result file, 3 tests (1 passed, 1 failed, 1 skipped); stale (recorded at another commit than HEAD): test-results/junit.xml',
  );
  // Without the option (other hosts), no line.
  assert.doesNotMatch(formatText([], {}, [], { showPath: (f) => f, color: false }), /verification/);
});

test('text: annotated only says so, and never says verified or passed', async () => {
  const engine = await annotatedOnly();
  const out = text(engine);
  assert.equal(lastLine(out), 'verification: annotated only — no test-result file was read (see testResults)');
  assert.doesNotMatch(lastLine(out), /verified|passed/);
  assert.equal(
    basisText({ mode: 'results', resultFiles: [] }),
    'from test results (gate.coverage.verification "passed"), but no test-result file was read: no item is verified',
  );
});

test('wording: totals and item results', () => {
  assert.equal(
    totalsText({ passed: 50, failed: 3, errored: 0, skipped: 4, other: 0 }),
    '57 tests (50 passed, 3 failed, 4 skipped)',
  );
  assert.equal(
    totalsText({ passed: 1, failed: 0, errored: 2, skipped: 0, other: 1 }),
    '4 tests (1 passed, 0 failed, 2 errored, 0 skipped, 1 todo)',
  );
  const counts = (tests: number, passed: number, failed: number, notRun: number) => ({ tests, passed, failed, notRun });
  assert.equal(resultText({ status: 'passed', counts: counts(3, 2, 0, 1) }), 'passed (2 passed, 1 not run)');
  assert.equal(resultText({ status: 'failed', counts: counts(2, 1, 1, 0) }), 'failed (1 failed, 1 passed)');
  assert.equal(resultText({ status: 'not-run', counts: counts(1, 0, 0, 1) }), 'not run (1 not run)');
  assert.equal(resultText({ status: 'annotated', counts: counts(2, 0, 0, 0) }), 'annotated only (2 tests)');
  assert.equal(resultText({ status: 'none', counts: counts(0, 0, 0, 0) }), 'no test');
});

test('JSON: the verification mode and result files, each item its result and linked tests, keys in order', async () => {
  const engine = await engineFor({
    'docs/x.md': DOCS,
    'test/a.test.js': TESTS,
    'test-results/junit.xml': JUNIT,
    'test-results/py.xml': PROPERTY,
  });
  const report = buildJsonReport(engine);
  assert.deepEqual(Object.keys(report), [
    'version',
    'findings',
    'items',
    'coverage',
    'verification',
    'vulnerabilities',
    'notes',
  ]);
  assert.equal(report.verification.mode, 'results');
  assert.deepEqual(report.verification.resultFiles[0], {
    file: 'test-results/junit.xml',
    format: 'junit',
    dialect: report.verification.resultFiles[0].dialect,
    timestamp: '2026-01-01T00:00:00Z',
    durationMs: 300,
    totals: { passed: 1, failed: 1, errored: 0, skipped: 1, other: 0 },
    cases: 3,
    problems: 0,
    stale: false,
  });
  assert.deepEqual(Object.keys(report.verification.resultFiles[0]), [
    'file',
    'format',
    ...(report.verification.resultFiles[0].dialect ? ['dialect'] : []),
    'timestamp',
    'durationMs',
    'totals',
    'cases',
    'problems',
    'stale',
  ]);
  const item = (id: string) => report.items.find((i) => i.id === id)!;
  assert.deepEqual(
    report.items.map((i) => [i.id, i.verification?.status]),
    [
      ['SR-001', 'passed'],
      ['SR-002', 'failed'],
      ['SR-003', 'not-run'],
      ['SR-004', 'passed'],
    ],
  );
  assert.deepEqual(Object.keys(item('SR-002')).slice(-2), ['verification', 'tests']);
  assert.deepEqual(item('SR-002').verification, {
    status: 'failed',
    counts: { tests: 1, passed: 0, failed: 1, notRun: 0 },
  });
  assert.deepEqual(item('SR-002').tests, [
    {
      file: 'test/a.test.js',
      line: 4,
      test: { name: 'fails', suitePath: [], fullName: 'fails' },
      status: 'failed',
      results: [
        {
          resultFile: 'test-results/junit.xml',
          line: 5,
          name: 'a.test.js › fails',
          status: 'failed',
          message: 'expected 1 to be 2',
          durationMs: 100,
        },
      ],
    },
  ]);
  assert.deepEqual(Object.keys(item('SR-002').tests![0]), ['file', 'line', 'test', 'status', 'results']);
  assert.equal(item('SR-003').tests![0].results[0].status, 'skipped');
  // Linked by a `verifies` property only: a test entry without file and line.
  assert.deepEqual(item('SR-004').tests, [
    {
      status: 'passed',
      results: [{ resultFile: 'test-results/py.xml', line: 2, name: 'py › test_x', status: 'passed', durationMs: 200 }],
    },
  ]);
  assert.equal(JSON.stringify(buildJsonReport(engine)), JSON.stringify(report), 'deterministic');
});

test('JSON: annotated only: mode, no result files, tests "annotated", nothing passed', async () => {
  const report = buildJsonReport(await annotatedOnly());
  assert.deepEqual(report.verification, { mode: 'annotated-only', resultFiles: [] });
  const sr1 = report.items.find((i) => i.id === 'SR-001')!;
  assert.deepEqual(sr1.verification, { status: 'annotated', counts: { tests: 1, passed: 0, failed: 0, notRun: 0 } });
  assert.deepEqual(sr1.tests, [
    {
      file: 'test/a.test.js',
      line: 2,
      test: { name: 'works', suitePath: [], fullName: 'works' },
      status: 'annotated',
      results: [],
    },
  ]);
  assert.equal(report.items.find((i) => i.id === 'SR-004')!.verification!.status, 'none');
  assert.doesNotMatch(JSON.stringify(report.items), /"status":"passed"/);
});

test('SARIF: run properties name the mode and result files; failed results are related locations in the result file', async () => {
  const engine = await withResults();
  const verification = { mode: engine.verificationMode(), resultFiles: engine.testResultFiles() };
  const log = buildSarif(engine.findings(), { verification });
  assert.equal(validateSarifSchema(log), true, JSON.stringify(validateSarifSchema.errors, null, 2));
  const run = log.runs[0];
  assert.deepEqual(run.properties, {
    verification: {
      mode: 'results',
      resultFiles: [
        {
          file: 'test-results/junit.xml',
          format: 'junit',
          ...(verification.resultFiles[0].dialect ? { dialect: verification.resultFiles[0].dialect } : {}),
          timestamp: '2026-01-01T00:00:00Z',
          durationMs: 300,
          totals: { passed: 1, failed: 1, errored: 0, skipped: 1, other: 0 },
          cases: 3,
          problems: 0,
          stale: false,
        },
      ],
    },
  });
  const failed = run.results!.filter((r) => r.ruleId === 'verification-failed');
  assert.equal(failed.length, 2, 'at the annotation and on the item');
  for (const r of failed) {
    const inResults = r.relatedLocations!.filter(
      (l) => l.physicalLocation!.artifactLocation!.uri === 'test-results/junit.xml',
    );
    assert.equal(inResults.length, 1);
    assert.equal(inResults[0].physicalLocation!.artifactLocation!.uriBaseId, 'SRCROOT');
    assert.equal(inResults[0].physicalLocation!.region!.startLine, 5);
    assert.match(inResults[0].message!.text!, /^failed: a\.test\.js › fails — expected 1 to be 2$/);
  }
  assert.deepEqual(
    run
      .results!.filter((r) => r.ruleId === 'verification-not-run')
      .map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri),
    ['docs/x.md', 'test/a.test.js'],
  );
  const annotated = await annotatedOnly();
  const plain = buildSarif(annotated.findings(), {
    verification: { mode: annotated.verificationMode(), resultFiles: annotated.testResultFiles() },
  });
  assert.deepEqual(plain.runs[0].properties, { verification: { mode: 'annotated-only', resultFiles: [] } });
  assert.equal(validateSarifSchema(plain), true);
  assert.equal(buildSarif([]).runs[0].properties, undefined, 'no property without the option');
});

/**
 * Test results in the editor features (docs/language-server.md, Test results): hover on
 * `@verifies` and on its ID, item hovers, code lenses, the trace tree and the coverage
 * tally, with results read and without (annotated only — never shown as passed).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeLens } from 'vscode-languageserver-types';
import { contextFor, ROOT_URI, TestContext } from '../testing/serviceContext';
import { codeLenses } from './codeLens';
import { diagnosticsFor } from './diagnostics';
import { hover } from './hover';
import { coverageReport, FolderContext, traceTree } from './views';

const TEST_FILE = [
  "import { describe, test } from 'node:test';",
  "describe('auth', () => {",
  '  // @verifies SR-001',
  "  test('locks the account', () => {});",
  '  // @verifies SR-002',
  "  test('audits', () => {});",
  '  // @verifies SR-003',
  "  test('expires sessions', () => {});",
  '  // @verifies SR-001',
  "  test('unlocks later', () => {});",
  '});',
  '// @verifies SR-004',
  'export const notATest = 1;',
  '',
].join('\n');

const JUNIT = [
  '<?xml version="1.0"?>',
  '<testsuites>',
  '<testsuite name="auth" tests="3">',
  '<testcase name="locks the account" classname="test" time="0.5"/>',
  '  <testcase name="audits" classname="test" time="0.0007">',
  '<failure message="expected audit entry&#10;at audit.ts:3">stack</failure>',
  '</testcase>',
  '<testcase name="expires sessions" classname="test" time="0"><skipped message="clock mock not ready"/></testcase>',
  '</testsuite>',
  '</testsuites>',
  '',
].join('\n');

const DOCS = {
  'docs/requirements.md': `# Requirements\n\n${[1, 2, 3, 4, 5].map((i) => `## SR-00${i}: Requirement ${i}\n`).join('\n')}`,
  'src/auth.ts': '// @implements SR-001, SR-002, SR-003, SR-004, SR-005\nexport const x = 1;\n',
  'test/auth.test.ts': TEST_FILE,
};

const withResults = () => contextFor({ ...DOCS, 'test-results/junit.xml': JUNIT });

function titles(lenses: CodeLens[]): string[] {
  return lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`);
}

function hoverText(ctx: TestContext, file: string, line: number, character: number): string {
  const h = hover(ctx, file, { line, character });
  assert.ok(h, `a hover at ${file}:${line}:${character}`);
  return (h.contents as { value: string }).value;
}

const folder = (ctx: TestContext): FolderContext =>
  Object.assign(ctx, { name: 'ws', uriString: ROOT_URI, indexing: false });

const OPEN_FAILURE_ARGS = encodeURIComponent(
  JSON.stringify([
    {
      uri: `${ROOT_URI}/test-results/junit.xml`,
      // At the case's `<testcase` (line 5, column 3).
      range: { start: { line: 4, character: 2 }, end: { line: 4, character: 2 } },
    },
  ]),
);

test('hover on @verifies: the bound test, its result, duration, the result file line and the open-failure command', async () => {
  const ctx = await withResults();
  const h = hover(ctx, 'test/auth.test.ts', { line: 4, character: 6 })!;
  assert.deepEqual(h.range, { start: { line: 4, character: 5 }, end: { line: 4, character: 14 } });
  const failed = (h.contents as { value: string }).value;
  assert.equal(
    failed,
    [
      '**@verifies SR-002** · *Requirement 2*',
      '',
      '**Test** auth › audits · `test/auth.test.ts:6`',
      '',
      `✗ failed · 0.7 ms · [test-results/junit.xml:5](${ROOT_URI}/test-results/junit.xml#L5) · [Open failure](command:seclife.openTestResult?${OPEN_FAILURE_ARGS} "Open the result file at this case") — expected audit entry`,
    ].join('\n'),
    'the failure message is cut at its first line',
  );
  const passed = hoverText(ctx, 'test/auth.test.ts', 2, 8);
  assert.match(
    passed,
    /\*\*Test\*\* auth › locks the account · `test\/auth\.test\.ts:4`\n\n✓ passed · 500 ms · \[test-results\/junit\.xml:4\]/,
  );
  assert.doesNotMatch(passed, /Open failure/);
  assert.match(
    hoverText(ctx, 'test/auth.test.ts', 6, 5),
    /skipped · 0 ms · \[test-results\/junit\.xml:8\]\([^)]+\) — clock mock not ready/,
  );
  assert.match(
    hoverText(ctx, 'test/auth.test.ts', 8, 5),
    /auth › unlocks later[^\n]*\n\nno result in the test-result file read/,
  );
  assert.match(
    hoverText(ctx, 'test/auth.test.ts', 11, 5),
    /\*\*Test\*\*: none found\n\nno test found: put `@verifies` directly above the test/,
  );
  // Not on the verb, not on an ID: nothing.
  assert.equal(hover(ctx, 'test/auth.test.ts', { line: 3, character: 4 }), undefined);
});

test('hover on the ID of an @verifies: the item with its verification, then the test', async () => {
  const ctx = await withResults();
  const value = hoverText(ctx, 'test/auth.test.ts', 4, 17);
  assert.match(value, /^\*\*SR-002\*\* · Security requirement · \*Requirement 2\*/);
  assert.match(value, /✓ implemented · ✗ verified/);
  assert.match(value, /Verification: ✗ failed — 1 test · ✗ 1 failed \(1 result file\)/);
  assert.match(value, /---\n\n\*\*Test\*\* auth › audits · `test\/auth\.test\.ts:6`\n\n✗ failed/);
  // The item hover elsewhere (its definition): status and counts, no test section.
  const item = hoverText(ctx, 'docs/requirements.md', 2, 5);
  assert.match(item, /Verification: ✓ passed — 2 tests · ✓ 1 passed · 1 not run \(1 result file\)/);
  assert.doesNotMatch(item, /\*\*Test\*\*/);
  assert.match(hoverText(ctx, 'docs/requirements.md', 10, 5), /✗ verified[\s\S]*Verification: no linked test/);
});

test('annotated only: hovers and lenses say so and never say passed', async () => {
  const ctx = await contextFor(DOCS);
  const verb = hoverText(ctx, 'test/auth.test.ts', 2, 6);
  assert.match(
    verb,
    /\*\*Test\*\* auth › locks the account · `test\/auth\.test\.ts:4`\n\nannotated only — no test results read$/,
  );
  const item = hoverText(ctx, 'docs/requirements.md', 2, 5);
  assert.match(item, /✓ implemented · ✓ verified \(annotated only\)/);
  assert.match(item, /Verification: annotated only — 2 tests, no test results read/);
  for (const text of [verb, item]) assert.doesNotMatch(text, /passed/);
  const lenses = [...titles(codeLenses(ctx, 'docs/requirements.md')), ...titles(codeLenses(ctx, 'test/auth.test.ts'))];
  assert.deepEqual(lenses, [
    '2: 1 implementation · 2 tests · annotated only · ✓',
    '4: 1 implementation · 1 test · annotated only · ✓',
    '6: 1 implementation · 1 test · annotated only · ✓',
    '8: 1 implementation · 1 test · annotated only · ✓',
    '10: 1 implementation · 0 tests · missing: verified',
    '2: SR-001 Requirement 1 · ✓ covered · annotated only',
    '4: SR-002 Requirement 2 · ✓ covered · annotated only',
    '6: SR-003 Requirement 3 · ✓ covered · annotated only',
    '8: SR-001 Requirement 1 · ✓ covered · annotated only',
    '11: SR-004 Requirement 4 · ✓ covered · annotated only',
  ]);
  for (const l of lenses) assert.doesNotMatch(l, /passed/);
});

test('code lenses with results: counts per status; an annotation whose test failed or did not run is never covered', async () => {
  const ctx = await withResults();
  assert.deepEqual(titles(codeLenses(ctx, 'docs/requirements.md')), [
    '2: 1 implementation · 2 tests · ✓ 1 passed · 1 not run · ✓',
    '4: 1 implementation · 1 test · ✗ 1 failed · missing: verified',
    '6: 1 implementation · 1 test · 1 not run · missing: verified',
    '8: 1 implementation · 1 test · 1 not run · missing: verified',
    '10: 1 implementation · 0 tests · missing: verified',
  ]);
  const onTests = titles(codeLenses(ctx, 'test/auth.test.ts'));
  assert.deepEqual(onTests, [
    '2: SR-001 Requirement 1 · ✓ test passed',
    '4: SR-002 Requirement 2 · ✗ test failed · missing: verified',
    '6: SR-003 Requirement 3 · test skipped · missing: verified',
    // SR-001 is verified by its other test; this annotation's own test did not run.
    '8: SR-001 Requirement 1 · test not run',
    '11: SR-004 Requirement 4 · no test found · missing: verified',
  ]);
  for (const l of onTests.slice(1)) assert.doesNotMatch(l, /covered|✓/);
});

test('a failing test: verification-failed on the annotation, related to the case line of the result file', async () => {
  const ctx = await withResults();
  const [failed] = diagnosticsFor(ctx, 'test/auth.test.ts').filter((d) => d.code === 'verification-failed');
  assert.equal(failed.range.start.line, 4);
  assert.match(
    failed.message,
    /@verifies SR-002: test 'auth › audits' failed \(test-results\/junit\.xml:5\): expected audit entry/,
  );
  assert.deepEqual(
    failed.relatedInformation?.map((r) => `${r.location.uri}:${r.location.range.start.line}`),
    [`${ROOT_URI}/test-results/junit.xml:4`],
  );
});

test('the trace tree carries each test with its results; coverage separates passed from annotated only', async () => {
  const ctx = await withResults();
  const items = traceTree([folder(ctx)], {}).folders[0].kinds.flatMap((k) => k.items);
  const sr1 = items.find((i) => i.id === 'SR-001')!;
  assert.deepEqual(sr1.verification, {
    mode: 'results',
    status: 'passed',
    counts: { tests: 2, passed: 1, failed: 0, notRun: 1 },
    resultFiles: 1,
  });
  const tests = sr1.links.filter((l) => l.role === 'verifies').map((l) => l.test);
  assert.deepEqual(tests[0], {
    name: 'auth › locks the account',
    line: 4,
    status: 'passed',
    results: [
      {
        location: {
          uri: `${ROOT_URI}/test-results/junit.xml`,
          range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
        },
        status: 'passed',
        name: 'auth › locks the account',
        durationMs: 500,
      },
    ],
  });
  assert.deepEqual(tests[1], {
    name: 'auth › unlocks later',
    line: 10,
    status: 'not-run',
    reason: 'no-result',
    results: [],
  });
  const sr2 = items.find((i) => i.id === 'SR-002')!.links.find((l) => l.role === 'verifies')!.test!;
  assert.deepEqual(
    [sr2.status, sr2.results[0].message],
    ['failed', 'expected audit entry'],
    'the message is its first line',
  );
  const coverage = coverageReport([folder(ctx)]);
  assert.deepEqual(coverage.verification, {
    mode: 'results',
    resultFiles: 1,
    passed: 1,
    failed: 1,
    notRun: 2,
    annotated: 0,
    none: 1,
  });
  assert.deepEqual(coverage.kinds.find((k) => k.prefix === 'SR')?.verification, {
    passed: 1,
    failed: 1,
    notRun: 2,
    annotated: 0,
    none: 1,
  });
  assert.deepEqual(
    coverage.gaps.map((g) => `${g.id}:${g.verification}`),
    ['SR-002:failed', 'SR-003:not-run', 'SR-004:not-run', 'SR-005:none'],
  );
  const annotated = coverageReport([folder(await contextFor(DOCS))]);
  assert.deepEqual(annotated.verification, {
    mode: 'annotated-only',
    resultFiles: 0,
    passed: 0,
    failed: 0,
    notRun: 0,
    annotated: 4,
    none: 1,
  });
  const tree = traceTree([folder(await contextFor(DOCS))], {}).folders[0].kinds.flatMap((k) => k.items);
  assert.deepEqual(
    tree
      .find((i) => i.id === 'SR-001')!
      .links.filter((l) => l.test)
      .map((l) => l.test!.status),
    ['annotated', 'annotated'],
  );
});

test('results linked only by a verifies property are a test-result link at the result line', async () => {
  const ctx = await contextFor({
    ...DOCS,
    'test-results/junit.xml': [
      '<testsuites><testsuite name="py">',
      '<testcase name="test_x" classname="t.test_x" time="0.1">',
      '<properties><property name="verifies" value="SR-005"/></properties>',
      '</testcase>',
      '</testsuite></testsuites>',
      '',
    ].join('\n'),
  });
  const sr5 = traceTree([folder(ctx)], {})
    .folders[0].kinds.flatMap((k) => k.items)
    .find((i) => i.id === 'SR-005')!;
  const link = sr5.links.find((l) => l.role === 'test-result')!;
  assert.deepEqual(
    [link.symbol, link.location.uri, link.location.range.start.line],
    ['py › test_x', `${ROOT_URI}/test-results/junit.xml`, 1],
  );
  assert.equal(link.test?.status, 'passed');
});

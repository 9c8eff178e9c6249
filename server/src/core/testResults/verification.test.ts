import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor, summarize } from '../../testing/workspaces';
import { sameFile, stripParams } from './matching';

const DOCS = {
  'docs/requirements.md':
    '# Requirements\n\n## SR-001: Lock accounts\n\n## SR-002: Expire sessions\n\n## SR-003: Audit\n',
};
const TESTS = {
  'test/auth.test.js': [
    "describe('auth', () => {",
    '  // @verifies SR-001',
    "  test('locks', () => {});",
    '  // @verifies SR-002',
    "  test('expires', () => {});",
    '});',
    '',
  ].join('\n'),
};
/** A JUnit report as node's test runner writes it (no file attribute, classname "test"). */
function nodeJunit(cases: Array<[name: string, body?: string]>, suite = 'auth', head = ''): string {
  const lines = cases.map(([name, body]) =>
    body
      ? `<testcase name="${name}" time="0.01" classname="test">${body}</testcase>`
      : `<testcase name="${name}" time="0.01" classname="test"/>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<testsuites>${head}\n<testsuite name="${suite}">\n${lines.join('\n')}\n</testsuite>\n</testsuites>\n`;
}
const FAIL = '<failure message="expected lock" type="testCodeFailure">AssertionError: expected lock</failure>';
const SKIP = '<skipped type="skipped" message="needs a clock"/>';

const verificationOf = (engine: Awaited<ReturnType<typeof engineFor>>) =>
  engine.items().map((s) => `${s.def.id} ${s.verification?.status}`);
const relevant = (engine: Awaited<ReturnType<typeof engineFor>>) =>
  summarize(
    engine
      .findings()
      .filter((f) => f.code.startsWith('verification') || f.code === 'not-verified' || f.code === 'test-results-stale'),
  );

test('without result files verification is annotated only: the annotation counts, as before, and says so', async () => {
  const engine = await engineFor({ ...DOCS, ...TESTS });
  assert.equal(engine.verificationMode(), 'annotated-only');
  assert.deepEqual(verificationOf(engine), ['SR-001 annotated', 'SR-002 annotated', 'SR-003 none']);
  assert.deepEqual(relevant(engine), ['not-verified docs/requirements.md:7 SR-003']);
  assert.equal(engine.item('SR-001')!.met.includes('verified'), true);
  assert.equal(engine.item('SR-001')!.verification!.tests[0].test!.fullName, 'auth locks');
});

test('with results: a passing test verifies, a failing one is verification-failed at the annotation and the item', async () => {
  const engine = await engineFor({
    ...DOCS,
    ...TESTS,
    'test-results/junit.xml': nodeJunit([['locks'], ['expires', FAIL]]),
  });
  assert.equal(engine.verificationMode(), 'results');
  assert.deepEqual(verificationOf(engine), ['SR-001 passed', 'SR-002 failed', 'SR-003 none']);
  assert.deepEqual(relevant(engine), [
    'verification-failed docs/requirements.md:5 SR-002',
    'not-verified docs/requirements.md:7 SR-003',
    'verification-failed test/auth.test.js:4 SR-002',
  ]);
  const atAnnotation = engine
    .findings()
    .find((f) => f.code === 'verification-failed' && f.file === 'test/auth.test.js')!;
  assert.equal(
    atAnnotation.message,
    "@verifies SR-002: test 'auth › expires' failed (test-results/junit.xml:5): expected lock",
  );
  assert.deepEqual(
    atAnnotation.related!.map((r) => `${r.file}:${r.line}`),
    ['test-results/junit.xml:5'],
    'the failing result is a related location (the editor opens it)',
  );
  assert.deepEqual(
    engine.items().map((i) => i.met.includes('verified')),
    [true, false, false],
  );
});

test('skipped, todo and missing results do not verify: verification-not-run at the annotation and the item', async () => {
  const engine = await engineFor({
    ...DOCS,
    ...TESTS,
    'test-results/junit.xml': nodeJunit([['locks', SKIP]]),
  });
  assert.deepEqual(verificationOf(engine), ['SR-001 not-run', 'SR-002 not-run', 'SR-003 none']);
  const messages = engine
    .findings()
    .filter((f) => f.code === 'verification-not-run')
    .map((f) => `${f.file}:${f.line} ${f.message}`);
  assert.deepEqual(messages, [
    'docs/requirements.md:3 SR-001 (Lock accounts) is not verified: its linked test has no passing result (skipped, or no result)',
    'docs/requirements.md:5 SR-002 (Expire sessions) is not verified: its linked test has no passing result (skipped, or no result)',
    "test/auth.test.js:2 @verifies SR-001: test 'auth › locks' was skipped (test-results/junit.xml:4): needs a clock; a skipped test verifies nothing",
    "test/auth.test.js:4 @verifies SR-002: test 'auth › expires' has no result in the one test-result file read (it did not run, or its report is not one of them)",
  ]);
  assert.deepEqual(engine.coverage().SR, { total: 3, covered: 0 });
});

test('one passing test is enough when none failed; one failing test fails the item even when others passed', async () => {
  const tests = {
    'test/a.test.js': "// @verifies SR-001\ntest('a', () => {});\n// @verifies SR-001\ntest('b', () => {});\n",
  };
  const partly = await engineFor({ ...DOCS, ...tests, 'test-results/junit.xml': nodeJunit([['a']], 'x') });
  assert.equal(partly.item('SR-001')!.verification!.status, 'passed');
  assert.deepEqual(partly.item('SR-001')!.verification!.counts, { tests: 2, passed: 1, failed: 0, notRun: 1 });
  assert.deepEqual(
    relevant(partly).filter((f) => f.includes('SR-001')),
    ['verification-not-run test/a.test.js:3 SR-001'],
  );
  const mixed = await engineFor({ ...DOCS, ...tests, 'test-results/junit.xml': nodeJunit([['a'], ['b', FAIL]], 'x') });
  assert.equal(mixed.item('SR-001')!.verification!.status, 'failed');
  assert.equal(mixed.item('SR-001')!.met.includes('verified'), false);
});

test('an annotation that binds to no test cannot be matched: verification-not-run says why', async () => {
  const engine = await engineFor({
    ...DOCS,
    'test/a.test.js': "const title = 'computed';\n// @verifies SR-001\ntest(title, () => {});\n",
    'test-results/junit.xml': nodeJunit([['computed']], 'x'),
  });
  assert.equal(engine.item('SR-001')!.verification!.tests[0].reason, 'unbound');
  assert.match(
    engine.findings().find((f) => f.code === 'verification-not-run' && f.file === 'test/a.test.js')!.message,
    /binds to no test Seclife can name/,
  );
});

test('a result matched by name alone in two files is ambiguous: a note, not a guess', async () => {
  const engine = await engineFor({
    ...DOCS,
    'test/a.test.js': "// @verifies SR-001\ntest('works', () => {});\n",
    'test/b.test.js': "// @verifies SR-002\ntest('works', () => {});\n",
    'test-results/junit.xml': nodeJunit([['works']], 'x')
      .replace('<testsuite name="x">\n', '')
      .replace('</testsuite>\n', ''),
  });
  assert.deepEqual(verificationOf(engine).slice(0, 2), ['SR-001 not-run', 'SR-002 not-run']);
  assert.equal(engine.item('SR-001')!.verification!.tests[0].reason, 'ambiguous');
  assert.deepEqual(
    engine.notes().filter((n) => n.message.includes('by name alone')),
    [
      {
        file: 'test-results/junit.xml',
        message:
          "test result 'works' (line 3) matches tests in test/a.test.js, test/b.test.js by name alone; it is not counted for any of them (give the report file names, or record a 'verifies' property)",
      },
    ],
  );
});

test('a report that names files matches by file and name: the same title in two files is no ambiguity', async () => {
  const engine = await engineFor({
    ...DOCS,
    'test/a.test.js': "// @verifies SR-001\ntest('works', () => {});\n",
    'test/b.test.js': "// @verifies SR-002\ntest('works', () => {});\n",
    'test-results/junit.xml':
      '<testsuites><testsuite name="s"><testcase name="works" file="/ci/build/test/a.test.js"/><testcase name="works" file="test/b.test.js"><failure message="no"/></testcase></testsuite></testsuites>',
  });
  assert.deepEqual(verificationOf(engine).slice(0, 2), ['SR-001 passed', 'SR-002 failed']);
});

test('a verifies property on a result links it to the item, with or without an annotation', async () => {
  const engine = await engineFor({
    ...DOCS,
    'test-results/junit.xml':
      '<testsuites><testsuite name="s"><testcase name="t1" classname="m"><properties><property name="verifies" value="SR-003, SR-001"/></properties></testcase></testsuite></testsuites>',
  });
  assert.deepEqual(verificationOf(engine), ['SR-001 passed', 'SR-002 none', 'SR-003 passed']);
  assert.equal(engine.item('SR-003')!.verification!.tests[0].results[0].by, 'property');
});

test('shards and reruns: the same test in two files counts once, by the latest run; disagreement is a note', async () => {
  const timed = (ts: string, body?: string) =>
    `<testsuites><testsuite name="auth" timestamp="${ts}"><testcase name="locks" classname="test">${body ?? ''}</testcase></testsuite></testsuites>`;
  const later = await engineFor({
    ...DOCS,
    ...TESTS,
    'test-results/run1.junit.xml': timed('2026-12-01T10:00:00', FAIL),
    'test-results/run2.junit.xml': timed('2026-12-01T11:00:00'),
  });
  assert.equal(later.item('SR-001')!.verification!.status, 'passed', 'the rerun an hour later passed');
  assert.match(
    later.notes().find((n) => n.message.startsWith("test 'auth › locks'"))!.message,
    /counted as passed \(the latest run\)/,
  );
  const untimed = await engineFor({
    ...DOCS,
    ...TESTS,
    'test-results/a/junit.xml': nodeJunit([['locks', FAIL]]),
    'test-results/b/junit.xml': nodeJunit([['locks']]),
  });
  assert.equal(untimed.item('SR-001')!.verification!.status, 'failed', 'without timestamps the worst result counts');
});

test('test-results-stale: a report naming another commit than HEAD; the same commit, a prefix or no HEAD give none', async () => {
  const head = '58cf439247c50854d315ec71b22741be849c2196';
  const files = (commit: string) => ({
    ...DOCS,
    ...TESTS,
    'test-results/junit.xml': nodeJunit(
      [['locks']],
      'auth',
      `<properties><property name="commit" value="${commit}"/></properties>`,
    ),
  });
  const other = await engineFor(files('1111111111111111111111111111111111111111'));
  other.setHeadCommit(head);
  assert.deepEqual(
    relevant(other).filter((f) => f.startsWith('test-results-stale')),
    ['test-results-stale test-results/junit.xml:1'],
  );
  assert.equal(other.testResultFiles()[0].stale, true);
  for (const same of [head, head.slice(0, 8).toUpperCase()]) {
    const e = await engineFor(files(same));
    e.setHeadCommit(head);
    assert.deepEqual(
      relevant(e).filter((f) => f.startsWith('test-results-stale')),
      [],
    );
  }
  const noGit = await engineFor(files(head));
  noGit.setHeadCommit(undefined);
  assert.deepEqual(
    relevant(noGit).filter((f) => f.startsWith('test-results-stale')),
    [],
  );
  assert.ok(
    noGit.notes().some((n) => /commit is unknown/.test(n.message)),
    'a note says it was not compared',
  );
});

test('gate.coverage.verification "passed" without results: every linked test is not run and the gate says why', async () => {
  const engine = await engineFor({
    ...DOCS,
    ...TESTS,
    'seclife.json': JSON.stringify({ gate: { coverage: { verification: 'passed', SR: 50 } } }),
  });
  assert.equal(engine.verificationMode(), 'results');
  assert.deepEqual(verificationOf(engine).slice(0, 2), ['SR-001 not-run', 'SR-002 not-run']);
  const gate = engine.gate();
  assert.equal(gate.passed, false);
  assert.deepEqual(
    gate.checks.filter((c) => !c.passed).map((c) => c.name),
    ['coverage.verification', 'coverage.SR'],
  );
  assert.match(gate.checks.find((c) => c.name === 'coverage.verification')!.message, /no test-result file was read/);
});

test('incremental: a result file that changes, appears or goes updates the evidence and the findings', async () => {
  const engine = await engineFor({ ...DOCS, ...TESTS });
  assert.equal(engine.item('SR-002')!.verification!.status, 'annotated');
  const changed = engine.updateFile('test-results/junit.xml', nodeJunit([['locks'], ['expires', FAIL]]));
  assert.ok(changed.has('test/auth.test.js') && changed.has('docs/requirements.md'));
  assert.equal(engine.item('SR-002')!.verification!.status, 'failed');
  engine.updateFile('test-results/junit.xml', nodeJunit([['locks'], ['expires']]));
  assert.equal(engine.item('SR-002')!.verification!.status, 'passed');
  assert.deepEqual(relevant(engine), ['not-verified docs/requirements.md:7 SR-003']);
  // An edit of the test file re-binds: a renamed test has no result any more.
  engine.updateFile('test/auth.test.js', TESTS['test/auth.test.js'].replace("'expires'", "'expires soon'"));
  assert.equal(engine.item('SR-002')!.verification!.status, 'not-run');
  // A keystroke inside a test body moves no annotation: the evidence stays (and is not re-matched).
  const renamed = TESTS['test/auth.test.js'].replace("'expires'", "'expires soon'");
  engine.updateFile('test/auth.test.js', renamed.replace('() => {}', '() => { /* edited */ }'));
  assert.equal(engine.item('SR-002')!.verification!.status, 'not-run');
  assert.equal(engine.item('SR-001')!.verification!.status, 'passed');
  // A line inserted above the annotations moves them: re-matched, still the same results.
  engine.updateFile('test/auth.test.js', `// header\n${TESTS['test/auth.test.js']}`);
  assert.equal(engine.item('SR-002')!.verification!.status, 'passed');
  // The test file goes: its annotations go with it, the items are no longer verified by it.
  engine.removeFile('test/auth.test.js');
  assert.deepEqual(verificationOf(engine).slice(0, 2), ['SR-001 none', 'SR-002 none']);
  engine.updateFile('test/auth.test.js', TESTS['test/auth.test.js']);
  assert.equal(engine.item('SR-002')!.verification!.status, 'passed');
  engine.removeFile('test-results/junit.xml');
  assert.equal(engine.verificationMode(), 'annotated-only');
  assert.equal(engine.item('SR-002')!.verification!.status, 'annotated');
});

test('result files that cannot be read verify nothing and say why; their tests are not run', async () => {
  const engine = await engineFor({
    ...DOCS,
    ...TESTS,
    'test-results/junit.xml': '<testsuites><testsuite name="a"><testcase name="locks"',
    'test-results/ctrf-report.json': '{"results": {"tests": "not a list"}}',
    'test-results/empty.tap': 'TAP version 14\n1..0\n',
  });
  assert.equal(engine.verificationMode(), 'results');
  const notes = engine.notes().filter((n) => n.file.startsWith('test-results/'));
  assert.ok(
    notes.some((n) => n.file === 'test-results/junit.xml' && /^test results: line 1/.test(n.message)),
    JSON.stringify(notes),
  );
  assert.ok(
    notes.some((n) => n.file === 'test-results/ctrf-report.json'),
    JSON.stringify(notes),
  );
  assert.equal(engine.item('SR-001')!.verification!.status, 'not-run');
});

test('a result naming a file that is not in the workspace matches nothing (no guess by name), and a note says so', async () => {
  const engine = await engineFor({
    ...DOCS,
    ...TESTS,
    'test-results/junit.xml':
      '<testsuites><testsuite name="auth"><testcase name="locks" file="elsewhere/other.test.js"/></testsuite></testsuites>',
  });
  assert.equal(engine.item('SR-001')!.verification!.status, 'not-run');
  assert.deepEqual(
    engine.notes().filter((n) => n.file === 'test-results/junit.xml'),
    [
      {
        file: 'test-results/junit.xml',
        message:
          '1 test result names a file Seclife did not read (elsewhere/other.test.js): not in the workspace, excluded, or not a test file; it matches no annotation',
      },
    ],
  );
});

test('result files are found by the default globs and by testResults; excluded folders stay excluded', async () => {
  const report = nodeJunit([['locks']]);
  const found = (files: Record<string, string>) =>
    engineFor({ ...DOCS, ...TESTS, ...files }).then((e) => e.testResultFiles().map((r) => r.file));
  assert.deepEqual(
    await found({
      'services/api/test-results/unit.xml': report,
      'junit-shard-1.xml': report,
      'target/surefire-reports/TEST-com.example.AuthTest.xml': report,
      'reports/auth.junit.xml': report,
      'ctrf-report.json': '{"results":{"tool":{"name":"x"},"summary":{},"tests":[]}}',
      'out.tap': 'TAP version 13\nok 1 - locks\n1..1\n',
      'node_modules/pkg/junit.xml': report,
      'build/test-results/test/TEST-x.xml': report,
      'results.xml': report,
    }),
    [
      'ctrf-report.json',
      'junit-shard-1.xml',
      'out.tap',
      'reports/auth.junit.xml',
      'services/api/test-results/unit.xml',
      'target/surefire-reports/TEST-com.example.AuthTest.xml',
    ],
  );
  assert.deepEqual(
    await found({
      'seclife.json': JSON.stringify({ testResults: ['reports/*.xml'] }),
      'reports/results.xml': report,
      'junit.xml': report,
    }),
    ['reports/results.xml'],
  );
});

test('sameFile and stripParams: report paths from other roots, parameter suffixes', () => {
  assert.equal(sameFile('/home/ci/work/test/a.test.js', 'test/a.test.js'), true);
  assert.equal(sameFile('./test/a.test.js', 'test/a.test.js'), true);
  assert.equal(sameFile('tests/test_auth.py', 'services/api/tests/test_auth.py'), true);
  assert.equal(sameFile('test/a.test.js', 'test/aa.test.js'), false);
  assert.equal(sameFile('xtest/a.test.js', 'test/a.test.js'), false);
  assert.equal(stripParams('test_x[1-a]'), 'test_x');
  assert.equal(stripParams('locksAfterFiveFailures()'), 'locksAfterFiveFailures');
  assert.equal(stripParams('RejectsWeak(password: "x")'), 'RejectsWeak');
  assert.equal(stripParams('TestX/sub#01'), 'TestX/sub');
  assert.equal(stripParams('RejectsWeak/3'), 'RejectsWeak');
  assert.equal(stripParams('audit log entry is written (flaky)'), 'audit log entry is written (flaky)');
});

test("a test whose title starts another test's title does not take its result (jest full titles)", async () => {
  const engine = await engineFor({
    ...DOCS,
    'test/a.test.js':
      "describe('auth', () => {\n  // @verifies SR-001\n  test('locks', () => {});\n  // @verifies SR-002\n  test('locks after 5', () => {});\n});\n",
    'test-results/junit.xml':
      '<testsuites><testsuite name="auth"><testcase classname="auth locks after 5" name="auth locks after 5"/></testsuite></testsuites>',
  });
  assert.deepEqual(verificationOf(engine).slice(0, 2), ['SR-001 not-run', 'SR-002 passed']);
});

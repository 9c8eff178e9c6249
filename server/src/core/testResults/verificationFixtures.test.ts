/**
 * Every real runner's report in test/fixtures/test-results/ (see its README), read next to
 * the annotated tests it came from: each fixture project annotates six tests the same way
 * (SR-001 passes, SR-002 fails, SR-003 is skipped, SR-004 todo, SR-005 errors, SR-006 passes
 * or is flaky), with per-runner differences noted in the table below.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { engineFor } from '../../testing/workspaces';
import { TEST_RESULTS_ROOT } from '../../testing/testResultFixtures';

const TESTS_GLOBS = ['**/test/**', '**/tests/**', '**/*_test.go', '**/src/test/**', '**/*Tests.cs', '**/*_test.cpp'];

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** The fixture project's annotated sources and one of its result files, as a workspace. */
async function statuses(project: string, result: string): Promise<string> {
  const dir = path.join(TEST_RESULTS_ROOT, project);
  const files: Record<string, string> = {
    'docs/requirements.md': `# Requirements\n\n${[1, 2, 3, 4, 5, 6].map((i) => `## SR-00${i}: requirement ${i}\n`).join('\n')}`,
    'seclife.json': JSON.stringify({ tests: TESTS_GLOBS }),
  };
  for (const p of walk(dir)) {
    const rel = path.relative(dir, p).split(path.sep).join('/');
    if (rel.split('/').includes('out') || !/\.(mjs|js|py|java|cs|cpp|go)$/.test(rel)) continue;
    files[rel] = readFileSync(p, 'utf8');
  }
  files[`test-results/${path.basename(result)}`] = readFileSync(path.join(dir, result), 'utf8');
  const engine = await engineFor(files);
  assert.equal(engine.verificationMode(), 'results');
  return engine
    .items()
    .map((s) => `${s.def.id.slice(-1)}:${s.verification?.status}`)
    .join(' ');
}

// 1 passes, 2 fails, 3 skipped, 4 todo, 5 errors, 6 passes — unless noted.
const STANDARD = '1:passed 2:failed 3:not-run 4:not-run 5:failed 6:passed';
const CASES: Array<[project: string, result: string, expected: string, why?: string]> = [
  ['node-test', 'out/junit.xml', STANDARD],
  ['node-test', 'out/tap13.tap', STANDARD],
  ['jest', 'out/junit-default.xml', STANDARD],
  ['jest', 'out/junit-file-attr.xml', STANDARD],
  ['jest', 'out/ctrf-report.json', STANDARD],
  ['mocha', 'out/junit.xml', STANDARD],
  ['mocha', 'out/junit-include-pending.xml', STANDARD],
  ['mocha', 'out/mocha-tap.tap', STANDARD],
  ['mocha', 'out/ctrf-report.json', STANDARD],
  ['ctrf-reference', 'out/ctrf-reference.json', STANDARD],
  // pytest: SR-003 passes through its record_property too, SR-004 errors in setup, SR-005 skipped,
  // SR-006 xfail; SR-002 also has a failing parametrized case; pytest 9's run has the flaky SR-001 test failing.
  ['pytest', 'out/junit-xunit1.xml', '1:passed 2:failed 3:passed 4:failed 5:not-run 6:not-run'],
  ['pytest', 'out/junit-xunit2.xml', '1:passed 2:failed 3:passed 4:failed 5:not-run 6:not-run'],
  ['pytest', 'out/pytest9-junit-xunit1.xml', '1:failed 2:failed 3:passed 4:failed 5:not-run 6:not-run'],
  // node-tap: the annotations of SR-001 and SR-002 are inside one t.test, whose assertions both count.
  ['node-tap', 'out/tap14-direct.tap', '1:failed 2:failed 3:not-run 4:not-run 5:failed 6:passed'],
  ['node-tap', 'out/tap14-tap-run.tap', '1:failed 2:failed 3:not-run 4:not-run 5:failed 6:passed'],
  // go: no SR-004 annotation; the panicking SR-005 test is missing from go-junit-report's and the rerun report;
  // SR-006 is flaky (fails, passes on gotestsum's rerun).
  ['go', 'out/go-junit-report.HAND-WRITTEN.xml', '1:passed 2:failed 3:not-run 4:none 5:not-run 6:failed'],
  ['go', 'out/gotestsum-junit.xml', '1:passed 2:failed 3:not-run 4:none 5:failed 6:failed'],
  ['go', 'out/gotestsum-rerun-junit.xml', '1:passed 2:failed 3:not-run 4:none 5:not-run 6:passed'],
  // GoogleTest: SR-003 through RecordProperty, SR-004 skipped and DISABLED_, SR-006 a TEST_P with a failing parameter.
  ['googletest', 'out/gtest.xml', '1:passed 2:failed 3:passed 4:not-run 5:failed 6:failed'],
  [
    'gradle',
    'out/TEST-com.example.auth.AuthTest$Lockout.xml',
    '1:passed 2:failed 3:not-run 4:none 5:not-run 6:not-run',
  ],
  ['gradle', 'out/TEST-com.example.auth.AuthTest.xml', '1:not-run 2:not-run 3:not-run 4:none 5:failed 6:passed'],
  [
    'maven-surefire/junit5',
    'out/TEST-com.example.auth.AuthTest.xml',
    '1:passed 2:failed 3:not-run 4:none 5:failed 6:passed',
  ],
  // .NET: SR-006 is a theory with a failing case.
  ['dotnet-junitxml', 'out/TestResults.xml', '1:passed 2:failed 3:not-run 4:none 5:failed 6:failed'],
  // Formats Seclife does not read: every linked test is not run, and a note says why.
  ['go', 'out/go-test.json', '1:not-run 2:not-run 3:not-run 4:none 5:not-run 6:not-run'],
];

for (const [project, result, expected] of CASES) {
  test(`${project}/${result}: each annotated test gets its own result`, async () => {
    assert.equal(await statuses(project, result), expected);
  });
}

test('maven-surefire junit4 rerun: a test that passed on a rerun counts as passed (its last attempt)', async () => {
  assert.equal(
    await statuses('maven-surefire/junit4-rerun', 'out/TEST-com.example.auth.LockoutTest.xml'),
    '1:passed 2:failed 3:not-run 4:none 5:failed 6:passed',
  );
});

/**
 * The example workspace ships the real JUnit report of its tests (examples/remote-monitoring/
 * README.md, Test results; written by `npm run example:tests`). This checks the shipped file,
 * without running the tests: well-formed, node's runner, the one deliberate skip, no failure,
 * and every annotated test of the example has its result.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseJUnit } from '../core/testResults/junit';
import { indexWorkspace } from '../core/indexer';
import { FileSystemWorkspace } from '../node/fileSystemWorkspace';
import { REPO_ROOT } from '../testing/workspaces';

const EXAMPLE = path.join(REPO_ROOT, 'examples/remote-monitoring');
const REPORT = 'test-results/junit.xml';

test('the example ships node runner JUnit output: 40 tests, 39 passed, the one deliberate skip, no failure', () => {
  const r = parseJUnit(REPORT, readFileSync(path.join(EXAMPLE, REPORT), 'utf8'));
  assert.deepEqual(r.problems, []);
  assert.equal(r.dialect, 'node-test');
  assert.deepEqual(r.totals, { passed: 39, failed: 0, errored: 0, skipped: 1, other: 0 });
  const skipped = r.cases.filter((c) => c.status === 'skipped');
  assert.deepEqual(
    skipped.map((c) => [...c.suitePath, c.name].join(' › ')),
    ['VitalsRepository › round-trips a vital sign through PostgreSQL'],
  );
  assert.equal(skipped[0].message, 'needs a PostgreSQL server (set DATABASE_URL)');
});

test('every @verifies of the example matches results in the shipped report; only the skipped one is not run', async () => {
  const engine = await indexWorkspace(new FileSystemWorkspace(EXAMPLE));
  assert.equal(engine.verificationMode(), 'results');
  const links = engine
    .items()
    .flatMap((s) =>
      (s.verification?.tests ?? []).map((t) => `${s.def.id} ${t.ref?.file}:${t.ref?.range.line} ${t.status}`),
    );
  assert.equal(links.length, 18, links.join('\n'));
  assert.deepEqual(
    links.filter((l) => !l.endsWith(' passed')),
    ['IF-004 test/repository.test.ts:46 skipped'],
  );
  assert.deepEqual(
    engine.notes().filter((n) => n.file === REPORT),
    [],
  );
});

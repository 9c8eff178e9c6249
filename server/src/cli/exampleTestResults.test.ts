/**
 * The example workspace ships the real JUnit report of its tests (examples/remote-monitoring/
 * README.md, Test results; written by `npm run example:tests`). This checks the shipped file,
 * without running the tests: well-formed, node's runner, the one deliberate skip, no failure,
 * and every annotated test of the example has its result.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
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

/** The title under each `@verifies` of the example's test files, as node's runner names it. */
const ANNOTATED: Record<string, string[]> = {
  'test/admin.test.ts': ['admin API /admin/v1', 'least privilege'],
  'test/audit.test.ts': ['audit trail'],
  'test/auth.test.ts': ['authenticate', 'account lockout', 'session idle timeout'],
  'test/deviceBridge.test.ts': ['device ingestion bridge'],
  'test/repository.test.ts': [
    'VitalsRepository',
    'VitalsRepository › round-trips a vital sign through PostgreSQL',
    'PHI encryption at rest',
  ],
  'test/vitals.test.ts': ['GET/POST /api/v1/vitals/:patientId', 'input validation'],
};

test('every @verifies-annotated describe and test of the example has its suite or case in the report, by name', () => {
  const r = parseJUnit(REPORT, readFileSync(path.join(EXAMPLE, REPORT), 'utf8'));
  const names = new Set<string>();
  for (const c of r.cases) {
    for (let i = 1; i <= c.suitePath.length; i++) names.add(c.suitePath.slice(0, i).join(' › '));
    names.add([...c.suitePath, c.name].join(' › '));
  }
  const found: Record<string, string[]> = {};
  for (const name of readdirSync(path.join(EXAMPLE, 'test')).sort()) {
    const lines = readFileSync(path.join(EXAMPLE, 'test', name), 'utf8').split('\n');
    const stack: string[] = [];
    let pending = false;
    for (const line of lines) {
      if (/@verifies\b/.test(line)) pending = true;
      const call = /^(\s*)(describe|test)\('([^']+)'/.exec(line);
      if (!call) continue;
      const depth = call[1].length / 2;
      stack.length = depth;
      stack[depth] = call[3];
      if (pending) (found[`test/${name}`] ??= []).push(stack.join(' › '));
      pending = false;
    }
  }
  assert.deepEqual(found, ANNOTATED);
  for (const expected of Object.values(ANNOTATED).flat()) assert.ok(names.has(expected), expected);
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

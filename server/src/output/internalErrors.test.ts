/** Failing rules and scanners in the outputs: JSON `internalErrors`, SARIF `toolExecutionNotifications` (docs/ci.md). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { FAULT_MARKER, injectFaults } from '../core/faults';
import { internalErrorFinding } from '../core/internalError';
import { engineFor } from '../testing/workspaces';
import { buildJsonReport } from './json';
import { buildSarif } from './sarif';
import { multitoolProblems, multitoolSkip, validateSarifSchema } from '../testing/sarifValidation';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-internal-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const validate = validateSarifSchema;

async function faultyEngine() {
  const off = injectFaults(['rules', 'comment-scanner']);
  try {
    return await engineFor({
      'docs/req.md': '## SR-1: One\n',
      'src/a.ts': `// @implements SR-1\nconst y = ${FAULT_MARKER};\n`,
      'src/b.py': `x = 1  # ${FAULT_MARKER}\n`,
      'src/ok.ts': 'export const ok = 1;\n',
    });
  } finally {
    off();
  }
}

test('JSON: internalErrors lists every failed rule or scanner with file, position and error; absent when none failed', async () => {
  const report = JSON.parse(JSON.stringify(buildJsonReport(await faultyEngine())));
  assert.deepEqual(report.internalErrors, [
    { component: 'comment-scanner', file: 'src/a.ts', line: 1, column: 20, error: 'Error: injected scanner fault' },
    {
      component: 'test/throwing-js',
      file: 'src/a.ts',
      line: 2,
      column: 11,
      error: 'TypeError: injected fault\\n\\x1b[31mred',
    },
    { component: 'comment-scanner', file: 'src/b.py', line: 1, column: 1, error: 'Error: injected scanner fault' },
    { component: 'test/throwing-lexical', file: 'src/b.py', line: 1, column: 1, error: 'RangeError: injected fault' },
  ]);
  // Each is also a finding (with the same failure) and a note.
  const findings = report.findings.filter((f: { code: string }) => f.code === 'internal-error');
  assert.equal(findings.length, 4);
  assert.deepEqual(findings[1].failure, {
    component: 'test/throwing-js',
    error: 'TypeError: injected fault\\n\\x1b[31mred',
  });
  assert.equal(
    report.notes.filter((n: { message: string }) => n.message.startsWith('internal error at line')).length,
    4,
  );
  const clean = buildJsonReport(await engineFor({ 'src/a.ts': `const y = ${FAULT_MARKER};\n` }));
  assert.equal('internalErrors' in clean, false);
});

test('SARIF: each failure is a toolExecutionNotification of invocations[0] (the run still succeeded), and a result', async () => {
  const findings = (await faultyEngine()).findings();
  const log = buildSarif(findings);
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
  const run = log.runs[0];
  assert.equal(run.invocations!.length, 1);
  const [invocation] = run.invocations!;
  assert.equal(invocation.executionSuccessful, true);
  const notes = invocation.toolExecutionNotifications!;
  assert.deepEqual(
    notes.map(
      (n) =>
        `${n.descriptor!.id} ${n.level} ${n.locations![0].physicalLocation!.artifactLocation!.uri}:${n.locations![0].physicalLocation!.region!.startLine}`,
    ),
    [
      'comment-scanner warning src/a.ts:1',
      'test/throwing-js warning src/a.ts:2',
      'comment-scanner warning src/b.py:1',
      'test/throwing-lexical warning src/b.py:1',
    ],
  );
  assert.match(
    notes[1].message.text!,
    /^test\/throwing-js failed on src\/a\.ts: TypeError: injected fault\\n\\x1b\[31mred; its results for this file may be missing — please report this$/,
  );
  assert.deepEqual(notes[1].locations![0].physicalLocation!.artifactLocation, {
    uri: 'src/a.ts',
    uriBaseId: 'SRCROOT',
  });
  assert.equal(notes[1].associatedRule, undefined, 'a rule with no descriptor in the run has none');
  assert.equal(run.results!.filter((r) => r.ruleId === 'internal-error').length, 4);
  assert.equal(
    buildSarif(findings.filter((f) => f.code !== 'internal-error')).runs[0].invocations,
    undefined,
    'no failure: no invocations',
  );
});

test("SARIF: a failed built-in rule is the notification's associatedRule (its descriptor index)", () => {
  const f = internalErrorFinding('js/eval-dynamic', 'src/a.ts', new Error('boom'), {
    line: 2,
    column: 1,
    endLine: 2,
    endColumn: 5,
  });
  const log = buildSarif([f]);
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
  const [n] = log.runs[0].invocations![0].toolExecutionNotifications!;
  assert.equal(n.descriptor!.id, 'js/eval-dynamic');
  assert.equal(log.runs[0].tool.driver.rules![n.associatedRule!.index!].id, 'js/eval-dynamic');
});

test('the SARIF multitool validator accepts a log with notifications (no errors, no warnings)', {
  skip: multitoolSkip,
}, async () => {
  const input = path.join(temp, 'faults.sarif');
  writeFileSync(input, JSON.stringify(buildSarif((await faultyEngine()).findings(), { rootUri: 'file:///ws/' })));
  assert.deepEqual(multitoolProblems(input, path.join(temp, 'validation.sarif')), { status: 0, problems: [] });
});

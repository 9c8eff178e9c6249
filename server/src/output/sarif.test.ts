import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { Finding } from '../core/findings';
import { seclife } from '../testing/cli';
import { buildSarif } from './sarif';
import { multitoolProblems, multitoolSkip, validateSarifSchema } from '../testing/sarifValidation';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-sarif-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const validate = validateSarifSchema;

const finding: Finding = {
  code: 'unknown-reference',
  severity: 'error',
  message: 'SR-9 is not defined',
  file: 'src/my file.ts',
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
  itemId: 'SR-9',
};

test('the schema validator rejects a broken log (the test can fail)', () => {
  const log = buildSarif([finding]);
  (log.runs[0].results![0] as { level: string }).level = 'fatal';
  assert.equal(validate(log), false);
});

test('SARIF of the example workspace is valid against the official 2.1.0 schema', () => {
  const r = seclife(['check', 'examples/remote-monitoring', '--format', 'sarif']);
  const log = JSON.parse(r.stdout);
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
  const run = log.runs[0];
  assert.equal(run.results.length, 12);
  assert.deepEqual(
    run.results.filter((r: { suppressions?: unknown[] }) => r.suppressions).map((r: { ruleId: string }) => r.ruleId),
    ['js/weak-random'],
  );
  assert.match(run.originalUriBaseIds.SRCROOT.uri, /^file:\/\/\/.*\/examples\/remote-monitoring\/$/);
  const rule = run.tool.driver.rules[run.results[0].ruleIndex];
  assert.equal(rule.id, run.results[0].ruleId);
  assert.ok(rule.help.markdown && rule.helpUri && rule.properties.tags.includes('security'));
});

test('results: repo-relative URIs, regions, suppressions with justification, related locations', () => {
  const log = buildSarif([
    finding,
    {
      ...finding,
      code: 'duplicate-id',
      file: 'docs/b.md',
      related: [{ file: 'docs/a.md', line: 1, column: 4, endLine: 1, endColumn: 8, message: 'first' }],
    },
    {
      ...finding,
      code: 'js/eval-dynamic',
      severity: 'warning',
      suppression: { justification: 'reviewed, see TH-1', file: 'src/a.ts', line: 2 },
    },
  ]);
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
  const [a, b, c] = log.runs[0].results!;
  assert.deepEqual(a.locations![0].physicalLocation!.artifactLocation, {
    uri: 'src/my%20file.ts',
    uriBaseId: 'SRCROOT',
  });
  assert.deepEqual(a.locations![0].physicalLocation!.region, {
    startLine: 3,
    startColumn: 5,
    endLine: 3,
    endColumn: 9,
  });
  assert.equal(b.relatedLocations![0].physicalLocation!.artifactLocation!.uri, 'docs/a.md');
  assert.deepEqual(c.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'reviewed, see TH-1' }]);
  // A rule that is not a traceability code still gets a descriptor.
  assert.equal(log.runs[0].tool.driver.rules![c.ruleIndex!].id, 'js/eval-dynamic');
});

test('partial fingerprints stay the same when unrelated lines move', () => {
  const before = buildSarif([finding, { ...finding, line: 10, endLine: 10 }]).runs[0].results!;
  const moved = buildSarif([
    { ...finding, line: 30, endLine: 30 },
    { ...finding, line: 40, endLine: 40 },
  ]).runs[0].results!;
  assert.deepEqual(
    moved.map((r) => r.partialFingerprints),
    before.map((r) => r.partialFingerprints),
  );
  assert.notDeepEqual(before[0].partialFingerprints, before[1].partialFingerprints);
});

test('the SARIF multitool validator reports no errors and no warnings', { skip: multitoolSkip }, () => {
  const input = path.join(temp, 'example.sarif');
  const output = path.join(temp, 'validation.sarif');
  const r = seclife(['check', 'examples/remote-monitoring', '--format', 'sarif', '--output', input]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(multitoolProblems(input, output), { status: 0, problems: [] });
  // A log the validator must flag, so this test can fail.
  const broken = path.join(temp, 'broken.sarif');
  writeFileSync(
    broken,
    JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ message: {} }] }] }),
  );
  assert.ok(multitoolProblems(broken, path.join(temp, 'broken-validation.sarif')).problems.length > 0);
});

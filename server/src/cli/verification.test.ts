/**
 * Verification through the built CLI: `seclife check` and `seclife report` read HEAD from
 * `.git` (never by running git), so a result file recording another commit is
 * `test-results-stale`; the outputs say what verification rests on (docs/ci.md,
 * docs/release.md).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { seclife } from '../testing/cli';
import { multitoolProblems, multitoolSkip, validateSarifSchema } from '../testing/sarifValidation';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-verification-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const HEAD = '0123456789abcdef0123456789abcdef01234567';
const OTHER = 'fedcba9876543210fedcba9876543210fedcba98';

/** node's runner writes the suite per file; the commit property is what a CI recipe adds. */
function junit(commit?: string): string {
  const props = commit ? `<properties><property name="commit" value="${commit}"/></properties>\n` : '';
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<testsuites>',
    `<testsuite name="a.test.js" timestamp="2026-01-01T00:00:00Z" time="0.2">`,
    `${props}<testcase name="works" classname="test" time="0.1"/>`,
    '<testcase name="later" classname="test" time="0"><skipped message="not yet"/></testcase>',
    '</testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** A workspace with two requirements, their tests, a fake `.git` at HEAD, and (optionally) a JUnit report. */
function workspace(name: string, results: string | undefined): string {
  const root = path.join(temp, name);
  const files: Record<string, string> = {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/refs/heads/main': `${HEAD}\n`,
    'docs/x.md': '## SR-001: Works\n\n## SR-002: Later\n',
    'src/a.ts': '// @implements SR-001, SR-002\nexport const a = 1;\n',
    'test/a.test.js':
      "const { test } = require('node:test');\n// @verifies SR-001\ntest('works', () => {});\n// @verifies SR-002\ntest('later', { skip: true }, () => {});\n",
  };
  if (results !== undefined) files['test-results/junit.xml'] = results;
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const codes = (stdout: string) => [...stdout.matchAll(/^\S+: (?:error|warning|note) (\S+) /gm)].map((m) => m[1]);

test('check reads HEAD from .git: results recorded at another commit are test-results-stale', () => {
  const dir = workspace('stale', junit(OTHER));
  const r = seclife(['check', dir], temp);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    /^stale\/test-results\/junit\.xml:1:1: warning test-results-stale test-results\/junit\.xml records commit fedcba987654, but the workspace is at 0123456789ab: /m,
  );
  assert.match(
    r.stdout,
    /^verification: 1 test-result file, 2 tests \(1 passed, 0 failed, 1 skipped\); stale \(recorded at another commit than HEAD\): stale\/test-results\/junit\.xml$/m,
  );
  const json = JSON.parse(seclife(['check', dir, '--format', 'json']).stdout);
  assert.equal(json.verification.mode, 'results');
  assert.equal(json.verification.resultFiles[0].stale, true);
  assert.equal(json.verification.resultFiles[0].commit, OTHER);
  const sarif = JSON.parse(seclife(['check', dir, '--format', 'sarif']).stdout);
  assert.equal(sarif.runs[0].properties.verification.resultFiles[0].stale, true);
  assert.ok(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'test-results-stale'));
});

test('check: results recorded at HEAD (or a prefix of it) are not stale', () => {
  for (const [name, commit] of [
    ['same', HEAD],
    ['prefix', HEAD.slice(0, 12).toUpperCase()],
  ]) {
    const r = seclife(['check', workspace(name, junit(commit))], temp);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!codes(r.stdout).includes('test-results-stale'), r.stdout);
    assert.match(r.stdout, /^verification: 1 test-result file, 2 tests \(1 passed, 0 failed, 1 skipped\)$/m);
    // The skipped test verifies nothing: at the annotation and on the item.
    assert.deepEqual(
      codes(r.stdout).filter((c) => c === 'verification-not-run'),
      ['verification-not-run', 'verification-not-run'],
    );
  }
});

test('check without result files: verification is "annotated only", never passed', () => {
  const dir = workspace('annotated', undefined);
  const r = seclife(['check', dir], temp);
  assert.equal(r.status, 0, r.stderr);
  const line = r.stdout.split('\n').find((l) => l.startsWith('verification: '));
  assert.equal(line, 'verification: annotated only — no test-result file was read (see testResults)');
  const json = JSON.parse(seclife(['check', dir, '--format', 'json']).stdout);
  assert.deepEqual(json.verification, { mode: 'annotated-only', resultFiles: [] });
  assert.deepEqual(
    json.items.map((i: { verification: { status: string } }) => i.verification.status),
    ['annotated', 'annotated'],
  );
  const sarif = JSON.parse(seclife(['check', dir, '--format', 'sarif']).stdout);
  assert.deepEqual(sarif.runs[0].properties, { verification: { mode: 'annotated-only', resultFiles: [] } });
});

test('report: each result file with the SHA-256 of its bytes, its run, totals, commit and staleness', () => {
  const text = junit(OTHER);
  const dir = workspace('report', text);
  const out = path.join(temp, 'report-out');
  const r = seclife(['report', dir, '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^verification: 1 test-result file, 2 tests \(1 passed, 0 failed, 1 skipped\)$/m);
  const md = readFileSync(path.join(out, 'report.md'), 'utf8');
  const sha = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
  assert.match(md, new RegExp(`^- Commit: \`${HEAD}\` \\(main\\)$`, 'm'));
  assert.match(
    md,
    new RegExp(
      `^\\| test-results/junit\\.xml \\| junit( \\([a-z-]+\\))? \\| 2026-01-01T00:00:00Z \\| 200 ms \\| 2 tests \\(1 passed, 0 failed, 1 skipped\\) \\| ${OTHER} \\| yes \\(HEAD is another commit\\) \\| ${sha} \\|$`,
      'm',
    ),
  );
  assert.ok(readFileSync(path.join(out, 'index.html'), 'utf8').includes(`<td><code>${sha}</code></td>`));
  const csv = readFileSync(path.join(out, 'matrix.csv'), 'utf8').split('\r\n');
  assert.ok(csv[1].startsWith('SR-001,') && csv[1].includes(',passed (1 passed),'), csv[1]);
  assert.ok(csv[2].startsWith('SR-002,') && csv[2].includes(',not run (1 not run),'), csv[2]);
  const plain = path.join(temp, 'report-plain');
  assert.equal(seclife(['report', workspace('report-annotated', undefined), '--out', plain]).status, 0);
  assert.ok(
    readFileSync(path.join(plain, 'report.md'), 'utf8').includes(
      'No test results were read: verification below is annotated only — annotations, not test runs.',
    ),
  );
});

test('SARIF with a failed linked test: valid for the schema and the multitool, result-file lines as related locations', {
  skip: multitoolSkip,
}, () => {
  const failing = junit(OTHER).replace(
    '<testcase name="works" classname="test" time="0.1"/>',
    '<testcase name="works" classname="test" time="0.1"><failure message="expected true">stack</failure></testcase>',
  );
  const dir = workspace('sarif-failed', failing);
  const file = path.join(temp, 'failed.sarif');
  assert.equal(seclife(['check', dir, '--format', 'sarif', '--output', file]).status, 1, 'a failed test is an error');
  const log = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(validateSarifSchema(log), true, JSON.stringify(validateSarifSchema.errors, null, 2));
  const failed = log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'verification-failed');
  assert.equal(failed.length, 2);
  for (const r of failed) {
    const related = r.relatedLocations.map(
      (l: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }) =>
        `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`,
    );
    assert.ok(related.includes('test-results/junit.xml:5'), related.join(' '));
  }
  assert.deepEqual(multitoolProblems(file, path.join(temp, 'failed-validation.sarif')), { status: 0, problems: [] });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { seclife } from '../testing/cli';
import { REPO_ROOT } from '../testing/workspaces';
import { VERSION } from '../version';

const EXAMPLE = 'examples/remote-monitoring';
const temp = mkdtempSync(path.join(tmpdir(), 'seclife-cli-'));
after(() => rmSync(temp, { recursive: true, force: true }));

test('--help lists the commands; check --help lists the options', () => {
  const main = seclife(['--help']);
  assert.equal(main.status, 0);
  assert.match(main.stdout, /Usage: seclife <command>/);
  assert.match(main.stdout, /check \[dir\]/);
  assert.match(main.stdout, /init \[dir\]/);
  const check = seclife(['check', '--help']);
  assert.equal(check.status, 0);
  for (const opt of ['--format', '--output', '--fail-on']) assert.ok(check.stdout.includes(opt), opt);
  assert.equal(seclife(['help', 'init']).stdout.startsWith('Usage: seclife init'), true);
});

test('--version prints the package version', () => {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  assert.equal(VERSION, pkg.version);
  assert.equal(seclife(['--version']).stdout.trim(), pkg.version);
});

test('usage errors: one line on stderr, exit 2', () => {
  const cases: Array<[string[], RegExp]> = [
    [['check', '--frobnicate'], /^seclife: unknown option '--frobnicate'\n$/],
    [['check', '--format', 'xml'], /^seclife: unknown format 'xml' \(expected text, json or sarif\)\n$/],
    [['check', '--fail-on', 'fatal'], /^seclife: unknown --fail-on level 'fatal'/],
    [['check', 'no/such/dir'], /^seclife: cannot read 'no\/such\/dir': no such directory\n$/],
    [['check', 'package.json'], /^seclife: 'package.json' is not a directory\n$/],
    [['check', 'a', 'b'], /^seclife: check takes one directory/],
    [['frob'], /^seclife: unknown command 'frob'/],
  ];
  for (const [args, expected] of cases) {
    const r = seclife(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, expected);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.equal(r.stdout, '');
  }
});

test('an unreadable folder is a one-line error, exit 2', {
  skip: process.getuid?.() === 0 && 'root can read everything',
}, () => {
  const dir = path.join(temp, 'locked');
  mkdirSync(dir);
  chmodSync(dir, 0o000);
  const r = seclife(['check', dir]);
  chmodSync(dir, 0o755);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^seclife: cannot read/);
});

test('text output: file:line:col: severity code message, paths relative to the working directory', () => {
  const r = seclife(['check', EXAMPLE]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(
    lines[0],
    /^examples\/remote-monitoring\/docs\/security\/controls\.md:13:15: warning suspect-link SR-003 /,
  );
  assert.match(
    lines[1],
    /^examples\/remote-monitoring\/docs\/security\/controls\.md:26:4: warning not-verified RC-003 /,
  );
  // The summary, what verification is based on, then the example's release gate.
  const summary = lines.indexOf('') + 1;
  assert.match(lines[summary], /^11 warnings · coverage: SR 7\/9, TH 8\/9, RC 6\/7, IF 4\/4, SOUP 7\/7, CS 3\/3$/);
  // qs (under express) is affected by the shipped OSV record and decided by the example's OpenVEX statement.
  assert.equal(
    lines[summary + 1],
    'vulnerabilities (direct and indirect dependencies): 0 undecided, 0 under investigation, 1 decided',
  );
  assert.equal(lines[summary + 2], 'verification: 1 test-result file, 40 tests (39 passed, 0 failed, 1 skipped)');
  assert.deepEqual(lines.slice(summary + 3, summary + 6), [
    '',
    'gate passed',
    '  pass  failOn error: no open finding at error',
  ]);
  const inside = seclife(['check'], path.join(REPO_ROOT, EXAMPLE));
  assert.match(inside.stdout, /^docs\/security\/controls\.md:13:15: /);
});

test('--fail-on decides the exit code', () => {
  assert.equal(seclife(['check', EXAMPLE, '--fail-on', 'error']).status, 0);
  assert.equal(seclife(['check', EXAMPLE, '--fail-on', 'warning']).status, 1);
  assert.equal(seclife(['check', EXAMPLE, '--fail-on', 'note']).status, 1);
  const broken = path.join(temp, 'broken');
  mkdirSync(path.join(broken, 'src'), { recursive: true });
  writeFileSync(path.join(broken, 'src', 'a.ts'), '// @implements SR-404\n');
  assert.equal(seclife(['check', broken]).status, 1);
  assert.equal(seclife(['check', broken, '--fail-on', 'never']).status, 0);
});

test('--output writes the report to a file and says so on stderr', () => {
  const out = path.join(temp, 'reports', 'out.json');
  const r = seclife(['check', EXAMPLE, '--format', 'json', '--output', out]);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^gate passed\n( {2}pass .*\n)+seclife: wrote 12 findings \(1 suppressed\) to /);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(report.findings.length, 12);
  assert.equal(report.findings.filter((f: { suppression?: unknown }) => f.suppression).length, 1);
  const bad = seclife(['check', EXAMPLE, '--output', path.join(REPO_ROOT, 'package.json', 'x')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^seclife: cannot write/);
});

test('--quiet prints errors only', () => {
  const r = seclife(['check', EXAMPLE, '--quiet']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^11 warnings · coverage/);
});

test('init scaffolds a valid, linked workspace and keeps existing files', () => {
  const dir = path.join(temp, 'fresh');
  const r = seclife(['init', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /created seclife\.json/);
  assert.match(r.stdout, /created docs\/security\/threats\.md/);
  const check = seclife(['check', dir, '--format', 'json']);
  assert.equal(check.status, 0, check.stdout);
  const report = JSON.parse(check.stdout);
  // One item of each kind; nothing broken — only the honest gaps of a new project (no code yet).
  assert.deepEqual(
    report.items.map((i: { id: string }) => i.id),
    ['SR-001', 'TH-001', 'RC-001', 'IF-001', 'SOUP-example', 'CS-001'],
  );
  const codes = new Set(report.findings.map((f: { code: string }) => f.code));
  assert.deepEqual([...codes].sort(), ['not-implemented', 'not-verified']);
  assert.deepEqual(report.coverage.TH, { total: 1, covered: 1 });
  const again = seclife(['init', dir]);
  assert.match(again.stdout, /kept {4}seclife\.json \(exists; --force overwrites\)/);
});

test('colour: FORCE_COLOR=1 forces it, FORCE_COLOR=0 and NO_COLOR keep it off', () => {
  assert.match(seclife(['check', EXAMPLE], REPO_ROOT, { FORCE_COLOR: '1', NO_COLOR: '' }).stdout, /\x1b\[33mwarning/);
  assert.doesNotMatch(seclife(['check', EXAMPLE], REPO_ROOT, { FORCE_COLOR: '0' }).stdout, /\x1b\[/);
  assert.doesNotMatch(seclife(['check', EXAMPLE]).stdout, /\x1b\[/);
});

test('check applies the gate of seclife.json: which check failed, by how much, exit 1', () => {
  const dir = path.join(temp, 'gate');
  mkdirSync(path.join(dir, 'docs'), { recursive: true });
  writeFileSync(path.join(dir, 'docs', 'req.md'), '## SR-001: Lock accounts\n\n## SR-002: Log in\n');
  writeFileSync(path.join(dir, 'seclife.json'), JSON.stringify({ gate: { failOn: 'error', coverage: { SR: 100 } } }));
  const failed = seclife(['check', dir]);
  assert.equal(failed.status, 1, failed.stderr);
  assert.match(failed.stdout, /^gate FAILED: 1 check of 2 failed$/m);
  assert.match(
    failed.stdout,
    /^ {2}FAIL {2}SR coverage 0% \(0\/2\) is below the required 100% by 100 points: 2 more items must be covered$/m,
  );
  // JSON stays parseable on stdout; the explanation goes to stderr.
  const json = seclife(['check', dir, '--format', 'json']);
  assert.equal(json.status, 1);
  assert.equal(JSON.parse(json.stdout).gate.passed, false);
  assert.match(json.stderr, /FAIL {2}SR coverage 0%/);
  writeFileSync(path.join(dir, 'seclife.json'), JSON.stringify({ gate: { failOn: 'warning', coverage: { SR: 0 } } }));
  const warnings = seclife(['check', dir]);
  assert.equal(warnings.status, 1);
  assert.match(warnings.stdout, /FAIL {2}failOn warning: 4 open findings at warning or above \(4 warnings\)/);
  // --fail-on on the command line replaces gate.failOn.
  const passed = seclife(['check', dir, '--fail-on', 'error']);
  assert.equal(passed.status, 0, passed.stdout);
  assert.match(passed.stdout, /^gate passed$/m);
});

/**
 * Issue 11: results silently dropped (D8, D15), coverage that counts what is not there, and
 * output that can be forged (D17). Each case runs the built CLI on a crafted workspace and
 * checks the exit code, the finding and that nothing was lost.
 *
 * D8 cases run the CLI with a fifth of node's default stack (`--stack-size=200`): a spread of
 * an array into call arguments then overflows at about 24,000 elements instead of 125,000,
 * so 30,000-element inputs stand for the reported 130,000-dependency manifest, 120,000-item
 * report and 130,000-finding file at a fraction of the run time. (That no spread is left
 * anywhere is noUnboundedSpread.test.ts.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../core/configLoader';
import { SeclifeEngine } from '../core/engine';
import { Finding } from '../core/findings';
import { ItemDef } from '../core/model';
import { Dependency } from '../core/soup/dependency';
import { checkSoup } from '../core/soup/soupCheck';
import { BIN, CliRun } from '../testing/cli';
import { HostileCase, hostileCase } from '../testing/hostile';

const N = 30_000;

/** The built CLI with a small stack (see the module comment); output up to 256 MB. */
function smallStack(c: HostileCase, args: string[]): CliRun {
  const r = spawnSync(process.execPath, ['--stack-size=200', BIN, ...args], {
    cwd: c.ws,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Json {
  findings: Finding[];
  items: Array<{ id: string; invalidAttributes?: string[] }>;
  coverage: Record<string, { total: number; covered: number }>;
  notes: Array<{ file: string; message: string }>;
}

function checkJson(
  c: HostileCase,
  run: (args: string[]) => CliRun = c.run,
): { status: number | null; json: Json; stderr: string } {
  const r = run(['check', '--format', 'json', '--output', 'out.json']);
  assert.doesNotMatch(r.stderr, /internal error|RangeError/, r.stderr);
  return {
    status: r.status,
    json: JSON.parse(readFileSync(path.join(c.ws, 'out.json'), 'utf8')) as Json,
    stderr: r.stderr,
  };
}

const count = (findings: Finding[], code: string) => findings.filter((f) => f.code === code).length;

test('D8: a package.json with 30,000 dependencies (on a fifth of the stack): every one is checked, exit 1', () => {
  const c = hostileCase('many-deps');
  const deps: Record<string, string> = {};
  for (let i = 0; i < N; i++) deps[`pkg-${i}`] = '1.0.0';
  c.write({ 'package.json': JSON.stringify({ name: 'app', dependencies: deps }) });
  const { status, json } = checkJson(c, (a) => smallStack(c, a));
  assert.equal(status, 1);
  assert.equal(count(json.findings, 'soup-missing'), N);
});

test('D8: a Python file with 30,000 findings (on a fifth of the stack) keeps all of them, exit 1', () => {
  const c = hostileCase('many-findings');
  c.write({ 'src/hash.py': `import hashlib\n${'h = hashlib.md5(password)\n'.repeat(N)}` });
  const { status, json } = checkJson(c, (a) => smallStack(c, a));
  assert.equal(status, 1);
  assert.equal(count(json.findings, 'py/weak-hash'), N);
  assert.deepEqual(json.notes, []);
});

test('D8: report on 30,000 items and on a kind title of 30,000 backtick runs (on a fifth of the stack)', () => {
  const c = hostileCase('many-items');
  let table = '# Requirements\n\n| ID | Title |\n|---|---|\n';
  for (let i = 1; i <= N; i++) table += `| SR-${i} | Requirement ${i} |\n`;
  c.write({ 'docs/req.md': table, 'seclife.json': JSON.stringify({ kinds: { TH: { title: '` '.repeat(N) } } }) });
  const r = smallStack(c, ['report', '--out', 'rep']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^${N} items`, 'm'));
  const md = readFileSync(path.join(c.ws, 'rep/report.md'), 'utf8');
  assert.equal(md.split('\n').filter((l) => /^\| SR-\d+ \|/.test(l)).length, N);
  // The configuration is fenced with more backticks than its longest run (here 1 → the minimum 3).
  assert.match(md, /^```json\n\{"kinds"/m);
  const csv = readFileSync(path.join(c.ws, 'rep/matrix.csv'), 'utf8');
  assert.equal(csv.split('\n').filter((l) => l.startsWith('SR-')).length, N);
});

test('D8, the class: an exception while checking one file is a finding at it naming what failed, not a silent note', () => {
  const config = parseConfig(JSON.stringify({ customRules: [{ id: 'x/boom', message: 'boom', pattern: 'boom' }] }));
  const engine = new SeclifeEngine(config, {
    patternRunner: {
      matchAll: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    },
  });
  engine.update([
    { path: 'docs/req.md', content: '## SR-001: Lock accounts\n' },
    { path: 'src/a.ts', content: '// @implements SR-001\nboom\n' },
    { path: 'src/b.ts', content: 'boom\n' },
  ]);
  // A rule's exception is an internal-error naming the rule (docs/findings.md); the rest of the file is kept.
  const failed = engine.findings().filter((f) => f.code === 'internal-error');
  assert.deepEqual(
    failed.map((f) => `${f.file}:${f.line} ${f.severity}`),
    ['src/a.ts:1 warning', 'src/b.ts:1 warning'],
  );
  assert.match(
    failed[0].message,
    /^x\/boom failed on src\/a\.ts: RangeError: Maximum call stack size exceeded; its results for this file may be missing/,
  );
  assert.equal(engine.item('SR-001')!.references.length, 1, 'the annotations of the file are kept');
  assert.equal(engine.gate('warning').passed, false);
  assert.deepEqual(
    engine.notes().map((n) => n.file),
    ['src/a.ts', 'src/b.ts'],
  );
});

test('D15: a lone-surrogate dependency name is still checked (its purl encodes U+FFFD), not dropped; exit 1', () => {
  const c = hostileCase('surrogate');
  c.write({
    'package.json': '{"name":"app","workspaces":["tools"],"dependencies":{"\\ud800x":"1.0.0","express":"4.18.2"}}\n',
    'tools/package.json': '{"name":"tools","dependencies":{"lodash":"^4.17.0"}}\n',
    'tools/package-lock.json': JSON.stringify({
      name: 'tools',
      lockfileVersion: 3,
      packages: {
        '': { name: 'tools', dependencies: { '\ud800y': '1.0.0', lodash: '4.17.21' } },
        'node_modules/\ud800y': { version: '1.0.0' },
        'node_modules/lodash': { version: '4.17.21' },
      },
    }).replace(/\ud800/g, '\\ud800'),
  });
  const { status, json } = checkJson(c);
  assert.equal(status, 1);
  assert.deepEqual(
    json.findings.filter((f) => f.code === 'config-error'),
    [],
  );
  // Every declared entry is read: the odd name too, and lodash at the lockfile's version
  // (the lockfile's \ud800y is not declared in tools/package.json: not a direct dependency).
  assert.deepEqual(
    json.findings
      .filter((f) => f.code === 'soup-missing')
      .map((f) => f.message.split(' ').slice(0, 2).join(' '))
      .sort(),
    ['express 4.18.2', 'lodash 4.17.21', '\ud800x 1.0.0'],
  );
});

test('D15: an entry the SOUP check cannot read loses only that entry (a dependency or an item), with a config-error', () => {
  const at = { line: 1, column: 1, endLine: 1, endColumn: 2 };
  const dep = (name: string): Dependency => ({
    name,
    ecosystem: 'npm',
    direct: true,
    source: 'registry',
    file: 'package.json',
    range: at,
  });
  const bad = dep('x');
  Object.defineProperty(bad, 'name', {
    get: () => {
      throw new TypeError('unreadable name');
    },
  });
  const item = (id: string, title: string): ItemDef => ({
    id,
    kind: 'SOUP',
    title,
    file: 'docs/soup.md',
    idRange: at,
    range: at,
    level: 0,
    attributes: [],
    description: '',
    endLine: 1,
  });
  const badItem = item('SOUP-bad', 'bad');
  Object.defineProperty(badItem, 'attributes', {
    get: () => {
      throw new TypeError('unreadable attributes');
    },
  });
  const result = checkSoup({
    items: [badItem, item('SOUP-express', 'express')],
    manifests: [
      { file: 'package.json', kind: 'package.json', dependencies: [bad, dep('express'), dep('lodash')], problems: [] },
    ],
    advisories: [],
    includeDev: false,
  });
  assert.deepEqual(result.findings.map((f) => `${f.code} ${f.severity} ${f.message}`).sort(), [
    'config-error error SOUP-bad skipped by the SOUP check: TypeError: unreadable attributes',
    'config-error error an entry skipped by the SOUP check: TypeError: unreadable name',
    'soup-missing warning lodash has no SOUP item: add a row with its version, supplier and class (IEC 81001-5-1 §4.1.5)',
  ]);
  assert.deepEqual([...result.present], ['SOUP-express']);
});

test('coverage: an item whose required attribute is invalid or missing is not covered — JSON, text, report, gate agree', () => {
  const c = hostileCase('invalid-attribute');
  c.write({
    'docs/interfaces.md': [
      '# Interfaces',
      '',
      '## IF-001: REST API',
      'Exposure: public',
      'Assets: patient records',
      '',
      '## IF-002: Admin socket',
      'Exposure: internal',
      'Assets: configuration',
      '',
      '## IF-003: Export',
      'Exposure: external',
      '',
    ].join('\n'),
    'src/api.ts': '// @interface IF-001\n// @interface IF-002\n// @interface IF-003\nexport const api = 1;\n',
    'test/api.test.ts': '// @verifies IF-001\n// @verifies IF-002\n// @verifies IF-003\n',
    'seclife.json': JSON.stringify({ gate: { coverage: { IF: 60 } } }),
  });
  const { status, json } = checkJson(c);
  assert.equal(status, 1);
  assert.deepEqual(json.coverage.IF, { total: 3, covered: 1 });
  assert.deepEqual(
    json.items.filter((i) => i.id.startsWith('IF-')).map((i) => [i.id, i.invalidAttributes]),
    [
      ['IF-001', ['Exposure']],
      ['IF-002', undefined],
      ['IF-003', ['Assets']],
    ],
  );
  assert.deepEqual(
    json.findings.filter((f) => f.code === 'malformed-item').map((f) => f.itemId),
    ['IF-001', 'IF-003'],
  );
  const text = c.run(['check']);
  assert.match(text.stdout, /coverage: IF 1\/3/);
  assert.match(text.stdout, /FAIL {2}IF coverage 33\.3% \(1\/3\) is below the required 60%/);
  const report = c.run(['report', '--out', 'rep']);
  assert.equal(report.status, 1);
  const md = readFileSync(path.join(c.ws, 'rep/report.md'), 'utf8');
  assert.match(md, /^\| IF \| Interface \| 1 \| 3 \| 33\.3% \|$/m);
  assert.match(md, /^\| IF-001 \| IF \| REST API \|.*\| valid Exposure \|/m);
  assert.match(md, /^\| IF-002 \| IF \| Admin socket \|.*\| none \|/m);
});

test('D17: terminal escapes in titles and a newline in a file name are escaped in text output and on stderr', () => {
  const c = hostileCase('escapes');
  c.write({
    'docs/req.md': '## SR-001: Evil \x1b]0;pwned\x07 title \x1b[31mred\u202e\n',
    'docs/a\ndocs/forged.md:1:1: error fake-code all good.md': '## SR-002: Second\n',
    'seclife.json': JSON.stringify({ gate: { maxFindings: { 'x\x1b[2Jy': 0 } } }),
  });
  for (const args of [['check'], ['check', '--format', 'json'], ['report', '--out', 'rep']]) {
    const r = c.run(args);
    assert.equal(r.status, 1, args.join(' '));
    assert.doesNotMatch(r.stderr, /[\x00-\x08\x0b-\x1f\x7f\u202e]/, `${args.join(' ')}: stderr`);
    if (args[1] === '--format') continue; // JSON keeps the data (escaped as JSON)
    assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b-\x1f\x7f\u202e]/, `${args.join(' ')}: stdout`);
  }
  const out = c.run(['check']).stdout;
  assert.match(out, /SR-001 \(Evil \\x1b\]0;pwned\\x07 title \\x1b\[31mred\\u202e\) is not implemented/);
  assert.match(out, /^"docs\/a\\ndocs\/forged\.md:1:1: error fake-code all good\.md":1:4: warning not-implemented/m);
  assert.ok(!out.split('\n').some((l) => l.startsWith('docs/forged.md')), 'no line is forged');
  assert.match(out, /x\\x1b\[2Jy/);
  const json = c.run(['check', '--format', 'json']);
  assert.match(json.stderr, /x\\x1b\[2Jy/);
});

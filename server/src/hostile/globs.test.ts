/**
 * Issue 11, globs and .gitignore (D6, D7, D20, git's ignore rules): seclife.json globs
 * that used to backtrack for ever, throw or exhaust the heap are matched in bounded time or
 * refused with a `config-error` at the glob; `.gitignore` negations in nested folders and
 * `.git/info/exclude` are applied as git applies them. Each case runs the built CLI and
 * checks the exit code, the finding or note, and that nothing outside the workspace changed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { HostileCase, hostileCase } from '../testing/hostile';
import { LspClient, uriOf } from '../testing/lspClient';

const BASIC = {
  'docs/req.md': '## SR-001: Lock accounts\n\nAfter 5 failures.\n',
  'src/lock.ts': '// @implements SR-001\nexport function lock() {}\n',
  'test/lock.test.ts': '// @verifies SR-001\n',
};

interface Json {
  findings: Array<{ code: string; file: string; line: number; column: number; message: string }>;
  notes: Array<{ file: string; message: string }>;
}

function check(c: HostileCase): { status: number | null; json: Json; stderr: string } {
  const before = c.outsideHash();
  const r = c.run(['check', '--format', 'json']);
  assert.notEqual(r.status, null, `check did not finish: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /heap out of memory|RangeError|TypeError/);
  assert.equal(c.outsideHash(), before);
  return { status: r.status, json: JSON.parse(r.stdout) as Json, stderr: r.stderr };
}

const configErrors = (j: Json) => j.findings.filter((f) => f.code === 'config-error');

test('D6: backtracking globs against long file names finish and match correctly', () => {
  const c = hostileCase('glob-backtracking');
  const long = 'a'.repeat(240);
  c.write({
    'docs/req.md': '## SR-001: Lock accounts\n\nAfter 5 failures.\n',
    'seclife.json': JSON.stringify({
      exclude: ['**/+(a|aa)+(a|aa)+(a|aa)+(a|aa)b.ts'],
      tests: ['**/*a*a*a*a*a*a*a*a*a*a*c.ts'],
      overrides: [{ files: ['**/*a*a*a*a*a*a*a*a*a*a*d.ts'], rules: { 'unknown-reference': 'off' } }],
    }),
    [`src/${long}.ts`]: '// @implements SR-001\n', // matches none of the globs: the slow case before
    [`src/${long}b.ts`]: '// @implements SR-404\n', // excluded: the unknown reference is not seen
    [`lib/${long}c.ts`]: '// @verifies SR-001\n', // a test
  });
  const r = check(c);
  assert.equal(r.status, 0);
  assert.deepEqual(r.json.findings, []);
});

test('D7: a glob over 64 KiB in seclife.json or in the editor settings does not stop the language server', async () => {
  const c = hostileCase('glob-too-long-lsp');
  c.write({ ...BASIC, 'seclife.json': JSON.stringify({ exclude: ['a'.repeat(70_000)] }) });
  const client = LspClient.start();
  try {
    client.settings = { tests: ['b'.repeat(70_000), 'test/**'] };
    await client.initialize([c.ws]);
    await client.indexed();
    const diagnostics = await client.diagnosticsFor(uriOf(path.join(c.ws, 'seclife.json')), (d) => d.length > 1);
    // the editor setting's glob is reported too (not a silently unread set of tests)
    assert.deepEqual(
      diagnostics.map((d) => d.message.replace(/glob ".*?" /, '')),
      [
        'editor setting seclife.tests[0]: is 70000 characters long; the limit is 1024; it matches nothing',
        'is 70000 characters long; the limit is 1024; using the defaults',
      ],
    );
    await client.request('seclife/findings', {});
  } finally {
    assert.equal(await client.stop(), 0, client.stderr);
  }
});

test('D7: a glob over 64 KiB is a config-error at the glob that names the limit (no crash)', () => {
  const c = hostileCase('glob-too-long');
  c.write({ ...BASIC, 'seclife.json': `{\n  "exclude": [\n    "${'a'.repeat(70_000)}"\n  ]\n}\n` });
  const r = check(c);
  assert.equal(r.status, 1);
  const [e] = configErrors(r.json);
  assert.deepEqual([e.file, e.line, e.column], ['seclife.json', 3, 5]);
  assert.match(e.message, /^glob "a+…" is 70000 characters long; the limit is 1024; using the defaults$/);
});

test('D7: stars, brace expansions, nested and negated extglobs over the limits are config-errors', () => {
  const c = hostileCase('glob-limits');
  c.write({
    ...BASIC,
    'seclife.json': JSON.stringify(
      {
        documents: ['docs/**/*.md', `**/${'*a'.repeat(40)}`],
        tests: ['{a,b}'.repeat(10)],
        exclude: ['x@(a|y?(b|z+(c|w*(d))))', 'src/!(x).ts'],
        customRules: [{ id: 'team/r', message: 'm', pattern: 'x', files: ['y'.repeat(5000)] }],
      },
      null,
      2,
    ),
  });
  const r = check(c);
  assert.equal(r.status, 1);
  assert.deepEqual(
    configErrors(r.json).map((f) => f.message.replace(/^glob ".*?" /, '')),
    [
      "has 42 '*'; the limit is 32; using the defaults",
      'expands to more than 64 patterns (the limit); using the defaults',
      'nests extglobs more than 2 deep (the limit); using the defaults',
      "uses a negated extglob '!(…)', which Seclife does not support; list what to leave out in 'exclude' instead; using the defaults",
      'is 5000 characters long; the limit is 1024; using the defaults',
    ],
  );
});

test('D20: a seclife.json with 200,000 globs is a config-error, not a heap exhaustion', () => {
  const c = hostileCase('glob-count');
  const exclude = Array.from({ length: 200_000 }, (_, i) => `s${i}/**`);
  c.write({ ...BASIC, 'seclife.json': JSON.stringify({ exclude }) });
  const r = check(c);
  assert.equal(r.status, 1);
  const errors = configErrors(r.json);
  assert.equal(errors.length, 1);
  assert.match(
    errors[0].message,
    /^seclife\.json has more than 1000 globs \(the limit\); this is glob 1001; using the defaults$/,
  );
});

test('D20: a 35 MB seclife.json with 1.5 M globs is a config-error', () => {
  const c = hostileCase('glob-huge-config');
  c.write(BASIC);
  const globs = Array.from({ length: 1_500_000 }, (_, i) => `src/dir${i}/**/*.ts`);
  writeFileSync(path.join(c.ws, 'seclife.json'), JSON.stringify({ exclude: globs }));
  const r = check(c);
  assert.equal(r.status, 1);
  assert.equal(configErrors(r.json).length, 1);
});

test('.gitignore: a nested !keep.gen.ts re-includes a file a parent ignores (the SR is implemented)', () => {
  const c = hostileCase('gitignore-negation');
  c.write({
    'docs/req.md': '## SR-001: Lock accounts\n\nAfter 5 failures.\n',
    '.gitignore': '*.gen.ts\n',
    'src/.gitignore': '!keep.gen.ts\n',
    'src/keep.gen.ts': '// @implements SR-001\n',
    'test/lock.test.ts': '// @verifies SR-001\n',
  });
  const r = check(c);
  assert.equal(r.status, 0);
  assert.deepEqual(
    r.json.findings.filter((f) => f.code === 'not-implemented'),
    [],
  );
});

test('.gitignore: .git/info/exclude is read; an ignore file over 1 MiB is a note and ignores nothing', () => {
  const c = hostileCase('gitignore-exclude');
  c.write({
    ...BASIC,
    'src/scratch.ts': '// @implements SR-404\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/info/exclude': 'scratch.ts\n',
  });
  const r = check(c);
  assert.equal(r.status, 0, 'the unknown reference in the excluded file is not reported');
  mkdirSync(path.join(c.ws, 'big'));
  c.write({ 'big/.gitignore': `${'#'.repeat(2 * 1024 * 1024)}\n`, 'big/x.ts': '// @implements SR-001\n' });
  const big = check(c);
  assert.deepEqual(
    big.json.notes.filter((n) => n.file === 'big/.gitignore').map((n) => n.message),
    ['.gitignore not read: 2.0 MiB is larger than the limit of 1.0 MiB; nothing in it is ignored'],
  );
});

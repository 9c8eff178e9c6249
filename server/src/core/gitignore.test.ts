/**
 * `.gitignore` handling compared with git itself: generated trees with nested ignore
 * files (negations, folder patterns, anchored patterns, `**`, trailing spaces, `\#`, `\!`,
 * classes, CRLF, a BOM, non-ASCII names, `.git/info/exclude`, core.ignorecase) are walked
 * by Seclife and listed by `git ls-files --others --exclude-standard`; the two lists must
 * be equal. git runs only here, in the tests — the product never runs it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { resolveConfig } from './config';
import { FileFilter, FileRole } from './fileFilter';
import { GitignoreFile, IgnoreStack, byteString } from './gitignore';
import { globWork } from './globs';
import { MemoryWorkspace } from './memoryWorkspace';
import { walkWorkspace } from './workspaceWalker';
import { FileSystemWorkspace } from '../node/fileSystemWorkspace';

/** A filter that reads every file: only the ignore files decide. */
class EveryFile extends FileFilter {
  constructor() {
    super(resolveConfig({}));
  }
  override isExcludedFolder(): boolean {
    return false;
  }
  override classify(): FileRole | undefined {
    return { role: 'document' };
  }
}

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const home = mkdtempSync(path.join(tmpdir(), 'seclife-git-home-'));
roots.push(home);
const gitEnv = {
  ...process.env,
  HOME: home,
  XDG_CONFIG_HOME: home,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: path.join(home, 'none'),
};

function git(cwd: string, args: string[]): Buffer {
  return execFileSync('git', args, { cwd, env: gitEnv, maxBuffer: 1 << 26 });
}

/** Builds a repository from files (paths relative to it) and returns its root. */
function repo(files: Record<string, string | Uint8Array>, config: string[][] = []): string {
  const root = mkdtempSync(path.join(tmpdir(), 'seclife-gitignore-'));
  roots.push(root);
  git(root, ['init', '-q']);
  for (const c of config) git(root, ['config', ...c]);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

/** Files git does not ignore (no index: every file is untracked). */
function gitListing(root: string): string[] {
  return git(root, ['ls-files', '-z', '--others', '--exclude-standard'])
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .sort();
}

async function seclifeListing(root: string): Promise<string[]> {
  const walk = await walkWorkspace(new FileSystemWorkspace(root), new EveryFile());
  return walk.files;
}

async function assertSameAsGit(root: string, label: string): Promise<void> {
  const expected = gitListing(root);
  const actual = await seclifeListing(root);
  const missing = expected.filter((f) => !actual.includes(f));
  const extra = actual.filter((f) => !expected.includes(f));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${label}: differs from git ls-files`);
}

test('a nested .gitignore re-includes what a parent ignores; a file in an ignored folder stays ignored', async () => {
  const root = repo({
    '.gitignore': '*.gen.ts\nbuild/\n!build/keep.ts\nsecret/\n',
    'src/keep.gen.ts': 'x',
    'src/drop.gen.ts': 'x',
    'src/.gitignore': '!keep.gen.ts\n',
    'build/keep.ts': 'x',
    'build/.gitignore': '!*\n',
    'secret/.gitignore': '!*\n',
    'secret/a.ts': 'x',
    'other/keep.gen.ts': 'x',
    'a.ts': 'x',
  });
  const files = await seclifeListing(root);
  assert.ok(files.includes('src/keep.gen.ts'), 'nested !keep.gen.ts re-includes');
  assert.ok(!files.includes('src/drop.gen.ts'));
  assert.ok(!files.includes('other/keep.gen.ts'), 'the negation applies only below its folder');
  assert.ok(
    !files.includes('build/keep.ts') && !files.includes('secret/a.ts'),
    'files in ignored folders cannot be re-included',
  );
  await assertSameAsGit(root, 'nested negation');
});

test('.git/info/exclude is read, with lower precedence than every .gitignore', async () => {
  const root = repo({
    '.gitignore': '!kept.log\n',
    'kept.log': 'x',
    'dropped.log': 'x',
    'sub/x.tmp': 'x',
    'sub/.gitignore': '',
  });
  writeFileSync(path.join(root, '.git', 'info', 'exclude'), '*.log\n*.tmp\n');
  const files = await seclifeListing(root);
  assert.ok(files.includes('kept.log') && !files.includes('dropped.log') && !files.includes('sub/x.tmp'));
  await assertSameAsGit(root, 'info/exclude');
});

test('line syntax as git: trailing spaces, escapes, comments, CRLF, BOM, classes, anchors, **', async () => {
  const root = repo({
    '.gitignore': new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...Buffer.from(
        'trail.txt   \nesc\\ \n\\#hash.txt\n#comment.txt\n\\!bang.txt\n/anchored.txt\ncrlf.txt\r\n' +
          '[ab]class.txt\n[!a]neg.txt\n[[:digit:]]digit.txt\n?.q\n**/deep/*.log\nlogs/**\na/**/b.txt\nfoo**/bar\nzz**\n' +
          'odd[.txt\nback\\\n*.é\n??.u\n[]x]br.txt\n',
      ),
    ]),
    'trail.txt': 'x',
    'esc ': 'x',
    esc: 'x',
    '#hash.txt': 'x',
    '#comment.txt': 'x',
    '!bang.txt': 'x',
    'anchored.txt': 'x',
    'sub/anchored.txt': 'x',
    'crlf.txt': 'x',
    'aclass.txt': 'x',
    'cclass.txt': 'x',
    'aneg.txt': 'x',
    'bneg.txt': 'x',
    '1digit.txt': 'x',
    'xdigit.txt': 'x',
    'x.q': 'x',
    'xy.q': 'x',
    'deep/a.log': 'x',
    'p/deep/a.log': 'x',
    'p/q/deep/a.log': 'x',
    'p/deep/r/a.log': 'x',
    'logs/a/b.txt': 'x',
    'logs.txt': 'x',
    'a/b.txt': 'x',
    'a/x/y/b.txt': 'x',
    'c/a/b.txt': 'x',
    foobar: 'x',
    'foo/bar': 'x',
    'fooa/x/bar': 'x',
    'foo/x': 'x',
    'zz/q/r': 'x',
    zzq: 'x',
    'odd[.txt': 'x',
    'back\\': 'x',
    back: 'x',
    'name.é': 'x',
    'é.u': 'x',
    'ab.u': 'x',
    'xbr.txt': 'x',
    ']br.txt': 'x',
  });
  await assertSameAsGit(root, 'syntax');
});

test('core.ignorecase from .git/config folds ASCII letters as git does', async () => {
  const files = {
    '.gitignore': 'CASE.txt\nx[A]y\n[a-c]r.txt\n[A-C]u.txt\nlow\\Er\nDIR/\n[[:upper:]]p\n',
    'case.txt': 'x',
    'CASE.TXT': 'x',
    xAy: 'x',
    xay: 'x',
    'Br.txt': 'x',
    'dr.txt': 'x',
    'bu.txt': 'x',
    'Bu.txt': 'x',
    lowEr: 'x',
    lower: 'x',
    'dir/f': 'x',
    ap: 'x',
    Ap: 'x',
  };
  await assertSameAsGit(repo(files, [['core.ignorecase', 'true']]), 'ignorecase true');
  await assertSameAsGit(repo(files, [['core.ignorecase', 'false']]), 'ignorecase false');
});

// Generated trees: random nested ignore files over random paths, many rounds, each compared with git.
const NAMES = [
  'a',
  'b',
  'build',
  'keep.gen.ts',
  'x.gen.ts',
  'deep',
  'logs',
  'é',
  '#h',
  '!b',
  'trail.txt',
  'sp ',
  'CASE',
  'case',
  'sub',
  'foo',
  'foobar',
  'bar',
  'n1.tmp',
  '2.txt',
  'a b',
  'ab',
  'ba',
  '[x]',
  'x.log',
  'q',
];
const PATTERNS = [
  '*.gen.ts',
  '!keep.gen.ts',
  'build/',
  '/build',
  'sub/',
  '!sub/',
  'deep/**',
  '**/deep',
  '**/logs/*',
  'a/**/b',
  'foo**/bar',
  'foo**',
  '*',
  '!*',
  'trail.txt   ',
  'sp\\ ',
  '\\#h',
  '\\!b',
  '#h',
  '[ab]',
  '[!a]*',
  '[[:digit:]]*',
  '?',
  '??',
  'é',
  '?.txt',
  'CASE',
  'a/b',
  '/a',
  'a/',
  'b/**/',
  '*.tmp',
  '!n1.tmp',
  '**/a/**',
  'a b',
  '\\[x]',
  '[x]',
  'x.log',
  '!x.log',
  '*/q',
  'sub/*',
  '!sub/q',
  'a*',
  '*b',
  '!ab',
  'deep/',
  '!deep/',
  '**/b/',
  'q/',
  '/q',
  '!/q',
  '**',
  '!**/q',
];

function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

test('generated trees: Seclife ignores exactly what git ignores', async () => {
  for (let round = 0; round < 30; round++) {
    const r = rng(round + 1);
    const pick = <T>(a: T[]) => a[r(a.length)];
    const files: Record<string, string> = {};
    const dirs = new Set<string>(['']);
    for (let i = 0; i < 40; i++) {
      const depth = 1 + r(4);
      const parts: string[] = [];
      for (let d = 0; d < depth; d++) parts.push(pick(NAMES));
      const file = parts.join('/');
      // a name cannot be both a file and a folder
      if (Object.keys(files).some((f) => f.startsWith(`${file}/`) || file.startsWith(`${f}/`))) continue;
      files[file] = 'x';
      for (let d = 1; d < depth; d++) dirs.add(parts.slice(0, d).join('/'));
    }
    for (const dir of dirs) {
      if (r(2) === 0) continue;
      const lines: string[] = [];
      for (let i = 1 + r(6); i > 0; i--) lines.push(pick(PATTERNS));
      const file = dir === '' ? '.gitignore' : `${dir}/.gitignore`;
      if (Object.keys(files).some((f) => f.startsWith(`${file}/`))) continue;
      files[file] = lines.join(r(4) === 0 ? '\r\n' : '\n') + (r(2) ? '\n' : '');
    }
    const root = repo(files, r(4) === 0 ? [['core.ignorecase', 'true']] : []);
    if (r(3) === 0) writeFileSync(path.join(root, '.git', 'info', 'exclude'), `${pick(PATTERNS)}\n${pick(PATTERNS)}\n`);
    await assertSameAsGit(root, `round ${round}: ${JSON.stringify(files)}`);
  }
});

test('an ignore file that is too large, unreadable or a link is a note, and ignores nothing', async () => {
  const big = new Uint8Array(1024 * 1024 + 1).fill(0x61);
  const ws = new MemoryWorkspace({ '.gitignore': big, 'a.ts': 'x', 'sub/.gitignore': '*.ts\n', 'sub/b.ts': 'x' });
  const walk = await walkWorkspace(ws, new EveryFile());
  assert.ok(walk.files.includes('a.ts') && !walk.files.includes('sub/b.ts'));
  assert.deepEqual(
    walk.notes.map((n) => n.file),
    ['.gitignore'],
  );
  assert.match(
    walk.notes[0].message,
    /^\.gitignore not read: 1\.0 MiB is larger than the limit of 1\.0 MiB; nothing in it is ignored$/,
  );
});

test('patterns are matched in linear time (work at 10x the input grows about 10x)', () => {
  const work = (n: number, pattern: string, name: (n: number) => string) => {
    const stack = IgnoreStack.empty.with('', new GitignoreFile(new TextEncoder().encode(`${pattern}\n`)));
    const before = globWork.steps;
    stack.ignores(name(n), false);
    return globWork.steps - before;
  };
  const cases: Array<[string, (n: number) => string]> = [
    // inputs that pass the literal start/end checks, so the matcher does the work
    ['*a*a*a*a*a*a*a*a*a*a*b', (n) => `${'a'.repeat(n)}cb`],
    ['a/**/a/**/a/**/a/**/a/**/b', (n) => `${'a/'.repeat(n)}cb`],
    ['**/*a*a*a*a*a*b.ts', (n) => `${'d/'.repeat(n / 10)}${'a'.repeat(n)}b.ts`],
  ];
  for (const [pattern, name] of cases) {
    const small = work(1000, pattern, name);
    const large = work(10_000, pattern, name);
    assert.ok(small > 0, pattern);
    assert.ok(large / small < 15, `${pattern}: ${small} → ${large} steps`);
  }
});

test('byteString is the UTF-8 bytes', () => {
  assert.equal(byteString('abc'), 'abc');
  assert.equal(byteString('é'), '\xc3\xa9');
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { isValidRefName, MAX_GIT_FILE, readGitCommit } from './gitCommit';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-git-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

function repo(name: string, files: Record<string, string>): string {
  const root = path.join(temp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

test('HEAD on a branch (loose ref, packed ref), detached, from a subfolder, and a linked worktree', async () => {
  const loose = repo('loose', {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/refs/heads/main': `${A}\n`,
    'sub/x.md': '',
  });
  assert.deepEqual(await readGitCommit(path.join(loose, 'sub')), { sha: A, ref: 'main' });
  const packed = repo('packed', {
    '.git/HEAD': 'ref: refs/heads/release/1.0\n',
    '.git/packed-refs': `# pack-refs with: peeled\n${B} refs/heads/release/1.0\n`,
  });
  assert.deepEqual(await readGitCommit(packed), { sha: B, ref: 'release/1.0' });
  assert.deepEqual(await readGitCommit(repo('detached', { '.git/HEAD': `${A}\n` })), { sha: A });
  const main = repo('main', {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/refs/heads/main': `${A}\n`,
    '.git/worktrees/wt/HEAD': 'ref: refs/heads/feature\n',
    '.git/worktrees/wt/commondir': '../..\n',
    '.git/refs/heads/feature': `${B}\n`,
  });
  const wt = repo('wt', { '.git': `gitdir: ${path.join(main, '.git', 'worktrees', 'wt')}\n` });
  assert.deepEqual(await readGitCommit(wt), { sha: B, ref: 'feature' });
});

test('no repository, an unborn branch or a garbled HEAD give no commit', async () => {
  // The temp folder is outside any repository (unless the machine's temp dir is in one).
  assert.deepEqual(await readGitCommit(repo('plain', { 'a.md': '' })), await readGitCommit(path.dirname(temp)));
  assert.equal(await readGitCommit(repo('unborn', { '.git/HEAD': 'ref: refs/heads/main\n' })), undefined);
  assert.equal(await readGitCommit(repo('garbled', { '.git/HEAD': 'hello\n' })), undefined);
});

const REF_NAMES = [
  'refs/heads/main',
  'refs/heads/release/1.0',
  'refs/heads/ü',
  'refs/tags/v1',
  'refs/heads/a-b_c+d',
  'refs/../x',
  'refs/heads/../../x',
  'refs/heads/.hidden',
  'refs/heads/x.lock',
  'refs/heads/a.lock/b',
  'refs/heads/a b',
  'refs/heads/a~1',
  'refs/heads/a^',
  'refs/heads/a:b',
  'refs/heads/a?',
  'refs/heads/a*',
  'refs/heads/a[b',
  'refs/heads/a\\b',
  'refs/heads/a@{1}',
  '@',
  'refs/heads/',
  '/refs/heads/a',
  'refs//heads/a',
  'refs/heads/a.',
  'refs/heads/a\x01',
  'refs/heads/a\x7f',
  'refs/heads/@',
  'refs/heads/a@b',
  'refs/heads/a..b',
  'refs/heads/.',
  'refs/heads/a/.b',
];

test('ref names are checked as git check-ref-format checks them', (t) => {
  const git = spawnSync('git', ['--version']);
  if (git.status !== 0) return t.skip('git is not installed (the tests compare with it; the product never runs it)');
  for (const name of REF_NAMES) {
    const expected = spawnSync('git', ['check-ref-format', name]).status === 0;
    assert.equal(isValidRefName(name), expected, JSON.stringify(name));
  }
});

test('HEAD refs that escape .git, name a FIFO or a device, or are oversized give no commit and a note', async () => {
  const escaping = repo('escape', { '.git/HEAD': 'ref: refs/../../outside\n', outside: `${A}\n` });
  const notes: string[] = [];
  assert.equal(await readGitCommit(escaping, notes), undefined);
  assert.deepEqual(notes, ['HEAD names an invalid ref "refs/../../outside"; not followed']);

  const linked = repo('linked', { '.git/HEAD': 'ref: refs/heads/main\n', elsewhere: `${A}\n` });
  mkdirSync(path.join(linked, '.git', 'refs', 'heads'), { recursive: true });
  symlinkSync(path.join(linked, 'elsewhere'), path.join(linked, '.git', 'refs', 'heads', 'main'));
  const linkNotes: string[] = [];
  assert.equal(await readGitCommit(linked, linkNotes), undefined);
  assert.deepEqual(linkNotes, ['refs/heads/main links outside the git directory; not read']);

  const big = repo('big', { '.git/HEAD': `${A}\n${' '.repeat(MAX_GIT_FILE)}` });
  const bigNotes: string[] = [];
  assert.equal(await readGitCommit(big, bigNotes), undefined);
  assert.match(bigNotes[0], /^HEAD is \d+ bytes, larger than 4096 bytes; not read$/);
});

test('packed-refs is scanned in chunks (a match at the end of a large file); symbolic refs are followed', async () => {
  const lines = ['# pack-refs with: peeled'];
  for (let i = 0; i < 50_000; i++) lines.push(`${A} refs/tags/t${i}`);
  lines.push(`${B} refs/heads/main`);
  const packed = repo('big-packed', { '.git/HEAD': 'ref: refs/heads/main\n', '.git/packed-refs': lines.join('\r\n') });
  assert.deepEqual(await readGitCommit(packed), { sha: B, ref: 'main' });
  const sym = repo('symref', {
    '.git/HEAD': 'ref: refs/heads/alias\n',
    '.git/refs/heads/alias': 'ref: refs/heads/main\n',
    '.git/refs/heads/main': `${A}\n`,
  });
  assert.deepEqual(await readGitCommit(sym), { sha: A, ref: 'alias' });
  const loop = repo('symloop', {
    '.git/HEAD': 'ref: refs/heads/a\n',
    '.git/refs/heads/a': 'ref: refs/heads/b\n',
    '.git/refs/heads/b': 'ref: refs/heads/a\n',
  });
  assert.equal(await readGitCommit(loop), undefined);
  // a sha of neither 40 nor 64 digits is not one
  assert.equal(await readGitCommit(repo('short', { '.git/HEAD': `${'a'.repeat(50)}\n` })), undefined);
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { readGitCommit } from './gitCommit';

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
  const loose = repo('loose', { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${A}\n`, 'sub/x.md': '' });
  assert.deepEqual(await readGitCommit(path.join(loose, 'sub')), { sha: A, ref: 'main' });
  const packed = repo('packed', { '.git/HEAD': 'ref: refs/heads/release/1.0\n', '.git/packed-refs': `# pack-refs with: peeled\n${B} refs/heads/release/1.0\n` });
  assert.deepEqual(await readGitCommit(packed), { sha: B, ref: 'release/1.0' });
  assert.deepEqual(await readGitCommit(repo('detached', { '.git/HEAD': `${A}\n` })), { sha: A });
  const main = repo('main', { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${A}\n`, '.git/worktrees/wt/HEAD': 'ref: refs/heads/feature\n', '.git/worktrees/wt/commondir': '../..\n', '.git/refs/heads/feature': `${B}\n` });
  const wt = repo('wt', { '.git': `gitdir: ${path.join(main, '.git', 'worktrees', 'wt')}\n` });
  assert.deepEqual(await readGitCommit(wt), { sha: B, ref: 'feature' });
});

test('no repository, an unborn branch or a garbled HEAD give no commit', async () => {
  // The temp folder is outside any repository (unless the machine's temp dir is in one).
  assert.deepEqual(await readGitCommit(repo('plain', { 'a.md': '' })), await readGitCommit(path.dirname(temp)));
  assert.equal(await readGitCommit(repo('unborn', { '.git/HEAD': 'ref: refs/heads/main\n' })), undefined);
  assert.equal(await readGitCommit(repo('garbled', { '.git/HEAD': 'hello\n' })), undefined);
});

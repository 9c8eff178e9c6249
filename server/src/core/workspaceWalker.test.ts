import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from './config';
import { FileFilter } from './fileFilter';
import { MemoryWorkspace } from './memoryWorkspace';
import { FileType, Workspace } from './workspace';
import { gitIgnoreCase, walkWorkspace } from './workspaceWalker';

const filter = () => new FileFilter(resolveConfig({ exclude: ['vendor/**'] }));

test('walk: excluded and git-ignored folders are pruned, .git is skipped, results are sorted', async () => {
  const ws = new MemoryWorkspace({
    'src/b.ts': '',
    'src/a.ts': '',
    'vendor/x.ts': '',
    '.git/hooks/h.ts': '',
    'gen/x.ts': '',
    '.gitignore': 'gen/\n',
    'docs/a.md': '',
    'img.png': '',
  });
  const walk = await walkWorkspace(ws, filter());
  assert.deepEqual(walk.files, ['docs/a.md', 'src/a.ts', 'src/b.ts']);
  assert.deepEqual(walk.notes, []);
});

test('.git/info/exclude at the root is read; .gitignore files override it', async () => {
  const ws = new MemoryWorkspace({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/info/exclude': '*.gen.ts\nlocal/\n',
    '.gitignore': '!keep.gen.ts\n',
    'src/a.gen.ts': '',
    'src/keep.gen.ts': '',
    'local/a.ts': '',
    'src/a.ts': '',
  });
  assert.deepEqual((await walkWorkspace(ws, filter())).files, ['src/a.ts', 'src/keep.gen.ts']);
});

test('ignore files that cannot be read are notes and ignore nothing', async () => {
  const huge = new Uint8Array(2 * 1024 * 1024);
  const ws = new MemoryWorkspace({
    '.git/info/exclude': huge,
    '.git/config': '[core]\n',
    'a/.gitignore/x': '',
    'a/b.ts': '',
    'c/.gitignore': '*\n',
    'c/d.ts': '',
  });
  const broken: Workspace = {
    readDirectory: (p) => ws.readDirectory(p),
    stat: (p) => ws.stat(p),
    readFile: async (p) => {
      if (p === 'c/.gitignore') throw new Error('EACCES: permission denied');
      return ws.readFile(p);
    },
  };
  const walk = await walkWorkspace(broken, filter());
  assert.deepEqual(walk.files, ['a/b.ts', 'c/d.ts']);
  assert.deepEqual(walk.notes, [
    {
      file: '.git/info/exclude',
      message: '.git/info/exclude not read: 2.0 MiB is larger than the limit of 1.0 MiB; nothing in it is ignored',
    },
    { file: 'a/.gitignore', message: '.gitignore not read: it is a folder; nothing in it is ignored' },
    { file: 'c/.gitignore', message: '.gitignore not read: EACCES: permission denied; nothing in it is ignored' },
  ]);
});

test('a .gitignore that is a symbolic link is not read (git does not follow it either)', async () => {
  const ws = new MemoryWorkspace({ 'a.ts': '', real: '*.ts\n' });
  const linked: Workspace = {
    readDirectory: async (p) => [
      ...(await ws.readDirectory(p)),
      ...(p === '' ? [['.gitignore', FileType.SymbolicLink] as [string, FileType]] : []),
    ],
    stat: (p) => (p === '.gitignore' ? ws.stat('real') : ws.stat(p)),
    readFile: (p) => ws.readFile(p === '.gitignore' ? 'real' : p),
  };
  const walk = await walkWorkspace(linked, filter());
  assert.deepEqual(walk.files, ['a.ts']);
  assert.deepEqual(walk.notes, [
    {
      file: '.gitignore',
      message: '.gitignore not read: it is a symbolic link, which git does not follow; nothing in it is ignored',
    },
  ]);
});

test('core.ignorecase is read from the [core] section of .git/config', () => {
  assert.equal(gitIgnoreCase('[core]\n\tignorecase = true\n'), true);
  assert.equal(gitIgnoreCase('[core]\n\tIgnoreCase\n'), true);
  assert.equal(gitIgnoreCase('[core]\n\tignorecase = true\n[core]\n\tignorecase = false ; later wins\n'), false);
  assert.equal(gitIgnoreCase('[user]\n\tignorecase = true\n'), false);
  assert.equal(gitIgnoreCase(''), false);
});

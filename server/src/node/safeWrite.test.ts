import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { UnsafeWriteError, writeOutputFile, writeWorkspaceFile } from './safeWrite';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-write-'));
after(() => rmSync(temp, { recursive: true, force: true }));

test('writeWorkspaceFile: creates folders, replaces keeping the mode, leaves no temp file, keepExisting', () => {
  const root = path.join(temp, 'ws');
  mkdirSync(root);
  assert.equal(writeWorkspaceFile(root, 'a/b/c.json', 'one'), 'written');
  chmodSync(path.join(root, 'a/b/c.json'), 0o640);
  assert.equal(writeWorkspaceFile(root, 'a/b/c.json', 'two'), 'written');
  assert.equal(readFileSync(path.join(root, 'a/b/c.json'), 'utf8'), 'two');
  assert.equal(statSync(path.join(root, 'a/b/c.json')).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(path.join(root, 'a/b')), ['c.json']);
  assert.equal(writeWorkspaceFile(root, 'a/b/c.json', 'three', { keepExisting: true }), 'kept');
  assert.equal(readFileSync(path.join(root, 'a/b/c.json'), 'utf8'), 'two');
  assert.throws(() => writeWorkspaceFile(root, '../x', 'no'), UnsafeWriteError);
});

test('a link inside the workspace is written through to its target; a dangling one is refused', () => {
  const root = path.join(temp, 'links');
  mkdirSync(path.join(root, 'real'), { recursive: true });
  writeFileSync(path.join(root, 'real', 'f.txt'), 'old');
  symlinkSync('real', path.join(root, 'alias'));
  symlinkSync('f.txt', path.join(root, 'real', 'g.txt'));
  writeWorkspaceFile(root, 'alias/g.txt', 'new');
  assert.equal(readFileSync(path.join(root, 'real', 'f.txt'), 'utf8'), 'new');
  symlinkSync('nowhere', path.join(root, 'dangling.txt'));
  assert.throws(
    () => writeWorkspaceFile(root, 'dangling.txt', 'x'),
    /dangling\.txt is a symbolic link whose target does not exist/,
  );
});

test('writeOutputFile: a path that resolves into the workspace gets the workspace rules', () => {
  const root = path.join(temp, 'out-ws');
  const outside = path.join(temp, 'out-outside');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'victim'), 'keep');
  symlinkSync(path.join(outside, 'victim'), path.join(root, 'report.txt'));
  // named through a link of the user's that points into the workspace
  symlinkSync(root, path.join(temp, 'ws-alias'));
  assert.throws(
    () => writeOutputFile(root, path.join(temp, 'ws-alias', 'report.txt'), 'x'),
    /report\.txt is a symbolic link to a file outside the workspace/,
  );
  assert.equal(readFileSync(path.join(outside, 'victim'), 'utf8'), 'keep');
  // outside the workspace, the user's own link to a regular file is followed
  symlinkSync(path.join(outside, 'victim'), path.join(outside, 'mine'));
  writeOutputFile(root, path.join(outside, 'mine'), 'replaced');
  assert.equal(readFileSync(path.join(outside, 'victim'), 'utf8'), 'replaced');
});

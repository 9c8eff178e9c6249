import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { indexWorkspace } from './indexer';
import { FileSystemWorkspace } from '../node/fileSystemWorkspace';
import { engineForFixture, fixturePath, summarize } from '../testing/workspaces';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-fixtures-'));
after(() => rmSync(temp, { recursive: true, force: true }));

test('all-findings: every traceability code of the engine, each where it belongs', async () => {
  const engine = await engineForFixture('all-findings');
  assert.deepEqual(summarize(engine.findings()), [
    'unknown-reference docs/controls.md:4 TH-404',
    'malformed-item docs/controls.md:6 RC-002',
    'not-implemented docs/controls.md:6 RC-002',
    'not-verified docs/controls.md:6 RC-002',
    'not-verified docs/interfaces.md:3 IF-001',
    'malformed-item docs/interfaces.md:3 IF-001',
    'not-implemented docs/requirements.md:8 SR-002',
    'not-verified docs/requirements.md:8 SR-002',
    'wrong-link-target docs/requirements.md:9 RC-001',
    'duplicate-id docs/requirements.md:13 SR-001',
    'malformed-item docs/requirements.md:15 SR-003',
    'not-implemented docs/requirements.md:15 SR-003',
    'not-verified docs/requirements.md:15 SR-003',
    'not-mitigated docs/threats.md:8 TH-002',
    'acceptance-without-rationale docs/threats.md:13 TH-003',
    'malformed-item docs/threats.md:15 TH-003',
    'unknown-reference src/auth.ts:6 SR-404',
    'wrong-link-target src/auth.ts:9 TH-002',
    'verification-outside-tests src/auth.ts:12 SR-002',
    'unjustified-suppression src/auth.ts:20',
    'unused-suppression src/auth.ts:20',
  ]);
  // seclife.json turned not-verified into a note.
  assert.ok(
    engine
      .findings()
      .filter((f) => f.code === 'not-verified')
      .every((f) => f.severity === 'note'),
  );
  assert.match(engine.findings()[0].message, /named by RC-001's Mitigates/);
  assert.deepEqual(engine.coverage(), {
    SR: { total: 3, covered: 1 },
    TH: { total: 3, covered: 1 },
    RC: { total: 2, covered: 1 },
    IF: { total: 1, covered: 0 },
    SOUP: { total: 0, covered: 0 },
    CS: { total: 0, covered: 0 },
  });
});

test('custom-config: globs, excludes, added kinds and severities from seclife.json', async () => {
  const engine = await engineForFixture('custom-config');
  assert.deepEqual(
    engine.findings().map((f) => `${f.severity} ${f.code} ${f.file}:${f.line}`),
    ['error not-implemented requirements/all.md:3'],
  );
  assert.deepEqual(engine.filePaths(), ['checks/test_backup.py', 'lib/backup.py', 'requirements/all.md']);
  assert.deepEqual(engine.coverage().AST, { total: 1, covered: 1 });
});

test('hostile input: binary, invalid UTF-8, deep nesting, unterminated comments, CRLF, 20 MB, symlink loop', async () => {
  const root = path.join(temp, 'hostile');
  cpSync(fixturePath('hostile'), root, { recursive: true });
  // A 20 MB source file (skipped by size), and a 20 MB document just under a raised limit is not needed:
  // the default limit is 4 MiB.
  writeFileSync(path.join(root, 'src', 'huge.ts'), Buffer.alloc(20 * 1024 * 1024, '// @implements SR-404\n'));
  mkdirSync(path.join(root, 'src', 'loop'));
  symlinkSync('..', path.join(root, 'src', 'loop', 'parent'));
  symlinkSync(path.join(root, 'src', 'strings.ts'), path.join(root, 'src', 'linked.ts'));
  symlinkSync(path.join(root, 'nowhere.ts'), path.join(root, 'src', 'dangling.ts'));
  const engine = await indexWorkspace(new FileSystemWorkspace(root));
  assert.deepEqual(summarize(engine.findings().filter((f) => f.severity === 'error')), [
    'malformed-item docs/crlf.md:1 SR-1',
    'unknown-reference docs/crlf.md:5 TH-404',
    'unknown-reference src/unterminated.ts:4 SR-404',
  ]);
  assert.deepEqual(
    engine.notes().map((n) => `${n.file}: ${n.message}`),
    [
      'docs/latin1.md: invalid UTF-8; undecodable bytes were read as U+FFFD',
      'docs/nested.md: 2 lines nested deeper than 20 levels (or indented over 80 columns) not parsed',
      'src/binary.ts: skipped: binary file',
      'src/huge.ts: skipped: 20.0 MiB is larger than maxFileSize (4.0 MiB)',
    ],
  );
  // Items after the hostile parts are still found; the linked file is read once under its own name.
  assert.deepEqual(
    engine.items().map((i) => i.def.id),
    ['SR-1', 'SR-2', 'SR-3', 'SR-4', 'SR-5'],
  );
  assert.deepEqual(engine.item('SR-3')!.def.title, 'Latin-1 caf\uFFFD title');
  assert.ok(engine.item('SR-2')!.met.includes('implemented'));
  assert.ok(engine.item('SR-4')!.met.includes('implemented'), 'an unterminated string ends at its line');
  assert.ok(engine.item('SR-5')!.met.includes('implemented'), 'an unterminated block comment runs to the end');
  assert.ok(engine.filePaths().includes('src/linked.ts'));
});

test('hostile input through the engine API: a 20 MB document string and random bytes', async () => {
  const engine = await indexWorkspace(new FileSystemWorkspace(fixturePath('custom-config')));
  engine.updateFile('requirements/huge.md', '## SR-9: x\n'.repeat(2 * 1024 * 1024));
  assert.match(engine.notes().find((n) => n.file === 'requirements/huge.md')!.message, /larger than maxFileSize/);
  const noise = new Uint8Array(1024 * 1024);
  let seed = 7;
  for (let i = 0; i < noise.length; i++) noise[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff || 1;
  engine.updateFile('lib/noise.py', noise);
  engine.updateFile('requirements/noise.md', noise);
  assert.ok(engine.findings().length >= 1);
});

/**
 * Issue 11, file-system cases (D9–D14, D19, UTF-16): writes that leave the workspace,
 * links out of it, FIFOs and devices, unbounded reads, config and baselines that cannot be
 * read. Each case checks the exit code, the finding or note, and — for every command that
 * writes — that nothing outside the workspace changed (docs/security-model.md).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  ftruncateSync,
  lstatSync,
  readdirSync,
  unlinkSync,
} from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { HostileCase, hostileCase } from '../testing/hostile';
import { LspClient } from '../testing/lspClient';

const REQ = '## SR-001: Lock accounts\n\nAfter 5 failures.\n';
const BASIC = {
  'docs/req.md': REQ,
  'src/lock.ts': '// @implements SR-001\nexport function lock() {}\n',
  'test/lock.test.ts': '// @verifies SR-001\n',
};

const mkfifo = (p: string) => execFileSync('mkfifo', [p]);
const link = (target: string, at: string) => {
  mkdirSync(path.dirname(at), { recursive: true });
  symlinkSync(target, at);
};

interface Json {
  findings: Array<{ code: string; file: string; message: string }>;
  notes: Array<{ file: string; message: string }>;
  items: Array<{ id: string; title: string }>;
}

function checkJson(c: HostileCase, args: string[] = []): { status: number | null; json: Json; stderr: string } {
  const r = c.run(['check', '--format', 'json', ...args]);
  assert.notEqual(r.status, null, `check did not finish: ${r.stderr}`);
  return { status: r.status, json: JSON.parse(r.stdout) as Json, stderr: r.stderr };
}

/** A workspace whose baseline was recorded, then SR-001 changed (one item with suspect links). */
function reviewed(name: string): HostileCase {
  const c = hostileCase(name);
  c.write(BASIC);
  assert.equal(c.run(['review']).status, 0);
  c.write({ 'docs/req.md': REQ.replace('5 failures', '3 failures') });
  return c;
}

// --- D12: writes go only to regular files inside the workspace --------------------------

test('D12: review --all does not write through a baseline linked to a file outside', () => {
  const c = hostileCase('baseline-link-out');
  c.write(BASIC);
  c.writeOutside({ 'victim.json': 'do not touch\n' });
  link(path.join(c.outside, 'victim.json'), path.join(c.ws, '.seclife', 'baseline.json'));
  const before = c.outsideHash();
  const plain = c.run(['review']);
  assert.equal(plain.status, 2);
  assert.match(
    plain.stderr,
    /\.seclife\/baseline\.json cannot be read \(a symbolic link to a file outside the workspace.*'seclife review --all' records a new one, marking every current item and link as reviewed/,
  );
  const all = c.run(['review', '--all']);
  assert.equal(all.status, 2);
  assert.match(
    all.stderr,
    /^seclife: cannot write \.seclife\/baseline\.json: \.seclife\/baseline\.json is a symbolic link to a file outside the workspace; Seclife writes only inside the workspace/,
  );
  assert.equal(c.outsideHash(), before);
  assert.equal(readFileSync(path.join(c.outside, 'victim.json'), 'utf8'), 'do not touch\n');
  // check: the baseline that is not used is a config-error (not a silent skip)
  const check = checkJson(c);
  assert.equal(check.status, 1);
  assert.ok(
    check.json.findings.some(
      (f) =>
        f.code === 'config-error' && f.file === '.seclife/baseline.json' && /outside the workspace/.test(f.message),
    ),
  );
});

test('D12: a .seclife folder linked outside: review writes nothing there; a baseline in it is a config-error', () => {
  const c = hostileCase('seclife-dir-out');
  c.write(BASIC);
  mkdirSync(path.join(c.outside, 'dot-seclife'));
  link(path.join(c.outside, 'dot-seclife'), path.join(c.ws, '.seclife'));
  const before = c.outsideHash();
  const plain = c.run(['review']);
  assert.equal(plain.status, 2);
  assert.match(
    plain.stderr,
    /cannot write \.seclife\/baseline\.json: \.seclife is a symbolic link to a folder outside the workspace/,
  );
  assert.equal(c.run(['review', '--all']).status, 2);
  assert.equal(c.outsideHash(), before);
  assert.deepEqual(readdirSync(path.join(c.outside, 'dot-seclife')), []);

  c.writeOutside({ 'dot-seclife/baseline.json': '{"version":1,"items":{}}\n' });
  const check = checkJson(c);
  assert.equal(check.status, 1);
  assert.ok(
    check.json.findings.some(
      (f) => f.code === 'config-error' && /in a folder that links outside the workspace/.test(f.message),
    ),
    JSON.stringify(check.json.findings),
  );
});

test('D12: a baseline hard-linked to a file outside is replaced, not written through', () => {
  const c = reviewed('baseline-hardlink');
  const baseline = path.join(c.ws, '.seclife', 'baseline.json');
  c.writeOutside({ 'victim.json': readFileSync(baseline) });
  const outsideFile = path.join(c.outside, 'victim.json');
  unlinkSync(baseline);
  linkSync(outsideFile, baseline);
  const before = c.outsideHash();
  const r = c.run(['review', '--all']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^updated \.seclife\/baseline\.json/);
  assert.equal(c.outsideHash(), before);
  assert.equal(lstatSync(baseline).nlink, 1);
  assert.notEqual(readFileSync(baseline, 'utf8'), readFileSync(outsideFile, 'utf8'));
});

test('D12: a baseline linked to a FIFO inside the workspace: check, review and review --all finish', () => {
  const c = hostileCase('baseline-fifo');
  c.write(BASIC);
  mkfifo(path.join(c.ws, 'pipe'));
  link('../pipe', path.join(c.ws, '.seclife', 'baseline.json'));
  c.writeOutside({ 'keep.txt': 'keep\n' });
  const before = c.outsideHash();
  const check = checkJson(c);
  assert.equal(check.status, 1);
  assert.ok(
    check.json.findings.some(
      (f) =>
        f.code === 'config-error' && /cannot be read \(a symbolic link to a FIFO, not a regular file/.test(f.message),
    ),
  );
  const plain = c.run(['review']);
  assert.equal(plain.status, 2);
  assert.match(plain.stderr, /FIFO/);
  const all = c.run(['review', '--all']);
  assert.equal(all.status, 2);
  assert.match(all.stderr, /\.seclife\/baseline\.json is a symbolic link to a FIFO; Seclife writes only regular files/);
  assert.ok(lstatSync(path.join(c.ws, 'pipe')).isFIFO());
  assert.equal(c.outsideHash(), before);
});

test('D12: init keeps or refuses links that leave the workspace; nothing outside changes', () => {
  const c = hostileCase('init-links');
  c.writeOutside({ 'victim.json': '{}\n', 'docs/keep.md': 'x\n' });
  link(path.join(c.outside, 'victim.json'), path.join(c.ws, 'seclife.json'));
  link(path.join(c.outside, 'docs'), path.join(c.ws, 'docs'));
  const before = c.outsideHash();
  const plain = c.run(['init']);
  assert.equal(plain.status, 2);
  assert.match(
    plain.stderr,
    /cannot write '[^']*ws\/docs\/security\/requirements\.md': docs is a symbolic link to a folder outside the workspace/,
  );
  const forced = c.run(['init', '--force']);
  assert.equal(forced.status, 2);
  assert.match(
    forced.stderr,
    /cannot write '[^']*ws\/seclife\.json': seclife\.json is a symbolic link to a file outside the workspace/,
  );
  assert.equal(c.outsideHash(), before);
});

test('D12: --output and --out never write through a link out of the workspace, into a FIFO, or over a folder', () => {
  const c = hostileCase('outputs');
  c.write(BASIC);
  c.writeOutside({ 'victim.txt': 'keep\n' });
  link(path.join(c.outside, 'victim.txt'), path.join(c.ws, 'out', 'check.sarif'));
  link(path.join(c.outside, 'victim.txt'), path.join(c.ws, 'report', 'index.html'));
  mkfifo(path.join(c.outside, 'pipe'));
  const before = c.outsideHash();
  const sarif = c.run(['check', '--format', 'sarif', '--output', 'out/check.sarif']);
  assert.equal(sarif.status, 2);
  assert.match(
    sarif.stderr,
    /cannot write 'out\/check\.sarif': out\/check\.sarif is a symbolic link to a file outside the workspace/,
  );
  const report = c.run(['report', '--out', 'report']);
  assert.equal(report.status, 2);
  assert.match(report.stderr, /report\/index\.html is a symbolic link to a file outside the workspace/);
  // A path outside the workspace is the user's choice, but never a FIFO (no hang) or a folder.
  const fifo = c.run(['check', '--output', path.join(c.outside, 'pipe')]);
  assert.equal(fifo.status, 2);
  assert.match(fifo.stderr, /pipe is a FIFO; Seclife writes only regular files/);
  const folder = c.run(['check', '--output', c.outside]);
  assert.equal(folder.status, 2);
  assert.equal(c.outsideHash(), before);
  // An ordinary output outside is written (and nothing else changes).
  const ok = c.run(['check', '--output', path.join(c.outside, 'new', 'check.txt')]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(readFileSync(path.join(c.outside, 'new', 'check.txt'), 'utf8'), /SR/);
});

// --- D19: links to files outside the workspace are not read by default ------------------

test('D19: a document linked from outside is skipped with a note; followExternalSymlinks: true reads it', () => {
  const c = hostileCase('external-doc');
  c.write({ 'docs/own.md': '## SR-002: Own requirement\n', 'shared/inside.md': '## SR-003: Linked inside\n' });
  c.writeOutside({ 'secret.md': '## SR-001: TOP SECRET TITLE\n' });
  link(path.join(c.outside, 'secret.md'), path.join(c.ws, 'docs', 'secret.md'));
  link('../shared/inside.md', path.join(c.ws, 'docs', 'alias.md'));
  const off = checkJson(c);
  assert.equal(off.status, 0);
  assert.doesNotMatch(JSON.stringify(off.json), /TOP SECRET/);
  assert.deepEqual(
    off.json.notes.filter((n) => n.file === 'docs/secret.md').map((n) => n.message),
    [
      'skipped: a symbolic link to a file outside the workspace; not read (set followExternalSymlinks in seclife.json to read it)',
    ],
  );
  // a link inside the workspace is read as before
  assert.deepEqual(off.json.items.map((i) => i.id).sort(), ['SR-002', 'SR-003']);

  c.write({ 'seclife.json': '{ "followExternalSymlinks": true }\n' });
  const on = checkJson(c);
  assert.ok(on.json.items.some((i) => i.title === 'TOP SECRET TITLE'));
});

test('D19: seclife.json linked from outside is a config-error (it cannot opt itself in)', () => {
  const c = hostileCase('external-config');
  c.write(BASIC);
  c.writeOutside({ 'seclife.json': '{ "followExternalSymlinks": true, "gate": { "failOn": "never" } }\n' });
  link(path.join(c.outside, 'seclife.json'), path.join(c.ws, 'seclife.json'));
  const r = checkJson(c);
  assert.equal(r.status, 1);
  assert.deepEqual(
    r.json.findings.filter((f) => f.code === 'config-error').map((f) => f.message),
    [
      'seclife.json cannot be read (a symbolic link to a file outside the workspace; not read (set followExternalSymlinks in seclife.json to read it)); the gate and every setting use the defaults',
    ],
  );
});

test('D19/D9 in the language server: a link out of the workspace is not shown, a FIFO does not stall indexing', async () => {
  const c = hostileCase('lsp-links');
  c.write({ 'docs/own.md': '## SR-002: Own requirement\n' });
  c.writeOutside({ 'secret.md': '## SR-001: TOP SECRET TITLE\n' });
  link(path.join(c.outside, 'secret.md'), path.join(c.ws, 'docs', 'secret.md'));
  mkfifo(path.join(c.ws, 'pipe'));
  link('../pipe', path.join(c.ws, 'src', 'hang.ts'));
  link('../pipe', path.join(c.ws, 'docs', 'hang.md'));
  const client = LspClient.start();
  try {
    await client.initialize([c.ws]);
    await client.indexed();
    const tree = await client.request<unknown>('seclife/traceTree', {});
    const findings = await client.request<unknown>('seclife/findings', {});
    assert.match(JSON.stringify(tree), /SR-002/);
    assert.doesNotMatch(JSON.stringify(tree) + JSON.stringify(findings), /TOP SECRET/);
  } finally {
    await client.stop();
  }
});

// --- D9/D10: only regular files are read, every read bounded -----------------------------

/**
 * Links `src/linked.ts` to `source` and `.gitignore` to `ignore` (both non-regular files):
 * check finishes with exit 0, the source is skipped with a note naming `what`, and the
 * `.gitignore` is not read (a note; git does not follow a linked .gitignore either).
 */
function assertSourceAndIgnoreRefused(c: HostileCase, source: string, ignore: string, what: string): void {
  link(source, path.join(c.ws, 'src', 'linked.ts'));
  link(ignore, path.join(c.ws, '.gitignore'));
  const r = checkJson(c);
  assert.equal(r.status, 0);
  assert.deepEqual(
    r.json.notes.filter((n) => n.file === 'src/linked.ts').map((n) => n.message),
    [`skipped: a symbolic link to ${what}, not a regular file; only regular files are read`],
  );
  assert.deepEqual(
    r.json.notes.filter((n) => n.file === '.gitignore').map((n) => n.message),
    ['.gitignore not read: it is a symbolic link, which git does not follow; nothing in it is ignored'],
  );
}

test('D9: a source, .gitignore and seclife.json linked to a FIFO: check finishes; seclife.json is a config-error', () => {
  const c = hostileCase('fifos');
  c.write(BASIC);
  mkfifo(path.join(c.ws, 'pipe'));
  assertSourceAndIgnoreRefused(c, '../pipe', 'pipe', 'a FIFO');
  link('pipe', path.join(c.ws, 'seclife.json'));
  const config = checkJson(c);
  assert.equal(config.status, 1);
  assert.match(
    config.json.findings.find((f) => f.code === 'config-error')!.message,
    /^seclife\.json cannot be read \(a symbolic link to a FIFO, not a regular file; only regular files are read\); the gate and every setting use the defaults$/,
  );
});

test('D10: /dev/zero as a source and .gitignore (followExternalSymlinks on) is refused, not read', () => {
  const c = hostileCase('dev-zero');
  c.write({ ...BASIC, 'seclife.json': '{ "followExternalSymlinks": true }\n' });
  assertSourceAndIgnoreRefused(c, '/dev/zero', '/dev/zero', 'a device');
});

test('D10: seclife.json larger than its 4 MiB limit is a config-error, not read', () => {
  const c = hostileCase('big-config');
  c.write(BASIC);
  const fd = openSync(path.join(c.ws, 'seclife.json'), 'w');
  ftruncateSync(fd, 8 * 1024 * 1024 * 1024); // sparse: 8 GB on paper, nothing on disk
  closeSync(fd);
  const r = checkJson(c);
  assert.equal(r.status, 1);
  assert.match(
    r.json.findings.find((f) => f.code === 'config-error')!.message,
    /^seclife\.json is 8589934592 bytes, larger than the 4 MiB limit for seclife\.json; not read; the gate and every setting use the defaults$/,
  );
});

// --- D11: .git is read defensively ---------------------------------------------------------

const SHA = 'c0ffee'.padEnd(40, '0');

/** Runs `report --out out`; it must finish and change nothing outside the workspace. */
function reportOf(c: HostileCase): { status: number | null; stdout: string; md: string } {
  const before = c.outsideHash();
  const r = c.run(['report', '--out', 'out']);
  assert.notEqual(r.status, null, 'report did not finish');
  assert.equal(c.outsideHash(), before);
  return { status: r.status, stdout: r.stdout, md: readFileSync(path.join(c.ws, 'out', 'report.md'), 'utf8') };
}

test('D11: a HEAD ref escaping .git is not followed; the outside sha is not shown', () => {
  const c = hostileCase('git-escape');
  c.write({ ...BASIC, '.git/HEAD': 'ref: refs/../../../outside/x\n' });
  c.writeOutside({ x: `${SHA}\n` });
  const r = reportOf(c);
  assert.equal(r.status, 0);
  assert.doesNotMatch(r.md, /c0ffee/);
  assert.match(
    r.stdout,
    /note: commit unknown: \.git: HEAD names an invalid ref "refs\/\.\.\/\.\.\/\.\.\/outside\/x"; not followed/,
  );
});

test('D11: a ref that is a FIFO, a link to /dev/zero, or a 200 MB HEAD: report finishes without a commit', () => {
  const fifo = hostileCase('git-fifo');
  fifo.write({ ...BASIC, '.git/HEAD': 'ref: refs/heads/main\n' });
  mkdirSync(path.join(fifo.ws, '.git', 'refs', 'heads'), { recursive: true });
  mkfifo(path.join(fifo.ws, '.git', 'refs', 'heads', 'main'));
  assert.match(reportOf(fifo).stdout, /note: commit unknown: \.git: refs\/heads\/main is not a regular file; not read/);

  const zero = hostileCase('git-zero');
  zero.write({ ...BASIC, '.git/HEAD': 'ref: refs/heads/main\n' });
  link('/dev/zero', path.join(zero.ws, '.git', 'refs', 'heads', 'main'));
  assert.match(
    reportOf(zero).stdout,
    /note: commit unknown: \.git: refs\/heads\/main links outside the git directory; not read/,
  );

  const big = hostileCase('git-big-head');
  big.write(BASIC);
  mkdirSync(path.join(big.ws, '.git'));
  const fd = openSync(path.join(big.ws, '.git', 'HEAD'), 'w');
  writeFileSync(fd, `${SHA}\n`);
  ftruncateSync(fd, 200 * 1024 * 1024);
  closeSync(fd);
  const r = reportOf(big);
  assert.doesNotMatch(r.md, /c0ffee/);
  assert.match(r.stdout, /note: commit unknown: \.git: HEAD is 209715200 bytes, larger than 4096 bytes; not read/);
});

// --- D13: the baseline's own size limit; an unusable baseline is a finding -----------------

test('D13: a baseline over maxFileSize (4 MiB) is still used: suspect links are checked', () => {
  const c = reviewed('big-baseline');
  const baseline = path.join(c.ws, '.seclife', 'baseline.json');
  writeFileSync(baseline, readFileSync(baseline, 'utf8').replace('\n', `${' '.repeat(5 * 1024 * 1024)}\n`));
  const r = checkJson(c);
  assert.ok(
    r.json.findings.some((f) => f.code === 'suspect-link'),
    JSON.stringify(r.json.notes),
  );
  assert.ok(!r.json.notes.some((n) => n.file === '.seclife/baseline.json'));
});

test('D13: a baseline over its own 64 MiB limit is a config-error; review says what --all would do', () => {
  const c = reviewed('huge-baseline');
  const fd = openSync(path.join(c.ws, '.seclife', 'baseline.json'), 'r+');
  ftruncateSync(fd, 65 * 1024 * 1024);
  closeSync(fd);
  const r = checkJson(c);
  assert.equal(r.status, 1);
  assert.match(
    r.json.findings.find((f) => f.code === 'config-error')!.message,
    /^\.seclife\/baseline\.json is 65\.0 MiB, larger than the review baseline's limit \(64\.0 MiB\); suspect links are not checked \(run 'seclife review --all' to record a new baseline; it marks every current item and link as reviewed\)$/,
  );
  const review = c.run(['review']);
  assert.equal(review.status, 2);
  assert.match(
    review.stderr,
    /'seclife review --all' records a new one, marking every current item and link as reviewed \(changes since the last review are then no longer flagged\)/,
  );
  const before = c.outsideHash();
  const all = c.run(['review', '--all']);
  assert.equal(all.status, 0, all.stderr);
  assert.equal(c.outsideHash(), before);
  assert.match(
    all.stdout,
    /^replaced \.seclife\/baseline\.json: 1 item, 2 links\n {2}the previous baseline could not be used: every current item and link is now recorded as reviewed\n/,
  );
});

// --- D14: a seclife.json that cannot be read is never silently the defaults ----------------

test('D14: seclife.json as a folder, a dangling link, or unreadable: config-error, exit 1 (the gate is not silently dropped)', () => {
  const dir = hostileCase('config-dir');
  dir.write(BASIC);
  mkdirSync(path.join(dir.ws, 'seclife.json'));
  const d = checkJson(dir);
  assert.equal(d.status, 1);
  assert.equal(
    d.json.findings.find((f) => f.code === 'config-error')!.message,
    'seclife.json cannot be read (a folder, not a regular file; only regular files are read); the gate and every setting use the defaults',
  );

  const dangling = hostileCase('config-dangling');
  dangling.write(BASIC);
  link('nowhere.json', path.join(dangling.ws, 'seclife.json'));
  const g = checkJson(dangling);
  assert.equal(g.status, 1);
  assert.match(
    g.json.findings.find((f) => f.code === 'config-error')!.message,
    /^seclife\.json cannot be read \(a symbolic link whose target does not exist\)/,
  );
});

test('D14: seclife.json without read permission is a config-error (skipped as root, who reads it anyway)', (t) => {
  if (process.getuid?.() === 0 || process.platform === 'win32') return t.skip('root reads files whatever their mode');
  const c = hostileCase('config-mode');
  c.write({ ...BASIC, 'seclife.json': '{ "gate": { "failOn": "never" } }\n' });
  execFileSync('chmod', ['000', path.join(c.ws, 'seclife.json')]);
  const r = checkJson(c);
  execFileSync('chmod', ['644', path.join(c.ws, 'seclife.json')]);
  assert.equal(r.status, 1);
  assert.match(
    r.json.findings.find((f) => f.code === 'config-error')!.message,
    /^seclife\.json cannot be read \(EACCES/,
  );
});

// --- UTF-16 ---------------------------------------------------------------------------------

test('UTF-16 files with a byte-order mark (LE, BE) are read as text, not skipped as binary', () => {
  const c = hostileCase('utf16');
  const le = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from('// @implements SR-001\nexport const a = 1;\n', 'utf16le'),
  ]);
  const be = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('// @verifies SR-001\n', 'utf16le')]);
  for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
  c.write({ 'docs/req.md': REQ, 'src/lock.ts': le, 'test/lock.test.ts': be });
  const r = checkJson(c);
  assert.equal(r.status, 0);
  assert.deepEqual(r.json.notes, []);
  assert.deepEqual(
    r.json.findings.filter((f) => f.code.startsWith('not-')),
    [],
  );
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { seclife } from '../../testing/cli';
import { REPO_ROOT } from '../../testing/workspaces';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-report-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const EXAMPLE = path.join(REPO_ROOT, 'examples/remote-monitoring');

test('seclife report writes index.html, report.md and matrix.csv; twice gives identical bytes', () => {
  const [a, b] = ['a', 'b'].map((name) => path.join(temp, name, 'evidence'));
  const first = seclife(['report', EXAMPLE, '--out', a]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(
    first.stdout,
    /^wrote .*index\.html, .*report\.md, .*matrix\.csv\n39 items, 11 open findings, 3 suspect links\nverification: .+\ngate passed\n/,
  );
  assert.equal(seclife(['report', EXAMPLE, '--out', b]).status, 0);
  assert.deepEqual(readdirSync(a).sort(), ['index.html', 'matrix.csv', 'report.md']);
  for (const file of readdirSync(a))
    assert.equal(readFileSync(path.join(a, file), 'utf8'), readFileSync(path.join(b, file), 'utf8'), file);
  const html = readFileSync(path.join(a, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'no external assets');
  assert.doesNotMatch(
    readFileSync(path.join(a, 'report.md'), 'utf8'),
    /^- Date:/m,
    'no date without SOURCE_DATE_EPOCH',
  );
});

test('SOURCE_DATE_EPOCH dates the report reproducibly; a bad value is a usage error', () => {
  const out = path.join(temp, 'dated');
  assert.equal(seclife(['report', EXAMPLE, '--out', out], REPO_ROOT, { SOURCE_DATE_EPOCH: '1767225600' }).status, 0);
  assert.match(readFileSync(path.join(out, 'report.md'), 'utf8'), /^- Date: 2026-01-01T00:00:00Z$/m);
  const bad = seclife(['report', EXAMPLE, '--out', out], REPO_ROOT, { SOURCE_DATE_EPOCH: 'yesterday' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^seclife: SOURCE_DATE_EPOCH must be whole seconds/);
});

test('the report is written even when the gate fails (exit 1); usage errors exit 2', () => {
  const dir = path.join(temp, 'failing');
  mkdirSync(path.join(dir, 'docs'), { recursive: true });
  writeFileSync(path.join(dir, 'docs', 'req.md'), '## SR-001: Lock <b>accounts</b>\n');
  writeFileSync(path.join(dir, 'seclife.json'), JSON.stringify({ gate: { coverage: { SR: 100 } } }));
  const out = path.join(temp, 'failing-out');
  const r = seclife(['report', dir, '--out', out]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /FAIL {2}SR coverage 0% \(0\/1\) is below the required 100%/);
  const md = readFileSync(path.join(out, 'report.md'), 'utf8');
  assert.match(md, /- Gate: \*\*FAILED\*\*/);
  assert.match(md, /\| SR-001 \| SR \| Lock \\<b\\>accounts\\<\/b\\> \|/);
  assert.doesNotMatch(readFileSync(path.join(out, 'index.html'), 'utf8'), /<b>accounts/);
  assert.equal(seclife(['report', dir, '--out', out, '--fail-on', 'never']).status, 1, 'coverage still fails');
  assert.equal(seclife(['report', dir]).status, 2);
  assert.match(seclife(['report', dir]).stderr, /^seclife: report needs --out <dir>/);
  assert.equal(seclife(['report', path.join(dir, 'nope'), '--out', out]).status, 2);
  assert.equal(seclife(['report', dir, '--out', path.join(dir, 'seclife.json', 'x')]).status, 2);
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { seclife } from '../testing/cli';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-review-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const REQ = '## SR-001: Lock accounts\n\nAfter 5 failures.\n\n## SR-002: Log logins\n';

function workspace(name: string): string {
  const dir = path.join(temp, name);
  mkdirSync(path.join(dir, 'docs'), { recursive: true });
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'test'), { recursive: true });
  writeFileSync(path.join(dir, 'docs', 'req.md'), REQ);
  writeFileSync(path.join(dir, 'src', 'lock.ts'), '// @implements SR-001, SR-002\nexport function lock() {}\n');
  writeFileSync(path.join(dir, 'test', 'lock.test.ts'), '// @verifies SR-001, SR-002\n');
  return dir;
}

test('seclife review: record, suspect after an edit, still suspect after a plain review, cleared by --accept', () => {
  const dir = workspace('round-trip');
  const baselineFile = path.join(dir, '.seclife', 'baseline.json');
  const first = seclife(['review', dir]);
  assert.equal(first.status, 0, first.stderr);
  assert.equal(first.stdout, 'recorded .seclife/baseline.json: 2 items, 4 links\n');
  const recorded = readFileSync(baselineFile, 'utf8');
  assert.equal(seclife(['review', dir]).stdout, 'unchanged .seclife/baseline.json: 2 items, 4 links\n');
  assert.equal(readFileSync(baselineFile, 'utf8'), recorded);

  writeFileSync(path.join(dir, 'docs', 'req.md'), REQ.replace('5 failures', '3 failures'));
  const check = seclife(['check', dir]);
  assert.equal(check.status, 0, 'suspect-link is a warning');
  assert.deepEqual(
    check.stdout
      .split('\n')
      .filter((l) => l.includes('suspect-link'))
      .map((l) => /[^/]+\/lock[^:]*:\d+:\d+/.exec(l)?.[0]),
    ['src/lock.ts:1:16', 'test/lock.test.ts:1:14'],
  );
  assert.equal(seclife(['check', dir, '--fail-on', 'warning']).status, 1);

  const plain = seclife(['review', dir]);
  assert.equal(
    plain.stdout,
    [
      'unchanged .seclife/baseline.json: 2 items, 4 links',
      'changed since review, not accepted: SR-001 (2 suspect links)',
      '  check the links, then: seclife review --accept SR-001',
      '',
    ].join('\n'),
  );
  assert.equal(seclife(['review', dir, '--accept', 'SR-999']).status, 2);
  const accepted = seclife(['review', dir, '--accept', 'SR-001']);
  assert.equal(accepted.stdout, 'updated .seclife/baseline.json: 2 items, 4 links\naccepted: SR-001\n');
  assert.doesNotMatch(seclife(['check', dir]).stdout, /suspect-link/);
});

test('seclife review: a broken baseline is refused unless --all records a new one', () => {
  const dir = workspace('broken');
  mkdirSync(path.join(dir, '.seclife'));
  writeFileSync(path.join(dir, '.seclife', 'baseline.json'), '{"version": 1, "items": [');
  const refused = seclife(['review', dir]);
  assert.equal(refused.status, 2);
  assert.match(
    refused.stderr,
    /^seclife: \.seclife\/baseline\.json is not a valid review baseline: not valid JSON .*; 'seclife review --all' records a new one, marking every current item and link as reviewed \(changes since the last review are then no longer flagged\)\n$/,
  );
  assert.match(seclife(['check', dir]).stdout, /\.seclife\/baseline\.json:1:1: error config-error/);
  const all = seclife(['review', dir, '--all']);
  assert.equal(all.status, 0, all.stderr);
  assert.match(
    all.stdout,
    /the previous baseline could not be used: every current item and link is now recorded as reviewed/,
  );
  assert.equal(JSON.parse(readFileSync(path.join(dir, '.seclife', 'baseline.json'), 'utf8')).version, 1);
  assert.equal(seclife(['review', dir, '--all', '--accept', 'SR-001']).status, 2);
});

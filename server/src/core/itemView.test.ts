import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor } from '../testing/workspaces';
import { engineItemView, itemViews } from './itemView';
import { BASELINE_FILE, recordBaseline, serializeBaseline } from './review/baseline';

const FILES: Record<string, string> = {
  'docs/threats.md': [
    '## TH-1: Credential stuffing',
    'Status:\u00a0Accepted ',
    'Rationale: rate limited upstream',
    '',
    '## TH-2: Replay',
    'Status: open',
    '',
    '## TH-10: Flood',
    '',
    '## RC-1: Lockout',
    'Mitigates: TH-10, TH-2',
    'Derived-from: SR-10',
    'Derived-from: SR-2',
    '',
    '## RC-2: Throttle',
    'Mitigates: TH-2',
    '',
  ].join('\n'),
  'docs/req.md': '## SR-2: Lock accounts\n\n## SR-10: Log logins\n',
  'docs/if.md': '## IF-1: Login API\nExposure: sideways\n',
  'src/b.ts':
    '// @implements SR-2, RC-1\nexport function lock() {}\n// @mitigates TH-2\nexport function throttle() {}\n',
  'src/a.ts': '// @implements SR-2\nexport function first() {}\n// @implements IF-1\nexport function api() {}\n',
  'test/lock.test.ts': '// @verifies SR-2, RC-1, IF-1\n',
};

test('identity, trimmed status, accepted risk, needs met and unmet', async () => {
  const engine = await engineFor(FILES);
  const th1 = engineItemView(engine, 'TH-1')!;
  assert.deepEqual(
    [th1.id, th1.kind, th1.title, th1.file, th1.line],
    ['TH-1', 'TH', 'Credential stuffing', 'docs/threats.md', 1],
  );
  assert.equal(th1.status, 'Accepted', 'leading no-break space and trailing space trimmed');
  assert.equal(th1.acceptedRisk, 'accepted');
  assert.equal(th1.covered, true);
  assert.deepEqual(th1.unmet, []);
  const th2 = engineItemView(engine, 'TH-2')!;
  assert.equal(th2.status, 'open');
  assert.equal(th2.acceptedRisk, undefined);
  assert.equal(engineItemView(engine, 'TH-10')!.status, undefined);
  const if1 = engineItemView(engine, 'IF-1')!;
  assert.equal(if1.isMet('implemented'), true);
  assert.deepEqual(
    [if1.covered, if1.unmet, [...if1.invalidAttributes]],
    [false, ['valid Exposure', 'valid Assets'], ['Exposure', 'Assets']],
    'an invalid required attribute keeps an item with every need met from being covered',
  );
  const sr10 = engineItemView(engine, 'SR-10')!;
  assert.deepEqual([sr10.covered, sr10.unmet], [false, ['implemented', 'verified']]);
  assert.equal(engineItemView(engine, 'SR-404'), undefined);
});

test('links sorted by attribute and target; up, down and mitigating items in natural order; code and tests by place', async () => {
  const engine = await engineFor(FILES);
  const rc1 = engineItemView(engine, 'RC-1')!;
  assert.deepEqual(
    rc1.links.map((l) => `${l.attribute} ${l.target}`),
    ['Derived-from SR-10', 'Derived-from SR-2', 'Mitigates TH-10', 'Mitigates TH-2'],
  );
  assert.deepEqual(rc1.up, ['SR-2', 'SR-10', 'TH-2', 'TH-10']);
  assert.deepEqual(rc1.mitigatedThreats, ['TH-2', 'TH-10']);
  const th2 = engineItemView(engine, 'TH-2')!;
  assert.deepEqual(th2.mitigatingItems, ['RC-1', 'RC-2']);
  assert.deepEqual(th2.down, ['RC-1', 'RC-2']);
  assert.deepEqual(
    th2.code.map((r) => `${r.role} ${r.file}:${r.range.line}`),
    ['mitigates src/b.ts:3'],
    'links are not code',
  );
  assert.deepEqual(
    th2.mitigatedBy.map((r) => `${r.role} ${r.file}:${r.range.line}`),
    ['link docs/threats.md:11', 'link docs/threats.md:16', 'mitigates src/b.ts:3'],
  );
  const sr2 = engineItemView(engine, 'SR-2')!;
  assert.deepEqual(
    sr2.code.map((r) => `${r.file}:${r.range.line}`),
    ['src/a.ts:1', 'src/b.ts:1'],
  );
  assert.deepEqual(
    sr2.implementedBy.map((r) => `${r.file}:${r.range.line}`),
    ['src/a.ts:1', 'src/b.ts:1'],
  );
  assert.deepEqual(
    sr2.tests.map((r) => `${r.file}:${r.range.line}`),
    ['test/lock.test.ts:1'],
  );
  assert.deepEqual(sr2.down, ['RC-1']);
  assert.equal(sr2.code, sr2.code, 'a derived list is computed once');
  // A file indexed later whose name sorts first: its reference comes last in the engine's list.
  engine.updateFile('src/0.ts', 'export function zero() {}\n// @implements SR-2\nexport function one() {}\n');
  const later = engineItemView(engine, 'SR-2')!;
  const state = later.state.implementations.map((r) => `${r.file}:${r.range.line}`);
  assert.deepEqual(
    later.implementedBy.map((r) => `${r.file}:${r.range.line}`),
    ['src/0.ts:2', 'src/a.ts:1', 'src/b.ts:1'],
  );
  assert.deepEqual(
    later.code.map((r) => `${r.file}:${r.range.line}`),
    ['src/0.ts:2', 'src/a.ts:1', 'src/b.ts:1'],
  );
  assert.deepEqual(
    later.state.implementations.map((r) => `${r.file}:${r.range.line}`),
    state,
    "the engine's list is left as it was",
  );
});

test('suspect links come from the review baseline; the views of an engine follow its order', async () => {
  const engine = await engineFor(FILES);
  assert.deepEqual(engineItemView(engine, 'SR-2')!.suspects, [], 'no baseline, nothing suspect');
  engine.updateFile(BASELINE_FILE, serializeBaseline(recordBaseline(engine.reviewSubject(), undefined).baseline));
  engine.updateFile('docs/req.md', FILES['docs/req.md'].replace('Lock accounts', 'Lock accounts for an hour'));
  assert.deepEqual(
    engineItemView(engine, 'SR-2')!.suspects.map((r) => `${r.role} ${r.file}:${r.range.line}`),
    ['link docs/threats.md:13', 'implements src/a.ts:1', 'implements src/b.ts:1', 'verifies test/lock.test.ts:1'],
  );
  assert.deepEqual(engineItemView(engine, 'SR-10')!.suspects, []);
  assert.deepEqual(
    itemViews(engine).map((v) => v.id),
    engine.items().map((s) => s.def.id),
  );
});

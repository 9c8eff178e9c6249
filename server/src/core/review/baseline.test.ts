import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor, summarize } from '../../testing/workspaces';
import { BASELINE_FILE, parseBaseline, recordBaseline, serializeBaseline } from './baseline';
import { itemHash, linkKey } from './contentHash';
import { SeclifeEngine } from '../engine';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../testing/workspaces';

const REQUIREMENTS = `# Requirements

## SR-001: Lock the account after repeated failed logins
Derived-from: TH-001

Lock for 30 minutes after 5 failures.

## SR-002: Log every login
`;
const THREATS =
  '## TH-001: Credential stuffing\nCategory: Spoofing\nStatus: mitigated\n\n## RC-001: Lockout\nMitigates: TH-001\nDerived-from: SR-001\n';
const FILES = {
  'docs/requirements.md': REQUIREMENTS,
  'docs/threats.md': THREATS,
  'src/lockout.ts':
    '// @implements SR-001, RC-001\nexport function lock() {}\n// @implements SR-002\nexport function log() {}\n',
  'test/lockout.test.ts': '// @verifies SR-001, SR-002, RC-001\n',
  'src/random.ts':
    '// seclife-ignore-next-line js/weak-random -- jitter only, see SR-001\nexport const j = Math.random();\n',
};

/** An engine over FILES with a baseline recorded from them. */
async function reviewed(): Promise<SeclifeEngine> {
  const engine = await engineFor(FILES);
  const { baseline } = recordBaseline(engine.reviewSubject(), undefined);
  engine.updateFile(BASELINE_FILE, serializeBaseline(baseline));
  return engine;
}
const suspects = (engine: SeclifeEngine) => summarize(engine.findings().filter((f) => f.code === 'suspect-link'));

test('record → serialize → parse → serialize is a fixed point, sorted and deterministic', async () => {
  const engine = await engineFor(FILES);
  const { baseline, summary } = recordBaseline(engine.reviewSubject(), undefined);
  const text = serializeBaseline(baseline);
  assert.equal(serializeBaseline(parseBaseline(text).baseline!), text);
  assert.equal(serializeBaseline(recordBaseline((await engineFor(FILES)).reviewSubject(), undefined).baseline), text);
  const data = JSON.parse(text);
  assert.equal(data.version, 1);
  assert.deepEqual(Object.keys(data.items), ['RC-001', 'SR-001', 'SR-002', 'TH-001']);
  assert.deepEqual(Object.keys(data.items['SR-001'].links), [
    'implements src/lockout.ts#lock',
    'justification src/random.ts',
    'link docs/threats.md#RC-001.derived-from',
    'verifies test/lockout.test.ts',
  ]);
  assert.match(data.items['SR-001'].hash, /^[0-9a-f]{16}$/);
  assert.deepEqual(
    { items: summary.items, links: summary.links, added: summary.added.items },
    { items: 4, links: 10, added: 4 },
  );
  assert.deepEqual(suspects(await reviewed()), []);
  // The schema contributed to VS Code for the file accepts what `seclife review` writes, and what the parser refuses.
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/seclife-baseline.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false }).compile(schema);
  assert.equal(validate(data), true, JSON.stringify(validate.errors));
  for (const bad of [{ version: 2, items: {} }, { version: 1, items: { 'SR-1': { hash: 'xyz' } } }, { version: 1 }]) {
    assert.equal(validate(bad), false);
    assert.ok(parseBaseline(JSON.stringify(bad)).error);
  }
});

test('changing an item makes every link to it suspect — code, test, document link and justification — and nothing else', async () => {
  const engine = await reviewed();
  engine.updateFile('docs/requirements.md', REQUIREMENTS.replace('30 minutes', '60 minutes'));
  assert.deepEqual(suspects(engine), [
    'suspect-link docs/threats.md:7 SR-001',
    'suspect-link src/lockout.ts:1 SR-001',
    'suspect-link src/random.ts:1 SR-001',
    'suspect-link test/lockout.test.ts:1 SR-001',
  ]);
  const finding = engine.findingsFor('src/lockout.ts').find((f) => f.code === 'suspect-link')!;
  assert.equal(finding.severity, 'warning');
  assert.match(
    finding.message,
    /^SR-001 \(Lock the account after repeated failed logins\) changed after this link was reviewed: .* 'seclife review --accept SR-001'$/,
  );
  assert.equal(finding.column, 16, 'on the ID in the annotation');
  assert.deepEqual(
    finding.related?.map((r) => `${r.file}:${r.line}`),
    ['docs/requirements.md:3'],
  );
});

test('whitespace and re-wrapping do not change the content hash; title, attributes and description do', async () => {
  const engine = await reviewed();
  engine.updateFile(
    'docs/requirements.md',
    REQUIREMENTS.replace('Lock for 30 minutes after', 'Lock for 30   minutes\nafter'),
  );
  assert.deepEqual(suspects(engine), []);
  for (const edit of [
    ['Derived-from: TH-001', 'Derived-from: TH-001, SR-002'],
    ['repeated failed', 'failed'],
    ['5 failures', '3 failures'],
  ]) {
    engine.updateFile('docs/requirements.md', REQUIREMENTS.replace(edit[0], edit[1]));
    assert.equal(suspects(engine).length, 4, edit.join(' → '));
  }
});

test('review keeps suspects until accepted; new links are recorded at the current content; vanished ones are dropped', async () => {
  const engine = await reviewed();
  const before = parseBaseline(serializeBaseline(engine.reviewBaseline()!.baseline)).baseline!;
  engine.updateFile('docs/requirements.md', REQUIREMENTS.replace('30 minutes', '60 minutes'));
  engine.updateFile('src/extra.ts', '// @implements SR-001\nexport function extra() {}\n');
  engine.updateFile('test/lockout.test.ts', '// @verifies SR-002, RC-001\n');
  const update = recordBaseline(engine.reviewSubject(), before);
  assert.deepEqual(update.summary.changed, ['SR-001']);
  assert.deepEqual(
    { added: update.summary.added.links, removed: update.summary.removed.links, suspects: update.summary.suspects },
    { added: 1, removed: 1, suspects: 3 },
  );
  engine.updateFile(BASELINE_FILE, serializeBaseline(update.baseline));
  assert.deepEqual(suspects(engine), [
    'suspect-link docs/threats.md:7 SR-001',
    'suspect-link src/lockout.ts:1 SR-001',
    'suspect-link src/random.ts:1 SR-001',
  ]);
  const accepted = recordBaseline(engine.reviewSubject(), update.baseline, { accept: new Set(['SR-001']) });
  assert.deepEqual(accepted.summary.accepted, ['SR-001']);
  assert.equal(accepted.summary.suspects, 0);
  engine.updateFile(BASELINE_FILE, serializeBaseline(accepted.baseline));
  assert.deepEqual(suspects(engine), []);
});

test('link keys ignore line numbers: moving code keeps the review', async () => {
  const engine = await reviewed();
  engine.updateFile('src/lockout.ts', '\n\n// moved\n' + FILES['src/lockout.ts']);
  engine.updateFile('docs/requirements.md', REQUIREMENTS.replace('30 minutes', '60 minutes'));
  assert.ok(suspects(engine).includes('suspect-link src/lockout.ts:4 SR-001'));
  const ref = engine.graphView.referencesTo('SR-001').find((r) => r.file === 'src/lockout.ts')!;
  assert.equal(linkKey(ref), 'implements src/lockout.ts#lock');
  assert.equal(itemHash(engine.graphView.definitions('SR-002')[0]).length, 16);
});

test('a broken baseline is one config-error in the file, and suspect checking is off until it is fixed', async () => {
  const engine = await reviewed();
  for (const [text, message] of [
    ['{ not json', /not valid JSON/],
    ['{"version": 2, "items": {}}', /unsupported version 2 \(expected 1\)/],
    ['{"version": 1, "items": {"SR-001": {"hash": "xyz"}}}', /items\.SR-001: expected \{"hash"/],
    ['[]', /expected a JSON object/],
  ] as const) {
    engine.updateFile(BASELINE_FILE, text);
    const findings = engine.findingsFor(BASELINE_FILE);
    assert.deepEqual(summarize(findings), [`config-error ${BASELINE_FILE}:1`], text);
    assert.match(findings[0].message, message);
  }
  engine.updateFile('docs/requirements.md', REQUIREMENTS.replace('30 minutes', '60 minutes'));
  assert.deepEqual(suspects(engine), []);
  engine.removeFile(BASELINE_FILE);
  assert.deepEqual(engine.findingsFor(BASELINE_FILE), []);
});

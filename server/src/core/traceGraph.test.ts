import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor, summarize } from '../testing/workspaces';

const DOCS = {
  'docs/requirements.md':
    '# Requirements\n\n## SR-001: Lock accounts\nDerived-from: TH-001\n\nLock after 5 failures.\n\n## SR-002: Audit PHI access\n',
  'docs/threats.md':
    '## TH-001: Credential stuffing\nCategory: Spoofing\nStatus: open\n\n## TH-002: Log tampering\nStatus: open\n',
  'docs/controls.md': '## RC-001: Lockout\nMitigates: TH-001\n',
};

test('a fully linked workspace has no findings and full coverage', async () => {
  const engine = await engineFor({
    ...DOCS,
    'docs/requirements.md': '## SR-001: Lock accounts\nDerived-from: TH-001\n',
    'docs/threats.md': '## TH-001: Credential stuffing\nStatus: mitigated\n',
    'src/lockout.ts': '/** @implements SR-001, RC-001 -- counter */\nexport function lock() {}\n',
    'test/lockout.test.ts': '// @verifies SR-001, RC-001\n',
  });
  assert.deepEqual(summarize(engine.findings()), []);
  assert.deepEqual(engine.coverage().SR, { total: 1, covered: 1 });
  assert.deepEqual(engine.coverage().TH, { total: 1, covered: 1 });
  assert.deepEqual(engine.coverage().RC, { total: 1, covered: 1 });
  const sr = engine.item('SR-001')!;
  assert.deepEqual(sr.met, ['implemented', 'verified']);
  assert.equal(sr.implementations[0].symbol, 'lock');
  assert.equal(sr.implementations[0].note, 'counter');
});

test('not-implemented, not-verified and not-mitigated at the item heading', async () => {
  const engine = await engineFor({
    ...DOCS,
    'src/a.ts': '// @implements SR-001\n',
    'test/a.test.ts': '// @verifies RC-001\n',
  });
  assert.deepEqual(summarize(engine.findings()), [
    'not-implemented docs/controls.md:1 RC-001',
    'not-verified docs/requirements.md:3 SR-001',
    'not-implemented docs/requirements.md:8 SR-002',
    'not-verified docs/requirements.md:8 SR-002',
    'not-mitigated docs/threats.md:5 TH-002',
  ]);
  const f = engine.findings().find((x) => x.itemId === 'TH-002')!;
  assert.deepEqual([f.line, f.column, f.endColumn], [5, 4, 10]);
  assert.deepEqual(engine.coverage().SR, { total: 2, covered: 0 });
  assert.deepEqual(engine.coverage().TH, { total: 2, covered: 1 });
});

test('@mitigates in code mitigates a threat; accepted with rationale counts; without is reported', async () => {
  const engine = await engineFor({
    'docs/threats.md':
      '## TH-1: A\n\n## TH-2: B\nStatus: accepted\nAccepted-by: CISO\nRationale: internal only\n\n## TH-3: C\nStatus: transferred\n',
    'src/x.py': '# @mitigates TH-1\n',
  });
  assert.deepEqual(summarize(engine.findings()), ['acceptance-without-rationale docs/threats.md:8 TH-3']);
  assert.deepEqual(engine.coverage().TH, { total: 3, covered: 2 });
});

test('unknown-reference from annotations, link attributes and justifications', async () => {
  const engine = await engineFor({
    ...DOCS,
    'src/a.ts':
      '// @implements SR-001, SR-404\n// seclife-ignore-next-line js/eval-dynamic -- approved under TH-999\neval(x);\n',
  });
  const unknown = engine.findings().filter((f) => f.code === 'unknown-reference');
  assert.deepEqual(summarize(unknown), ['unknown-reference src/a.ts:1 SR-404', 'unknown-reference src/a.ts:2 TH-999']);
  assert.deepEqual([unknown[0].column, unknown[0].endColumn], [24, 30]);
});

test('words that are not IDs of a configured kind are ignored', async () => {
  const engine = await engineFor({
    'src/a.ts': '/** @implements {Foo}\n * @implements JIRA-12\n * @implements the login flow SR-9\n */\n',
  });
  assert.deepEqual(summarize(engine.findings()), []);
});

test('duplicate-id points at the first definition', async () => {
  const engine = await engineFor({
    'docs/a.md': '## SR-1: First\n',
    'docs/b.md': '# B\n\n## SR-1: Second\n',
    'src/a.ts': '// @implements SR-1\n',
    'test/a.test.ts': '// @verifies SR-1\n',
  });
  const findings = engine.findings();
  assert.deepEqual(summarize(findings), ['duplicate-id docs/b.md:3 SR-1']);
  assert.deepEqual(
    findings[0].related?.map((r) => `${r.file}:${r.line}`),
    ['docs/a.md:1'],
  );
  assert.equal(engine.item('SR-1')!.def.title, 'First');
});

test('wrong-link-target for annotations and link attributes', async () => {
  const engine = await engineFor({
    ...DOCS,
    'docs/controls.md': '## RC-001: Lockout\nMitigates: SR-001\n',
    'docs/interfaces.md': '| ID | Title | Exposure | Assets |\n|-|-|-|-|\n| IF-1 | Api | external | PHI |\n',
    'src/a.ts': '// @implements TH-001\n// @interface SR-001\n// @mitigates RC-001\n// @interface IF-1\n',
  });
  const wrong = engine.findings().filter((f) => f.code === 'wrong-link-target');
  assert.deepEqual(summarize(wrong), [
    'wrong-link-target docs/controls.md:2 SR-001',
    'wrong-link-target src/a.ts:1 TH-001',
    'wrong-link-target src/a.ts:2 SR-001',
    'wrong-link-target src/a.ts:3 RC-001',
  ]);
  assert.match(wrong[1].message, /use @mitigates/);
  assert.equal(wrong[0].related?.[0].file, 'docs/requirements.md');
  // RC-001's only Mitigates link is invalid, so its links:mitigates need is unmet.
  assert.ok(!engine.item('RC-001')!.met.includes('links:mitigates'));
  assert.ok(engine.item('IF-1')!.met.includes('implemented'));
});

test('a risk control whose Mitigates names no ID is malformed', async () => {
  const engine = await engineFor({ 'docs/c.md': '## RC-1: X\nMitigates: none yet\n' });
  assert.ok(summarize(engine.findings()).includes('malformed-item docs/c.md:2 RC-1'));
});

test('verification-outside-tests: reported and not counted', async () => {
  const engine = await engineFor({ ...DOCS, 'src/selfcheck.ts': '// @verifies SR-002\n' });
  assert.ok(summarize(engine.findings()).includes('verification-outside-tests src/selfcheck.ts:1 SR-002'));
  assert.ok(!engine.item('SR-002')!.met.includes('verified'));
});

test('@implements in a test file does not count as implementation', async () => {
  const engine = await engineFor({ ...DOCS, 'test/x.test.ts': '// @implements SR-002\n' });
  assert.ok(!engine.item('SR-002')!.met.includes('implemented'));
});

test('unjustified-suppression', async () => {
  const engine = await engineFor({
    'src/a.ts':
      '// seclife-ignore-next-line js/eval-dynamic\neval(x);\n// seclife-ignore-line js/weak-random --\n// seclife-ignore-file js/child-process -- build script\n',
  });
  // The first suppression is unjustified but still applies; the others suppress nothing (js/child-process is unknown).
  assert.deepEqual(summarize(engine.findings().filter((f) => !f.suppression)), [
    'unjustified-suppression src/a.ts:1',
    'unjustified-suppression src/a.ts:3',
    'unused-suppression src/a.ts:3',
    'unused-suppression src/a.ts:4',
  ]);
  assert.deepEqual(
    engine.fileIndex('src/a.ts')!.suppressions.map((s) => [s.scope, s.rules, s.targetLine, s.justification]),
    [
      ['next-line', ['js/eval-dynamic'], 2, undefined],
      ['line', ['js/weak-random'], 3, undefined],
      ['file', ['js/child-process'], 4, 'build script'],
    ],
  );
});

test('rules: severities can be changed or turned off, per file with overrides', async () => {
  const engine = await engineFor({
    'seclife.json': JSON.stringify({
      rules: { 'not-verified': 'error', 'not-implemented': 'off' },
      overrides: [{ files: ['docs/legacy/**'], rules: { 'not-verified': 'note' } }],
    }),
    'docs/a.md': '## SR-1: A\n',
    'docs/legacy/b.md': '## SR-2: B\n',
  });
  assert.deepEqual(
    engine.findings().map((f) => `${f.code} ${f.severity} ${f.itemId}`),
    ['not-verified error SR-1', 'not-verified note SR-2'],
  );
});

test('configurable kinds: a team adds an asset kind with its own needs', async () => {
  const engine = await engineFor({
    'seclife.json': JSON.stringify({ kinds: { AST: { title: 'Asset', needs: ['verified'], required: ['Owner'] } } }),
    'docs/assets.md': '## AST-1: Patient vitals\nOwner: clinical\n\n## AST-2: Keys\n',
    'test/a.test.ts': '// @verifies AST-1\n',
  });
  assert.deepEqual(summarize(engine.findings()), [
    'malformed-item docs/assets.md:4 AST-2',
    'not-verified docs/assets.md:4 AST-2',
  ]);
  assert.deepEqual(engine.coverage().AST, { total: 2, covered: 1 });
});

test('incremental: deleting the last @implements re-reports the requirement; restoring clears it', async () => {
  const engine = await engineFor({
    'docs/r.md': '## SR-1: A\n',
    'src/a.ts': '// @implements SR-1\n',
    'test/a.test.ts': '// @verifies SR-1\n',
  });
  assert.deepEqual(summarize(engine.findings()), []);
  const changed = engine.updateFile('src/a.ts', 'export const x = 1;\n');
  assert.deepEqual([...changed].sort(), ['docs/r.md', 'src/a.ts']);
  assert.deepEqual(summarize(engine.findings()), ['not-implemented docs/r.md:1 SR-1']);
  engine.updateFile('src/a.ts', '// @implements SR-1\n');
  assert.deepEqual(summarize(engine.findings()), []);
});

test('incremental: removing a threat breaks the control link, adding it back repairs it', async () => {
  const engine = await engineFor({
    'docs/t.md': '## TH-1: T\n',
    'docs/c.md': '## RC-1: C\nMitigates: TH-1\n',
    'src/a.ts': '// @implements RC-1\n',
    'test/a.test.ts': '// @verifies RC-1\n',
  });
  assert.deepEqual(summarize(engine.findings()), []);
  const changed = engine.removeFile('docs/t.md');
  assert.deepEqual([...changed].sort(), ['docs/c.md', 'docs/t.md']);
  assert.deepEqual(summarize(engine.findings()), ['unknown-reference docs/c.md:2 TH-1']);
  assert.ok(!engine.item('RC-1')!.met.includes('links:mitigates'));
  engine.updateFile('docs/t.md', '## TH-1: T\n');
  assert.deepEqual(summarize(engine.findings()), []);
  assert.ok(engine.item('RC-1')!.met.includes('links:mitigates'));
});

test('incremental updates give the same result as a cold index', async () => {
  const files: Record<string, string> = {
    'docs/r.md': '## SR-1: A\n\n## SR-2: B\nDerived-from: TH-1\n',
    'docs/t.md': '## TH-1: T\n',
    'src/a.ts': '// @implements SR-1\n',
  };
  const engine = await engineFor(files);
  engine.updateFile('docs/r.md', '## SR-1: A\n\n## SR-3: C\nDerived-from: TH-9\n');
  engine.updateFile('src/b.ts', '// @implements SR-3\n');
  const cold = await engineFor({
    ...files,
    'docs/r.md': '## SR-1: A\n\n## SR-3: C\nDerived-from: TH-9\n',
    'src/b.ts': '// @implements SR-3\n',
  });
  assert.deepEqual(engine.findings(), cold.findings());
  assert.deepEqual(engine.coverage(), cold.coverage());
});

test('files outside documents and sources are ignored; excluded folders too', async () => {
  const engine = await engineFor({
    'notes/r.md': '## SR-1: not a lifecycle document\n',
    'node_modules/x/index.js': '// @implements SR-404\n',
    'dist/app.js': '// @implements SR-404\n',
    'assets/logo.bin': '// @implements SR-404\n',
  });
  assert.deepEqual(summarize(engine.findings()), []);
  assert.deepEqual(engine.filePaths(), ['notes/r.md']);
});

test('.gitignore is honoured at every level', async () => {
  const engine = await engineFor({
    '.gitignore': 'generated/\n*.gen.ts\n',
    'src/.gitignore': 'local.ts\n',
    'generated/a.ts': '// @implements SR-404\n',
    'src/b.gen.ts': '// @implements SR-404\n',
    'src/local.ts': '// @implements SR-404\n',
    'src/kept.ts': '// @implements SR-405\n',
  });
  assert.deepEqual(summarize(engine.findings()), ['unknown-reference src/kept.ts:1 SR-405']);
});

test("findingsFor(file) equals the file's share of findings() after edits", async () => {
  const engine = await engineFor({ ...DOCS, 'src/a.ts': '// @implements SR-001, SR-404\n' });
  engine.updateFile('src/a.ts', '// @implements SR-002, TH-001\n');
  engine.updateFile('docs/controls.md', '## RC-001: Lockout\nMitigates: TH-002\n');
  for (const file of ['docs/requirements.md', 'docs/threats.md', 'docs/controls.md', 'src/a.ts']) {
    assert.deepEqual(
      engine.findingsFor(file),
      engine.findings().filter((f) => f.file === file),
      file,
    );
  }
  assert.ok(engine.findingsFor('src/a.ts').some((f) => f.code === 'wrong-link-target'));
});

test('@mitigates and @implements in test files do not count; links:X needs are reported when X is absent', async () => {
  const engine = await engineFor({
    'seclife.json': JSON.stringify({
      kinds: {
        AST: {
          title: 'Asset',
          needs: ['links:Protected-by'],
          links: { 'Protected-by': { targets: ['RC'], satisfies: 'verified' } },
        },
      },
    }),
    'docs/t.md':
      '## TH-1: T\n\n## AST-1: Vitals\n\n## AST-2: Keys\nProtected-by: RC-1\n\n## RC-1: C\nMitigates: TH-1\n',
    'test/a.test.ts': '// @mitigates TH-1\n',
  });
  assert.ok(engine.item('TH-1')!.met.includes('mitigated'), 'RC-1 mitigates it');
  assert.equal(engine.item('TH-1')!.mitigations.length, 1);
  assert.ok(summarize(engine.findings()).includes('malformed-item docs/t.md:3 AST-1'));
  assert.deepEqual(engine.item('AST-2')!.met, ['links:protected-by']);
  // `satisfies: verified` on a custom link meets the target's need
  assert.equal(engine.item('RC-1')!.verifications.length, 1);
});

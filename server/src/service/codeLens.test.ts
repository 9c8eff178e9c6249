import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeLens } from 'vscode-languageserver-types';
import { contextFor, ROOT_URI } from '../testing/serviceContext';
import { codeLenses } from './codeLens';

const DOCS = {
  'docs/requirements.md': '# Requirements\n\n## SR-001: Lock accounts\n\nText.\n\n## SR-002: Audit access\n',
  'docs/threats.md': [
    '## TH-001: Credential stuffing',
    'Status: open',
    '',
    '## TH-002: Log tampering',
    'Status: accepted',
    'Rationale: logs are append-only',
    '',
    '## TH-003: Replay',
    'Status: open',
    '',
  ].join('\n'),
  'docs/controls.md': [
    '## RC-001: Lockout',
    'Mitigates: TH-001, TH-003',
    '',
    '## RC-004: Rate limit',
    'Mitigates: TH-001',
    '',
  ].join('\n'),
  'src/lock.ts': '// @implements SR-001, RC-001\nexport function lock() {}\n// @mitigates SR-001\n',
  'src/other.ts': '/** @implements SR-001 -- again */\nexport const x = 1;\n',
  'test/lock.test.ts': '// @verifies SR-001\n// @verifies SR-404\n',
};

/** Line (0-based) and title of each lens. */
function titles(lenses: CodeLens[]): string[] {
  return lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`);
}

test('item lenses count implementations, tests, mitigations and name what is missing', async () => {
  const ctx = await contextFor(DOCS);
  assert.deepEqual(titles(codeLenses(ctx, 'docs/requirements.md')), [
    '2: 2 implementations · 1 test · annotated only · ✓',
    '6: 0 implementations · 0 tests · missing: implemented, verified',
  ]);
  assert.deepEqual(titles(codeLenses(ctx, 'docs/controls.md')), [
    '0: mitigates 2 threats · 1 implementation · 0 tests · missing: verified',
    '3: mitigates 1 threat · 0 implementations · 0 tests · missing: implemented, verified',
  ]);
  assert.deepEqual(titles(codeLenses(ctx, 'docs/threats.md')), [
    '0: mitigated by RC-001, RC-004 · ✓',
    '3: accepted · ✓',
    '7: mitigated by RC-001 · ✓',
  ]);
});

test('an item lens shows its references; without references it is informational', async () => {
  const ctx = await contextFor(DOCS);
  const [sr1, sr2] = codeLenses(ctx, 'docs/requirements.md');
  assert.deepEqual(sr1.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 9 } });
  assert.equal(sr1.command?.command, 'seclife.showReferences');
  const [uri, position, locations] = sr1.command!.arguments!;
  assert.equal(uri, `${ROOT_URI}/docs/requirements.md`);
  assert.deepEqual(position, { line: 2, character: 3 });
  assert.deepEqual(
    locations.map(
      (l: { uri: string; range: { start: { line: number } } }) =>
        `${l.uri.slice(ROOT_URI.length + 1)}:${l.range.start.line}`,
    ),
    ['src/lock.ts:0', 'src/lock.ts:2', 'src/other.ts:0', 'test/lock.test.ts:0'],
  );
  assert.equal(sr2.command?.command, '');
  assert.equal(sr2.command?.arguments, undefined);
});

test('a threat with no mitigation says so; many mitigating controls are abbreviated', async () => {
  const ctx = await contextFor({
    'docs/threats.md': '## TH-001: Open\nStatus: open\n\n## TH-002: Many\n',
    'docs/controls.md': [1, 2, 3, 4, 5].map((n) => `## RC-00${n}: Control ${n}\nMitigates: TH-002\n`).join('\n'),
    'src/a.py': '# @mitigates TH-002\n',
  });
  assert.deepEqual(titles(codeLenses(ctx, 'docs/threats.md')), [
    '0: not mitigated · missing: mitigated',
    '3: mitigated by RC-001, RC-002, RC-003, +2 more, 1 @mitigates · ✓',
  ]);
});

test('annotation lenses: covered, missing, several IDs on one line, unknown IDs', async () => {
  const ctx = await contextFor(DOCS);
  const lenses = codeLenses(ctx, 'src/lock.ts');
  assert.deepEqual(titles(lenses), [
    '0: SR-001 Lock accounts · ✓ covered | RC-001 Lockout · missing: verified',
    '2: SR-001 Lock accounts · ✓ covered',
  ]);
  // Several defined IDs: peek their definitions.
  assert.equal(lenses[0].command?.command, 'seclife.showReferences');
  assert.deepEqual(lenses[0].range, { start: { line: 0, character: 15 }, end: { line: 0, character: 29 } });
  const [, , defs] = lenses[0].command!.arguments!;
  assert.deepEqual(
    defs.map((d: { uri: string }) => d.uri),
    [`${ROOT_URI}/docs/requirements.md`, `${ROOT_URI}/docs/controls.md`],
  );
  // One defined ID: open it.
  assert.deepEqual(lenses[1].command, {
    title: 'SR-001 Lock accounts · ✓ covered',
    command: 'seclife.openItem',
    arguments: [
      `${ROOT_URI}/docs/requirements.md`,
      { start: { line: 2, character: 3 }, end: { line: 2, character: 9 } },
    ],
  });
  const tests = codeLenses(ctx, 'test/lock.test.ts');
  // An @verifies without test results read: covered, labelled annotated only.
  assert.deepEqual(titles(tests), ['0: SR-001 Lock accounts · ✓ covered · annotated only', '1: SR-404 · not defined']);
  assert.deepEqual(tests[1].command, { title: 'SR-404 · not defined', command: '' });
});

test('a line mixing defined and unknown IDs opens the defined one', async () => {
  const ctx = await contextFor({ ...DOCS, 'src/mix.c': '/* @implements SR-404, SR-002 */\n' });
  const [lens] = codeLenses(ctx, 'src/mix.c');
  assert.equal(lens.command?.title, 'SR-404 · not defined | SR-002 Audit access · missing: verified');
  assert.equal(lens.command?.command, 'seclife.openItem');
  assert.equal(lens.command?.arguments?.[0], `${ROOT_URI}/docs/requirements.md`);
});

test('table items and CRLF documents get lenses at the ID', async () => {
  const ctx = await contextFor({
    'docs/interfaces.md':
      '# Interfaces\r\n\r\n| ID | Title | Exposure | Assets |\r\n|---|---|---|---|\r\n| IF-001 | Login API | external | credentials |\r\n',
    'src/api.ts': '// @interface IF-001\r\nexport function login() {}\r\n',
  });
  const [lens] = codeLenses(ctx, 'docs/interfaces.md');
  assert.deepEqual(lens.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 8 } });
  assert.equal(lens.command?.title, '1 implementation · 0 tests · missing: verified');
  const [annotation] = codeLenses(ctx, 'src/api.ts');
  assert.equal(annotation.command?.title, 'IF-001 Login API · missing: verified');
  assert.deepEqual(annotation.range, { start: { line: 0, character: 14 }, end: { line: 0, character: 20 } });
});

test('kinds without needs count references; duplicates point at the first definition', async () => {
  const ctx = await contextFor({
    'docs/soup.md': '## SOUP-express: Express\nVersion: 4\nSupplier: OpenJS\nClass: maintained\n',
    'docs/zz.md': '## SOUP-express: Express again\n',
    'src/a.js': '// @implements SOUP-express\n',
  });
  assert.deepEqual(titles(codeLenses(ctx, 'docs/soup.md')), ['0: 1 reference · ✓']);
  const [dup] = codeLenses(ctx, 'docs/zz.md');
  assert.deepEqual(dup.command, {
    title: 'duplicate of SOUP-express at docs/soup.md:1',
    command: 'seclife.openItem',
    arguments: [`${ROOT_URI}/docs/soup.md`, { start: { line: 0, character: 3 }, end: { line: 0, character: 15 } }],
  });
});

test('configured kinds: links that satisfy mitigation are counted as controls', async () => {
  const ctx = await contextFor({
    'seclife.json': JSON.stringify({
      kinds: { AST: { title: 'Asset' }, RC: { links: { Protects: { targets: ['AST'], satisfies: 'mitigated' } } } },
    }),
    'docs/assets.md': '## AST-1: Patient records\n',
    'docs/controls.md':
      '## RC-001: Encrypt\nMitigates: TH-001\nProtects: AST-1\n\n## RC-002: Back up\nProtects: AST-1\n',
    'docs/threats.md': '## TH-001: Theft\n',
  });
  assert.deepEqual(titles(codeLenses(ctx, 'docs/assets.md')), ['0: mitigated by 2 controls']);
});

test('files Seclife does not read have no lenses', async () => {
  const ctx = await contextFor(DOCS);
  assert.deepEqual(codeLenses(ctx, 'README.txt'), []);
});

test('a kind without needs: an item missing a required attribute says so, not nothing (it is not covered)', async () => {
  const ctx = await contextFor({
    'seclife.json': JSON.stringify({ kinds: { HZ: { title: 'Hazard', needs: [], required: ['Harm'] } } }),
    'docs/hazards.md': '## HZ-1: Overdose\n\n## HZ-2: Burn\nHarm: injury\n',
  });
  assert.deepEqual(titles(codeLenses(ctx, 'docs/hazards.md')), [
    '0: 0 references · missing: valid Harm',
    '2: 0 references',
  ]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionItem, CompletionItemKind, TextEdit } from 'vscode-languageserver-types';
import { contextFor, contextWithCursor } from '../testing/serviceContext';
import { completion } from './completion';

const DOCS: Record<string, string> = {
  'docs/requirements.md':
    '# Requirements\n\n## SR-001: Lock accounts\nDerived-from: TH-001\n\nLock after 5 failures.\n\n## SR-002: Audit PHI access\nStatus: draft\n',
  'docs/threats.md':
    '## TH-001: Credential stuffing\nCategory: Spoofing\nStatus: open\n\n## TH-002: Log tampering\nStatus: open\n',
  'docs/controls.md': '## RC-001: Lockout\nMitigates: TH-001\n',
  'docs/interfaces.md': '## IF-001: Login API\nExposure: external\nAssets: credentials\n',
};

async function complete(files: Record<string, string>): Promise<CompletionItem[]> {
  const { ctx, file, position } = await contextWithCursor({ ...DOCS, ...files });
  return completion(ctx, file, position);
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const bySort = (items: CompletionItem[]) =>
  [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label);
const edit = (item: CompletionItem) => item.textEdit as TextEdit;

test('@implements offers items of kinds that need implementing, with kind title and item title', async () => {
  const items = await complete({ 'src/login.ts': '// @implements {|}\nexport function login() {}\n' });
  assert.deepEqual(labels(items), ['SR-001', 'SR-002', 'RC-001', 'IF-001']);
  const sr = items.find((i) => i.label === 'SR-002')!;
  assert.equal(sr.kind, CompletionItemKind.Reference);
  assert.equal(sr.detail, 'Security requirement');
  assert.match((sr.documentation as { value: string }).value, /Audit PHI access[\s\S]*Status: draft/);
  assert.deepEqual(edit(sr), {
    range: { start: { line: 0, character: 15 }, end: { line: 0, character: 15 } },
    newText: 'SR-002',
  });
});

test('the partial ID under the cursor is replaced, but never a closing comment marker', async () => {
  const typed = await complete({ 'src/a.ts': '/* @implements SR-0{|}1 */\n' });
  assert.deepEqual(edit(typed[0]).range, { start: { line: 0, character: 15 }, end: { line: 0, character: 20 } });
  const html = await complete({ 'README.md': '<!-- @implements SR-0{|}-->\n' });
  assert.deepEqual(labels(html), ['SR-001', 'SR-002', 'RC-001', 'IF-001']);
  assert.deepEqual(edit(html[0]).range, { start: { line: 0, character: 17 }, end: { line: 0, character: 21 } });
});

test('after a previous ID and a comma or a space, the listed IDs are not offered again', async () => {
  assert.deepEqual(labels(await complete({ 'src/a.ts': '// @implements SR-001, {|}\n' })), [
    'SR-002',
    'RC-001',
    'IF-001',
  ]);
  assert.deepEqual(labels(await complete({ 'src/a.py': '# @implements SR-001 RC-001 {|}\n' })), ['SR-002', 'IF-001']);
  assert.deepEqual(labels(await complete({ 'src/a.ts': '// @implements SR-001,SR-{|}\n' })), [
    'SR-002',
    'RC-001',
    'IF-001',
  ]);
});

test('@verifies, @mitigates and @interface offer verified, mitigated and interface kinds', async () => {
  assert.deepEqual(labels(await complete({ 'test/login.test.ts': '// @verifies {|}\n' })), [
    'SR-001',
    'SR-002',
    'RC-001',
    'IF-001',
  ]);
  assert.deepEqual(labels(await complete({ 'src/a.ts': '/** @mitigates T{|} */\n' })), ['TH-001', 'TH-002']);
  assert.deepEqual(labels(await complete({ 'src/a.ts': '// @interface {|}\n' })), ['IF-001']);
});

test("the file's typical kind sorts first, then items not yet covered", async () => {
  const items = await complete({
    'src/lock.ts': '// @implements SR-001\nexport function lock() {}\n',
    'src/a.ts': '// @implements RC-001\nexport function a() {}\n// @implements {|}\n',
  });
  // RC is what this file implements; SR-002 and IF-001 are not implemented anywhere yet.
  assert.deepEqual(bySort(items), ['RC-001', 'SR-002', 'IF-001', 'SR-001']);
});

test('after @ and a partial word, the four verbs are offered as keywords', async () => {
  const items = await complete({ 'src/a.ts': 'x();\n/** @imp{|} */\n' });
  assert.deepEqual(labels(items), ['implements', 'verifies', 'mitigates', 'interface']);
  assert.equal(items[0].kind, CompletionItemKind.Keyword);
  assert.ok((items[0].documentation as { value: string }).value.length > 10);
  assert.deepEqual(edit(items[0]), {
    range: { start: { line: 1, character: 5 }, end: { line: 1, character: 8 } },
    newText: 'implements',
  });
  assert.equal(items[0].insertTextFormat, undefined);
  assert.deepEqual(labels(await complete({ 'src/a.py': 'x = 1  # @{|}\n' })), [
    'implements',
    'verifies',
    'mitigates',
    'interface',
  ]);
  assert.deepEqual(await complete({ 'src/a.ts': '// mail me@{|}\n' }), []);
});

test('a suppression justification offers IDs of every kind; the rule position offers nothing yet', async () => {
  const items = await complete({ 'src/a.ts': 'eval(x); // seclife-ignore-line js/eval -- allow-list, see {|}\n' });
  assert.deepEqual(labels(items), ['SR-001', 'SR-002', 'TH-001', 'TH-002', 'RC-001', 'IF-001']);
  assert.deepEqual(await complete({ 'src/a.ts': '// seclife-ignore-next-line {|}\neval(x);\n' }), []);
  assert.deepEqual(await complete({ 'src/a.ts': '// seclife-ignore-file js/eval {|}\n' }), []);
});

test('no completion outside comments, in notes, or after a word that ends the ID list', async () => {
  assert.deepEqual(await complete({ 'src/a.ts': 'const s = "// @implements {|}";\n' }), []);
  assert.deepEqual(await complete({ 'src/a.ts': 'const s = "@{|}";\n' }), []);
  assert.deepEqual(await complete({ 'src/a.ts': '@implements {|}\nclass A {}\n' }), []);
  assert.deepEqual(await complete({ 'src/a.ts': '// @implements SR-001 -- see {|}\n' }), []);
  assert.deepEqual(await complete({ 'src/a.ts': '/** @implements {Foo} {|} */\n' }), []);
  assert.deepEqual(await complete({ 'src/a.ts': '// implements {|}\n' }), []);
});

test('Mitigates: offers threats, not-yet-mitigated ones first, and skips IDs already listed', async () => {
  const items = await complete({
    'docs/controls.md': '## RC-001: Lockout\nMitigates: TH-001\n\n## RC-002: Audit log\nMitigates: {|}\n',
  });
  assert.deepEqual(labels(items), ['TH-001', 'TH-002']);
  assert.deepEqual(bySort(items), ['TH-002', 'TH-001']);
  assert.deepEqual(edit(items[0]).range, { start: { line: 4, character: 11 }, end: { line: 4, character: 11 } });
  const after = await complete({ 'docs/controls.md': '## RC-002: Audit log\n- Mitigates: TH-001, T{|}\n' });
  assert.deepEqual(labels(after), ['TH-002']);
  assert.deepEqual(edit(after[0]).range, { start: { line: 1, character: 21 }, end: { line: 1, character: 22 } });
});

test('Derived-from offers threats and requirements but not the item itself; other keys offer nothing', async () => {
  const items = await complete({
    'docs/requirements.md': '## SR-001: Lock accounts\nStatus: draft\nDerived-from: {|}\n\n## SR-002: Audit\n',
  });
  assert.deepEqual(labels(items), ['SR-002', 'TH-001', 'TH-002']);
  assert.deepEqual(await complete({ 'docs/threats.md': '## TH-001: Stuffing\nCategory: {|}\n' }), []);
  // Link attributes of another kind do not apply.
  assert.deepEqual(await complete({ 'docs/threats.md': '## TH-001: Stuffing\nMitigates: {|}\n' }), []);
});

test('attribute keys of the kind at the start of a line in the attribute block, present ones left out', async () => {
  const rc = await complete({ 'docs/controls.md': '## RC-002: Audit log\n{|}\n\nKeeps an audit trail.\n' });
  assert.deepEqual(labels(rc), ['Mitigates', 'Derived-from', 'Status']);
  assert.equal(rc[0].kind, CompletionItemKind.Property);
  assert.match(rc[0].detail!, /required/);
  assert.deepEqual(edit(rc[0]), {
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
    newText: 'Mitigates: ',
  });

  const iface = await complete({
    'docs/interfaces.md': '## IF-002: Export API\nExposure: external\nAss{|}\nStatus: open\n',
  });
  assert.deepEqual(labels(iface), ['Assets']);
  assert.deepEqual(edit(iface[0]), {
    range: { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } },
    newText: 'Assets: ',
  });

  const list = await complete({ 'docs/threats.md': '## TH-003: Replay\n- Category: Spoofing\n- {|}\n' });
  assert.deepEqual(labels(list), ['Severity', 'Status', 'Rationale', 'Accepted-by']);
  assert.deepEqual(edit(list[0]).range.start, { line: 2, character: 2 });
});

test('no attribute keys on description lines, heading lines or after a blank line', async () => {
  const doc = '## SR-003: Session timeout\nStatus: draft\n\n';
  assert.deepEqual(await complete({ 'docs/more.md': `${doc}Expire after 15 {|}minutes.\n` }), []);
  assert.deepEqual(await complete({ 'docs/more.md': `${doc}{|}\n` }), []);
  assert.deepEqual(await complete({ 'docs/more.md': `${doc}Expire\n{|}\n` }), []);
  assert.deepEqual(await complete({ 'docs/more.md': '## SR-003: Session{|} timeout\n' }), []);
  assert.deepEqual(
    await complete({ 'docs/more.md': '## SR-003: Session timeout\nExpire{|}\nafter 15 minutes of inactivity.\n' }),
    [],
  );
  assert.deepEqual(await complete({ 'docs/more.md': '# Notes\n{|}\n' }), []);
});

test('odd input never throws: beyond the text, empty files, files not indexed or unknown', async () => {
  const ctx = await contextFor({
    ...DOCS,
    'src/empty.ts': '',
    'notes.txt': '// @implements \n',
    'src/a.ts': '// @implements \n',
  });
  assert.deepEqual(completion(ctx, 'src/a.ts', { line: 99, character: 0 }), []);
  assert.deepEqual(completion(ctx, 'src/a.ts', { line: -1, character: 0 }), []);
  assert.equal(completion(ctx, 'src/a.ts', { line: 0, character: 999 }).length, 4);
  assert.deepEqual(completion(ctx, 'src/empty.ts', { line: 0, character: 0 }), []);
  assert.deepEqual(completion(ctx, 'notes.txt', { line: 0, character: 15 }), []);
  assert.deepEqual(completion(ctx, 'src/missing.ts', { line: 0, character: 0 }), []);
  assert.deepEqual(completion(ctx, 'docs/requirements.md', { line: 50, character: 3 }), []);
});

test("an ID completion's documentation marks an invalid required attribute as unmet (no ✓ on every need of an uncovered item)", async () => {
  const items = await complete({
    'docs/interfaces.md': '## IF-009: Export API\nExposure: public\nAssets: records\n',
    'src/export.ts': '// @interface IF-009\nexport function exportApi() {}\n',
    'test/export.test.ts': '// @verifies IF-009\ntest("export", () => {});\n',
    'src/login.ts': '// @implements {|}\n',
  });
  const doc = (items.find((i) => i.label === 'IF-009')!.documentation as { value: string }).value;
  // Without test results the verification is labelled annotated only (service/testStatus.ts).
  assert.match(doc, /✓ implemented · ✓ verified \(annotated only\) · ✗ valid Exposure/);
});

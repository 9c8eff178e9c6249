import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, contextWithCursor } from '../testing/serviceContext';
import { definition } from './definition';
import { diagnosticsFor } from './diagnostics';
import { hover } from './hover';
import { idAtPosition } from './idAtPosition';
import { references } from './references';
import { prepareRename, rename, RenameRefused } from './rename';

const DOCS = {
  'docs/req.md':
    '# Requirements\n\n## SR-001: Lock *accounts*\nDerived-from: TH-001\n\nLock after 5 failures.\nSecond line.\n\n## SR-001: Again\n',
  'docs/th.md': '## TH-001: Stuffing\nCategory: Spoofing\nStatus: open\n',
  'docs/rc.md': '## RC-001: Lockout\nMitigates: TH-001\n',
  'src/a.ts':
    '/** @implements SR-001, RC-001 -- counter */\nexport function lock() {}\n// seclife-ignore-next-line js/x -- see TH-001\n',
  'test/a.test.ts': '// @verifies SR-001\n',
};

test('idAtPosition: start, middle and end of an ID count; other text does not', async () => {
  const { ctx } = await contextWithCursor(DOCS);
  const at = (line: number, character: number) => idAtPosition(ctx, 'src/a.ts', { line, character })?.id;
  assert.equal(at(0, 16), 'SR-001');
  assert.equal(at(0, 19), 'SR-001');
  assert.equal(at(0, 22), 'SR-001');
  assert.equal(at(0, 24), 'RC-001');
  assert.equal(at(0, 5), undefined);
  assert.equal(idAtPosition(ctx, 'missing.ts', { line: 0, character: 0 }), undefined);
});

test('hover on an ID in code: kind, title, facts, description, needs and counts', async () => {
  const { ctx, file, position } = await contextWithCursor({
    ...DOCS,
    'src/a.ts': '/** @implements SR-0{|}01, RC-001 -- counter */\n',
  });
  const value = (hover(ctx, file, position)!.contents as { value: string }).value;
  assert.match(value, /^\*\*SR-001\*\* · Security requirement · \*Lock accounts\*/);
  assert.match(value, /Lock after 5 failures\.\nSecond line\./);
  assert.match(value, /✓ implemented · ✓ verified/);
  assert.match(value, /1 implementation · 1 test/);
  assert.match(value, /defined 2 times/);
  assert.match(value, /Defined in `docs\/req\.md:3`/);
});

test('hover on a threat shows category and status; on an undefined ID says so', async () => {
  const { ctx } = await contextWithCursor(DOCS);
  const th = (hover(ctx, 'docs/rc.md', { line: 1, character: 13 })!.contents as { value: string }).value;
  assert.match(th, /Category: Spoofing · Status: open/);
  assert.match(th, /✓ mitigated/);
  assert.match(th, /1 mitigation/);
  const { ctx: c2, file, position } = await contextWithCursor({ 'src/b.ts': '// @implements SR-9{|}99\n' });
  assert.match((hover(c2, file, position)!.contents as { value: string }).value, /Not defined/);
});

test('hover escapes Markdown in titles', async () => {
  const { ctx, file, position } = await contextWithCursor({ 'docs/r.md': '## SR-1{|}: Use <script> and [links](x)\n' });
  const value = (hover(ctx, file, position)!.contents as { value: string }).value;
  assert.ok(value.includes('\\<script\\>'), value);
});

test('definition from code, from a link attribute, from a justification; duplicates list every definition', async () => {
  const { ctx } = await contextWithCursor(DOCS);
  const where = (file: string, line: number, character: number) =>
    definition(ctx, file, { line, character }).map(
      (l) => `${l.uri.replace('file:///ws/', '')}:${l.range.start.line + 1}:${l.range.start.character + 1}`,
    );
  assert.deepEqual(where('src/a.ts', 0, 18), ['docs/req.md:3:4', 'docs/req.md:9:4']);
  assert.deepEqual(where('docs/rc.md', 1, 12), ['docs/th.md:1:4']);
  assert.deepEqual(where('src/a.ts', 2, 42), ['docs/th.md:1:4']);
  assert.deepEqual(where('src/a.ts', 1, 3), []);
});

test('references: annotations, links, justifications; the declaration only when asked', async () => {
  const { ctx } = await contextWithCursor(DOCS);
  const refs = (include: boolean) =>
    references(ctx, 'docs/th.md', { line: 0, character: 4 }, include).map(
      (l) => `${l.uri.replace('file:///ws/', '')}:${l.range.start.line + 1}`,
    );
  assert.deepEqual(refs(false), ['docs/rc.md:2', 'docs/req.md:4', 'src/a.ts:3']);
  assert.deepEqual(refs(true), ['docs/th.md:1', 'docs/rc.md:2', 'docs/req.md:4', 'src/a.ts:3']);
});

test('rename: prepare on known IDs only; edits definitions and references; refusals', async () => {
  const { ctx } = await contextWithCursor(DOCS);
  assert.deepEqual(prepareRename(ctx, 'docs/rc.md', { line: 0, character: 4 })?.placeholder, 'RC-001');
  assert.equal(prepareRename(ctx, 'docs/req.md', { line: 5, character: 1 }), undefined);
  const edit = rename(ctx, 'docs/rc.md', { line: 1, character: 12 }, 'TH-042')!;
  assert.deepEqual(
    Object.entries(edit.changes!)
      .map(([uri, edits]) => [uri.replace('file:///ws/', ''), edits.length])
      .sort(),
    [
      ['docs/rc.md', 1],
      ['docs/req.md', 1],
      ['docs/th.md', 1],
      ['src/a.ts', 1],
    ],
  );
  assert.throws(() => rename(ctx, 'docs/rc.md', { line: 0, character: 4 }, 'SR-001'), RenameRefused);
  assert.throws(() => rename(ctx, 'docs/rc.md', { line: 0, character: 4 }, 'RC-'), /not a valid ID/);
  assert.throws(() => rename(ctx, 'docs/th.md', { line: 0, character: 4 }, 'TH-001 x'), /not a valid ID/);
});

test('rename applied to the texts leaves no finding behind', async () => {
  const { ctx } = await contextWithCursor(DOCS);
  const before = ctx.engine.findings().map((f) => f.code);
  const edit = rename(ctx, 'docs/th.md', { line: 0, character: 4 }, 'TH-777')!;
  for (const [uri, edits] of Object.entries(edit.changes!)) {
    const file = uri.replace('file:///ws/', '');
    ctx.edit(file, applyEdits(ctx.text(file)!, edits));
  }
  assert.deepEqual(
    ctx.engine.findings().map((f) => f.code),
    before,
  );
  assert.equal(ctx.engine.item('TH-777')?.mitigations.length, 1);
});

test('diagnostics carry code, source, help link and related information', async () => {
  const { ctx } = await contextWithCursor(DOCS);
  const d = diagnosticsFor(ctx, 'docs/req.md').find((x) => x.code === 'duplicate-id')!;
  assert.equal(d.source, 'seclife');
  assert.match(d.codeDescription!.href, /#duplicate-id$/);
  assert.deepEqual(
    d.relatedInformation?.map((r) => `${r.location.uri}:${r.location.range.start.line}`),
    ['file:///ws/docs/req.md:2'],
  );
  assert.deepEqual(d.data, { itemId: 'SR-001' });
});

test('IDs are found on lines of texts with \\r line breaks', async () => {
  const { ctx } = await contextWithCursor({ 'docs/r.md': '## SR-1: A\r\rDerived-from: SR-2\r\r## SR-2: B\r' });
  assert.equal(idAtPosition(ctx, 'docs/r.md', { line: 2, character: 15 })?.id, 'SR-2');
  assert.deepEqual(
    definition(ctx, 'docs/r.md', { line: 2, character: 15 }).map((l) => l.range.start.line),
    [4],
  );
});

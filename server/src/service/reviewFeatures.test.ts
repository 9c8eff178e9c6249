import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASELINE_FILE, recordBaseline, serializeBaseline } from '../core/review/baseline';
import { applyEdits, contextFor, ROOT_URI, TestContext } from '../testing/serviceContext';
import { codeActions } from './codeActions';
import { hover } from './hover';
import { diagnosticsFor } from './diagnostics';
import { rename } from './rename';
import { resolveAcceptReview } from './reviewFeatures';

const FILES = {
  'docs/req.md':
    '## SR-001: Lock accounts\n\nAfter 5 failures.\n\n## TH-001: Credential stuffing\nCategory: Spoofing\n\n## RC-001: Lockout\nMitigates: TH-001\nDerived-from: SR-001\n',
  'src/lock.ts': '// @implements SR-001, RC-001\nexport function lock() {}\n',
  'test/lock.test.ts': '// @verifies SR-001, RC-001\n',
};

async function reviewedContext(): Promise<TestContext> {
  const ctx = await contextFor({ ...FILES });
  ctx.edit(BASELINE_FILE, serializeBaseline(recordBaseline(ctx.engine.reviewSubject(), undefined).baseline));
  return ctx;
}

/** Applies a workspace edit to the context's files (as the editor would). */
function apply(ctx: TestContext, changes: Record<string, Array<Parameters<typeof applyEdits>[1][number]>>): void {
  for (const [uri, edits] of Object.entries(changes)) {
    const path = uri.slice(ROOT_URI.length + 1);
    ctx.edit(path, applyEdits(ctx.text(path) ?? '', edits));
  }
}

const suspects = (ctx: TestContext) =>
  ctx.engine
    .findings()
    .filter((f) => f.code === 'suspect-link')
    .map((f) => `${f.file}:${f.line} ${f.itemId}`);

test('"Accept review" quick fix on a suspect link records the item for all its links', async () => {
  const ctx = await reviewedContext();
  ctx.edit('docs/req.md', FILES['docs/req.md'].replace('5 failures', '3 failures'));
  assert.deepEqual(suspects(ctx), ['docs/req.md:10 SR-001', 'src/lock.ts:1 SR-001', 'test/lock.test.ts:1 SR-001']);
  const hoverText = () => (hover(ctx, 'src/lock.ts', { line: 0, character: 16 })!.contents as { value: string }).value;
  assert.match(hoverText(), /⚠ changed since review: 3 suspect links \(`seclife review --accept SR-001`\)/);
  const diagnostics = diagnosticsFor(ctx, 'src/lock.ts').filter((d) => d.code === 'suspect-link');
  const [action] = codeActions(ctx, 'src/lock.ts', {
    textDocument: { uri: ctx.uri('src/lock.ts') },
    range: diagnostics[0].range,
    context: { diagnostics },
  });
  assert.equal(action.title, `Accept review of SR-001 (mark its links reviewed in ${BASELINE_FILE})`);
  assert.deepEqual(Object.keys(action.edit!.changes!), [ctx.uri(BASELINE_FILE)]);
  // Lazily (a client that resolves code actions): no edit until resolved, then the same edit.
  const [lazy] = codeActions(
    ctx,
    'src/lock.ts',
    { textDocument: { uri: ctx.uri('src/lock.ts') }, range: diagnostics[0].range, context: { diagnostics } },
    true,
  );
  assert.equal(lazy.title, action.title);
  assert.equal(lazy.edit, undefined);
  assert.deepEqual(resolveAcceptReview(ctx, lazy).edit, action.edit);
  apply(ctx, action.edit!.changes!);
  assert.deepEqual(suspects(ctx), []);
  assert.doesNotMatch(hoverText(), /changed since review/);
  assert.deepEqual(JSON.parse(ctx.text(BASELINE_FILE)!).version, 1);
});

test('renaming with Seclife keeps reviews: the item, link keys and hashes of items that name it follow', async () => {
  const ctx = await reviewedContext();
  // SR-001 is named by RC-001's Derived-from: RC-001's text changes with the rename.
  apply(ctx, rename(ctx, 'docs/req.md', { line: 0, character: 4 }, 'SR-100')!.changes!);
  assert.match(ctx.text('docs/req.md')!, /Derived-from: SR-100/);
  assert.deepEqual(suspects(ctx), []);
  // RC-001 holds link keys (#RC-001.mitigates); renaming it moves them.
  apply(ctx, rename(ctx, 'src/lock.ts', { line: 0, character: 24 }, 'RC-007')!.changes!);
  assert.match(ctx.text(BASELINE_FILE)!, /"link docs\/req\.md#RC-007\.mitigates"/);
  assert.doesNotMatch(ctx.text(BASELINE_FILE)!, /RC-001|SR-001/);
  // And the moved reviews still catch a later change.
  ctx.edit('docs/req.md', ctx.text('docs/req.md')!.replace('Credential stuffing', 'Password spraying'));
  assert.deepEqual(suspects(ctx), ['docs/req.md:9 TH-001']);
});

test("editing an item's links by hand is a content change: what implements and verifies it becomes suspect", async () => {
  const ctx = await reviewedContext();
  ctx.edit('docs/req.md', FILES['docs/req.md'].replace('Derived-from: SR-001', 'Derived-from: SR-001, TH-001'));
  assert.deepEqual(suspects(ctx), ['src/lock.ts:1 RC-001', 'test/lock.test.ts:1 RC-001']);
});

test('without a baseline there is no quick fix and renames touch no baseline', async () => {
  const ctx = await contextFor({ ...FILES });
  const edit = rename(ctx, 'docs/req.md', { line: 0, character: 4 }, 'SR-100')!;
  assert.equal(Object.keys(edit.changes!).includes(ctx.uri(BASELINE_FILE)), false);
});

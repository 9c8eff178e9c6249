/** A feature that catches an exception answers with less, and says so in the host's log (never silently). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Diagnostic } from 'vscode-languageserver-protocol';
import { FAULT_MARKER, injectFaults } from '../core/faults';
import { contextFor, contextWithCursor, TestContext } from '../testing/serviceContext';
import { codeActions } from './codeActions';
import { completion } from './completion';
import { diagnosticsFor } from './diagnostics';

function logging(ctx: TestContext): { ctx: TestContext; logged: string[] } {
  const logged: string[] = [];
  return { ctx: Object.assign(ctx, { log: { error: (m: string) => logged.push(m) } }), logged };
}

test('code actions: a diagnostic whose fix throws gives no action for it, is logged, and the others still get theirs', async () => {
  const { ctx, logged } = logging(await contextFor({ 'src/a.ts': 'declare const x: string;\neval(x);\n' }));
  const good = diagnosticsFor(ctx, 'src/a.ts').find((d) => d.code === 'js/eval-dynamic')!;
  const broken = { source: 'seclife', code: 'unknown-reference', message: 'x', range: null } as unknown as Diagnostic;
  const actions = codeActions(ctx, 'src/a.ts', {
    textDocument: { uri: ctx.uri('src/a.ts') },
    range: good.range,
    context: { diagnostics: [broken, good] },
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Suppress js/eval-dynamic on this line (with a justification)'],
  );
  assert.equal(logged.length, 1);
  assert.match(logged[0], /^seclife: quick fixes for unknown-reference at src\/a\.ts:0 failed: TypeError: /);
});

test('rule fixes: a malformed fix from the client loses only the rewrite (logged); the suppression is still offered', async () => {
  const { ctx, logged } = logging(await contextFor({ 'src/a.ts': 'declare const x: string;\neval(x);\n' }));
  const d = diagnosticsFor(ctx, 'src/a.ts').find((x) => x.code === 'js/eval-dynamic')!;
  const odd = { ...d, data: { fix: { title: 'Rewrite', edits: 42 } } };
  const actions = codeActions(ctx, 'src/a.ts', {
    textDocument: { uri: ctx.uri('src/a.ts') },
    range: d.range,
    context: { diagnostics: [odd] },
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Suppress js/eval-dynamic on this line (with a justification)'],
  );
  assert.equal(logged.length, 1);
  assert.match(logged[0], /^seclife: the js\/eval-dynamic quick fix at src\/a\.ts:2 failed: TypeError: /);
});

test('completion: an exception gives no items and is logged with where it happened', async () => {
  const { ctx, logged } = logging(await contextFor({ 'src/a.ts': '// @implements \n' }));
  ctx.text = () => {
    throw new Error('disk gone');
  };
  assert.deepEqual(completion(ctx, 'src/a.ts', { line: 0, character: 15 }), []);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /^seclife: completion in src\/a\.ts at 1:16 failed: Error: disk gone\n\s+at /);
});

test("completion: a comment scanner that fails is logged (the file's internal-error comes from its parse)", async () => {
  const {
    ctx: base,
    file,
    position,
  } = await contextWithCursor({
    'docs/r.md': '## SR-1: One\n',
    'src/a.ts': `// ${FAULT_MARKER}\n// @implements {|}\n`,
  });
  const { ctx, logged } = logging(base);
  const off = injectFaults(['comment-scanner']);
  try {
    assert.deepEqual(completion(ctx, file, position), [], 'the comment is not found: nothing to complete');
    assert.equal(logged.length, 1);
    assert.match(
      logged[0],
      /^seclife: the comment scanner \(for completion in src\/a\.ts\) failed: Error: injected scanner fault/,
    );
  } finally {
    off();
  }
});

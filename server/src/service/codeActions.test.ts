import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver-protocol';
import { contextFor, TestContext, applyEdits } from '../testing/serviceContext';
import { codeActions } from './codeActions';
import { diagnosticsFor, toDiagnostic } from './diagnostics';

const DOCS: Record<string, string> = {
  'docs/requirements.md':
    '# Requirements\n\n## SR-001: Lock accounts\nDerived-from: TH-001\n\n## SR-002: Audit PHI access\nStatus: draft\n',
  'docs/threats.md': '## TH-001: Credential stuffing\nStatus: open\n\n## TH-002: Log tampering\nStatus: open\n',
  'docs/controls.md': '## RC-001: Lockout\nMitigates: TH-001',
};

function paramsFor(ctx: TestContext, path: string, diagnostics: Diagnostic[]): CodeActionParams {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { textDocument: { uri: ctx.uri(path) }, range, context: { diagnostics } };
}

function actionsFor(ctx: TestContext, path: string, code: string): CodeAction[] {
  return codeActions(
    ctx,
    path,
    paramsFor(
      ctx,
      path,
      diagnosticsFor(ctx, path).filter((d) => d.code === code),
    ),
  );
}

/** Applies a single-file action to that file through the context; returns the new text. */
function apply(ctx: TestContext, action: CodeAction, file: string): string {
  const changes = action.edit?.changes ?? {};
  assert.deepEqual(Object.keys(changes), [ctx.uri(file)]);
  const text = applyEdits(ctx.text(file)!, changes[ctx.uri(file)]);
  ctx.edit(file, text);
  return text;
}

const codesIn = (ctx: TestContext, path: string) => diagnosticsFor(ctx, path).map((d) => d.code);

test('unknown-reference: create the item in the document that holds most items of its kind', async () => {
  const ctx = await contextFor({
    ...DOCS,
    'docs/security/more.md': '## SR-010: Other\n',
    'src/a.ts': '// @implements SR-404\n',
  });
  const [action, ...rest] = actionsFor(ctx, 'src/a.ts', 'unknown-reference');
  assert.equal(rest.length, 0);
  assert.equal(action.title, 'Create SR-404 in docs/requirements.md');
  assert.equal(action.kind, 'quickfix');
  assert.equal(action.diagnostics?.[0].code, 'unknown-reference');
  assert.equal(apply(ctx, action, 'docs/requirements.md'), `${DOCS['docs/requirements.md']}\n## SR-404: <title>\n`);
  assert.ok(!codesIn(ctx, 'src/a.ts').includes('unknown-reference'));
  assert.equal(ctx.engine.item('SR-404')?.def.title, '<title>');
});

test('unknown-reference: a risk control gets its required Mitigates line, separated by a blank line', async () => {
  const ctx = await contextFor({
    ...DOCS,
    'docs/a-controls.md': '## RC-002: Audit\nMitigates: TH-002\n\n\n',
    'src/a.ts': '// @implements RC-404\n',
  });
  // Tie (one RC each): the first path wins; trailing blank lines become exactly one.
  const [action] = actionsFor(ctx, 'src/a.ts', 'unknown-reference');
  assert.equal(action.title, 'Create RC-404 in docs/a-controls.md');
  assert.equal(
    apply(ctx, action, 'docs/a-controls.md'),
    '## RC-002: Audit\nMitigates: TH-002\n\n## RC-404: <title>\nMitigates: \n',
  );
  assert.ok(!codesIn(ctx, 'src/a.ts').includes('unknown-reference'));

  const noNewline = await contextFor({ ...DOCS, 'src/a.ts': '// @implements RC-405\n' });
  const [second] = actionsFor(noNewline, 'src/a.ts', 'unknown-reference');
  assert.equal(
    apply(noNewline, second, 'docs/controls.md'),
    '## RC-001: Lockout\nMitigates: TH-001\n\n## RC-405: <title>\nMitigates: \n',
  );
});

test('unknown-reference in a link attribute; one action for several diagnostics of the same ID', async () => {
  const ctx = await contextFor({
    ...DOCS,
    'docs/controls.md': '## RC-001: Lockout\nMitigates: TH-001, TH-404\nDerived-from: TH-404\n',
  });
  const actions = actionsFor(ctx, 'docs/controls.md', 'unknown-reference');
  assert.equal(actions.length, 1);
  assert.equal(actions[0].diagnostics?.length, 2);
  assert.equal(actions[0].title, 'Create TH-404 in docs/threats.md');
  assert.equal(apply(ctx, actions[0], 'docs/threats.md'), `${DOCS['docs/threats.md']}\n## TH-404: <title>\n`);
  assert.ok(!codesIn(ctx, 'docs/controls.md').includes('unknown-reference'));
});

test('unknown-reference of a kind no document holds: the document with the most items, with required attributes', async () => {
  const ctx = await contextFor({ ...DOCS, 'src/a.ts': '// seclife-ignore-line js/eval -- wrapper of SOUP-lodash\n' });
  const [action] = actionsFor(ctx, 'src/a.ts', 'unknown-reference');
  assert.equal(action.title, 'Create SOUP-lodash in docs/requirements.md');
  const text = apply(ctx, action, 'docs/requirements.md');
  assert.ok(text.endsWith('Status: draft\n\n## SOUP-lodash: <title>\nVersion: \nSupplier: \nClass: \n'));
  assert.ok(!codesIn(ctx, 'src/a.ts').includes('unknown-reference'));

  const none = await contextFor({ 'src/a.ts': '// @implements SR-404\n', 'docs/README.md': '# Notes\n' });
  assert.equal(diagnosticsFor(none, 'src/a.ts')[0].code, 'unknown-reference');
  assert.deepEqual(actionsFor(none, 'src/a.ts', 'unknown-reference'), []);
});

test('unknown-reference of a kind kept in a table: a row after the last row of that kind', async () => {
  const soup =
    '# SOUP\n\n| ID | Title | Version | Supplier | Class |\n|----|-------|---------|----------|-------|\n' +
    '| SOUP-express | Express | 4.19 | OpenJS | maintained |\n\nReviewed yearly.\n';
  const ctx = await contextFor({
    ...DOCS,
    'docs/soup.md': soup,
    'src/a.ts': '// seclife-ignore-line js/eval -- see SOUP-lodash\n',
  });
  const [action] = actionsFor(ctx, 'src/a.ts', 'unknown-reference');
  assert.equal(action.title, 'Create SOUP-lodash in docs/soup.md');
  assert.equal(
    apply(ctx, action, 'docs/soup.md'),
    soup.replace('maintained |\n', 'maintained |\n| SOUP-lodash | <title> |  |  |  |\n'),
  );
  assert.ok(!codesIn(ctx, 'src/a.ts').includes('unknown-reference'));
  assert.equal(ctx.engine.item('SOUP-lodash')?.def.level, 0);
});

test('unjustified-suppression: add a justification at the end of the suppression text', async () => {
  const cases: Array<[string, string, string]> = [
    [
      'src/a.ts',
      'eval(x); // seclife-ignore-line js/eval\n',
      'eval(x); // seclife-ignore-line js/eval -- <why this is safe>\n',
    ],
    [
      'src/b.ts',
      '/* seclife-ignore-next-line js/eval */\neval(x);\n',
      '/* seclife-ignore-next-line js/eval -- <why this is safe> */\neval(x);\n',
    ],
    ['src/c.ts', '// seclife-ignore-line js/eval --  \n', '// seclife-ignore-line js/eval -- <why this is safe>  \n'],
    ['src/d.py', 'x = 1  # seclife-ignore-line\n', 'x = 1  # seclife-ignore-line -- <why this is safe>\n'],
    [
      'page.html',
      '<!-- seclife-ignore-file html/inline-script -->\n',
      '<!-- seclife-ignore-file html/inline-script -- <why this is safe> -->\n',
    ],
  ];
  for (const [file, before, after] of cases) {
    const ctx = await contextFor({ ...DOCS, [file]: before });
    const actions = actionsFor(ctx, file, 'unjustified-suppression');
    assert.equal(actions.length, 1, file);
    assert.equal(actions[0].title, 'Add a justification');
    assert.equal(actions[0].isPreferred, true);
    assert.equal(apply(ctx, actions[0], file), after, file);
    // Fixed: no unjustified-suppression left (what remains is about the rules named, not the justification).
    assert.ok(!codesIn(ctx, file).includes('unjustified-suppression'), file);
  }
});

test('unused-suppression: remove the line when the comment is alone, else just the comment', async () => {
  const cases: Array<[string, string, string]> = [
    [
      'src/a.ts',
      'const a = 1;\n  // seclife-ignore-next-line js/eval -- not needed\nfoo();\n',
      'const a = 1;\nfoo();\n',
    ],
    ['src/b.ts', 'eval(x); // seclife-ignore-line js/eval -- ok\nnext();\n', 'eval(x);\nnext();\n'],
    ['src/c.ts', '/* seclife-ignore-line js/eval -- ok */ eval(x);\n', 'eval(x);\n'],
    [
      'src/d.ts',
      '/**\n * Runs it.\n * seclife-ignore-next-line js/eval -- ok\n */\nfunction run() {}\n',
      '/**\n * Runs it.\n */\nfunction run() {}\n',
    ],
    [
      'src/e.ts',
      '/** Runs it. seclife-ignore-next-line js/eval -- ok */\nfunction run() {}\n',
      '/** Runs it. */\nfunction run() {}\n',
    ],
    ['src/f.py', 'foo()\n# seclife-ignore-file py/exec -- ok', 'foo()'],
  ];
  for (const [file, before, after] of cases) {
    const ctx = await contextFor({ ...DOCS, [file]: before });
    const suppression = ctx.engine.fileIndex(file)!.suppressions[0];
    // No rules engine reports it yet: build the diagnostic it will publish from the suppression's range.
    const d = toDiagnostic(ctx, {
      code: 'unused-suppression',
      severity: 'warning',
      message: 'suppresses nothing',
      file,
      ...suppression.range,
    });
    const actions = codeActions(ctx, file, paramsFor(ctx, file, [d]));
    assert.equal(actions.length, 1, file);
    assert.equal(actions[0].title, 'Remove unused suppression');
    assert.equal(apply(ctx, actions[0], file), after, file);
    assert.deepEqual(ctx.engine.fileIndex(file)!.suppressions, [], file);
  }
});

test('other diagnostics, other sources and odd input give no action and never throw', async () => {
  const ctx = await contextFor({ ...DOCS, 'src/a.ts': '// @implements SR-001\n' });
  const gaps = diagnosticsFor(ctx, 'docs/requirements.md');
  assert.ok(gaps.some((d) => d.code === 'not-verified'));
  assert.deepEqual(codeActions(ctx, 'docs/requirements.md', paramsFor(ctx, 'docs/requirements.md', gaps)), []);
  const foreign: Diagnostic = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
    message: 'x',
    code: 'unknown-reference',
    source: 'eslint',
  };
  assert.deepEqual(codeActions(ctx, 'src/a.ts', paramsFor(ctx, 'src/a.ts', [foreign])), []);
  const far: Diagnostic = {
    ...foreign,
    source: 'seclife',
    range: { start: { line: 40, character: 3 }, end: { line: 41, character: 0 } },
  };
  for (const code of ['unknown-reference', 'unjustified-suppression', 'unused-suppression']) {
    assert.deepEqual(codeActions(ctx, 'src/a.ts', paramsFor(ctx, 'src/a.ts', [{ ...far, code }])), [], code);
    assert.deepEqual(
      codeActions(ctx, 'src/missing.ts', paramsFor(ctx, 'src/missing.ts', [{ ...far, code }])),
      [],
      code,
    );
  }
  assert.deepEqual(codeActions(ctx, 'src/a.ts', {} as CodeActionParams), []);
});

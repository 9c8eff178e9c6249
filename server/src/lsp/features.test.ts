import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  SemanticTokens,
  WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from '../testing/lspClient';
import { fixturePath } from '../testing/workspaces';

/** Every language feature answers over the wire (the features' own tests cover their behaviour). */
const root = fixturePath('lsp-basic');
let client: LspClient;
before(async () => {
  client = LspClient.start();
  await client.initialize([root]);
  await client.indexed();
});
after(async () => {
  await client.stop();
});
const doc = (rel: string) => ({ textDocument: { uri: uriOf(path.join(root, rel)) } });

test('completion after @implements in an open buffer offers IDs with titles', async () => {
  const uri = uriOf(path.join(root, 'src/new.ts'));
  client.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'typescript', version: 1, text: '// @implements \n' },
  });
  const result = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: { line: 0, character: 15 },
  });
  const items = Array.isArray(result) ? result : result.items;
  assert.deepEqual(items.map((i) => i.label).sort(), ['RC-001', 'SR-001', 'SR-002']);
  client.notify('textDocument/didClose', { textDocument: { uri } });
});

test('code lenses on items and annotations', async () => {
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', doc('docs/requirements.md'));
  assert.deepEqual(
    lenses.map((l) => l.range.start.line),
    [2, 7],
  );
  assert.match(lenses[0].command!.title, /1 implementation · 1 test/);
  assert.equal(lenses[0].command!.command, 'seclife.showReferences');
  const onCode = await client.request<CodeLens[]>('textDocument/codeLens', doc('src/auth.ts'));
  assert.match(onCode[0].command!.title, /SR-001 Lock accounts after failed logins · ✓ covered/);
});

test('quick fix for an unjustified suppression', async () => {
  const uri = uriOf(path.join(root, 'src/supp.ts'));
  client.notify('textDocument/didOpen', {
    textDocument: {
      uri,
      languageId: 'typescript',
      version: 1,
      text: '// seclife-ignore-next-line js/eval-dynamic\neval(x);\n',
    },
  });
  const diagnostics = await client.diagnosticsFor(uri, (d) => d.length === 1);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics: diagnostics as Diagnostic[] },
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Add a justification'],
  );
  client.notify('textDocument/didClose', { textDocument: { uri } });
});

test('document and workspace symbols, document links, semantic tokens', async () => {
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', doc('docs/requirements.md'));
  assert.deepEqual(
    symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]),
    [['Requirements', ['SR-001: Lock accounts after failed logins', 'SR-002: Audit access to patient data']]],
  );
  const found = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'lockout' });
  assert.equal(found[0].name, 'RC-001: Account lockout'); // best match first; fuzzy matches follow
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', doc('src/auth.ts'));
  assert.ok(links.some((l) => l.target?.endsWith('requirements.md#L3')));
  const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', doc('src/auth.ts'));
  assert.ok(tokens.data.length >= 5 * 3);
});

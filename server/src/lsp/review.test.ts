import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { seclife } from '../testing/cli';
import { DEFAULT_CAPABILITIES, LspClient, uriOf } from '../testing/lspClient';
import { applyEdits } from '../testing/serviceContext';
import { fixturePath } from '../testing/workspaces';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-lsp-review-'));
const clients: LspClient[] = [];
after(async () => {
  for (const c of clients) await c.stop();
  rmSync(temp, { recursive: true, force: true });
});

test('suspect links over the wire: an edited requirement flags the code that implements it; the quick fix accepts it', async () => {
  const root = path.join(temp, 'ws');
  cpSync(fixturePath('lsp-basic'), root, { recursive: true });
  assert.equal(seclife(['review', root]).status, 0);
  const client = LspClient.start();
  clients.push(client);
  // As VS Code does: code actions are resolved lazily, so the baseline rewrite waits until one is picked.
  const init = await client.initialize([root], {
    ...DEFAULT_CAPABILITIES,
    textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } },
  });
  assert.equal((init.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, true);
  await client.indexed();

  const reqPath = path.join(root, 'docs/requirements.md');
  const req = uriOf(reqPath);
  const text = readFileSync(reqPath, 'utf8').replace('30 minutes', '60 minutes');
  client.notify('textDocument/didOpen', { textDocument: { uri: req, languageId: 'markdown', version: 1, text } });
  const code = uriOf(path.join(root, 'src/auth.ts'));
  const diagnostics = await client.diagnosticsFor(
    code,
    (d) => d.some((x) => x.code === 'suspect-link'),
    'suspect-link on the annotation',
  );
  const suspect = diagnostics.filter((d) => d.code === 'suspect-link');
  assert.deepEqual(
    suspect.map((d) => [d.range.start.line, d.range.start.character, d.severity]),
    [[0, 16, 2]],
  );

  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: code },
    range: suspect[0].range,
    context: { diagnostics: suspect as Diagnostic[] },
  });
  const offered = actions.find((a) => a.title.startsWith('Accept review of SR-001'));
  assert.ok(offered, actions.map((a) => a.title).join());
  assert.equal(offered.edit, undefined, 'the edit is computed on resolve');
  const accept = await client.request<CodeAction>('codeAction/resolve', offered);
  const baselinePath = path.join(root, '.seclife/baseline.json');
  const [[uri, edits]] = Object.entries(accept!.edit!.changes!) as Array<[string, TextEdit[]]>;
  assert.equal(uri, uriOf(baselinePath));
  // The client applies the edit to the baseline's buffer, as VS Code does.
  client.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'json', version: 1, text: applyEdits(readFileSync(baselinePath, 'utf8'), edits) },
  });
  await client.diagnosticsFor(
    code,
    (d) => !d.some((x) => x.code === 'suspect-link'),
    'suspect-link cleared after accepting',
  );
});

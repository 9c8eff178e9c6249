/**
 * Over stdio: a rule or the comment scanner that throws (SECLIFE_FAULT, core/faults.ts) is an
 * internal-error diagnostic, a notification in seclife/sarif, and a line in the server's log.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { SarifRequest } from '../protocol';
import { LspClient, uriOf } from '../testing/lspClient';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-lsp-faults-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const clients: LspClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
});

let folders = 0;
function folder(files: Record<string, string>): string {
  const root = path.join(temp, `ws-${++folders}`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

async function started(root: string, fault: string): Promise<LspClient> {
  const client = LspClient.start({ SECLIFE_FAULT: fault });
  clients.push(client);
  await client.initialize([root]);
  await client.indexed();
  return client;
}

const internal = (d: Diagnostic[]) => d.filter((x) => x.code === 'internal-error');
const errorLogs = (client: LspClient, re: RegExp) => client.logs.filter((l) => l.type === 1 && re.test(l.message));

test('a throwing rule: internal-error diagnostic at its node, SARIF notification, logged once while it lasts', async () => {
  const root = folder({
    'docs/req.md': '## SR-1: One\n',
    'src/a.ts': '// @implements SR-1\nexport const y = SECLIFE_FAULT;\n',
    'src/b.py': 'x = SECLIFE_FAULT\n',
  });
  const client = await started(root, 'rules');
  const a = uriOf(path.join(root, 'src/a.ts'));
  const d = internal(await client.diagnosticsFor(a, (x) => internal(x).length === 1));
  assert.deepEqual(d[0].range, { start: { line: 1, character: 17 }, end: { line: 1, character: 30 } });
  assert.equal(d[0].severity, 2, 'warning');
  assert.match(
    d[0].message,
    /^test\/throwing-js failed on src\/a\.ts: TypeError: injected fault\\n\\x1b\[31mred; its results for this file may be missing — please report this$/,
  );
  assert.match(d[0].codeDescription!.href, /findings\.md#internal-error$/);
  await client.diagnosticsFor(
    uriOf(path.join(root, 'src/b.py')),
    (x) => internal(x).length === 1 && internal(x)[0].range.start.line === 0,
  );

  const logged = await client.waitFor(
    'both failures logged',
    () => errorLogs(client, /internal error in/).length === 2 || undefined,
  );
  assert.ok(logged);
  assert.deepEqual(
    errorLogs(client, /internal error in/)
      .map((l) => l.message.replace(/: test\/.*/, ''))
      .sort(),
    ['seclife: internal error in src/a.ts:2:18', 'seclife: internal error in src/b.py:1:1'],
  );

  const sarif = await client.send(SarifRequest, { folderUri: uriOf(root) });
  const [invocation] = sarif!.runs[0].invocations!;
  assert.equal(invocation.executionSuccessful, true);
  assert.deepEqual(
    invocation.toolExecutionNotifications!.map(
      (n) => `${n.descriptor!.id} ${n.locations![0].physicalLocation!.artifactLocation!.uri}`,
    ),
    ['test/throwing-js src/a.ts', 'test/throwing-lexical src/b.py'],
  );

  // Edits: the same failure is not logged again on every publish; once gone and back, it is.
  const open = (text: string, version: number) =>
    version === 1
      ? client.notify('textDocument/didOpen', { textDocument: { uri: a, languageId: 'typescript', version, text } })
      : client.notify('textDocument/didChange', { textDocument: { uri: a, version }, contentChanges: [{ text }] });
  open('// @implements SR-1\nexport const y = SECLIFE_FAULT; // edited\n', 1);
  await client.diagnosticsFor(a, (x) => internal(x).length === 1 && x.length >= 1);
  open('// @implements SR-1\nexport const y = 1;\n', 2);
  await client.diagnosticsFor(a, (x) => internal(x).length === 0, 'the failure gone with the marker');
  open('// @implements SR-1\nexport const y = SECLIFE_FAULT;\n', 3);
  await client.diagnosticsFor(a, (x) => internal(x).length === 1, 'and back');
  await client.waitFor(
    'logged again',
    () => errorLogs(client, /internal error in src\/a\.ts/).length === 2 || undefined,
  );
});

test('a code action that throws is logged; the server answers with the other actions', async () => {
  const root = folder({ 'src/a.ts': 'declare const x: string;\neval(x);\n' });
  const client = await started(root, 'rules');
  const a = uriOf(path.join(root, 'src/a.ts'));
  const [good] = await client.diagnosticsFor(a, (x) => x.some((d) => d.code === 'js/eval-dynamic'));
  const broken = {
    source: 'seclife',
    code: 'unknown-reference',
    message: 'x',
    range: { start: { line: 99, character: 0 }, end: { line: 99, character: 1 } },
    data: { itemId: 42 },
  };
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: a },
    range: good.range,
    context: { diagnostics: [broken, good] },
  });
  assert.ok(actions.some((x) => x.title.startsWith('Suppress js/eval-dynamic')));
  // A diagnostic the server cannot use is not an error by itself; one that makes a fix throw is logged.
  const odd = { ...good, data: { fix: { title: 'Rewrite', edits: 42 } } };
  const again = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: a },
    range: good.range,
    context: { diagnostics: [odd] },
  });
  assert.deepEqual(
    again.map((x) => x.title),
    ['Suppress js/eval-dynamic on this line (with a justification)'],
  );
  await client.waitFor(
    'the failed fix logged',
    () =>
      errorLogs(client, /the js\/eval-dynamic quick fix at src\/a\.ts:2 failed: TypeError/).length === 1 || undefined,
  );
});

test('a throwing comment scanner: internal-error saying the annotations after it are missing, and the gap it leaves', async () => {
  const root = folder({
    'docs/req.md': '## SR-1: One\n',
    'src/a.ts': '// SECLIFE_FAULT\n// @implements SR-1\nexport const y = 1;\n',
  });
  const client = await started(root, 'comment-scanner');
  const d = internal(await client.diagnosticsFor(uriOf(path.join(root, 'src/a.ts')), (x) => internal(x).length === 1));
  assert.deepEqual(d[0].range.start, { line: 0, character: 0 });
  assert.match(
    d[0].message,
    /^comment-scanner failed on src\/a\.ts: Error: injected scanner fault; the comments after this point were not read: annotations and suppressions there are missing/,
  );
  // The annotation it did not read: SR-1 reads as not implemented — and the finding above says why.
  const req = await client.diagnosticsFor(uriOf(path.join(root, 'docs/req.md')), (x) =>
    x.some((y) => y.code === 'not-implemented'),
  );
  assert.ok(req.length >= 1);
  await client.waitFor(
    'logged',
    () => errorLogs(client, /internal error in src\/a\.ts:1:1: comment-scanner failed/).length === 1 || undefined,
  );
});

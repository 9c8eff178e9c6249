/**
 * Test results over stdio, as an editor sees them (docs/language-server.md, Test results):
 * a result file written, changed or deleted on disk updates the diagnostics of the
 * annotation, the item and the result file, and the code lenses; the workspace's commit is
 * read from `.git` at index time and again when HEAD or the current branch moves.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, test } from 'node:test';
import type { CodeLens, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from '../testing/lspClient';
import type { Log as SarifLog } from 'sarif';
import { SarifRequest } from '../protocol';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-lsp-results-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const clients: LspClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
});

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

let count = 0;
/** A workspace: one requirement, its implementation, one annotated test; `extra` adds files. */
function workspace(extra: Record<string, string> = {}): string {
  const root = path.join(temp, `ws-${++count}`);
  const files: Record<string, string> = {
    'docs/requirements.md': '# Requirements\n\n## SR-001: Lock accounts\n\nLock after 5 failures.\n',
    'src/auth.ts': '// @implements SR-001\nexport function lock() {}\n',
    'test/auth.test.ts':
      "import { test } from 'node:test';\n// @verifies SR-001\ntest('locks the account', () => {});\n",
    ...extra,
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

function junit(status: 'passed' | 'failed', commit?: string): string {
  const body = status === 'failed' ? '<failure message="expected locked&#10;second line">stack</failure>' : '';
  const properties = commit ? `<properties><property name="commit" value="${commit}"/></properties>\n` : '';
  return [
    '<?xml version="1.0"?>',
    '<testsuites>',
    '<testsuite name="auth" tests="1">',
    `${properties}<testcase name="locks the account" classname="test" time="0.002">${body}</testcase>`,
    '</testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

async function started(root: string): Promise<LspClient> {
  const client = LspClient.start();
  clients.push(client);
  await client.initialize([root]);
  await client.indexed();
  return client;
}

const codes = (d: Diagnostic[]) => d.map((x) => `${x.code}@${x.range.start.line + 1}`).sort();

/** Item lens of SR-001 (docs/requirements.md line 3). */
async function itemLens(client: LspClient, root: string): Promise<string | undefined> {
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', {
    textDocument: { uri: uriOf(path.join(root, 'docs/requirements.md')) },
  });
  return lenses.find((l) => l.range.start.line === 2)?.command?.title;
}

/** Resolves at the next `workspace/codeLens/refresh` the server sends (bounded). */
function nextLensRefresh(client: LspClient, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for workspace/codeLens/refresh')), timeoutMs);
    client.connection.onRequest('workspace/codeLens/refresh', () => {
      clearTimeout(timer);
      resolve();
      return null;
    });
  });
}

test('a result file created, changed and deleted on disk: diagnostics and lenses follow it', async () => {
  const root = workspace();
  const client = await started(root);
  const testUri = uriOf(path.join(root, 'test/auth.test.ts'));
  const reqUri = uriOf(path.join(root, 'docs/requirements.md'));
  const resultFile = path.join(root, 'test-results', 'junit.xml');
  const resultUri = uriOf(resultFile);
  assert.equal(await itemLens(client, root), '1 implementation · 1 test · annotated only · ✓');

  // Created: a failing result.
  mkdirSync(path.dirname(resultFile), { recursive: true });
  writeFileSync(resultFile, junit('failed'));
  let refreshed = nextLensRefresh(client);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: resultUri, type: 1 }] });
  const onTest = await client.diagnosticsFor(testUri, (d) => d.some((x) => x.code === 'verification-failed'));
  assert.deepEqual(codes(onTest), ['verification-failed@2']);
  assert.match(onTest[0].message, /test 'locks the account' failed \(test-results\/junit\.xml:4\): expected locked$/);
  assert.deepEqual(
    onTest[0].relatedInformation?.map((r) => `${r.location.uri}:${r.location.range.start.line + 1}`),
    [`${resultUri}:4`],
    'related: the failing case in the result file',
  );
  await client.diagnosticsFor(reqUri, (d) => codes(d).join() === 'verification-failed@3');
  await refreshed;
  assert.equal(await itemLens(client, root), '1 implementation · 1 test · ✗ 1 failed · missing: verified');
  const hover = await client.request<Hover>('textDocument/hover', {
    textDocument: { uri: testUri },
    position: { line: 1, character: 6 },
  });
  const value = (hover.contents as { value: string }).value;
  assert.match(
    value,
    /✗ failed auth › locks the account · 2 ms · \[test-results\/junit\.xml:4\]\(file:[^)]+#L4\) · \[Open failure\]\(command:seclife\.openTestResult\?/,
  );

  // Changed: now it passes.
  writeFileSync(resultFile, junit('passed'));
  refreshed = nextLensRefresh(client);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: resultUri, type: 2 }] });
  await client.diagnosticsFor(testUri, (d) => d.length === 0, 'the failure cleared on the annotation');
  await client.diagnosticsFor(reqUri, (d) => d.length === 0, 'the failure cleared on the item');
  await refreshed;
  assert.equal(await itemLens(client, root), '1 implementation · 1 test · ✓ 1 passed · ✓');

  // Deleted: annotated only again.
  unlinkSync(resultFile);
  refreshed = nextLensRefresh(client);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: resultUri, type: 3 }] });
  await refreshed;
  assert.equal(await itemLens(client, root), '1 implementation · 1 test · annotated only · ✓');
});

test('HEAD from .git at index time and when it moves: a result file of another commit is stale', async () => {
  const root = workspace({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/refs/heads/main': `${SHA_A}\n`,
    'test-results/junit.xml': junit('passed', SHA_B),
  });
  const client = await started(root);
  const resultUri = uriOf(path.join(root, 'test-results/junit.xml'));
  const stale = await client.diagnosticsFor(resultUri, (d) => d.some((x) => x.code === 'test-results-stale'));
  assert.match(stale[0].message, /records commit bbbbbbbbbbbb, but the workspace is at aaaaaaaaaaaa/);

  // The current branch moves to the results' commit (a commit or a pull): no longer stale.
  writeFileSync(path.join(root, '.git/refs/heads/main'), `${SHA_B}\n`);
  client.notify('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uriOf(path.join(root, '.git/refs/heads/main')), type: 2 }],
  });
  await client.diagnosticsFor(resultUri, (d) => d.length === 0, 'stale cleared when the branch reaches the commit');

  // HEAD itself changes (a checkout of a detached commit): stale again.
  writeFileSync(path.join(root, '.git/HEAD'), `${SHA_A}\n`);
  client.notify('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uriOf(path.join(root, '.git/HEAD')), type: 2 }],
  });
  await client.diagnosticsFor(resultUri, (d) => d.some((x) => x.code === 'test-results-stale'), 'stale after checkout');
});

test('a result file open in an editor: a test run rewriting it changes the buffer, and the lenses elsewhere refresh', async () => {
  const root = workspace({ 'test-results/junit.xml': junit('failed') });
  const client = await started(root);
  const testUri = uriOf(path.join(root, 'test/auth.test.ts'));
  const resultUri = uriOf(path.join(root, 'test-results/junit.xml'));
  await client.diagnosticsFor(testUri, (d) => codes(d).join() === 'verification-failed@2');
  client.notify('textDocument/didOpen', {
    textDocument: { uri: resultUri, languageId: 'xml', version: 1, text: junit('failed') },
  });
  // The editor reloads the changed file into the open buffer (no watched-file event for it).
  const refreshed = nextLensRefresh(client);
  client.notify('textDocument/didChange', {
    textDocument: { uri: resultUri, version: 2 },
    contentChanges: [{ text: junit('passed') }],
  });
  await client.diagnosticsFor(testUri, (d) => d.length === 0, 'the failure cleared on the annotation');
  await refreshed;
  assert.equal(await itemLens(client, root), '1 implementation · 1 test · ✓ 1 passed · ✓');
});

test('seclife/sarif carries what verification rests on, as seclife check writes it', async () => {
  const root = workspace({ 'test-results/junit.xml': junit('failed') });
  const client = await started(root);
  const log = (await client.send(SarifRequest, { folderUri: uriOf(root) })) as SarifLog;
  const verification = log.runs[0].properties?.verification as { mode: string; resultFiles: Array<{ file: string }> };
  assert.equal(verification.mode, 'results');
  assert.deepEqual(
    verification.resultFiles.map((r) => r.file),
    ['test-results/junit.xml'],
  );
  const first = workspace();
  const plain = await started(first);
  const none = (await plain.send(SarifRequest, { folderUri: uriOf(first) })) as SarifLog;
  assert.deepEqual(none.runs[0].properties?.verification, { mode: 'annotated-only', resultFiles: [] });
});

/**
 * The language server under hostile editing (issue 11): requests after `shutdown`, a flood
 * of edits to a large buffer (D18), keystrokes in seclife.json, a buffer over the size limit,
 * and a manifest entry that throws (D15). Work is counted — parses from the server's
 * `$/logTrace` ("seclife: parse <path>"), re-indexes from work-done progress — never timed.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { afterEach, test } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { CoverageRequest } from '../protocol';
import { hostileCase } from '../testing/hostile';
import { LspClient, uriOf } from '../testing/lspClient';

const clients: LspClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
});

const DOCS = {
  'docs/requirements.md': '# Requirements\n\n## SR-001: Lock accounts\n\n## SR-002: Audit access\n',
};

/** A started server on a workspace, with trace on; `traces` collects `$/logTrace` messages. */
async function started(ws: string): Promise<{ client: LspClient; traces: string[] }> {
  const client = LspClient.start();
  clients.push(client);
  const traces: string[] = [];
  client.connection.onNotification('$/logTrace', (p: { message: string }) => traces.push(p.message));
  await client.initialize([ws]);
  client.notify('$/setTrace', { value: 'verbose' });
  await client.indexed();
  return { client, traces };
}

const parsesOf = (traces: string[], file: string) =>
  traces.filter((t) => t.startsWith(`seclife: parse ${file} `)).length;
const codes = (d: Diagnostic[]) => d.map((x) => `${x.code}@${x.range.start.line + 1}`).sort();

function open(client: LspClient, file: string, text: string, languageId = 'typescript'): string {
  const uri = uriOf(file);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return uri;
}

/** An edit that appends `text` at the end of a buffer of `lines` lines (the last one empty). */
function append(client: LspClient, uri: string, version: number, line: number, text: string): void {
  client.notify('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text }],
  });
}

test('a request after shutdown is an InvalidRequest error; so is an unknown method (LSP "Shutdown Request")', async () => {
  const c = hostileCase('lsp-shutdown');
  c.write(DOCS);
  const { client } = await started(c.ws);
  const uri = uriOf(path.join(c.ws, 'docs/requirements.md'));
  const before = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 2, character: 4 },
  });
  assert.ok(before, 'hover answers before shutdown');
  await assert.rejects(client.request('seclife/noSuchMethod', {}), (e: { code: number }) => e.code === -32601);
  await client.request('shutdown', null);
  for (const [method, params] of [
    ['textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 4 } }],
    [CoverageRequest.method, {}],
    ['seclife/noSuchMethod', {}],
    ['shutdown', null],
  ] as const) {
    await assert.rejects(
      client.request(method, params),
      (e: { code: number }) => e.code === -32600,
      `${method} after shutdown`,
    );
  }
});

test('D18: 100 queued edits of a 3.7 MB buffer are parsed once or a few times, not 100; the request then answers on the latest text', async () => {
  const c = hostileCase('lsp-edits');
  c.write(DOCS);
  const { client, traces } = await started(c.ws);
  const filler = 'export const value = compute(input, options); // an ordinary line of code\n';
  const lines = Math.ceil(3.7e6 / filler.length);
  const file = path.join(c.ws, 'src/big.ts');
  const uri = open(client, file, `// @implements SR-001\n${filler.repeat(lines)}`);
  const last = lines + 1;
  for (let v = 2; v <= 101; v++)
    append(client, uri, v, last + v - 2, v === 101 ? '// @implements SR-404\n' : `// edit ${v}\n`);
  const hover = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 0, character: 17 },
  });
  assert.ok(hover);
  assert.match((hover.contents as { value: string }).value, /SR-001/);
  // The last edit (version 101) is what was parsed: its unknown reference is reported.
  const d = await client.diagnosticsFor(uri, (x) => x.some((y) => y.code === 'unknown-reference'));
  assert.deepEqual(
    codes(d).filter((x) => x.startsWith('unknown-reference')),
    [`unknown-reference@${last + 100}`],
  );
  const parses = parsesOf(traces, 'src/big.ts');
  assert.ok(
    parses >= 1 && parses <= 3,
    `101 versions of the buffer were parsed ${parses} times (one per version before the fix)`,
  );
});

test('D18: a request right after an edit answers on the edited text, not the last parsed one', async () => {
  const c = hostileCase('lsp-latest');
  c.write(DOCS);
  const { client, traces } = await started(c.ws);
  const uri = open(client, path.join(c.ws, 'src/a.ts'), '// @implements SR-001\nexport const a = 1;\n');
  await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  // The edit is still inside the debounce window when the requests arrive: they parse it first.
  append(client, uri, 2, 2, '// @implements SR-002\n');
  const hover = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 2, character: 17 },
  });
  assert.match((hover?.contents as { value: string } | undefined)?.value ?? 'no hover', /SR-002/);
  const coverage = await client.send(CoverageRequest);
  assert.deepEqual(
    coverage.gaps.filter((g) => g.id === 'SR-002').map((g) => g.missing),
    [['verified']],
  );
  assert.equal(parsesOf(traces, 'src/a.ts'), 2, 'the open and the edit, each parsed once');
});

test('D18: a buffer over maxFileSize gets its too-large note once, not a parse per keystroke', async () => {
  const c = hostileCase('lsp-too-large');
  c.write({ ...DOCS, 'seclife.json': JSON.stringify({ maxFileSize: 100_000 }) });
  const { client, traces } = await started(c.ws);
  const file = path.join(c.ws, 'src/huge.ts');
  const uri = open(client, file, `// @implements SR-404\n${'x'.repeat(200_000)}\n`);
  // Each edit is followed by a request, which parses what is pending: without the size check,
  // every version would be parsed.
  for (let v = 2; v <= 21; v++) {
    append(client, uri, v, v, `// edit ${v}\n`);
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  }
  assert.equal(parsesOf(traces, 'src/huge.ts'), 1, 'parsed once (to record the too-large note)');
  // Nothing of the too-large buffer is read: no unknown-reference for its SR-404.
  assert.deepEqual(client.diagnostics.get(uri) ?? [], []);
  // Shrunk below the limit, it is parsed again.
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 22 },
    contentChanges: [{ text: '// @implements SR-404\n' }],
  });
  const d = await client.diagnosticsFor(uri, (x) => x.length > 0);
  assert.deepEqual(codes(d), ['unknown-reference@1']);
  assert.equal(parsesOf(traces, 'src/huge.ts'), 2);
});

test('D18: keystrokes in seclife.json re-index the folder once they pause, not once per keystroke', async () => {
  const c = hostileCase('lsp-config');
  c.write({ ...DOCS, 'seclife.json': '{}\n' });
  const { client } = await started(c.ws);
  const uri = open(client, path.join(c.ws, 'seclife.json'), '{}\n', 'json');
  for (let v = 2; v <= 21; v++) {
    const title = `Requirement ${v}`;
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ text: JSON.stringify({ kinds: { SR: { title } } }) }],
    });
  }
  await client.indexed(2);
  const coverage = await client.send(CoverageRequest);
  assert.equal(coverage.kinds.find((k) => k.prefix === 'SR')?.title, 'Requirement 21', 'the last version was indexed');
  const begins = client.progress.filter((p) => p.value.kind === 'begin').length;
  assert.ok(
    begins >= 2 && begins <= 3,
    `21 versions of seclife.json (open + 20 edits) started ${begins - 1} re-indexes (one per keystroke before the fix)`,
  );
});

test('D15: a dependency with a lone surrogate in its name is still checked; diagnostics follow the buffer', async () => {
  const c = hostileCase('lsp-surrogate');
  c.write(DOCS);
  const { client } = await started(c.ws);
  const uri = open(
    client,
    path.join(c.ws, 'package.json'),
    '{"name":"x","dependencies":{"\\ud800x":"1.0.0","express":"4.18.2"}}\n',
    'json',
  );
  const d = await client.diagnosticsFor(uri, (x) => x.length > 0);
  assert.deepEqual(d.map((x) => x.code).sort(), ['soup-missing', 'soup-missing']);
  assert.ok(
    d.some((x) => x.message.startsWith('\ud800x 1.0.0')),
    'the odd name is checked, not dropped',
  );
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: '{"name":"x","dependencies":{"express":"4.18.2"}}\n' }],
  });
  const after = await client.diagnosticsFor(uri, (x) => x.length === 1);
  assert.deepEqual(
    after.map((x) => x.code),
    ['soup-missing'],
  );
});

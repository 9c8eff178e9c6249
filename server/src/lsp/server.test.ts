import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, test } from 'node:test';
import type { Diagnostic, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { CoverageRequest, FindingsRequest, KindsRequest, TraceTreeRequest } from '../protocol';
import { LspClient, uriOf } from '../testing/lspClient';
import { fixturePath } from '../testing/workspaces';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-lsp-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const clients: LspClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
});

let copies = 0;
/** A private copy of a fixture, so tests may change files on disk. */
function copyFixture(name: string): string {
  const dir = path.join(temp, `${name}-${++copies}`);
  cpSync(fixturePath(name), dir, { recursive: true });
  return dir;
}

async function started(folders: string[], env: Record<string, string> = {}): Promise<LspClient> {
  const client = LspClient.start(env);
  clients.push(client);
  await client.initialize(folders);
  await client.indexed();
  return client;
}

const codes = (d: Diagnostic[] | undefined) => (d ?? []).map((x) => `${x.code}@${x.range.start.line + 1}`).sort();

function open(client: LspClient, file: string, text: string, version = 1): string {
  const uri = uriOf(file);
  client.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: file.endsWith('.md') ? 'markdown' : 'typescript', version, text },
  });
  return uri;
}

test('initialize: capabilities, indexing progress, diagnostics for every file with findings, watcher registration', async () => {
  const root = copyFixture('lsp-basic');
  const client = LspClient.start();
  clients.push(client);
  const init = await client.initialize([root]);
  assert.equal(init.serverInfo?.name, 'seclife');
  for (const cap of [
    'hoverProvider',
    'definitionProvider',
    'referencesProvider',
    'renameProvider',
    'completionProvider',
    'codeLensProvider',
    'codeActionProvider',
    'documentSymbolProvider',
    'workspaceSymbolProvider',
    'documentLinkProvider',
    'semanticTokensProvider',
  ]) {
    assert.ok((init.capabilities as Record<string, unknown>)[cap], cap);
  }
  await client.indexed();
  const kinds = client.progress.map((p) => p.value.kind);
  assert.equal(kinds[0], 'begin');
  assert.equal(kinds[kinds.length - 1], 'end');
  assert.ok(client.progress.some((p) => /^Indexing \d+\/\d+ files$/.test(p.value.message ?? '')));
  const req = uriOf(path.join(root, 'docs/requirements.md'));
  const d = await client.diagnosticsFor(req, (x) => x.length > 0);
  assert.deepEqual(codes(d), ['not-verified@8']);
  assert.equal(d[0].source, 'seclife');
  assert.match(d[0].codeDescription!.href, /findings\.md#not-verified$/);
  assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
});

test('hover, definition and references on IDs in code and Markdown', async () => {
  const root = copyFixture('lsp-basic');
  const client = await started([root]);
  const src = uriOf(path.join(root, 'src/auth.ts'));
  const hover = await client.request<Hover>('textDocument/hover', {
    textDocument: { uri: src },
    position: { line: 0, character: 17 },
  });
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /\*\*SR-001\*\* · Security requirement · \*Lock accounts after failed logins\*/);
  assert.match(value, /✓ implemented · ✓ verified/);
  assert.match(value, /1 implementation · 1 test/);
  const defs = await client.request<Location[]>('textDocument/definition', {
    textDocument: { uri: src },
    position: { line: 0, character: 25 },
  });
  assert.deepEqual(
    defs.map((l) => `${path.basename(l.uri)}:${l.range.start.line + 1}:${l.range.start.character + 1}`),
    ['controls.md:3:4'],
  );
  const doc = uriOf(path.join(root, 'docs/threats.md'));
  const refs = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri: doc },
    position: { line: 2, character: 5 },
    context: { includeDeclaration: true },
  });
  assert.deepEqual(
    refs.map((l) => `${path.basename(l.uri)}:${l.range.start.line + 1}`),
    ['threats.md:3', 'controls.md:4', 'requirements.md:4', 'requirements.md:9'],
  );
});

test('editing a source file republishes the requirement document; closing restores the disk state', async () => {
  const root = copyFixture('lsp-basic');
  const client = await started([root]);
  const req = uriOf(path.join(root, 'docs/requirements.md'));
  await client.diagnosticsFor(req, (d) => codes(d).join() === 'not-verified@8');
  const file = path.join(root, 'src/auth.ts');
  const src = open(client, file, '/** @implements SR-001, RC-001 */\nexport function a() {}\n// @implements SR-002\n');
  // Delete the last @implements SR-002 with an incremental change.
  client.notify('textDocument/didChange', {
    textDocument: { uri: src, version: 2 },
    contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: '' }],
  });
  await client.diagnosticsFor(req, (d) => codes(d).join() === 'not-implemented@8,not-verified@8');
  // An unknown ID in the buffer: a diagnostic in the source file itself.
  client.notify('textDocument/didChange', {
    textDocument: { uri: src, version: 3 },
    contentChanges: [{ text: '// @implements SR-404\n' }],
  });
  const own = await client.diagnosticsFor(src, (d) => d.length === 1);
  assert.equal(own[0].code, 'unknown-reference');
  client.notify('textDocument/didClose', { textDocument: { uri: src } });
  await client.diagnosticsFor(src, (d) => d.length === 0, 'stale diagnostics cleared');
  await client.diagnosticsFor(req, (d) => codes(d).join() === 'not-verified@8');
});

test('rename rewrites the definition and every reference; refuses existing or malformed IDs', async () => {
  const root = copyFixture('lsp-basic');
  const client = await started([root]);
  const doc = uriOf(path.join(root, 'docs/threats.md'));
  const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', {
    textDocument: { uri: doc },
    position: { line: 2, character: 4 },
  });
  assert.equal(prepared.placeholder, 'TH-001');
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
    textDocument: { uri: doc },
    position: { line: 2, character: 4 },
    newName: 'TH-010',
  });
  const summary = Object.entries(edit.changes!)
    .flatMap(([uri, edits]) => edits.map((e) => `${path.basename(uri)}:${e.range.start.line + 1}:${e.newText}`))
    .sort();
  assert.deepEqual(summary, [
    'controls.md:4:TH-010',
    'requirements.md:4:TH-010',
    'requirements.md:9:TH-010',
    'threats.md:3:TH-010',
  ]);
  for (const [newName, message] of [
    ['SR-002', /changes the kind/],
    ['TH-', /not a valid ID/],
    ['SR 1', /not a valid ID/],
  ] as const) {
    await assert.rejects(
      client.request('textDocument/rename', {
        textDocument: { uri: doc },
        position: { line: 2, character: 4 },
        newName,
      }),
      message,
    );
  }
  const req = uriOf(path.join(root, 'docs/requirements.md'));
  await assert.rejects(
    client.request('textDocument/rename', {
      textDocument: { uri: req },
      position: { line: 2, character: 4 },
      newName: 'SR-002',
    }),
    /SR-002 already exists/,
  );
});

test('watched files: a created, changed and deleted file on disk are picked up', async () => {
  const root = copyFixture('lsp-basic');
  const client = await started([root]);
  const req = uriOf(path.join(root, 'docs/requirements.md'));
  const testFile = path.join(root, 'test/audit.test.ts');
  writeFileSync(testFile, '// @verifies SR-002\n');
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(testFile), type: 1 }] });
  await client.diagnosticsFor(req, (d) => d.length === 0, 'SR-002 verified by a new file');
  writeFileSync(testFile, '// @verifies SR-404\n');
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(testFile), type: 2 }] });
  await client.diagnosticsFor(uriOf(testFile), (d) => d.length === 1);
  await client.diagnosticsFor(req, (d) => codes(d).join() === 'not-verified@8');
  unlinkSync(testFile);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(testFile), type: 3 }] });
  await client.diagnosticsFor(uriOf(testFile), (d) => d.length === 0, 'diagnostics of a deleted file cleared');
});

test('seclife.json and settings changes re-check without a restart', async () => {
  const root = copyFixture('lsp-basic');
  const client = await started([root]);
  const req = uriOf(path.join(root, 'docs/requirements.md'));
  await client.diagnosticsFor(req, (d) => d.length === 1 && d[0].severity === 2);
  const configFile = path.join(root, 'seclife.json');
  writeFileSync(configFile, JSON.stringify({ rules: { 'not-verified': 'error' } }));
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configFile), type: 1 }] });
  await client.diagnosticsFor(req, (d) => d.length === 1 && d[0].severity === 1, 'not-verified as error');
  // An unsaved, broken seclife.json buffer: config-error in it, defaults elsewhere.
  const cfg = open(client, configFile, '{ "rules": ');
  await client.diagnosticsFor(cfg, (d) => d.length === 1 && d[0].code === 'config-error');
  await client.diagnosticsFor(req, (d) => d.length === 1 && d[0].severity === 2);
  client.notify('textDocument/didClose', { textDocument: { uri: cfg } });
  await client.diagnosticsFor(cfg, (d) => d.length === 0);
  // Editor settings override the file.
  client.settings = { rules: { 'not-verified': 'off' } };
  client.notify('workspace/didChangeConfiguration', { settings: {} });
  await client.diagnosticsFor(req, (d) => d.length === 0, 'not-verified turned off by settings');
});

test('a request that throws comes back as an LSP error and the server keeps serving', async () => {
  const root = copyFixture('lsp-basic');
  const client = await started([root], { SECLIFE_FAULT: 'hover' });
  const src = uriOf(path.join(root, 'src/auth.ts'));
  await assert.rejects(
    client.request('textDocument/hover', { textDocument: { uri: src }, position: { line: 0, character: 17 } }),
    /fault injected into hover/,
  );
  const defs = await client.request<Location[]>('textDocument/definition', {
    textDocument: { uri: src },
    position: { line: 0, character: 17 },
  });
  assert.equal(defs.length, 1);
  await assert.rejects(
    client.request('textDocument/hover', { textDocument: { uri: src }, position: { line: 0, character: 17 } }),
    /fault injected/,
  );
});

test('custom requests: trace tree, coverage, findings; multi-root folders', async () => {
  const root = copyFixture('lsp-basic');
  const second = copyFixture('lsp-second');
  const client = await started([root, second]);
  const tree = await client.send(TraceTreeRequest, {});
  assert.deepEqual(
    tree.folders.map((f) =>
      f.kinds
        .filter((k) => k.total)
        .map((k) => `${k.prefix} ${k.covered}/${k.total}`)
        .join(', '),
    ),
    ['SR 1/2, TH 1/1, RC 1/1', 'SR 0/1'],
  );
  const sr1 = tree.folders[0].kinds[0].items[0];
  assert.equal(sr1.id, 'SR-001');
  assert.deepEqual(
    sr1.links.map((l) => `${l.role}${l.symbol ? ` ${l.symbol}` : ''}${l.itemId ? ` ${l.itemId}` : ''}`),
    ['linked-by RC-001', 'link TH-001', 'implements recordFailure', 'verifies lockoutTest'],
  );
  const gaps = await client.send(TraceTreeRequest, { gapsOnly: true, kinds: ['SR'] });
  assert.deepEqual(
    gaps.folders.flatMap((f) => f.kinds.flatMap((k) => k.items.map((i) => i.id))),
    ['SR-002', 'SR-100'],
  );
  const coverage = await client.send(CoverageRequest);
  assert.deepEqual(
    coverage.kinds.find((k) => k.prefix === 'SR'),
    {
      prefix: 'SR',
      title: 'Security requirement',
      total: 3,
      covered: 1,
      percent: 33.3,
      // No result files: the one verified item is annotated only, never passed.
      verification: { passed: 0, failed: 0, notRun: 0, annotated: 1, none: 2 },
    },
  );
  // Over every kind: SR-001 and RC-001 (one @verifies each).
  assert.deepEqual(
    [coverage.verification.mode, coverage.verification.passed, coverage.verification.annotated],
    ['annotated-only', 0, 2],
  );
  assert.deepEqual(
    coverage.gaps.map((g) => `${g.id}:${g.missing.join('+')}`),
    ['SR-002:verified', 'SR-100:implemented+verified'],
  );
  const findings = await client.send(FindingsRequest, {});
  assert.deepEqual(
    findings.findings.map((f) => f.code),
    ['not-verified', 'not-implemented', 'not-verified'],
  );
  await client.diagnosticsFor(uriOf(path.join(second, 'docs/requirements.md')), (d) => d.length === 2);
});

test('shutdown and exit end the process with code 0', async () => {
  const client = LspClient.start();
  await client.initialize([copyFixture('lsp-second')]);
  await client.indexed();
  assert.equal(await client.stop(), 0);
});

test('seclife/kinds: a custom kind of seclife.json, with its template and a starter document its documents globs read', async () => {
  const root = path.join(temp, `kinds-${++copies}`);
  mkdirSync(path.join(root, 'specs/safety'), { recursive: true });
  writeFileSync(
    path.join(root, 'seclife.json'),
    JSON.stringify({
      documents: ['specs/**/*.md'],
      kinds: {
        HZ: {
          title: 'Hazard',
          needs: ['mitigated'],
          required: ['Harm'],
          allowed: { Severity: ['Negligible', 'Serious', 'Critical'] },
          links: { 'Caused-by': ['SR'] },
        },
      },
    }),
  );
  writeFileSync(
    path.join(root, 'specs/safety/hazards.md'),
    '# Hazards\n\n## HZ-001: Overdose\nHarm: injury\nSeverity: Serious\n',
  );
  const client = await started([root]);
  const result = await client.send(KindsRequest, {});
  assert.equal(result.folders.length, 1);
  assert.deepEqual(result.folders[0].documents, ['specs/**/*.md']);
  const kinds = result.folders[0].kinds;
  assert.deepEqual(
    kinds.map((k) => k.prefix),
    ['SR', 'TH', 'RC', 'IF', 'SOUP', 'CS', 'HZ'],
  );
  const hz = kinds.find((k) => k.prefix === 'HZ')!;
  assert.equal(hz.title, 'Hazard');
  assert.deepEqual(hz.needs, ['mitigated']);
  assert.deepEqual(hz.template, {
    attributes: [
      { key: 'Harm', placeholder: '', required: true },
      { key: 'Caused-by', placeholder: 'SR-', required: false },
      // Allowed values as the workspace writes them when it does (Serious), else as configured (lower case).
      { key: 'Severity', values: ['negligible', 'Serious', 'critical'], placeholder: '', required: false },
    ],
    description: 'Description.',
  });
  // docs/security/hz.md is not a document here: the starter goes under the fixed part of the glob.
  assert.deepEqual(hz.starter, { path: 'specs/hz.md', content: '---\nkind: HZ\n---\n# Hazard\n' });
  const rc = kinds.find((k) => k.prefix === 'RC')!;
  assert.deepEqual(
    rc.template.attributes.map((a) => `${a.key}: ${a.placeholder}${a.required ? ' (required)' : ''}`),
    ['Mitigates: TH- (required)', 'Derived-from: SR-'],
  );
  assert.equal(rc.starter.path, 'specs/controls.md');
  assert.deepEqual((await client.send(KindsRequest, { folderUri: 'file:///elsewhere' })).folders, []);
});

test('seclife/kinds: a starter document is never outside the folder, whatever the documents globs say', async () => {
  const root = path.join(temp, `kinds-${++copies}`);
  mkdirSync(root, { recursive: true });
  writeFileSync(
    path.join(root, 'seclife.json'),
    JSON.stringify({
      documents: ['../outside/**/*.md', '/etc/*.md', './x/../*.md', 'C:/docs/*.md', '../hz.md'],
      kinds: { HZ: { title: 'Hazard', needs: [] } },
    }),
  );
  const client = await started([root]);
  const result = await client.send(KindsRequest, {});
  const paths = result.folders[0].kinds.map((k) => k.starter.path);
  assert.ok(
    paths.every((p) => /^docs\/security\/[a-z]+\.md$/.test(p)),
    paths.join(', '),
  );
});

import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import {
  createProtocolConnection,
  Diagnostic,
  IPCMessageReader,
  IPCMessageWriter,
  Location,
} from 'vscode-languageserver-protocol/node';
import { BIN } from '../testing/cli';
import { LspClient, uriOf } from '../testing/lspClient';
import { fixturePath } from '../testing/workspaces';

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-lsp-index-'));
after(() => rmSync(temp, { recursive: true, force: true }));

test('requests during indexing answer from what is indexed so far', async () => {
  const root = path.join(temp, 'big');
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  writeFileSync(path.join(root, 'docs', 'a.md'), '## SR-1: First\n');
  for (let d = 0; d < 40; d++) {
    mkdirSync(path.join(root, 'src', `p${d}`), { recursive: true });
    for (let f = 0; f < 150; f++) {
      writeFileSync(
        path.join(root, 'src', `p${d}`, `f${f}.ts`),
        `// @implements SR-1\nexport const v${f} = ${f};\n`.repeat(20),
      );
    }
  }
  const client = LspClient.start();
  try {
    await client.initialize([root]);
    await client.waitFor('a partial progress report', () =>
      client.progress.some(
        (p) =>
          p.value.kind === 'report' &&
          /^Indexing (\d[\d,]*)\/6,001 files$/.test(p.value.message ?? '') &&
          !p.value.message!.startsWith('Indexing 6,001'),
      ),
    );
    const defs = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: uriOf(path.join(root, 'src/p0/f0.ts')) },
      position: { line: 0, character: 17 },
    });
    const endedBeforeAnswer = client.progress.some((p) => p.value.kind === 'end');
    assert.equal(defs.length, 1);
    assert.equal(endedBeforeAnswer, false, 'the request was answered while indexing was still running');
    await client.indexed();
    assert.ok(client.progress.some((p) => p.value.message === 'Indexing 6,001/6,001 files'));
  } finally {
    await client.stop();
  }
});

test('the server also runs over node IPC (--node-ipc)', async () => {
  const child = fork(BIN, ['lsp', '--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const published = new Promise<Diagnostic[]>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (p: { diagnostics: Diagnostic[] }) => {
      if (p.diagnostics.length) resolve(p.diagnostics);
    });
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const root = fixturePath('lsp-second');
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(root),
    workspaceFolders: [{ uri: uriOf(root), name: 'second' }],
    capabilities: {},
  });
  connection.sendNotification('initialized', {});
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('no diagnostics over IPC')), 20_000),
  );
  const diagnostics = await Promise.race([published, timeout]);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['not-implemented', 'not-verified'],
  );
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  assert.equal(await exited, 0);
  connection.dispose();
});

// The extension-host suites of test/vscode (written against the vscode API for
// @vscode/test-electron) run inside code-server's extension host: a small test-harness
// extension runs them on startup and writes the results to a file this test waits for.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  copyFixture,
  e2eSkipReason,
  findSeclifeVsix,
  makeVsix,
  openWorkbench,
  REPO_ROOT,
  startCodeServer,
  waitForFile,
} from './harness.mjs';

const SUITE = join(REPO_ROOT, 'test/vscode/out/suite/index.js');
const skip =
  e2eSkipReason() ??
  (!findSeclifeVsix()
    ? 'no seclife-<version>.vsix: run npm run package'
    : !existsSync(SUITE)
      ? 'test/vscode not built: run npm run build'
      : false);

describe('extension-host suites in code-server', { skip, timeout: 300_000 }, () => {
  const temp = mkdtempSync(join(os.tmpdir(), 'seclife-ext-host-'));
  let server;
  let wb;
  let workspace = '';
  after(async () => {
    if (wb) await wb.close();
    if (server) await server.stop();
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
  });

  test('every suite passes', async () => {
    const resultFile = join(temp, 'result.json');
    const harness = makeVsix(join(REPO_ROOT, 'test/vscode/harness-extension'), join(temp, 'seclife-test-harness.vsix'));
    workspace = copyFixture('examples/remote-monitoring');
    process.env.SECLIFE_TEST_SUITE = SUITE;
    process.env.SECLIFE_TEST_RESULT = resultFile;
    try {
      server = await startCodeServer({ workspace, vsix: [findSeclifeVsix(), harness], timeoutMs: 90_000 });
    } finally {
      delete process.env.SECLIFE_TEST_SUITE;
      delete process.env.SECLIFE_TEST_RESULT;
    }
    // The extension host starts when a window opens the folder.
    wb = await openWorkbench(server.url, workspace, { timeoutMs: 90_000 });
    const result = JSON.parse(await waitForFile(resultFile, 180_000));
    for (const t of result.passed) console.log(`# passed in the extension host: ${t}`);
    assert.deepEqual(result.failed, []);
    assert.ok(result.passed.length >= 5, `ran ${result.passed.length} extension-host tests`);
  });
});

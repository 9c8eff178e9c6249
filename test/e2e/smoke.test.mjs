// Smoke test of the e2e infrastructure: a real VS Code workbench (code-server + Chromium)
// opens the example workspace, shows its files, opens one in an editor, and runs a command
// of a tiny probe extension installed from a .vsix (built here, no vsce needed).
// Skips when scripts/e2e-setup.sh has not prepared this machine.
//
//   node --test test/e2e/smoke.test.mjs
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  copyFixture,
  e2eSkipReason,
  makeVsix,
  openFile,
  openWorkbench,
  runCommand,
  screenshot,
  startCodeServer,
  waitForFile,
  waitForText,
} from './harness.mjs';

const STARTUP_MS = 60_000;
const UI_MS = 20_000;

/** Writes a tiny extension (status bar item on startup + one command) and packs it. */
function buildProbeVsix(dir) {
  const ext = join(dir, 'probe');
  mkdirSync(ext, { recursive: true });
  writeFileSync(
    join(ext, 'package.json'),
    JSON.stringify(
      {
        name: 'seclife-e2e-probe',
        displayName: 'Seclife E2E Probe',
        description: 'Test-only extension used by test/e2e/smoke.test.mjs',
        publisher: 'seclife-test',
        version: '0.0.1',
        engines: { vscode: '^1.90.0' },
        main: './extension.js',
        activationEvents: ['onStartupFinished'],
        contributes: {
          commands: [{ command: 'seclifeE2eProbe.writeMarker', title: 'Write Marker', category: 'Seclife E2E Probe' }],
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(ext, 'extension.js'),
    `
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');
exports.activate = (context) => {
  const item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 1000);
  item.text = 'seclife-e2e-probe active';
  item.show();
  context.subscriptions.push(item, vscode.commands.registerCommand('seclifeE2eProbe.writeMarker', () => {
    const folder = vscode.workspace.workspaceFolders[0].uri.fsPath;
    fs.writeFileSync(path.join(folder, '.e2e-probe.json'), JSON.stringify({
      node: process.version, vscode: vscode.version, folder,
    }));
  }));
};
exports.deactivate = () => {};
`,
  );
  return makeVsix(ext, join(dir, 'seclife-e2e-probe-0.0.1.vsix'));
}

// Skip each test (not just the suite) so that the runner counts them as skipped.
const skip = e2eSkipReason() ?? false;

describe('e2e smoke: real VS Code workbench', { timeout: 240_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startCodeServer>>} */ let server;
  /** @type {Awaited<ReturnType<typeof openWorkbench>>} */ let wb;
  let workspace = '';
  let vsixDir = '';

  before(async () => {
    if (skip) return;
    workspace = copyFixture('examples/remote-monitoring');
    vsixDir = mkdtempSync(join(os.tmpdir(), 'seclife-e2e-vsix-'));
    const vsix = buildProbeVsix(vsixDir);
    const t0 = Date.now();
    server = await startCodeServer({ workspace, vsix, timeoutMs: STARTUP_MS });
    const t1 = Date.now();
    wb = await openWorkbench(server.url, workspace, { timeoutMs: STARTUP_MS });
    console.log(
      `# code-server up in ${t1 - t0} ms (pid ${server.pid}, ${server.url}); workbench in ${Date.now() - t1} ms`,
    );
  });

  after(async () => {
    if (wb) {
      await screenshot(wb.page, 'smoke-final').catch(() => {});
      await wb.close();
    }
    if (server) await server.stop();
    for (const dir of [workspace && join(workspace, '..'), vsixDir]) {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the Explorer shows docs and src', { skip }, async () => {
    const labels = wb.page.locator('.explorer-folders-view .monaco-list-row .label-name');
    await waitForText(labels, /^docs$/, UI_MS);
    await waitForText(labels, /^src$/, UI_MS);
    await screenshot(wb.page, 'smoke-explorer');
  });

  test('opens src/auth/lockout.ts in an editor', { skip }, async () => {
    const editor = await openFile(wb.page, 'src/auth/lockout.ts', UI_MS);
    const lines = editor.locator('.view-lines');
    // Monaco renders spaces as U+00A0; \s matches both.
    await waitForText(lines, /Failed-login\s+bookkeeping/, UI_MS);
    const text = await waitForText(lines, /export\s+const\s+MAX_FAILURES\s+=\s+5/, UI_MS);
    assert.match(text, /FAILURE_WINDOW_MS/);
    const tab = await wb.page.locator('.tabs-container .tab.active').textContent();
    assert.match(tab, /lockout\.ts/);
    const file = await screenshot(wb.page, 'smoke-lockout');
    console.log(`# screenshot: ${file}`);
  });

  test('an extension installed from a .vsix activates and runs its command (Node 24 host)', { skip }, async () => {
    await waitForText(wb.page.locator('.part.statusbar .statusbar-item'), /seclife-e2e-probe active/, UI_MS);
    await runCommand(wb.page, 'Seclife E2E Probe: Write Marker', UI_MS);
    const marker = JSON.parse(await waitForFile(join(workspace, '.e2e-probe.json'), UI_MS));
    assert.match(marker.node, /^v24\./);
    assert.equal(marker.folder, workspace);
    console.log(`# extension host: node ${marker.node}, vscode ${marker.vscode}`);
  });
});

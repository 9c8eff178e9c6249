// The Vulnerabilities view in a real VS Code workbench (code-server + Debian Chromium): the
// packaged extension on test/vscode/fixtures/vulnerabilities, where an advisory affects qs
// 6.13.0, which express 4.21.2 brings in. The view shows it under Undecided; the "Record VEX"
// quick fix on the SOUP item moves it to Under investigation. Screenshots in test-results/e2e/.
// Skips when scripts/e2e-setup.sh has not prepared this machine or no .vsix is built.
//
//   npm run package && node --test test/e2e/vulnerabilities.test.mjs
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  copyFixture,
  e2eSkipReason,
  findSeclifeVsix,
  openWorkbench,
  runCommand,
  screenshot,
  startCodeServer,
  waitForFileContent,
  waitForText,
} from './harness.mjs';

const STARTUP_MS = 90_000;
const UI_MS = 30_000;
const skip = e2eSkipReason() ?? (findSeclifeVsix() ? false : 'no seclife-<version>.vsix: run npm run package');
const ADVISORY = /GHSA-6rw7-vpxm-498p qs@6\.13\.0/;

describe('the Vulnerabilities view in a real VS Code workbench', { skip, timeout: 300_000 }, () => {
  let server;
  let wb;
  let workspace = '';

  before(async () => {
    workspace = copyFixture('test/vscode/fixtures/vulnerabilities');
    server = await startCodeServer({ workspace, vsix: findSeclifeVsix(), timeoutMs: STARTUP_MS });
    wb = await openWorkbench(server.url, workspace, { timeoutMs: STARTUP_MS });
  });

  after(async () => {
    if (wb) {
      await screenshot(wb.page, 'vulnerabilities-final').catch(() => {});
      await wb.close();
    }
    if (server) await server.stop();
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
  });

  const view = () =>
    wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /Vulnerabilities/i }) });

  test('the undecided advisory on an indirect package shows with its path, severity and SOUP item', async () => {
    await runCommand(wb.page, 'Seclife: Focus on Vulnerabilities View', UI_MS);
    const rows = view().locator('.monaco-list-row');
    const text = await waitForText(rows, ADVISORY, STARTUP_MS).catch(async (e) => {
      await screenshot(wb.page, 'vulnerabilities-view-missing').catch(() => {});
      throw e;
    });
    assert.match(text, /via express@4\.21\.2/);
    assert.match(text, /high/);
    assert.match(text, /SOUP-express/);
    await waitForText(rows, /Undecided\s*1/, UI_MS);
    await screenshot(wb.page, 'vulnerabilities-view');
  });

  test('Record VEX: under_investigation writes the disposition and the node moves group', async () => {
    // Clicking the node opens the finding: the SOUP item's ID in docs/soup.md.
    await view().locator('.monaco-list-row', { hasText: ADVISORY }).first().click();
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: /soup\.md/ })
      .waitFor({ state: 'visible', timeout: UI_MS });
    // The click selected the ID, where the diagnostic is.
    await wb.page
      .locator('.editor-group-container.active .monaco-editor .view-line', { hasText: /SOUP-express/ })
      .first()
      .waitFor({ state: 'visible', timeout: UI_MS });
    await runCommand(wb.page, 'Quick Fix...', UI_MS);
    const action = wb.page
      .locator('.action-widget .monaco-list-row', { hasText: /Record VEX: under_investigation/ })
      .first();
    await action.waitFor({ state: 'visible', timeout: UI_MS });
    await screenshot(wb.page, 'vulnerabilities-record-vex');
    await action.click();
    await runCommand(wb.page, 'File: Save All Files', UI_MS);
    const file = join(workspace, 'docs', 'soup.md');
    await waitForFileContent(file, (t) => t.includes('GHSA-6rw7-vpxm-498p under-investigation'), UI_MS);
    assert.match(
      readFileSync(file, 'utf8'),
      /\| SOUP-express \| Express web framework \| 4\.21\.2 \| OpenJS Foundation \| maintained \| express \| \| GHSA-6rw7-vpxm-498p under-investigation \|/,
    );
    await runCommand(wb.page, 'Seclife: Focus on Vulnerabilities View', UI_MS);
    const rows = view().locator('.monaco-list-row');
    await waitForText(rows, /Under investigation\s*1/, UI_MS);
    await waitForText(rows, /Undecided\s*0/, UI_MS);
    await waitForText(rows, ADVISORY, UI_MS);
    await screenshot(wb.page, 'vulnerabilities-under-investigation');
  });
});

// What a user sees: the packaged Seclife extension in a real VS Code workbench (code-server +
// Debian Chromium) on the example workspace. Problems panel, hover, go to definition, the
// Traceability view, the coverage panel — each with a screenshot in test-results/e2e/.
// Skips when scripts/e2e-setup.sh has not prepared this machine or no .vsix is built.
//
//   npm run package && node --test test/e2e/seclife.test.mjs
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  copyFixture,
  e2eSkipReason,
  findSeclifeVsix,
  openFile,
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

describe('Seclife in a real VS Code workbench', { skip, timeout: 300_000 }, () => {
  let server;
  let wb;
  let workspace = '';

  before(async () => {
    workspace = copyFixture('examples/remote-monitoring');
    server = await startCodeServer({ workspace, vsix: findSeclifeVsix(), timeoutMs: STARTUP_MS });
    wb = await openWorkbench(server.url, workspace, { timeoutMs: STARTUP_MS });
  });

  after(async () => {
    if (wb) {
      await screenshot(wb.page, 'seclife-final').catch(() => {});
      await wb.close();
    }
    if (server) await server.stop();
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
  });

  /** Opens a file and puts the cursor at a 1-based line and column (Go to Line, Ctrl+G). */
  async function gotoText(relativePath, lineNumber, column) {
    await openFile(wb.page, relativePath, UI_MS);
    await wb.page.keyboard.press('Control+G');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: UI_MS });
    // Go to Line is the ':' quick-access provider; keep the prefix.
    await input.fill(`:${lineNumber}:${column}`);
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_MS });
  }

  test('the Problems panel lists the expected findings', async () => {
    await runCommand(wb.page, 'View: Focus Problems (Errors, Warnings, Infos)', UI_MS).catch(() =>
      runCommand(wb.page, 'View: Show Problems', UI_MS),
    );
    const panel = wb.page.locator('.markers-panel');
    await waitForText(panel, /SR-009 \(Forward audit events/, STARTUP_MS);
    await waitForText(panel, /TH-008 \(Rogue device/, UI_MS);
    await waitForText(panel, /SR-003 \(Lock the account .*\) changed after this link was reviewed/, UI_MS);
    const text = await panel.innerText();
    for (const id of ['RC-003', 'SR-005', 'SR-009', 'TH-008'])
      assert.ok(text.includes(id), `${id} in the Problems panel`);
    await screenshot(wb.page, 'problems-panel');
    // The list is virtualized: rows below the fold exist only once the filter brings them up.
    const filter = wb.page.locator('.part.panel .viewpane-filter input');
    await filter.fill('SR-007');
    await waitForText(panel, /verifies SR-007 is not in a test file/, UI_MS);
    await filter.fill('');
  });

  test('hover over an ID shows the item', async () => {
    await gotoText('src/auth/lockout.ts', 21, 19);
    await runCommand(wb.page, 'Show or Focus Hover', UI_MS);
    const hover = wb.page.locator('.monaco-hover');
    // Other hovers (TypeScript's) may show first; wait for Seclife's part.
    const text = await waitForText(hover, /SR-003\s*·\s*Security requirement/, UI_MS);
    assert.match(text, /✓ implemented · ✓ verified/);
    assert.match(text, /1 implementation · 1 test/);
    await screenshot(wb.page, 'hover');
    await wb.page.keyboard.press('Escape');
  });

  test('go to definition lands on the heading', async () => {
    await gotoText('src/auth/lockout.ts', 21, 19);
    await runCommand(wb.page, 'Go to Definition', UI_MS);
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: /requirements/ })
      .waitFor({ state: 'visible', timeout: UI_MS });
    // Monaco renders spaces as U+00A0 in view lines.
    const current = wb.page.locator('.editor-group-container.active .monaco-editor .view-line', {
      hasText: /##\s+SR-003:/,
    });
    await current.first().waitFor({ state: 'visible', timeout: UI_MS });
    await screenshot(wb.page, 'definition');
  });

  test('the Traceability view shows the items', async () => {
    await runCommand(wb.page, 'Seclife: Focus on Traceability View', UI_MS);
    const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /Traceability/i }) });
    await waitForText(view.locator('.monaco-list-row'), /Security requirement/, STARTUP_MS);
    await waitForText(view.locator('.monaco-list-row'), /SR-001/, UI_MS);
    const rows = await view.locator('.monaco-list-row').allInnerTexts();
    assert.ok(
      rows.some((r) => /Threat/.test(r) && /8\/9 covered/.test(r)),
      rows.join(' | '),
    );
    await screenshot(wb.page, 'traceability-view');
  });

  test('the coverage panel shows the right percentages', async () => {
    await runCommand(wb.page, 'Seclife: Show Coverage', UI_MS);
    const frame = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const sr = frame.locator('.kind[data-kind="SR"] .percent');
    await sr.waitFor({ state: 'visible', timeout: UI_MS });
    assert.equal(await sr.innerText(), '77.8%');
    assert.equal(await frame.locator('.kind[data-kind="TH"] .percent').innerText(), '88.9%');
    assert.equal(await frame.locator('.kind[data-kind="IF"] .percent').innerText(), '100%');
    assert.equal(await frame.locator('#gaps tr.gap').count(), 4);
    // The bars are drawn to scale (a style attribute blocked by the CSP drew every bar full).
    const drawn = async (kind) => {
      const [fill, bar] = await Promise.all([
        frame.locator(`.kind[data-kind="${kind}"] .fill`).boundingBox(),
        frame.locator(`.kind[data-kind="${kind}"] .bar`).boundingBox(),
      ]);
      return Math.round((100 * fill.width) / (bar.width - 2)); // 1px border on each side
    };
    assert.ok(Math.abs((await drawn('SR')) - 78) <= 2, `SR bar drawn at ${await drawn('SR')}%`);
    assert.ok(Math.abs((await drawn('IF')) - 100) <= 2, `IF bar drawn at ${await drawn('IF')}%`);
    await screenshot(wb.page, 'coverage-panel');
  });
  // Last: it changes the workspace (accepts the review of SR-003).
  test('the "Accept review" quick fix clears the suspect links of a changed requirement', async () => {
    // Filtered by their message, so virtualization cannot hide the rows: present before…
    await runCommand(wb.page, 'View: Focus Problems (Errors, Warnings, Infos)', UI_MS).catch(() =>
      runCommand(wb.page, 'View: Show Problems', UI_MS),
    );
    const panel = wb.page.locator('.markers-panel');
    const filter = wb.page.locator('.part.panel .viewpane-filter input');
    await filter.fill('changed after this link was reviewed');
    await waitForText(panel, /lockout\.ts/, UI_MS);
    await filter.fill('');
    await gotoText('src/auth/lockout.ts', 21, 19);
    await runCommand(wb.page, 'Quick Fix...', UI_MS);
    const action = wb.page.locator('.action-widget .monaco-list-row', { hasText: /Accept review of SR-003/ }).first();
    await action.waitFor({ state: 'visible', timeout: UI_MS });
    await screenshot(wb.page, 'accept-review-quick-fix');
    await action.click();
    await runCommand(wb.page, 'File: Save All Files', UI_MS);
    // On disk: every link to SR-003 now carries SR-003's current hash (the review was accepted).
    const accepted = (text) => {
      const item = JSON.parse(text).items['SR-003'];
      return Object.values(item.links).length === 3 && Object.values(item.links).every((h) => h === item.hash);
    };
    await waitForFileContent(join(workspace, '.seclife', 'baseline.json'), accepted, UI_MS);
    // …and gone after.
    await runCommand(wb.page, 'View: Focus Problems (Errors, Warnings, Infos)', UI_MS).catch(() =>
      runCommand(wb.page, 'View: Show Problems', UI_MS),
    );
    await filter.fill('changed after this link was reviewed');
    await waitForText(panel, /No results found/i, UI_MS);
    await filter.fill('');
    await screenshot(wb.page, 'accept-review-done');
  });
});

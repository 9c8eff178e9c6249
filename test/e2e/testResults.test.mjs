// Test results in a real VS Code workbench (code-server + Debian Chromium): a workspace with
// a failing JUnit result. The failing test's @verifies shows the verification-failed
// diagnostic and its code lens says the test failed; the item's lens counts the results;
// the hover's "Open failure" link (seclife.openTestResult) opens the result file at the
// failing case. Screenshots in test-results/e2e/. Skips like the other e2e tests when
// scripts/e2e-setup.sh has not prepared this machine or no .vsix is built.
//
//   npm run package && node --test test/e2e/testResults.test.mjs
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  e2eSkipReason,
  findSeclifeVsix,
  openFile,
  openWorkbench,
  runCommand,
  screenshot,
  startCodeServer,
  waitForText,
} from './harness.mjs';

const STARTUP_MS = 90_000;
const UI_MS = 30_000;
const skip = e2eSkipReason() ?? (findSeclifeVsix() ? false : 'no seclife-<version>.vsix: run npm run package');

/** The failing case's `<testcase` is at this line and column of test-results/junit.xml. */
const FAILING_LINE = 5;
const FAILING_COLUMN = 5;

const FILES = {
  'docs/requirements.md': [
    '# Requirements',
    '',
    '## SR-001: Lock accounts',
    '',
    'Lock the account after 5 failed logins.',
    '',
    '## SR-002: Audit access',
    '',
    'Every read of patient data is written to the audit log.',
    '',
  ].join('\n'),
  'src/auth.ts': '// @implements SR-001, SR-002\nexport function lock(): boolean {\n  return true;\n}\n',
  'test/auth.test.ts': [
    "import { describe, test } from 'node:test';",
    '',
    "describe('auth', () => {",
    '  // @verifies SR-001',
    "  test('locks the account', () => {});",
    '',
    '  // @verifies SR-002',
    "  test('audits access', () => {});",
    '});',
    '',
  ].join('\n'),
  'test-results/junit.xml': [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<testsuites>',
    '  <testsuite name="auth" tests="2" failures="1">',
    '    <testcase name="locks the account" classname="test" time="0.001"/>',
    '    <testcase name="audits access" classname="test" time="0.002">',
    '      <failure message="expected an audit entry">AssertionError: expected an audit entry</failure>',
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n'),
};

function makeWorkspace() {
  const root = join(mkdtempSync(join(os.tmpdir(), 'seclife-e2e-results-')), 'results-ws');
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe('test results in a real VS Code workbench', { skip, timeout: 300_000 }, () => {
  let server;
  let wb;
  let workspace = '';

  before(async () => {
    workspace = makeWorkspace();
    server = await startCodeServer({ workspace, vsix: findSeclifeVsix(), timeoutMs: STARTUP_MS });
    wb = await openWorkbench(server.url, workspace, { timeoutMs: STARTUP_MS });
  });

  after(async () => {
    if (wb) {
      await screenshot(wb.page, 'test-results-final').catch(() => {});
      await wb.close();
    }
    if (server) await server.stop();
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
  });

  /** Puts the cursor at a 1-based line and column of the active editor (Go to Line). */
  async function gotoLine(lineNumber, column) {
    await wb.page.keyboard.press('Control+G');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: UI_MS });
    await input.fill(`:${lineNumber}:${column}`);
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_MS });
  }

  const lenses = () => wb.page.locator('.editor-group-container.active .monaco-editor .codelens-decoration');

  test('the failing test: verification-failed in the Problems panel and on its code lens', async () => {
    await openFile(wb.page, 'test/auth.test.ts', STARTUP_MS);
    // The annotation lens says the test failed, never "covered".
    const lens = await waitForText(lenses(), /SR-002 Audit access · ✗ test failed · missing: verified/, STARTUP_MS);
    assert.doesNotMatch(lens, /covered/);
    await waitForText(lenses(), /SR-001 Lock accounts · ✓ test passed/, UI_MS);
    await screenshot(wb.page, 'test-results-lenses');
    await runCommand(wb.page, 'View: Focus Problems (Errors, Warnings, Infos)', UI_MS).catch(() =>
      runCommand(wb.page, 'View: Show Problems', UI_MS),
    );
    const panel = wb.page.locator('.markers-panel');
    await waitForText(
      panel,
      /@verifies SR-002: test 'auth › audits access' failed \(test-results\/junit\.xml:5\): expected an audit entry/,
      UI_MS,
    );
    await waitForText(panel, /SR-002 \(Audit access\) failed verification/, UI_MS);
    await screenshot(wb.page, 'test-results-problems');
  });

  test("the item's code lens counts the results", async () => {
    await openFile(wb.page, 'docs/requirements.md', UI_MS);
    await waitForText(lenses(), /1 implementation · 1 test · ✗ 1 failed · missing: verified/, UI_MS);
    await waitForText(lenses(), /1 implementation · 1 test · ✓ 1 passed · ✓/, UI_MS);
  });

  test('the hover on @verifies names the test and its failure; Open failure opens the result file at the case', async () => {
    await openFile(wb.page, 'test/auth.test.ts', UI_MS);
    await gotoLine(7, 7); // on "@verifies" of SR-002
    await runCommand(wb.page, 'Show or Focus Hover', UI_MS);
    const hover = wb.page.locator('.monaco-hover');
    const text = await waitForText(hover, /Test auth › audits access/, UI_MS);
    assert.match(text, /✗ failed/);
    assert.match(text, /expected an audit entry/);
    assert.match(text, /test-results\/junit\.xml:5/);
    await screenshot(wb.page, 'test-results-hover');
    // The command link runs seclife.openTestResult (the only command hovers may run).
    await hover.locator('a', { hasText: 'Open failure' }).first().click();
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: /junit\.xml/ })
      .waitFor({ state: 'visible', timeout: UI_MS });
    // The cursor is on the failing case.
    const selection = wb.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
    await waitForText(selection, new RegExp(`Ln ${FAILING_LINE}, Col ${FAILING_COLUMN}\\b`), UI_MS);
    await screenshot(wb.page, 'test-results-open-failure');
  });

  test('the Traceability view shows the test status on the item and on its test', async () => {
    await runCommand(wb.page, 'Seclife: Focus on Traceability View', UI_MS);
    const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /Traceability/i }) });
    const rows = view.locator('.monaco-list-row');
    await waitForText(rows, /SR-002/, UI_MS);
    const sr2 = rows.filter({ hasText: /SR-002/ }).first();
    assert.equal(await sr2.locator('.codicon-error').count(), 1, 'a failed item has the error icon');
    assert.equal(
      await rows
        .filter({ hasText: /SR-001/ })
        .first()
        .locator('.codicon-pass')
        .count(),
      1,
    );
    await sr2.locator('.monaco-tl-twistie').click();
    const test = rows
      .filter({ hasText: /verified by/ })
      .filter({ hasText: /✗ failed · 2 ms — expected an audit entry/ });
    await test.first().waitFor({ state: 'visible', timeout: UI_MS });
    assert.equal(await test.first().locator('.codicon-error').count(), 1, 'a failed test has the error icon');
    await screenshot(wb.page, 'test-results-traceability');
  });

  test('the coverage panel separates passed from failed verification', async () => {
    await runCommand(wb.page, 'Seclife: Show Coverage', UI_MS);
    const frame = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const row = frame.locator('#verification tr[data-kind="SR"]');
    await row.waitFor({ state: 'visible', timeout: UI_MS });
    assert.deepEqual(
      await Promise.all(['passed', 'failed', 'notRun', 'annotated'].map((c) => row.locator(`td.${c}`).innerText())),
      ['1', '1', '0', '0'],
    );
    assert.match(await frame.locator('#verification-mode').innerText(), /From test results: 1 result file read/);
    await screenshot(wb.page, 'test-results-coverage');
  });

  test('Seclife: Open Failing Test Result from the palette opens the one failing case', async () => {
    await openFile(wb.page, 'docs/requirements.md', UI_MS);
    await runCommand(wb.page, 'Seclife: Open Failing Test Result', UI_MS);
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: /junit\.xml/ })
      .waitFor({ state: 'visible', timeout: UI_MS });
    const selection = wb.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
    await waitForText(selection, new RegExp(`Ln ${FAILING_LINE}, Col ${FAILING_COLUMN}\\b`), UI_MS);
  });

  // Last: it changes the workspace. A new test run writes the report on disk (not in an editor).
  test('a report rewritten on disk updates the lenses and clears the failure', async () => {
    await runCommand(wb.page, 'View: Close All Editors', UI_MS);
    await openFile(wb.page, 'test/auth.test.ts', UI_MS);
    await waitForText(lenses(), /SR-002 Audit access · ✗ test failed/, UI_MS);
    await runCommand(wb.page, 'View: Focus Problems (Errors, Warnings, Infos)', UI_MS).catch(() =>
      runCommand(wb.page, 'View: Show Problems', UI_MS),
    );
    const panel = wb.page.locator('.markers-panel');
    const filter = wb.page.locator('.part.panel .viewpane-filter input');
    await filter.fill('failed verification');
    await waitForText(panel, /SR-002 \(Audit access\) failed verification/, UI_MS);
    writeFileSync(
      join(workspace, 'test-results/junit.xml'),
      FILES['test-results/junit.xml'].replace(' failures="1"', ' failures="0"').replace(/\n\s*<failure [^\n]*\n/, '\n'),
    );
    await waitForText(lenses(), /SR-002 Audit access · ✓ test passed/, UI_MS);
    await waitForText(panel, /No results found/i, UI_MS);
    await filter.fill('');
    await screenshot(wb.page, 'test-results-rerun');
  });
});

// The report page (`seclife report`'s index.html, server/src/output/report/reportHtml.ts) in
// headless Chromium, opened from disk: it renders under its own Content-Security-Policy
// with no console error and no request, model text stays text, and the virtual-scrolling
// matrix filters, sorts and scrolls through 20,000 items with few rows in the DOM.
// Skips when Chromium, playwright-core or the built server is missing.
//
//   npx tsc -b && node --test test/e2e/report.test.mjs
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FILTER_1PCT, syntheticReportModel } from '../../bench/reportModelFixture.mjs';
import { CHROMIUM_ARGS, paths, REPO_ROOT } from './harness.mjs';

const require = createRequire(import.meta.url);
const RENDERER = join(REPO_ROOT, 'server', 'out', 'output', 'report', 'reportHtml.js');
const WAIT = { timeout: 15_000 };
const LOAD = { timeout: 60_000 };
const BIG = 20_000;

function skipReason() {
  const missing = [];
  if (!existsSync(paths.chromium)) missing.push(paths.chromium);
  if (!existsSync(join(REPO_ROOT, 'node_modules', 'playwright-core'))) missing.push('node_modules/playwright-core');
  if (!existsSync(RENDERER)) missing.push('server/out (run npx tsc -b)');
  return missing.length ? `report page e2e needs ${missing.join(', ')}` : false;
}

const HOSTILE = '</script><script>window.__pwned = 1</script><img src=x id=injected> "q" & \'s\' \u2028';

/** A small model: six items, one with a hostile title, two kinds, gaps and natural-order IDs. */
function smallModel() {
  const item = (id, kind, title, extra = {}) => ({
    id,
    kind,
    title,
    file: `docs/${kind.toLowerCase()}.md`,
    line: 1,
    up: [],
    down: [],
    code: [],
    tests: [],
    needs: ['implemented'],
    unmet: [],
    suspect: 0,
    ...extra,
  });
  return {
    tool: { name: 'seclife', version: '0.0.0-e2e' },
    project: `e2e ${HOSTILE}`,
    gate: {
      configured: true,
      passed: false,
      checks: [{ name: 'failOn', passed: false, message: `failOn error: ${HOSTILE}` }],
    },
    coverage: [
      { kind: 'SR', title: 'Requirement', total: 4, covered: 2, percent: 50 },
      { kind: 'CTRL', title: 'Control', total: 2, covered: 2, percent: 100 },
    ],
    verification: ANNOTATED_ONLY,
    counts: { error: 1, warning: 0, note: 0, suppressed: 0 },
    items: [
      item('SR-10', 'SR', HOSTILE, {
        status: 'approved',
        code: [{ file: 'src/auth/login.ts', line: 12, symbol: 'login' }],
        unmet: ['implemented'],
      }),
      item('SR-2', 'SR', 'Session timeout', { up: ['RC-1'], code: [{ file: 'src/auth/session.ts', line: 4 }] }),
      item('SR-1', 'SR', 'Audit log', { suspect: 1 }),
      item('SR-3', 'SR', 'Password hashing', { tests: [{ file: 'test/hash.test.ts', line: 9 }] }),
      item('RC-1', 'CTRL', 'Rate limiting', { down: ['SR-2'] }),
      item('RC-2', 'CTRL', 'Input validation'),
    ],
    threats: [
      {
        id: 'TM-1',
        title: HOSTILE,
        file: 'docs/t.md',
        line: 2,
        category: 'Spoofing',
        severity: 'high',
        status: 'accepted',
        controls: [],
        mitigated: false,
      },
    ],
    residualRisks: [{ id: 'TM-1', title: HOSTILE, status: 'accepted', acceptedBy: HOSTILE, rationale: HOSTILE }],
    traceFindings: [],
    rules: [],
    suppressions: [],
    soup: [],
    unreadDependencyFiles: [],
    unownedVulnerabilities: [],
    suspectLinks: [],
    baseline: false,
    configText: `{ "note": ${JSON.stringify(HOSTILE)} }\n`,
  };
}

/** The report's verification when no test results were read (core/report/reportModel.ts ReportVerification). */
const ANNOTATED_ONLY = {
  mode: 'annotated-only',
  resultFiles: [],
  items: { passed: 0, failed: 0, notRun: 0, annotated: 1, none: 3 },
};

describe('report page in headless Chromium', { skip: skipReason() }, () => {
  let browser;
  let dir;
  const files = {};

  before(async () => {
    const { renderReportHtml } = require(RENDERER);
    const { chromium } = require('playwright-core');
    dir = mkdtempSync(join(os.tmpdir(), 'seclife-report-e2e-'));
    for (const [name, model] of [
      ['small', smallModel()],
      // The synthetic model from before the report had a verification section gets the annotated-only one.
      ['big', { verification: ANNOTATED_ONLY, ...syntheticReportModel(BIG) }],
    ]) {
      files[name] = join(dir, `${name}.html`);
      writeFileSync(files[name], renderReportHtml(model));
    }
    browser = await chromium.launch({ executablePath: paths.chromium, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a report page and records console errors, page errors, CSP violations and requests. */
  async function open(name, t) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    t.after(() => context.close());
    const page = await context.newPage();
    const url = pathToFileURL(files[name]).href;
    const problems = [];
    const requests = [];
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.matrixReady === '1', null, name === 'big' ? LOAD : WAIT);
    const check = async () => {
      assert.deepEqual(problems, [], 'no console error or page error');
      assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
      assert.deepEqual(
        requests.filter((u) => u !== url),
        [],
        'no request but the page itself',
      );
      assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
    };
    return { page, check };
  }

  const rowIds = (page) => page.$$eval('#matrix-body .matrix-row', (rows) => rows.map((r) => r.dataset.id));
  const count = (page) => page.locator('#matrix-count').textContent();
  const waitCount = (page, text) =>
    page.waitForFunction((t) => document.getElementById('matrix-count').textContent === t, text, WAIT);
  /** Waits until the count reads `text` and the rows are exactly `ids`, in order. */
  const waitView = (page, text, ids) =>
    page.waitForFunction(
      ([t, want]) =>
        document.getElementById('matrix-count').textContent === t &&
        JSON.stringify([...document.querySelectorAll('#matrix-body .matrix-row')].map((r) => r.dataset.id)) ===
          JSON.stringify(want),
      [text, ids],
      WAIT,
    );
  const waitFirst = (page, id) =>
    page.waitForFunction((i) => document.querySelector('#matrix-body .matrix-row')?.dataset.id === i, id, WAIT);

  test('renders every section from disk under its CSP, with no error or request', async (t) => {
    const { page, check } = await open('small', t);
    for (const id of [
      'summary',
      'matrix',
      'threats',
      'residual-risks',
      'suspect-links',
      'trace-findings',
      'secure-coding',
      'suppressions',
      'soup',
      'configuration',
    ]) {
      assert.ok(await page.locator(`section#${id} h2`).isVisible(), `${id} visible`);
    }
    assert.equal(await page.locator('#gate-verdict').textContent(), 'FAILED');
    assert.equal(await count(page), '6 of 6 items');
    assert.deepEqual(await rowIds(page), ['SR-10', 'SR-2', 'SR-1', 'SR-3', 'RC-1', 'RC-2'], 'model order');
    assert.match(await page.locator('.matrix-row[data-id="SR-10"]').textContent(), /\u2717 implemented/);
    await check();
  });

  test('hostile model text is shown as text, never as markup', async (t) => {
    const { page, check } = await open('small', t);
    assert.equal(await page.locator('#injected').count(), 0);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('script').count(), 2);
    assert.equal(await page.locator('.matrix-row[data-id="SR-10"] td').nth(2).textContent(), HOSTILE);
    assert.ok((await page.locator('#threats').textContent()).includes(HOSTILE));
    assert.ok((await page.locator('#residual-risks').textContent()).includes(HOSTILE));
    assert.ok((await page.title()).includes('</script><script>window.__pwned = 1</script>'));
    assert.ok((await page.locator('#configuration pre').textContent()).includes(JSON.stringify(HOSTILE)));
    await check();
  });

  test('filter, kind and gaps narrow the rows and update the count', async (t) => {
    const { page, check } = await open('small', t);
    await page.fill('#matrix-filter', 'SRC/AUTH');
    await waitView(page, '2 of 6 items', ['SR-10', 'SR-2']); // code files, case-insensitively
    await page.fill('#matrix-filter', 'rc-1');
    await waitView(page, '2 of 6 items', ['SR-2', 'RC-1']); // linked IDs
    await page.fill('#matrix-filter', 'no such thing');
    await waitView(page, '0 of 6 items', []);
    assert.equal(await page.locator('#matrix-body tr.empty').textContent(), 'No item matches the filter.');
    await page.fill('#matrix-filter', '');
    await waitView(page, '6 of 6 items', ['SR-10', 'SR-2', 'SR-1', 'SR-3', 'RC-1', 'RC-2']);
    await page.selectOption('#matrix-kind', 'CTRL');
    await waitView(page, '2 of 6 items', ['RC-1', 'RC-2']);
    await page.selectOption('#matrix-kind', '');
    await page.check('#matrix-gaps');
    await waitView(page, '2 of 6 items', ['SR-10', 'SR-1']); // unmet need or suspect link
    await check();
  });

  test('a header click sorts, naturally, and toggles the direction', async (t) => {
    const { page, check } = await open('small', t);
    const idHeader = page.locator('th[data-col="id"]');
    assert.equal(await idHeader.getAttribute('aria-sort'), 'none');
    await idHeader.click();
    await waitFirst(page, 'RC-1');
    assert.deepEqual(await rowIds(page), ['RC-1', 'RC-2', 'SR-1', 'SR-2', 'SR-3', 'SR-10'], 'SR-2 before SR-10');
    assert.equal(await idHeader.getAttribute('aria-sort'), 'ascending');
    await idHeader.click();
    await waitFirst(page, 'SR-10');
    assert.equal(await idHeader.getAttribute('aria-sort'), 'descending');
    await page.locator('th[data-col="title"]').click();
    // The hostile title starts with '<', then Audit, Input, Password, Rate, Session.
    await waitView(page, '6 of 6 items', ['SR-10', 'SR-1', 'RC-2', 'SR-3', 'RC-1', 'SR-2']);
    assert.equal(await idHeader.getAttribute('aria-sort'), 'none');
    assert.equal(await page.locator('th[data-col="title"]').getAttribute('aria-sort'), 'ascending');
    await check();
  });

  test(`${BIG.toLocaleString('en')} items: few rows in the DOM, scrolling reaches the last item`, async (t) => {
    const { page, check } = await open('big', t);
    assert.equal(await count(page), '20,000 of 20,000 items');
    const domRows = () => page.locator('.matrix-row').count();
    assert.ok((await domRows()) < 200, `${await domRows()} rows in the DOM`);
    const lastId = await page.evaluate(
      () => JSON.parse(document.getElementById('matrix-data').textContent).items.at(-1)[0],
    );
    await page.evaluate(() => {
      const s = document.getElementById('matrix-scroll');
      s.scrollTop = s.scrollHeight;
    });
    await page.locator(`.matrix-row[data-id="${lastId}"]`).waitFor(WAIT);
    assert.ok(await page.locator(`.matrix-row[data-id="${lastId}"]`).isVisible());
    assert.ok((await domRows()) < 200);
    const middleId = await page.evaluate(
      () => JSON.parse(document.getElementById('matrix-data').textContent).items[10_000][0],
    );
    await page.evaluate(() => {
      const s = document.getElementById('matrix-scroll');
      s.scrollTop = s.scrollHeight / 2;
    });
    await page.locator(`.matrix-row[data-id="${middleId}"]`).waitFor(WAIT);
    const middle = await rowIds(page);
    assert.ok(
      !middle.includes(lastId) && middle.length > 10 && middle.length < 200,
      'rows follow the middle of the list',
    );

    await page.fill('#matrix-filter', FILTER_1PCT);
    await waitCount(page, '200 of 20,000 items');
    assert.ok((await domRows()) < 200);
    await page.fill('#matrix-filter', '');
    await page.check('#matrix-gaps');
    await page.waitForFunction(
      () =>
        /^[\d,]+ of 20,000 items$/.test(document.getElementById('matrix-count').textContent) &&
        document.getElementById('matrix-count').textContent !== '20,000 of 20,000 items',
      null,
      WAIT,
    );
    await page.uncheck('#matrix-gaps');
    await waitCount(page, '20,000 of 20,000 items');
    await page.locator('th[data-col="id"]').click();
    await page.locator('th[data-col="id"]').click();
    await page.waitForFunction(
      () => document.querySelector('th[data-col="id"]').getAttribute('aria-sort') === 'descending',
      null,
      WAIT,
    );
    assert.deepEqual((await rowIds(page)).slice(0, 3), ['TM-4000', 'TM-3999', 'TM-3998'], 'natural descending order');
    await check();
  });
});

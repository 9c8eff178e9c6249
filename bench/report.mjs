#!/usr/bin/env node
// `node bench/report.mjs`: the report page (index.html of `seclife report`) for a synthetic
// 20,000-item model: HTML size and render time in Node, then in headless Chromium the time
// from navigation start to the matrix's first render and the time to apply a filter that
// matches 1% of the rows, over 3 runs. Prints figures; asserts nothing. Build first
// (npx tsc -b).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FILTER_1PCT, syntheticReportModel } from './reportModelFixture.mjs';

const ITEMS = 20_000;
const RUNS = 3;
const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const renderer = join(root, 'server', 'out', 'output', 'report', 'reportHtml.js');
if (!existsSync(renderer)) {
  console.error('bench/report: server/out is missing; build first (npx tsc -b)');
  process.exit(1);
}
const { renderReportHtml } = require(renderer);

const fmt = (x) => `${x.toFixed(1)} ms`;
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `best ${fmt(s[0])}, median ${fmt(s[Math.floor(s.length / 2)])}`;
};

const model = syntheticReportModel(ITEMS);
const links = model.items.reduce((n, i) => n + i.up.length + i.down.length, 0);
const locations = model.items.reduce((n, i) => n + i.code.length + i.tests.length, 0);
const gaps = model.items.filter((i) => i.unmet.length || i.suspect).length;
console.log(`model: ${ITEMS} items, ${links} links, ${locations} code/test locations, ${gaps} with gaps`);

let html = '';
const renders = [];
for (let i = 0; i < RUNS; i++) {
  const t = process.hrtime.bigint();
  html = renderReportHtml(model);
  renders.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const bytes = Buffer.byteLength(html);
console.log(
  `index.html: ${bytes} bytes (${(bytes / 1024 / 1024).toFixed(2)} MiB); renderReportHtml (${RUNS} runs): ${summary(renders)}`,
);

const chromiumPath = '/usr/bin/chromium';
if (!existsSync(chromiumPath) || !existsSync(join(root, 'node_modules', 'playwright-core'))) {
  console.log(`browser figures skipped: needs ${chromiumPath} and node_modules/playwright-core`);
  process.exit(0);
}
const { CHROMIUM_ARGS } = await import('../test/e2e/harness.mjs');
const { chromium } = require('playwright-core');

const dir = mkdtempSync(join(os.tmpdir(), 'seclife-report-bench-'));
const file = join(dir, 'index.html');
writeFileSync(file, html);
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
const ready = [];
const applied = [];
const inputToRows = [];
let rows = 0;
let count = '';
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.body.dataset.matrixReady === '1', null, { timeout: 120_000 });
    // performance.now() counts from the navigation start (the page's time origin).
    ready.push(Number(await page.evaluate(() => document.body.dataset.matrixReadyAt)));
    const r = await page.evaluate(
      (term) =>
        new Promise((resolve) => {
          const before = document.body.dataset.matrixUpdatedAt;
          const input = document.getElementById('matrix-filter');
          const t0 = performance.now();
          new MutationObserver((_, observer) => {
            if (document.body.dataset.matrixUpdatedAt === before) return;
            observer.disconnect();
            resolve({
              applyMs: Number(document.body.dataset.matrixUpdateMs),
              totalMs: Number(document.body.dataset.matrixUpdatedAt) - t0,
              count: document.getElementById('matrix-count').textContent,
              rows: document.querySelectorAll('.matrix-row').length,
            });
          }).observe(document.body, { attributes: true });
          input.value = term;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      FILTER_1PCT,
    );
    applied.push(r.applyMs);
    inputToRows.push(r.totalMs);
    rows = r.rows;
    count = r.count;
    await context.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`Chromium, navigation start to matrix ready (${RUNS} runs): ${summary(ready)}`);
console.log(
  `filter '${FILTER_1PCT}' (${count}; ${rows} rows in the DOM): apply (filter + render) ${summary(applied)}; ` +
    `input event to rows shown, including the 50 ms debounce, ${summary(inputToRows)}`,
);

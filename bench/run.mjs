#!/usr/bin/env node
// `npm run bench`: cold `seclife check` on a 10,000-file workspace, incremental re-check
// latency, peak RSS, and ripgrep's time to find the same annotations when it is installed.
// Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, SOURCE_FILES, DOCUMENTS, ITEMS } from './generate.mjs';
import { benchTestResults } from './testResults.mjs';
import { benchDependencies } from './dependencies.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const ws = generate(join(root, '.seclife-bench', 'workspace'));
const ms = (ns) => Number(ns) / 1e6;
const fmt = (x) => `${x.toFixed(1)} ms`;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] };
};

console.log(`workspace: ${SOURCE_FILES} source files, ${DOCUMENTS} documents, ${ITEMS} items (${ws})`);

// 1. Cold check: the real CLI in a fresh process (default text output), three runs.
const cold = [];
let rss = 0;
let summary = '';
for (let i = 0; i < 3; i++) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, 'bench', 'measure-cli.cjs'), 'check', ws, '--fail-on', 'never'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  cold.push(ms(process.hrtime.bigint() - t));
  if (r.status !== 0) throw new Error(r.stderr);
  rss = Math.max(rss, Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1] ?? 0));
  summary = r.stdout.trim().split('\n').pop();
}
console.log(
  `cold check (process wall time, 3 runs): best ${fmt(Math.min(...cold))}, median ${fmt(stats(cold).median)}; peak RSS ${(rss / 1024).toFixed(0)} MB`,
);
console.log(`  result: ${summary.slice(0, 120)}`);
const jt = process.hrtime.bigint();
spawnSync(process.execPath, [
  join(root, 'bin', 'seclife.js'),
  'check',
  ws,
  '--format',
  'json',
  '--fail-on',
  'never',
  '--output',
  join(root, '.seclife-bench', 'out.json'),
]);
console.log(
  `cold check with --format json (5,000 items with every location): ${fmt(ms(process.hrtime.bigint() - jt))}`,
);

// 2. Incremental: one engine in this process, 100 edits of a source file and 100 of a document.
const { indexWorkspace } = require(join(root, 'server/out/core/indexer.js'));
const { FileSystemWorkspace } = require(join(root, 'server/out/node/fileSystemWorkspace.js'));
let t = process.hrtime.bigint();
const engine = await indexWorkspace(new FileSystemWorkspace(ws));
console.log(`in-process index: ${fmt(ms(process.hrtime.bigint() - t))}`);

function edits(file, mutate) {
  const original = readFileSync(join(ws, file), 'utf8');
  const times = [];
  for (let i = 0; i < 100; i++) {
    const text = i % 2 === 0 ? mutate(original, i) : original;
    const start = process.hrtime.bigint();
    const changed = engine.updateFile(file, text);
    for (const f of changed) engine.findingsFor(f);
    times.push(ms(process.hrtime.bigint() - start));
  }
  return stats(times);
}
const src = edits('src/pkg1/file1.py', (text, i) =>
  text.replace(/@implements \S+/, `@implements SR-${String(1 + i).padStart(4, '0')}`),
);
console.log(
  `re-check after a source edit (100 edits, parse + graph + changed files' findings): median ${fmt(src.median)}, p95 ${fmt(src.p95)}`,
);
const doc = edits('docs/doc-010.md', (text, i) => text.replace(/^## (\S+): Generated/m, `## SR-9${i}: Generated`));
console.log(
  `re-check after a document edit (100 edits, renames an item): median ${fmt(doc.median)}, p95 ${fmt(doc.p95)}`,
);
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

// 3. Lower bound: ripgrep finding the same annotations.
const rg = spawnSync('rg', ['--version'], { encoding: 'utf8' });
if (rg.status === 0) {
  const runs = [];
  let count = 0;
  for (let i = 0; i < 3; i++) {
    t = process.hrtime.bigint();
    const r = spawnSync('rg', ['-c', '--no-messages', '@(implements|verifies|mitigates|interface) ', ws], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    runs.push(ms(process.hrtime.bigint() - t));
    count = r.stdout
      .split('\n')
      .filter(Boolean)
      .reduce((n, l) => n + Number(l.split(':').pop()), 0);
  }
  const best = Math.min(...runs);
  console.log(
    `ripgrep (${rg.stdout.split('\n')[0]}): best ${fmt(best)} for ${count} annotation lines; seclife cold / rg = ${(Math.min(...cold) / best).toFixed(1)}x`,
  );
} else {
  console.log('ripgrep not installed (apt-get install ripgrep) — skipping the lower-bound comparison');
}

// 4. The language server over stdio on the same workspace.
const { LspClient, uriOf } = require(join(root, 'server/out/testing/lspClient.js'));
const client = LspClient.start();
t = process.hrtime.bigint();
await client.initialize([ws]);
await client.indexed();
console.log(`LSP: initialize → end of indexing progress: ${fmt(ms(process.hrtime.bigint() - t))}`);
const file = join(ws, 'src/pkg1/file1.py');
const uri = uriOf(file);
const base = readFileSync(file, 'utf8');
client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: base } });
const latencies = [];
for (let i = 0; i < 100; i++) {
  // Alternate between an unknown ID (one diagnostic) and the original text (none): every edit republishes.
  const broken = i % 2 === 0;
  const text = broken ? base.replace(/@implements \S+/, '@implements SR-99999') : base;
  client.diagnostics.delete(uri);
  const start = process.hrtime.bigint();
  client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text }] });
  await client.diagnosticsFor(uri, (d) => (broken ? d.length > 0 : d.length === 0));
  latencies.push(ms(process.hrtime.bigint() - start));
}
const lat = stats(latencies);
let serverRss = 'n/a';
try {
  serverRss = `${(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${client.pid}/status`, 'utf8'))[1]) / 1024).toFixed(0)} MB`;
} catch {}
console.log(
  `LSP: didChange → publishDiagnostics (100 edits): median ${fmt(lat.median)}, p95 ${fmt(lat.p95)}; server peak RSS ${serverRss}`,
);
await client.stop();

// 5. Release evidence on the same workspace: review baseline size and its cost in a cold
//    check, and `seclife report` (5,000 items).
{
  const { recordBaseline, serializeBaseline } = require(join(root, 'server/out/core/review/baseline.js'));
  const { mkdirSync, rmSync, writeFileSync, statSync } = await import('node:fs');
  t = process.hrtime.bigint();
  const { baseline, summary } = recordBaseline(engine.reviewSubject(), undefined);
  const text = serializeBaseline(baseline);
  console.log(
    `review baseline: ${summary.items} items, ${summary.links} links, ${(text.length / 1024 / 1024).toFixed(1)} MB, recorded in ${fmt(ms(process.hrtime.bigint() - t))}`,
  );
  mkdirSync(join(ws, '.seclife'), { recursive: true });
  writeFileSync(join(ws, '.seclife', 'baseline.json'), text);
  try {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const s = process.hrtime.bigint();
      const r = spawnSync(
        process.execPath,
        [join(root, 'bench', 'measure-cli.cjs'), 'check', ws, '--fail-on', 'never'],
        { encoding: 'utf8', maxBuffer: 1 << 30 },
      );
      if (r.status !== 0) throw new Error(r.stderr);
      runs.push(ms(process.hrtime.bigint() - s));
    }
    console.log(
      `cold check with the baseline (suspect links checked): best ${fmt(Math.min(...runs))}, median ${fmt(stats(runs).median)} (without: best ${fmt(Math.min(...cold))})`,
    );
    const out = join(root, '.seclife-bench', 'report');
    const s = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin', 'seclife.js'), 'report', ws, '--out', out, '--fail-on', 'never'],
      { encoding: 'utf8', maxBuffer: 1 << 30 },
    );
    if (r.status !== 0) throw new Error(r.stderr || r.stdout);
    const size = (f) => `${(statSync(join(out, f)).size / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `seclife report (process wall time): ${fmt(ms(process.hrtime.bigint() - s))}; index.html ${size('index.html')}, report.md ${size('report.md')}, matrix.csv ${size('matrix.csv')}`,
    );
  } finally {
    rmSync(join(ws, '.seclife'), { recursive: true, force: true });
  }
}

// 6. Test results as verification evidence: importing 50,000 test cases (bench/testResults.mjs).
await benchTestResults(root);

// 7. Dependency truth: a 5,000-package lockfile and 20,000 OSV records (bench/dependencies.mjs).
await benchDependencies(root);

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

// 1. Cold check: the real CLI in a fresh process, three runs, best and median wall time.
const cold = [];
let rss = 0;
let findings = 0;
for (let i = 0; i < 3; i++) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, 'bench', 'measure-cli.cjs'), 'check', ws, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  cold.push(ms(process.hrtime.bigint() - t));
  if (r.status !== 0) throw new Error(r.stderr);
  rss = Math.max(rss, Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1] ?? 0));
  findings = JSON.parse(r.stdout).findings.length;
}
console.log(`cold check (process wall time, 3 runs): best ${fmt(Math.min(...cold))}, median ${fmt(stats(cold).median)}; ${findings} findings; peak RSS ${(rss / 1024).toFixed(0)} MB`);

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
const src = edits('src/pkg1/file1.py', (text, i) => text.replace(/@implements \S+/, `@implements SR-${String(1 + i).padStart(4, '0')}`));
console.log(`re-check after a source edit (100 edits, parse + graph + changed files' findings): median ${fmt(src.median)}, p95 ${fmt(src.p95)}`);
const doc = edits('docs/doc-010.md', (text, i) => text.replace(/^## (\S+): Generated/m, `## SR-9${i}: Generated`));
console.log(`re-check after a document edit (100 edits, renames an item): median ${fmt(doc.median)}, p95 ${fmt(doc.p95)}`);
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

// 3. Lower bound: ripgrep finding the same annotations.
const rg = spawnSync('rg', ['--version'], { encoding: 'utf8' });
if (rg.status === 0) {
  const runs = [];
  let count = 0;
  for (let i = 0; i < 3; i++) {
    t = process.hrtime.bigint();
    const r = spawnSync('rg', ['-c', '--no-messages', '@(implements|verifies|mitigates|interface) ', ws], { encoding: 'utf8', maxBuffer: 1 << 30 });
    runs.push(ms(process.hrtime.bigint() - t));
    count = r.stdout.split('\n').filter(Boolean).reduce((n, l) => n + Number(l.split(':').pop()), 0);
  }
  const best = Math.min(...runs);
  console.log(`ripgrep (${rg.stdout.split('\n')[0]}): best ${fmt(best)} for ${count} annotation lines; seclife cold / rg = ${(Math.min(...cold) / best).toFixed(1)}x`);
} else {
  console.log('ripgrep not installed (apt-get install ripgrep) — skipping the lower-bound comparison');
}

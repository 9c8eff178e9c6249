#!/usr/bin/env node
// `npm run bench:rules`: Seclife's secure-coding rules vs ESLint with every rule of
// eslint-plugin-security and @microsoft/eslint-plugin-sdl, on the same real codebase
// (webpack's lib/ and rxjs's src/, see corpus.mjs): wall time, peak RSS, findings by rule,
// and a sample of Seclife's findings to judge precision. Prints figures; asserts nothing.
// The tools and the corpus are pinned in bench/rules/package.json and installed on first run.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corpusVersions, ensureInstalled, listCorpus } from './corpus.mjs';

const dir = fileURLToPath(new URL('.', import.meta.url));
const root = join(dir, '..', '..');
const modules = join(dir, 'node_modules');
const cache = join(modules, '.cache', 'seclife-bench-rules');
const require = createRequire(import.meta.url);
const RUNS = 3;

const ms = (ns) => Number(ns) / 1e6;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const int = (n) => n.toLocaleString('en-US');
const rssOf = (stderr) => Number(/maxRSS=(\d+)/.exec(stderr)?.[1] ?? 0);

// 1. The compiled engine, the pinned tools and the corpus.
if (!existsSync(join(root, 'server', 'out', 'core', 'engine.js'))) {
  console.log('server/out is missing: npm run build …');
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('npm run build failed');
}
warnIfStale();
ensureInstalled(dir);
mkdirSync(cache, { recursive: true });
const seclife = require('./seclife-scan.cjs');
const corpus = listCorpus(modules, seclife.acceptor());
const { files } = corpus;
const listFile = join(cache, 'files.json');
writeFileSync(listFile, JSON.stringify({ base: modules, files }));

const eslintConfig = (await import(pathToFileURL(join(dir, 'eslint.config.mjs')).href)).default;
const eslintRules = new Set(
  eslintConfig.flatMap((c) =>
    Object.entries(c.rules ?? {})
      .filter(([, v]) => v !== 'off' && v !== 0)
      .map(([k]) => k),
  ),
);
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at start (timings are wall time: run on an idle machine)`,
);
console.log(
  `corpus: ${corpusVersions(modules).join(' + ')}: ${int(files.length)} files, ${int(corpus.lines)} lines (${int(corpus.nonBlank)} non-blank)`,
);
console.log(
  `  skipped: ${corpus.skipped.declarations} .d.ts, ${corpus.skipped.minified} minified, ${corpus.skipped.rejected} not read by Seclife`,
);
console.log(
  `rules: Seclife ${seclife.RULE_IDS.length} JS/TS rules (${seclife.RULE_IDS.join(', ')}); ESLint ${eslintRules.size} rules`,
);
console.log(
  `  files where a Seclife rule trigger matches (parsed by the rule runner): ${int(seclife.triggered(modules, files))}`,
);

// 2. Seclife as a fresh process (wall time and peak RSS), then in-process (best of RUNS).
let t = process.hrtime.bigint();
const child = spawnSync(process.execPath, [join(dir, 'seclife-scan.cjs'), listFile, join(cache, 'seclife.json')], {
  encoding: 'utf8',
});
const seclifeProcessMs = ms(process.hrtime.bigint() - t);
if (child.status !== 0) throw new Error(`seclife-scan failed:\n${child.stderr}`);
const seclifeRss = rssOf(child.stderr);
const fromChild = JSON.parse(readFileSync(join(cache, 'seclife.json'), 'utf8'));
let inProcess;
const runs = [];
for (let i = 0; i < RUNS; i++) {
  inProcess = seclife.scan(modules, files);
  runs.push(inProcess.ms);
}
const seclifeInMs = Math.min(...runs);
if (fromChild.findings.length !== inProcess.findings.length)
  console.log(`note: fresh process found ${fromChild.findings.length}, in-process ${inProcess.findings.length}`);
const seclifeFindings = sortFindings(inProcess.findings);

// 3. ESLint in a child process: explicit config (no lookup), inline config ignored, JSON to a file.
const eslintOut = join(cache, 'eslint.json');
const args = [
  '--config',
  'eslint.config.mjs',
  '--no-inline-config',
  '--no-warn-ignored',
  '--format',
  'json',
  '--output-file',
  eslintOut,
  ...files.map((f) => `node_modules/${f}`),
];
t = process.hrtime.bigint();
const env = { ...process.env, SECLIFE_BENCH_ESLINT: '1' };
const eslint = spawnSync(process.execPath, [join(dir, 'measure-eslint.cjs'), ...args], {
  cwd: dir,
  env,
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
const eslintMs = ms(process.hrtime.bigint() - t);
if (eslint.status !== 0 && eslint.status !== 1)
  throw new Error(`eslint failed (exit ${eslint.status}):\n${eslint.stderr}`);
const eslintRss = rssOf(eslint.stderr);
const crashes = JSON.parse(/ruleCrashes=(.*)/.exec(eslint.stderr)?.[1] ?? '{}');
const stray = eslint.stderr.split('\n').filter((l) => l && !/^(maxRSS|ruleCrashes)=/.test(l));
if (stray.length) console.log(`eslint stderr: ${stray.slice(0, 3).join(' | ')}${stray.length > 3 ? ' …' : ''}`);
const eslintResults = JSON.parse(readFileSync(eslintOut, 'utf8'));
const prefix = `${modules}/`;
const eslintFindings = [];
let eslintParseErrors = 0;
for (const r of eslintResults) {
  const file = r.filePath.startsWith(prefix) ? r.filePath.slice(prefix.length) : r.filePath;
  for (const m of r.messages) {
    if (!m.ruleId) eslintParseErrors++;
    else eslintFindings.push({ file, line: m.line, column: m.column, rule: m.ruleId, message: m.message });
  }
}

// 4. Figures.
const kloc = corpus.lines / 1000;
const rows = [
  ['tool', 'files', 'lines', 'wall time', 'peak RSS', 'findings', 'per 1k lines', 'not parsed'],
  [
    'Seclife, fresh process',
    files.length,
    corpus.lines,
    `${seclifeProcessMs.toFixed(0)} ms`,
    mb(seclifeRss),
    fromChild.findings.length,
    fromChild.findings.length / kloc,
    parseNotes(fromChild.notes),
  ],
  [
    `Seclife, in-process (best of ${RUNS})`,
    files.length,
    corpus.lines,
    `${seclifeInMs.toFixed(0)} ms`,
    'n/a',
    seclifeFindings.length,
    seclifeFindings.length / kloc,
    parseNotes(inProcess.notes),
  ],
  [
    'ESLint (security + sdl), process',
    eslintResults.length,
    corpus.lines,
    `${eslintMs.toFixed(0)} ms`,
    mb(eslintRss),
    eslintFindings.length,
    eslintFindings.length / kloc,
    eslintParseErrors,
  ],
];
console.log();
printTable(
  rows.map((r) => r.map((c) => (typeof c === 'number' ? (Number.isInteger(c) ? int(c) : c.toFixed(2)) : c))),
  'lrrrrrrr',
);
console.log(
  `  Seclife's fresh process spent ${fromChild.ms.toFixed(0)} ms reading and checking files; the rest is Node and module start-up`,
);
if (Object.keys(crashes).length)
  console.log(
    `  ESLint rule crashes (guarded, see eslint.config.mjs): ${Object.entries(crashes)
      .sort()
      .map(([r, n]) => `${r} ×${n}`)
      .join(', ')}`,
  );
console.log(
  `\nspeed: ESLint / Seclife = ${(eslintMs / seclifeProcessMs).toFixed(1)}x (process vs process), ${(eslintMs / seclifeInMs).toFixed(1)}x (ESLint process vs Seclife in-process)`,
);

console.log('\nfindings by rule (top 10):');
const byRule = (list) => [...countBy(list, (f) => f.rule)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const left = byRule(seclifeFindings).slice(0, 10);
const right = byRule(eslintFindings).slice(0, 10);
const pairs = [['Seclife rule', 'findings', 'ESLint rule', 'findings']];
for (let i = 0; i < Math.max(left.length, right.length, 1); i++) {
  pairs.push([
    left[i]?.[0] ?? (i === 0 ? '(none)' : ''),
    left[i] ? int(left[i][1]) : '',
    right[i]?.[0] ?? (i === 0 ? '(none)' : ''),
    right[i] ? int(right[i][1]) : '',
  ]);
}
printTable(pairs, 'lrlr');

const sample = roundRobin(seclifeFindings, 20);
console.log(
  `\nSeclife findings (${sample.length} of ${seclifeFindings.length}, up to 20 taken round-robin over rules, sorted):`,
);
for (const f of sample) console.log(`  ${f.file}:${f.line}:${f.column}  ${f.rule}  ${f.message}`);
const all = join(cache, 'seclife-findings.txt');
writeFileSync(all, seclifeFindings.map((f) => `${f.file}:${f.line}:${f.column}\t${f.rule}\t${f.message}\n`).join(''));
console.log(`all Seclife findings: ${all}; ESLint's JSON report: ${eslintOut}`);

// --- helpers --------------------------------------------------------------------------

function sortFindings(list) {
  return [...list].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : 1),
  );
}

function countBy(list, key) {
  const m = new Map();
  for (const x of list) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

/** Up to `n` findings, taking each rule's next finding in turn (so every rule that fired shows), sorted. */
function roundRobin(sorted, n) {
  const queues = [...countBy(sorted, (f) => f.rule).keys()].sort().map((rule) => sorted.filter((f) => f.rule === rule));
  const out = [];
  for (let i = 0; out.length < n && queues.some((q) => i < q.length); i++) {
    for (const q of queues) if (i < q.length && out.length < n) out.push(q[i]);
  }
  return sortFindings(out);
}

/** Files the rule runner could not parse (it adds a note and skips the rules). */
function parseNotes(notes) {
  return notes.filter((n) => n.message.includes('could not be parsed') || n.message.startsWith('skipped')).length;
}

/** `align`: one letter per column, l(eft) or r(ight). */
function printTable(rows, align) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const [j, r] of rows.entries()) {
    console.log(
      `  ${r
        .map((c, i) => (align[i] === 'l' ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
        .join('  ')
        .trimEnd()}`,
    );
    if (j === 0) console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  }
}

/** Warns when the rule sources are newer than their compiled output (other rules may have landed since the last build). */
function warnIfStale() {
  const newest = (d, ext) => {
    let m = 0;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) m = Math.max(m, newest(p, ext));
      else if (e.name.endsWith(ext)) m = Math.max(m, statSync(p).mtimeMs);
    }
    return m;
  };
  const src = newest(join(root, 'server', 'src', 'core', 'rules'), '.ts');
  const out = newest(join(root, 'server', 'out', 'core', 'rules'), '.js');
  if (src > out)
    console.log(
      'note: server/src/core/rules is newer than server/out: run `npm run build` to benchmark the current rules',
    );
}

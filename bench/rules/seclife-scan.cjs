// Seclife's secure-coding rules over a list of files, with the compiled engine (server/out).
// Used in-process by run.mjs (`scan`), and as a fresh process:
//   node seclife-scan.cjs <files.json> <out.json>   (files.json: { base, files: [relative paths] })
// which writes { ms, findings, notes } and prints its peak RSS to stderr (like bench/measure-cli.cjs).
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const OUT = join(__dirname, '..', '..', 'server', 'out');
const { SeclifeEngine } = require(join(OUT, 'core', 'engine.js'));
const { parseConfig } = require(join(OUT, 'core', 'configLoader.js'));
const { JS_RULES } = require(join(OUT, 'core', 'rules', 'js', 'index.js'));
const { triggerMatches } = require(join(OUT, 'core', 'rules', 'trigger.js'));

// Every traceability concern made irrelevant: no path is a document or a test, no manifests.
// Only the secure-coding rules remain (annotation scanning still runs: it is part of parse()).
const CONFIG = JSON.stringify({
  documents: ['.seclife-bench-no-documents/**'],
  tests: ['.seclife-bench-no-tests/**'],
  manifests: [],
});

function newEngine() {
  const loaded = parseConfig(CONFIG);
  if (loaded.findings.length)
    throw new Error(`bench config rejected: ${loaded.findings.map((f) => f.message).join('; ')}`);
  return new SeclifeEngine(loaded);
}

/** Whether Seclife reads a path (its default excludes drop e.g. any `dist/` or `build/` folder). */
function acceptor() {
  const engine = newEngine();
  return (path) => engine.accepts(path);
}

/**
 * Reads and parses every file (`base` + relative path) with a fresh engine.
 * Returns wall time, rule findings (code contains '/'), notes, and how many files
 * matched at least one JS rule's textual trigger (those are the files that get a TypeScript parse).
 */
function scan(base, files) {
  const start = process.hrtime.bigint();
  const engine = newEngine();
  const findings = [];
  const notes = [];
  for (const file of files) {
    const index = engine.parse(file, readFileSync(join(base, file)));
    if (!index) {
      notes.push({ file, message: 'not read by Seclife (excluded or unknown language)' });
      continue;
    }
    for (const f of index.findings) {
      if (f.code.includes('/'))
        findings.push({ file, line: f.line, column: f.column, rule: f.code, message: f.message });
    }
    for (const message of index.notes) notes.push({ file, message });
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, findings, notes };
}

/** Files in which some JS rule's cheap trigger matches (and so the rule runner parses the file). */
function triggered(base, files) {
  return files.filter((f) => {
    const text = readFileSync(join(base, f), 'utf8');
    const memo = new Map();
    return JS_RULES.some((r) => triggerMatches(r.trigger, text, memo));
  }).length;
}

const RULE_IDS = JS_RULES.map((r) => r.id).sort();

module.exports = { scan, acceptor, triggered, RULE_IDS };

if (require.main === module) {
  const [listFile, outFile] = process.argv.slice(2);
  const { base, files } = JSON.parse(readFileSync(listFile, 'utf8'));
  process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`));
  writeFileSync(outFile, JSON.stringify(scan(base, files)));
}

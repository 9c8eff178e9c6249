// Test results as verification evidence (docs/verification.md): importing 50,000 test cases.
// A workspace of 500 test files with 100 tests each (one in ten carries `@verifies`) and one
// JUnit file with a result for every test, written as node's runner writes it. Prints the
// parse time of the report alone, the engine's index with and without it, re-importing a
// changed report, and memory. Asserts nothing.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const FILES = 500;
const TESTS_PER_FILE = 100;
const ITEMS = 5_000;

/** The workspace files: requirements, test files, and the report (one failing case in 100). */
export function testResultsWorkspace() {
  const files = {};
  const sr = (i) => `SR-${String(1 + (i % ITEMS)).padStart(4, '0')}`;
  const items = [];
  for (let i = 0; i < ITEMS; i++) items.push(`## ${sr(i)}: Requirement ${i}\n`);
  files['docs/requirements.md'] = `# Requirements\n\n${items.join('\n')}`;
  const suites = [];
  let annotated = 0;
  for (let f = 0; f < FILES; f++) {
    const lines = [`describe('module ${f}', () => {`];
    const cases = [];
    for (let t = 0; t < TESTS_PER_FILE; t++) {
      if (t % 10 === 0) lines.push(`  // @verifies ${sr(annotated++)}`);
      lines.push(`  test('case ${t} of module ${f}', () => {});`);
      const failed = t === 10 && f % 5 === 0;
      cases.push(
        failed
          ? `<testcase name="case ${t} of module ${f}" time="0.001" classname="test"><failure type="testCodeFailure" message="expected true">AssertionError</failure></testcase>`
          : `<testcase name="case ${t} of module ${f}" time="0.001" classname="test"/>`,
      );
    }
    lines.push('});', '');
    files[`test/module${f}.test.js`] = lines.join('\n');
    suites.push(`<testsuite name="module ${f}">\n${cases.join('\n')}\n</testsuite>`);
  }
  const report = `<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
  files['seclife.json'] = JSON.stringify({ maxFileSize: 64 * 1024 * 1024 });
  return { files, report, annotated };
}

export async function benchTestResults(root) {
  const require = createRequire(import.meta.url);
  const { indexWorkspace } = require(join(root, 'server/out/core/indexer.js'));
  const { MemoryWorkspace } = require(join(root, 'server/out/core/memoryWorkspace.js'));
  const { parseTestResultFile } = require(join(root, 'server/out/core/testResults/detect.js'));
  const ms = (ns) => (Number(ns) / 1e6).toFixed(1);
  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
  const { files, report, annotated } = testResultsWorkspace();
  const cases = FILES * TESTS_PER_FILE;
  console.log(
    `test results: ${cases.toLocaleString('en')} cases in one ${(report.length / 1024 / 1024).toFixed(1)} MB JUnit file, ${FILES} test files, ${annotated} @verifies`,
  );

  let t = process.hrtime.bigint();
  const parsed = parseTestResultFile('test-results/junit.xml', report);
  console.log(
    `  parse the report alone: ${ms(process.hrtime.bigint() - t)} ms (${parsed.cases.length} cases, ${parsed.problems.length} problems)`,
  );

  t = process.hrtime.bigint();
  const without = await indexWorkspace(new MemoryWorkspace(files));
  without.findings();
  const tWithout = process.hrtime.bigint() - t;

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  t = process.hrtime.bigint();
  const engine = await indexWorkspace(new MemoryWorkspace({ ...files, 'test-results/junit.xml': report }));
  const findings = engine.findings();
  const tWith = process.hrtime.bigint() - t;
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const failed = findings.filter((f) => f.code === 'verification-failed').length;
  console.log(
    `  index + findings: ${ms(tWith)} ms with the report, ${ms(tWithout)} ms without (annotated only); ${failed} verification-failed findings`,
  );
  console.log(
    `  heap held by the engine with the report: ${mb(heapAfter - heapBefore)} MB${global.gc ? '' : ' (run node with --expose-gc for a steadier figure)'}`,
  );

  // Re-import: the same report with one more failure (a CI run finished).
  const changed = report.replace(
    '<testcase name="case 1 of module 0" time="0.001" classname="test"/>',
    '<testcase name="case 1 of module 0" time="0.001" classname="test"><failure message="now failing"/></testcase>',
  );
  const times = [];
  for (let i = 0; i < 5; i++) {
    t = process.hrtime.bigint();
    const touched = engine.updateFile('test-results/junit.xml', i % 2 === 0 ? changed : report);
    for (const f of touched) engine.findingsFor(f);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`  re-import a changed report (5 runs): median ${times[2].toFixed(1)} ms`);
  // A keystroke in a test file re-matches the results too.
  const keystrokes = (e, edited = "'case 10 of module 1 edited'") => {
    const key = [];
    for (let i = 0; i < 20; i++) {
      const text = files['test/module1.test.js'].replace(
        "'case 10 of module 1'",
        i % 2 === 0 ? edited : "'case 10 of module 1'",
      );
      const start = process.hrtime.bigint();
      const touched = e.updateFile('test/module1.test.js', text);
      for (const f of touched) e.findingsFor(f);
      key.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return key.sort((a, b) => a - b)[10].toFixed(1);
  };
  console.log(
    `  edit an annotated test's title (20 edits, re-match + findings): median ${keystrokes(engine)} ms with the report, ${keystrokes(without)} ms without`,
  );
  const body = "'case 10 of module 1', () => { /* edited */ }); test('x'";
  console.log(
    `  edit inside a test body (20 edits, no annotation moves: no re-match): median ${keystrokes(engine, body)} ms with the report, ${keystrokes(without, body)} ms without`,
  );
  console.log(`  peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { fileURLToPath } = await import('node:url');
  await benchTestResults(fileURLToPath(new URL('..', import.meta.url)));
}

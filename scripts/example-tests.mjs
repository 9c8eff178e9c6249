#!/usr/bin/env node
// `npm run example:tests`: runs the example workspace's tests for real with node's test runner
// and writes its JUnit report to examples/remote-monitoring/test-results/junit.xml, the
// verification evidence `npm start` reads (docs/verification.md).
//
// The example is never built in place: its TypeScript is transpiled (no type check) into
// node_modules/.cache/seclife-example-tests/, where its runtime dependencies are installed
// from the package registry (once; again only when a version changes). bcrypt is a native
// addon whose prebuilt binaries are downloaded from outside the registry at install time,
// so it is installed as bcryptjs, the pure-JS implementation with the same API, under the
// name `bcrypt` (an npm alias). The report is the runner's output as written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = join(root, 'examples', 'remote-monitoring');
const cache = join(root, 'node_modules', '.cache', 'seclife-example-tests');
const out = join(example, 'test-results', 'junit.xml');
const ts = createRequire(import.meta.url)('typescript');

const BCRYPTJS = '2.4.3';

function tsFiles(dir) {
  const found = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) found.push(...tsFiles(p));
    else if (e.name.endsWith('.ts')) found.push(p);
  }
  return found;
}

// 1. Transpile src/ and test/ as they are (ES modules, imports already end in .js).
for (const sub of ['src', 'test']) rmSync(join(cache, sub), { recursive: true, force: true });
const tests = [];
for (const sub of ['src', 'test']) {
  for (const file of tsFiles(join(example, sub))) {
    const rel = relative(example, file);
    const { outputText, diagnostics } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: rel,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.ES2022,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        verbatimModuleSyntax: false,
      },
    });
    if (diagnostics?.length) {
      for (const d of diagnostics) console.error(`${rel}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      process.exit(2);
    }
    const target = join(cache, rel.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
    if (/\.test\.ts$/.test(rel)) tests.push(relative(cache, target));
  }
}
tests.sort();

// 2. The packages the tests load at run time: bare imports reachable from the transpiled test
// files (type-only imports are gone by now; src/server.ts and its helmet are not reached).
const runtime = new Set();
const seen = new Set();
const queue = tests.map((t) => join(cache, t));
while (queue.length > 0) {
  const file = queue.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  for (const { fileName: spec } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
    if (spec.startsWith('.')) queue.push(join(dirname(file), spec));
    else if (!spec.startsWith('node:'))
      runtime.add(
        spec
          .split('/')
          .slice(0, spec.startsWith('@') ? 2 : 1)
          .join('/'),
      );
  }
}

// 3. Install them at the versions the example's package.json pins; bcrypt as bcryptjs.
const pinned = JSON.parse(readFileSync(join(example, 'package.json'), 'utf8')).dependencies;
const missing = [...runtime].filter((name) => !pinned[name]);
if (missing.length > 0) {
  console.error(`example:tests: imported but not in the example's dependencies: ${missing.join(', ')}`);
  process.exit(2);
}
const wanted = Object.fromEntries(
  [...runtime].sort().map((name) => [name, name === 'bcrypt' ? `npm:bcryptjs@${BCRYPTJS}` : pinned[name]]),
);
const manifest = join(cache, 'package.json');
const current = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).dependencies : undefined;
if (JSON.stringify(current) !== JSON.stringify(wanted) || !existsSync(join(cache, 'node_modules'))) {
  writeFileSync(
    manifest,
    `${JSON.stringify({ name: 'seclife-example-tests', private: true, type: 'module', dependencies: wanted }, null, 2)}\n`,
  );
  console.log(
    `installing ${Object.entries(wanted)
      .map(([n, v]) => `${n}@${v}`)
      .join(', ')} into ${relative(root, cache)}`,
  );
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: cache,
    stdio: 'inherit',
  });
  if (npm.status !== 0) {
    rmSync(join(cache, 'node_modules'), { recursive: true, force: true });
    console.error('example:tests: npm install failed');
    process.exit(2);
  }
}

// 4. Run them: JUnit into the example, the spec reporter on the terminal.
mkdirSync(dirname(out), { recursive: true });
const run = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-reporter=junit',
    `--test-reporter-destination=${out}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    ...tests,
  ],
  { cwd: cache, stdio: 'inherit' },
);
if (!existsSync(out) || statSync(out).size === 0) {
  console.error('example:tests: the test runner wrote no report');
  process.exit(2);
}
console.log(`\nwrote ${relative(root, out)} (node ${process.version}; the runner exited with ${run.status})`);

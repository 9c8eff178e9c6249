#!/usr/bin/env node
// Runs every compiled *.test.js with node's own test runner and fails when none ran.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['server/out', 'client/out'].map((d) => join(root, d));
const filter = process.argv[2];

function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

let files = roots.flatMap((d) => collect(d, [])).sort();
if (filter) files = files.filter((f) => f.includes(filter));
if (files.length === 0) {
  console.error('run-tests: no test files found — build first (npm run build)');
  process.exit(1);
}
console.log(`run-tests: ${files.length} test files`);
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files.map((f) => relative(root, f))], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

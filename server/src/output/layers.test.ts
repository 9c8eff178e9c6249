import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { REPO_ROOT } from '../testing/workspaces';

const SRC = path.join(REPO_ROOT, 'server', 'src');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) for (const f of sources(p)) out.push(f);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Every module a file imports: a path under server/src for relative imports, else the package name. */
function imports(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName: f }) =>
    f.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), f)).split(path.sep).join('/') : f);
}

// The output layer renders what the core computed, for every host (docs/development.md, Layout):
// it imports the core, the version and itself only — no CLI, language server, service, node/ or fs.
const OUTPUT_MAY_IMPORT = [/^core\//, /^output\//, /^version$/, /^sarif$/, /^node:crypto$/];

test('output/ imports only the core (and the version, SARIF types, node:crypto as the core does)', () => {
  const files = sources(path.join(SRC, 'output'));
  assert.ok(files.length >= 8);
  const bad = files.flatMap((f) => imports(f).filter((m) => !OUTPUT_MAY_IMPORT.some((re) => re.test(m))).map((m) => `${path.relative(SRC, f)} → ${m}`));
  assert.deepEqual(bad, []);
});

test('the language server and the services import no CLI code; the core imports no output', () => {
  const bad: string[] = [];
  for (const [layer, banned] of [['lsp', /^cli\//], ['service', /^(cli|lsp)\//], ['core', /^(cli|lsp|service|output|node)\//]] as const) {
    for (const f of sources(path.join(SRC, layer))) for (const m of imports(f)) if (banned.test(m)) bad.push(`${path.relative(SRC, f)} → ${m}`);
  }
  assert.deepEqual(bad, []);
});

#!/usr/bin/env node
// `npm run bench:regex`: the super-linear cases of issue 11 (D1–D5) at the sizes the issue
// names and at 4× those sizes, on the compiled engine (server/out). Prints the time of each
// and the growth factor (linear work grows about 4×, quadratic about 16×). Asserts nothing;
// the regression tests are server/src/hostile/linearity.test.ts.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'server', 'out', 'core');
if (!existsSync(join(out, 'engine.js'))) throw new Error('server/out is missing: run npm run build first');
const require = createRequire(import.meta.url);
const { parseSourceFile } = require(join(out, 'source', 'sourceFile.js'));
const { declarationName } = require(join(out, 'source', 'declarations.js'));
const { IdGrammar } = require(join(out, 'ids.js'));
const { runLexicalRules } = require(join(out, 'rules', 'lexicalRunner.js'));
const { maskNonCode } = require(join(out, 'annotations', 'commentScanner.js'));
const { PYTHON_RULES } = require(join(out, 'rules', 'python', 'index.js'));
const { cArraySize } = require(join(out, 'rules', 'c', 'cHelpers.js'));
const { parseRequirements } = require(join(out, 'soup', 'pythonManifest.js'));

const grammar = new IdGrammar(['SR', 'TH', 'RC', 'IF', 'SOUP']);
const source = (family) => ({ grammar, family, isTest: false, bindDeclarations: family === 'js' });
const secret = PYTHON_RULES.find((r) => r.id === 'py/hardcoded-secret');
const LIMIT_MS = 20_000;

const cases = [
  [
    'D1 JS annotations, one per line',
    25_000,
    'lines',
    (n) => parseSourceFile('a.ts', '// @implements SR-1\nconst x = 1;\n'.repeat(n), source('js')),
  ],
  [
    'D1 JS annotations, one 20 MB-style line',
    25_000,
    'comments',
    (n) => parseSourceFile('a.ts', `${'/* @implements SR-1 */ x = 1; '.repeat(n)}\n`, source('js')),
  ],
  ['D2 declaration binding, whitespace', 60_000, 'chars', (n) => declarationName(`a${' '.repeat(n)}b`)],
  [
    'D2 declaration binding, method head',
    60_000,
    'chars',
    (n) => declarationName(`a${' '.repeat(n)}<x>${' '.repeat(4)}`),
  ],
  [
    'D3 py/hardcoded-secret',
    60_000,
    'chars',
    (n) => {
      const t = `password${' '.repeat(n)}x\ntoken = 1\n`;
      runLexicalRules('a.py', t, () => maskNonCode(t, 'python'), [secret]);
    },
  ],
  ['D4 C array size', 40_000, 'chars', (n) => cArraySize(`char${' '.repeat(n)}x`, 'buf')],
  [
    'D5 requirements option stripping',
    100_000,
    'chars',
    (n) => parseRequirements('requirements.txt', `flask${' '.repeat(n)}x\n`),
  ],
];

const time = (f) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
console.log('case                                        size       time   4× size     time  growth');
for (const [name, n, unit, run] of cases) {
  run(100); // warm up
  const a = time(() => run(n));
  // A quadratic case at 4× would run for minutes before the fix: skip it beyond the limit.
  const b = a * 16 > LIMIT_MS ? undefined : time(() => run(4 * n));
  const fmt = (ms) => (ms === undefined ? 'skipped'.padStart(9) : `${ms.toFixed(1)} ms`.padStart(9));
  console.log(
    `${name.padEnd(40)} ${`${n} ${unit}`.padStart(14)} ${fmt(a)} ${String(4 * n).padStart(9)} ${fmt(b)}  ${b === undefined ? '' : `${(b / a).toFixed(1)}×`}`,
  );
}

#!/usr/bin/env node
// The JS/TS entry-point detector on a generated 1,000-file corpus (server/out, build first):
// 800 ordinary modules (the textual pre-check says no without parsing) and 200 route,
// listener and message files of about 120 lines each. Prints files/s for the corpus, for
// the ordinary files alone and for the parsed ones. Asserts nothing.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'server', 'out', 'core', 'attackSurface');
if (!existsSync(join(out, 'js', 'jsSurface.js'))) throw new Error('server/out is missing: run npm run build first');
const require = createRequire(import.meta.url);
const { detectJsSurface } = require(join(out, 'js', 'jsSurface.js'));
const { ALL_DETECTORS } = require(join(out, 'detectorOptions.js'));

function ordinary(i) {
  const lines = [`import { z } from 'zod';`, `import { helper${i} } from './helpers.js';`, ''];
  for (let k = 0; k < 30; k++)
    lines.push(
      `export function fn${i}_${k}(input: string, cache: Map<string, number>): number {`,
      `  const v = cache.get(input) ?? helper${i}(input.trim());`,
      `  return v * ${k} + input.length;`,
      '}',
    );
  return lines.join('\n');
}

function routes(i) {
  const lines = [
    `import { Router } from 'express';`,
    `import mqtt from 'mqtt';`,
    `import { requireAuth } from '../auth.js';`,
    '',
    `export function router${i}(): Router {`,
    '  const router = Router();',
    '  router.use(requireAuth);',
  ];
  for (let k = 0; k < 25; k++)
    lines.push(
      `  router.get('/items${k}/:id', requireAuth, async (req, res) => {`,
      '    res.json({ id: req.params.id });',
      '  });',
    );
  lines.push('  return router;', '}', '', `const client = mqtt.connect('mqtts://broker');`);
  for (let k = 0; k < 20; k++) lines.push(`client.subscribe('site/${i}/topic${k}');`);
  return lines.join('\n');
}

const corpus = [];
for (let i = 0; i < 1000; i++)
  corpus.push(
    i % 5 === 4 ? { file: `src/api/r${i}.ts`, text: routes(i) } : { file: `src/lib/m${i}.ts`, text: ordinary(i) },
  );

function run(files) {
  const start = process.hrtime.bigint();
  let entries = 0;
  for (const f of files) entries += detectJsSurface(f.file, f.text, ALL_DETECTORS).entryPoints.length;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, entries, rate: Math.round((files.length / ms) * 1000) };
}

// Loads the TypeScript compiler once outside the measurement (the engine pays it once per process).
detectJsSurface('warm.ts', routes(0), ALL_DETECTORS);
run(corpus); // JIT warm-up
const all = run(corpus);
const plain = run(corpus.filter((f) => f.file.includes('/lib/')));
const parsed = run(corpus.filter((f) => f.file.includes('/api/')));
const bytes = corpus.reduce((n, f) => n + f.text.length, 0);
console.log(`corpus: ${corpus.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${all.entries} entry points`);
console.log(`all:      ${all.ms.toFixed(0)} ms, ${all.rate} files/s`);
console.log(`ordinary: ${plain.ms.toFixed(0)} ms, ${plain.rate} files/s (pre-check only)`);
console.log(`parsed:   ${parsed.ms.toFixed(0)} ms, ${parsed.rate} files/s (${parsed.entries} entry points)`);

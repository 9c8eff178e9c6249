#!/usr/bin/env node
// Bundles the entry points with esbuild and writes the JSON Schema of seclife.json.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

// schemas/seclife.schema.json is generated from the TypeScript source of truth.
const { CONFIG_SCHEMA } = require(join(root, 'server/out/core/configSchema.js'));
mkdirSync(join(root, 'schemas'), { recursive: true });
const schemaPath = join(root, 'schemas/seclife.schema.json');
const schemaText = JSON.stringify(CONFIG_SCHEMA, null, 2) + '\n';
if (!existsSync(schemaPath) || readFileSync(schemaPath, 'utf8') !== schemaText) writeFileSync(schemaPath, schemaText);

// docs/rules/<id>.md are generated from each rule's metadata (what, why, CWE, examples).
const { BUILTIN_RULES } = require(join(root, 'server/out/core/rules/registry.js'));
const { ruleDocFile, ruleHelpMarkdown } = require(join(root, 'server/out/core/rules/ruleDocs.js'));
mkdirSync(join(root, 'docs/rules'), { recursive: true });
for (const rule of BUILTIN_RULES.values()) {
  const file = join(root, 'docs/rules', ruleDocFile(rule.id));
  const text = ruleHelpMarkdown(rule);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
}

// docs/rules/README.md: the index of every rule.
const rows = [...BUILTIN_RULES.values()].sort((a, b) => a.id.localeCompare(b.id)).map((r) =>
  `| [\`${r.id}\`](${ruleDocFile(r.id)}) | ${r.title} | ${r.cwe.map((n) => `CWE-${n}`).join(', ')} | ${r.severity} | ${r.precision} | ${r.securitySeverity} |`);
const index = ['# Secure-coding rules', '', `${rows.length} built-in rules. Each page says what the rule finds, why it matters, and shows reported and safe code.`,
  'Configure severities with `rules` and `overrides` in seclife.json; see [secure coding](../secure-coding.md).', '',
  '| rule | title | CWE | default severity | precision | security severity |', '|---|---|---|---|---|---|', ...rows, ''].join('\n');
if (!existsSync(join(root, 'docs/rules/README.md')) || readFileSync(join(root, 'docs/rules/README.md'), 'utf8') !== index) writeFileSync(join(root, 'docs/rules/README.md'), index);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode'],
  // jsonc-parser's main entry is UMD, which esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};
const entries = [{ in: 'server/src/seclife.ts', out: 'dist/seclife.js' }];
if (existsSync(join(root, 'client/src/extension.ts'))) entries.push({ in: 'client/src/extension.ts', out: 'dist/extension.js' });
await Promise.all(entries.map((e) => build({ ...common, entryPoints: [join(root, e.in)], outfile: join(root, e.out) })));

#!/usr/bin/env node
// Builds the OSV offline database fixtures (test/fixtures/advisories/osv-offline/<Ecosystem>/all.zip)
// from the extracted records in test/fixtures/advisories/osv-database/<Ecosystem>/<ID>.json: one
// OSV JSON record per zip entry, named `<ID>.json` at the top of the archive, deflated — the
// layout of the OSV project's per-ecosystem all.zip that `osv-scanner --offline` downloads
// (docs/vulnerabilities.md, Advisory data). Deterministic: entries sorted, fixed timestamps.
// Usage: node scripts/make-osv-zip-fixture.mjs
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'test/fixtures/advisories/osv-database');
const target = join(root, 'test/fixtures/advisories/osv-offline');
const mtime = new Date('2024-12-01T00:00:00Z');

for (const ecosystem of readdirSync(source).sort()) {
  const entries = {};
  for (const name of readdirSync(join(source, ecosystem)).sort()) {
    if (!name.endsWith('.json')) continue;
    entries[name] = [readFileSync(join(source, ecosystem, name)), { level: 9, mtime }];
  }
  mkdirSync(join(target, ecosystem), { recursive: true });
  const zip = zipSync(entries);
  writeFileSync(join(target, ecosystem, 'all.zip'), zip);
  console.log(`${ecosystem}/all.zip: ${Object.keys(entries).length} records, ${zip.length} bytes`);
}

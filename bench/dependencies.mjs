// Dependency truth (docs/soup.md, The whole dependency graph): a 5,000-package npm lockfile
// (v3, a tree of 100 direct dependencies with 49 indirect packages each, some nested copies)
// and an offline folder of 20,000 OSV records (one file each, as an OSV database export keeps
// them), 200 of which affect packages in the lockfile. Prints the time to index and check
// the workspace, a SOUP edit's recompute, and memory. Asserts nothing.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const DIRECT = 100;
const PER_DIRECT = 49;
const ADVISORIES = 20_000;

export function dependenciesWorkspace() {
  const files = {};
  const packages = { '': { name: 'app', version: '1.0.0', dependencies: {} } };
  const deps = {};
  const rows = [];
  for (let d = 0; d < DIRECT; d++) {
    const name = `direct-${d}`;
    deps[name] = `1.${d}.0`;
    packages[''].dependencies[name] = `1.${d}.0`;
    const children = {};
    for (let c = 0; c < PER_DIRECT; c++) {
      const child = `pkg-${d}-${c}`;
      children[child] = '^2.0.0';
      // Every tenth child depends on the next one (a deeper path); every 25th is nested under its parent.
      const entry = { version: `2.${c}.0`, dependencies: c % 10 === 0 ? { [`pkg-${d}-${c + 1}`]: '^2.0.0' } : {} };
      packages[c % 25 === 0 ? `node_modules/${name}/node_modules/${child}` : `node_modules/${child}`] = entry;
    }
    packages[`node_modules/${name}`] = { version: `1.${d}.0`, dependencies: children };
    rows.push(`| SOUP-${d} | ${name} | 1.${d}.0 | Acme | maintained | ${name} | |`);
  }
  files['package.json'] = JSON.stringify({ name: 'app', version: '1.0.0', dependencies: deps }, null, 2);
  files['package-lock.json'] = JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }, null, 2);
  files['docs/soup.md'] = [
    '# SOUP',
    '',
    '| ID | Title | Version | Supplier | Class | Package | Vulnerabilities |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  for (let i = 0; i < ADVISORIES; i++) {
    // 1 in 100 names a package of the lockfile at an affected version; the rest other packages.
    const hit = i % 100 === 0;
    const name = hit ? `pkg-${(i / 100) % DIRECT}-${(i / 100) % PER_DIRECT}` : `other-${i}`;
    files[`security/osv/npm/GHSA-${String(i).padStart(5, '0')}.json`] = JSON.stringify({
      id: `GHSA-${String(i).padStart(5, '0')}`,
      modified: '2026-11-30T00:00:00Z',
      aliases: [`CVE-2026-${i}`],
      affected: [
        {
          package: { ecosystem: 'npm', name },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '99.0.0' }] }],
        },
      ],
    });
  }
  files['seclife.json'] = JSON.stringify({ advisories: ['security/osv/**/*.json'], maxFileSize: 64 * 1024 * 1024 });
  return files;
}

export async function benchDependencies(root) {
  const require = createRequire(import.meta.url);
  const { indexWorkspace } = require(join(root, 'server/out/core/indexer.js'));
  const { MemoryWorkspace } = require(join(root, 'server/out/core/memoryWorkspace.js'));
  const ms = (ns) => (Number(ns) / 1e6).toFixed(1);
  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
  const files = dependenciesWorkspace();
  const lockPackages = Object.keys(JSON.parse(files['package-lock.json']).packages).length - 1;
  console.log(
    `dependencies: a ${lockPackages.toLocaleString('en')}-package lockfile (${(files['package-lock.json'].length / 1024 / 1024).toFixed(1)} MB) and ${ADVISORIES.toLocaleString('en')} OSV records`,
  );
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = process.hrtime.bigint();
  const engine = await indexWorkspace(new MemoryWorkspace(files));
  const findings = engine.findings();
  const tIndex = process.hrtime.bigint() - t;
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const vulns = findings.filter((f) => f.code === 'vulnerability-undispositioned').length;
  console.log(
    `  index + check: ${ms(tIndex)} ms; ${engine.vulnerabilityHits().length} advisory hits, ${vulns} vulnerability-undispositioned findings`,
  );
  console.log(
    `  heap held by the engine: ${mb(heapAfter - heapBefore)} MB${global.gc ? '' : ' (run node with --expose-gc for a steadier figure)'}`,
  );
  // A SOUP edit (a disposition typed into the table) re-runs the SOUP check over the whole graph.
  const times = [];
  for (let i = 0; i < 5; i++) {
    const text = files['docs/soup.md'].replace(
      '| SOUP-0 | direct-0 | 1.0.0 | Acme | maintained | direct-0 | |',
      `| SOUP-0 | direct-0 | 1.0.0 | Acme | maintained | direct-0 | ${i % 2 === 0 ? 'GHSA-00000 fixed -- upgraded' : ''} |`,
    );
    t = process.hrtime.bigint();
    const touched = engine.updateFile('docs/soup.md', text);
    for (const f of touched) engine.findingsFor(f);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`  edit a SOUP row (5 edits, SOUP check + findings): median ${times[2].toFixed(1)} ms`);
  console.log(`  peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

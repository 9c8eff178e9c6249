import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor, engineForFixture } from '../../testing/workspaces';
import { GraphBuilder } from './dependencyGraph';
import { Dependency } from './dependency';
import { indirectPackages } from './indirectPackages';

const RANGE = { line: 1, column: 1, endLine: 1, endColumn: 2 };

/** express 4.21.2 → body-parser → qs, express → qs (as in the real tree); eslint (dev) → debug. */
function lockfile(): string {
  const packages = {
    '': {
      name: 'app',
      version: '1.0.0',
      dependencies: { express: '4.21.2' },
      devDependencies: { eslint: '9.0.0' },
    },
    'node_modules/express': {
      version: '4.21.2',
      dependencies: { 'body-parser': '1.20.3', qs: '6.13.0' },
    },
    'node_modules/body-parser': { version: '1.20.3', dependencies: { qs: '6.13.0' } },
    'node_modules/qs': { version: '6.13.0' },
    'node_modules/eslint': { version: '9.0.0', dev: true, dependencies: { debug: '4.3.4' } },
    'node_modules/debug': { version: '4.3.4', dev: true },
  };
  return `${JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

const OSV = JSON.stringify([
  {
    id: 'GHSA-6rw7-vpxm-498p',
    aliases: ['CVE-2025-15284'],
    summary: 'qs arrayLimit bypass',
    affected: [
      {
        package: { ecosystem: 'npm', name: 'qs' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '6.14.1' }] }],
      },
    ],
  },
  {
    id: 'GHSA-debug-0000-0000',
    affected: [{ package: { ecosystem: 'npm', name: 'debug' }, versions: ['4.3.4'] }],
  },
]);

const soupTable = (rows: string[]) =>
  [
    '# SOUP',
    '',
    '| ID | Title | Version | Supplier | Class | Package | Vulnerabilities |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n') + '\n';
const EXPRESS = (vulns = '') => `| SOUP-express | Express | 4.21.2 | OpenJS | maintained | express | ${vulns} |`;

const base = {
  'seclife.json': JSON.stringify({ advisories: ['security/osv.json'] }),
  'package.json': `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { express: '4.21.2' }, devDependencies: { eslint: '9.0.0' } }, null, 2)}\n`,
  'package-lock.json': lockfile(),
  'security/osv.json': OSV,
};
const vulnerabilities = (engine: Awaited<ReturnType<typeof engineFor>>) =>
  engine
    .findings()
    .filter((f) => f.code === 'vulnerability-undispositioned' || f.code === 'soup-missing')
    .map((f) => `${f.code} ${f.itemId ?? `${f.file}:${f.line}`}`);

test('an advisory on an indirect package is reported on the SOUP item of the direct dependency, with its path', async () => {
  const engine = await engineFor({ ...base, 'docs/soup.md': soupTable([EXPRESS()]) });
  assert.deepEqual(vulnerabilities(engine), ['vulnerability-undispositioned SOUP-express']);
  const f = engine.findings().find((x) => x.code === 'vulnerability-undispositioned')!;
  assert.equal(f.severity, 'error');
  assert.match(
    f.message,
    /GHSA-6rw7-vpxm-498p \(qs arrayLimit bypass\) affects qs 6\.13\.0 \(an indirect dependency via express@4\.21\.2\)/,
  );
  // The dev-only debug is not checked without devDependencies.
  assert.ok(!engine.findings().some((x) => x.message.includes('debug')));
  // A disposition on the direct dependency's item (by alias) decides it.
  const decided = await engineFor({
    ...base,
    'docs/soup.md': soupTable([EXPRESS('CVE-2025-15284 not-affected -- we parse no query strings with arrays')]),
  });
  assert.deepEqual(vulnerabilities(decided), []);
  // Decided or not, the hit is listed (the Vulnerabilities view, seclife vex), with its path and disposition.
  const hits = decided.vulnerabilityHits();
  assert.deepEqual(
    hits.map(
      (h) =>
        `${h.advisory.id} ${h.name}@${h.version} ${h.itemId} ${h.disposition?.status} via ${h.indirect?.via.map((p) => p.name).join('>')}`,
    ),
    ['GHSA-6rw7-vpxm-498p qs@6.13.0 SOUP-express not-affected via express'],
  );
  assert.equal(hits[0].purl, 'pkg:npm/qs@6.13.0');
  assert.deepEqual(
    decided.soupIndirectPackages('SOUP-express').map((p) => `${p.pkg.name}:${p.advisories.length}`),
    ['body-parser:0', 'qs:1'],
  );
});

test('an indirect package with a SOUP item of its own answers for its advisories', async () => {
  const engine = await engineFor({
    ...base,
    'docs/soup.md': soupTable([EXPRESS(), '| SOUP-qs | qs | 6.13.0 | ljharb | maintained | qs | |']),
  });
  assert.deepEqual(vulnerabilities(engine), ['vulnerability-undispositioned SOUP-qs']);
  assert.ok(engine.item('SOUP-qs')!.met.includes('in-manifest'));
});

test('an indirect advisory no SOUP item can answer for is reported at the lockfile entry, never silently passed', async () => {
  const engine = await engineFor({ ...base, 'docs/soup.md': soupTable([]) });
  const lock = lockfile();
  const qsLine = lock.split('\n').findIndex((l) => l.includes('"node_modules/qs"')) + 1;
  assert.deepEqual(vulnerabilities(engine), [
    `vulnerability-undispositioned package-lock.json:${qsLine}`,
    'soup-missing package.json:5',
  ]);
  const f = engine.findings().find((x) => x.code === 'vulnerability-undispositioned')!;
  assert.match(
    f.message,
    /affects qs 6\.13\.0 \(an indirect dependency via express@4\.21\.2\) and no SOUP item can record a disposition for it: add a SOUP item for express/,
  );
});

test('devDependencies: true checks dev-only packages too; soup.transitive "require" asks an item for every package', async () => {
  const dev = await engineFor({
    ...base,
    'seclife.json': JSON.stringify({ advisories: ['security/osv.json'], devDependencies: true }),
    'docs/soup.md': soupTable([EXPRESS('GHSA-6rw7-vpxm-498p fixed -- upgrade planned')]),
  });
  assert.ok(
    dev.findings().some((f) => f.code === 'vulnerability-undispositioned' && f.message.includes('debug 4.3.4')),
  );
  const required = await engineFor({
    ...base,
    'seclife.json': JSON.stringify({ advisories: ['security/osv.json'], soup: { transitive: 'require' } }),
    'docs/soup.md': soupTable([EXPRESS('GHSA-6rw7-vpxm-498p fixed -- upgrade planned')]),
  });
  const missing = required.findings().filter((f) => f.code === 'soup-missing' && f.file === 'package-lock.json');
  assert.deepEqual(missing.map((f) => f.message.split(' (')[0]).sort(), ['body-parser 1.20.3', 'qs 6.13.0']);
  assert.match(missing[0].message, /"soup\.transitive" is "require"/);
});

test('a declaration without a lockfile says its indirect dependencies are not known', async () => {
  const engine = await engineFor({
    'package.json': base['package.json'],
    'docs/soup.md': soupTable([EXPRESS()]),
  });
  const notes = engine.notes().filter((n) => n.file === 'package.json');
  assert.equal(notes.length, 1);
  assert.match(notes[0].message, /no lockfile or SBOM next to it.*indirect dependencies are not known/);
});

test('indirectPackages: shortest paths, roots with a SOUP item first, cycles, packages nothing reaches, no edges', () => {
  const b = new GraphBuilder();
  for (const name of ['a', 'b', 'c', 'd', 'stray'])
    b.add({ key: name, name, version: '1.0.0', ecosystem: 'npm', range: RANGE });
  b.depend('a', 'c');
  b.depend('b', 'c');
  b.depend('c', 'd');
  b.depend('d', 'c');
  b.direct('', 'a', 'a');
  b.direct('', 'b', 'b');
  const graph = b.build();
  const dep = (name: string): Dependency => ({
    name,
    ecosystem: 'npm',
    direct: true,
    source: 'registry',
    file: 'package.json',
    range: RANGE,
    node: { file: 'lock', key: name },
  });
  // Importers are direct, not indirect. b is given first (it has a SOUP item): c and d are placed under it.
  const out = indirectPackages('lock', graph, [dep('b'), dep('a')]);
  const shown = out.map((p) => `${p.pkg.name} via ${p.via.map((v) => v.name).join('>')} root ${p.root?.name ?? '-'}`);
  assert.deepEqual(shown, ['c via b root b', 'd via b>c root b', 'stray via  root -']);
  const flat = indirectPackages('lock', { ...graph, edges: false }, [dep('a')]);
  assert.deepEqual(
    flat.map((p) => `${p.pkg.name}:${p.via.length}`),
    ['c:0', 'd:0', 'stray:0'],
  );
});

test('a workspace member the root lockfile imports (pnpm-workspace.yaml) takes its versions and graph from it', async () => {
  const engine = await engineForFixture('dependency-files/npm/pnpm-9');
  assert.deepEqual(
    engine.notes().filter((n) => n.file === 'packages/app/package.json'),
    [],
    'no "no lockfile" note for a member the lockfile lists',
  );
  const ms = engine.findings().find((f) => f.code === 'soup-missing' && f.file === 'packages/app/package.json');
  assert.match(ms?.message ?? '', /^ms 2\.1\.3 has no SOUP item/);
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ManifestIndex } from '../dependency';
import { packageIndex, pathLabel, reachableFrom } from '../dependencyGraph';
import { formatForFile, MANIFEST_FORMATS } from '../manifestFormats';
import { SBOM_FORMATS } from './sbom';
import { jsonStringProperty, SbomComponent, sbomIndex } from './sbomComponents';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/sbom');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');

/** The one npm project in every SBOM format (README.md there): file, format id, key of qs. */
const SBOMS: Array<[string, string, string]> = [
  ['bom.cdx.json', 'cyclonedx', 'qs@6.13.0'],
  ['bom-1.6.cdx.json', 'cyclonedx', 'pump-gateway@1.0.0|qs@6.13.0'],
  ['bom.cdx.xml', 'cyclonedx-xml', 'pump-gateway@1.0.0|qs@6.13.0'],
  ['bom.spdx.json', 'spdx-json', 'SPDXRef-Package-qs-6.13.0'],
  ['bom.spdx', 'spdx-tag-value', 'SPDXRef-Package-qs-6.13.0'],
  [
    'bom.spdx.jsonld',
    'spdx3',
    'http://spdx.org/spdxdocs/pump-gateway-1.0.0-93c1d386-45eb-4197-a465-575b392a9e1b#SPDXRef-Package-qs-6.13.0',
  ],
];

const parse = (file: string): ManifestIndex => formatForFile(file, read(file)).parse(file, read(file));
const packages = (index: ManifestIndex) =>
  index.dependencies.map((d) => `${d.name}@${d.version} ${d.purl}${d.dev ? ' dev' : ''}`).sort();

for (const [file, id, qsKey] of SBOMS) {
  test(`${file} (${id}): 73 packages, express and is-number direct, qs reached via express, the project not a dependency`, () => {
    assert.equal(formatForFile(file, read(file)).id, id);
    const index = parse(file);
    assert.equal(index.kind, id);
    assert.deepEqual(index.problems, []);
    assert.deepEqual(index.project, { name: 'pump-gateway', version: '1.0.0' });
    assert.equal(index.dependencies.length, 73);
    assert.ok(!index.dependencies.some((d) => d.name === 'pump-gateway'));
    assert.ok(!index.graph!.packages.some((p) => p.name === 'pump-gateway'));
    assert.deepEqual(
      index.dependencies.filter((d) => d.direct).map((d) => [d.name, d.version, d.dev === true]),
      [
        ['express', '4.21.2', false],
        ['is-number', '7.0.0', true],
      ],
    );
    const qs = index.dependencies.find((d) => d.name === 'qs')!;
    assert.deepEqual(
      [qs.version, qs.purl, qs.ecosystem, qs.direct, qs.source, qs.file, qs.node],
      ['6.13.0', 'pkg:npm/qs@6.13.0', 'npm', false, 'registry', file, { file, key: qsKey }],
    );
    assert.equal(index.resolved!.qs, '6.13.0');
    const graph = index.graph!;
    assert.equal(graph.edges, true);
    assert.deepEqual(Object.keys(graph.importers['']).sort(), ['express', 'is-number']);
    const express = graph.importers[''].express;
    const reached = reachableFrom(graph, express);
    const viaExpress = reached.find((r) => r.pkg.key === qsKey)!;
    assert.equal(pathLabel(viaExpress), 'qs@6.13.0 via express@4.21.2');
    assert.deepEqual(packageIndex(graph).get(qsKey)!.range, qs.range);
    // Everything but the devDependency is express's; is-number brings in nothing.
    assert.equal(new Set(reached.map((r) => r.pkg.key)).size, 71);
    assert.ok(!reached.some((r) => r.pkg.name === 'is-number'));
    assert.deepEqual(reachableFrom(graph, graph.importers['']['is-number']), []);
  });
}

test('every SBOM format reads the same packages, versions, purls and dev flags from the same project', () => {
  const expected = packages(parse('bom.spdx.json'));
  assert.equal(expected.length, 73);
  assert.ok(expected.includes('is-number@7.0.0 pkg:npm/is-number@7.0.0 dev'));
  for (const [file] of SBOMS) assert.deepEqual(packages(parse(file)), expected, file);
});

test('SBOM formats: each claims its own files by content, none another one’s; discovery names', () => {
  for (const [file, id] of SBOMS) {
    const text = read(file);
    assert.deepEqual(
      SBOM_FORMATS.filter((f) => f.sniff?.(text)).map((f) => f.id),
      [id],
      file,
    );
    // Found by default discovery in any folder, and by content under any other name.
    const claimed = (p: string) =>
      MANIFEST_FORMATS.some((f) => f.discovery.names.test(p.slice(p.lastIndexOf('/') + 1)));
    assert.ok(claimed(`dist/${file}`), file);
    assert.equal(formatForFile('dist/export.sbom', text).id, id);
  }
  for (const name of [
    'bom.json',
    'sbom.json',
    'a.cdx.json',
    'bom.xml',
    'sbom.xml',
    'a.cdx.xml',
    'a.spdx.json',
    'a.spdx',
    'a.spdx.jsonld',
  ])
    assert.equal(SBOM_FORMATS.filter((f) => f.discovery.names.test(name)).length, 1, name);
  for (const f of SBOM_FORMATS)
    assert.deepEqual([f.role, f.ecosystem, f.discovery.folders], ['sbom', 'generic', 'any']);
  assert.equal(formatForFile('x.json', '{"name": "x"}').id, 'cyclonedx');
});

const component = (key: string, over: Partial<SbomComponent> = {}): SbomComponent => ({
  key,
  name: key,
  version: '1.0.0',
  ecosystem: 'npm',
  source: 'registry',
  range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
  topLevel: true,
  ...over,
});

test('sbomIndex: dev and optional only when every path from the project goes through such an edge', () => {
  const index = sbomIndex({
    file: 'b',
    kind: 'k',
    components: [
      component('app'),
      component('lint'),
      component('lint-dep'),
      component('shared'),
      component('opt'),
      component('lib'),
    ],
    edges: [
      { from: 'app', to: 'lint', dev: true },
      { from: 'lint', to: 'lint-dep' },
      { from: 'lint', to: 'shared' },
      { from: 'app', to: 'lib' },
      { from: 'lib', to: 'shared' },
      { from: 'app', to: 'opt', optional: true },
    ],
    projectKeys: new Set(['app']),
    directKeys: ['lint', 'lib', 'opt'],
    problems: [],
  });
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.direct, d.dev === true, d.optional === true]),
    [
      ['lint', true, true, false],
      ['lint-dep', false, true, false],
      ['shared', false, false, false],
      ['opt', true, false, true],
      ['lib', true, false, false],
    ],
  );
  assert.deepEqual({ ...index.graph!.importers[''] }, { lint: 'lint', lib: 'lib', opt: 'opt' });
  // The project's own edges are importers, not a package's.
  assert.ok(!index.graph!.packages.some((p) => p.key === 'app'));
});

test('sbomIndex: without a graph the top-level components are direct; resolved prefers direct, then top-level', () => {
  const index = sbomIndex({
    file: 'b',
    kind: 'k',
    components: [
      component('ms-nested', { name: 'ms', version: '2.0.0', topLevel: false }),
      component('ms-top', { name: 'ms', version: '2.1.3' }),
      component('x', { name: 'x', ecosystem: 'pypi' }),
      component('g', { name: 'g', ecosystem: 'generic' }),
    ],
    projectKeys: new Set(),
    problems: [],
  });
  assert.equal(index.graph!.edges, false);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.direct, d.purl]),
    [
      ['ms', false, 'pkg:npm/ms@2.0.0'],
      ['ms', true, 'pkg:npm/ms@2.1.3'],
      ['x', true, 'pkg:pypi/x@1.0.0'],
      ['g', true, undefined],
    ],
  );
  assert.equal(index.resolved!.ms, '2.1.3');
});

test('jsonStringProperty: a cheap look at one property', () => {
  assert.equal(jsonStringProperty('{"a": 1, "spdxVersion" : "SPDX-2.3"}', 'spdxVersion'), 'SPDX-2.3');
  assert.equal(jsonStringProperty('{"note": "spdxVersion", "x": 1}', 'spdxVersion'), undefined);
  assert.equal(jsonStringProperty('{"spdxVersion": 2}', 'spdxVersion'), undefined);
  assert.equal(jsonStringProperty(`${' '.repeat(100)}{"spdxVersion": "SPDX-2.3"}`, 'spdxVersion', 50), undefined);
});

test('a file named like an SBOM that no SBOM format claims: one problem naming every SBOM format read', () => {
  for (const name of ['dist/bom.xml', 'sbom.xml', 'a.cdx.xml', 'a.spdx', 'a.spdx.json', 'a.spdx.jsonld']) {
    const format = formatForFile(name, '<project/>');
    assert.equal(format.id, 'cyclonedx', name);
    assert.deepEqual(
      format.parse(name, '<project/>').problems.map((p) => p.message),
      [
        'not a CycloneDX or SPDX SBOM that Seclife reads (CycloneDX JSON or XML 1.4–1.6, SPDX 2.2/2.3 JSON or tag-value, SPDX 3.0 JSON-LD)',
      ],
      name,
    );
  }
  assert.match(
    formatForFile('bom.json', '{}').parse('bom.json', '{}').problems[0].message,
    /^not a CycloneDX JSON SBOM/,
  );
});

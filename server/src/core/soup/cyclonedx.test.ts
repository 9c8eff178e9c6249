import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isCycloneDx, parseCycloneDx, parsePurl, purlPackageName } from './cyclonedx';
import { Dependency } from './dependency';
import { pathLabel, reachableFrom } from './dependencyGraph';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/soup');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const at = (d: Dependency) => `${d.range.line}:${d.range.column}-${d.range.endLine}:${d.range.endColumn}`;

test('isCycloneDx: a cheap look at bomFormat', () => {
  assert.equal(isCycloneDx(read('cyclonedx/bom.json')), true);
  assert.equal(isCycloneDx('{"bomFormat" : "CycloneDX"}'), true);
  assert.equal(isCycloneDx(read('cyclonedx/package.json')), false);
  assert.equal(isCycloneDx('{"spdxVersion": "SPDX-2.3", "note": "bomFormat"}'), false);
});

test('CycloneDX 1.5 from cyclonedx-npm: nested components, direct from the root dependsOn', () => {
  const index = parseCycloneDx('bom.json', read('cyclonedx/bom.json'));
  assert.equal(index.kind, 'cyclonedx');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'infusion-telemetry', version: '2.0.1' });
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.version, d.direct, d.ecosystem, d.purl, at(d)]),
    [
      ['@fastify/cors', '9.0.1', true, 'npm', 'pkg:npm/%40fastify/cors@9.0.1', '123:15-123:21'],
      ['debug', '2.6.9', true, 'npm', 'pkg:npm/debug@2.6.9', '144:15-144:22'],
      ['ms', '2.0.0', false, 'npm', 'pkg:npm/ms@2.0.0', '164:19-164:23'],
      ['ms', '2.1.3', true, 'npm', 'pkg:npm/ms@2.1.3', '186:15-186:19'],
      ['fastify-plugin', '4.5.1', false, 'npm', 'pkg:npm/fastify-plugin@4.5.1', '206:15-206:31'],
      ['mnemonist', '0.39.6', false, 'npm', 'pkg:npm/mnemonist@0.39.6', '226:15-226:26'],
      ['obliterator', '2.0.5', false, 'npm', 'pkg:npm/obliterator@2.0.5', '246:15-246:28'],
    ],
  );
  assert.ok(index.dependencies.every((d) => d.source === 'registry' && d.spec === undefined && d.file === 'bom.json'));
  // The tools in metadata are not dependencies; the direct ms wins over the nested one.
  assert.equal(index.resolved!.ms, '2.1.3');
  assert.equal(index.resolved!['@fastify/cors'], '9.0.1');
  assert.equal(index.resolved!['cyclonedx-npm'], undefined);
});

const BOM_16 = `{
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "metadata": { "tools": [{ "vendor": "acme", "name": "scanner" }], "component": { "type": "application", "group": "com.acme", "name": "gateway" } },
  "components": [
    { "type": "library", "name": "Django", "version": "4.2.11", "purl": "pkg:pypi/django@4.2.11" },
    { "type": "library", "name": "ruamel.yaml", "purl": "pkg:pypi/ruamel.yaml@0.18.6" },
    { "type": "library", "group": "org.apache.commons", "name": "commons-lang3", "version": "3.14.0",
      "purl": "pkg:maven/org.apache.commons/commons-lang3@3.14.0?type=jar" },
    { "type": "library", "name": "openssl", "version": "3.0.13",
      "components": [{ "type": "file", "name": "libcrypto.so.3", "version": "3.0.13" }] },
    { "type": "library", "name": "pump-codecs", "version": "0.9.1", "purl": "pkg:pypi/pump-codecs@0.9.1?vcs_url=git%2Bhttps://example.com/p.git" },
    { "type": "library", "purl": "pkg:npm/@scope/unencoded@1.0.0" }
  ]
}`;

test('CycloneDX 1.6 without a dependency graph: top-level components are direct, ecosystem from the purl type', () => {
  const index = parseCycloneDx('sbom/bom.cdx.json', BOM_16);
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'com.acme/gateway' });
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.version, d.ecosystem, d.direct, d.source]),
    [
      ['django', '4.2.11', 'pypi', true, 'registry'],
      ['ruamel-yaml', '0.18.6', 'pypi', true, 'registry'],
      ['org.apache.commons:commons-lang3', '3.14.0', 'maven', true, 'registry'],
      ['openssl', '3.0.13', 'generic', true, 'registry'],
      ['libcrypto.so.3', '3.0.13', 'generic', false, 'registry'],
      ['pump-codecs', '0.9.1', 'pypi', true, 'git'],
      ['@scope/unencoded', '1.0.0', 'npm', true, 'registry'],
    ],
  );
  // A component without a name is ranged at its purl.
  assert.equal(at(index.dependencies[6]), '13:34-13:66');
});

test('CycloneDX 1.4: tools as an array, root graph with an empty dependsOn', () => {
  const text = JSON.stringify(
    {
      bomFormat: 'CycloneDX',
      specVersion: '1.4',
      version: 1,
      metadata: {
        tools: [{ vendor: 'x', name: 'y', version: '1' }],
        component: { 'bom-ref': 'app', name: 'app', version: '1.0.0' },
      },
      components: [{ 'bom-ref': 'a', name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0' }],
      dependencies: [{ ref: 'app', dependsOn: [] }, { ref: 'a' }],
    },
    null,
    2,
  );
  const index = parseCycloneDx('bom.json', text);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.direct]),
    [['a', false]],
  );
  assert.deepEqual(index.project, { name: 'app', version: '1.0.0' });
});

test('parsePurl and purlPackageName', () => {
  assert.deepEqual(parsePurl('pkg:npm/%40fastify/cors@9.0.1'), {
    type: 'npm',
    namespace: '@fastify',
    name: 'cors',
    version: '9.0.1',
    qualifiers: {},
  });
  assert.equal(purlPackageName(parsePurl('pkg:npm/%40scope/name@1')!), '@scope/name');
  assert.equal(purlPackageName(parsePurl('pkg:pypi/Flask_SQLAlchemy@3.1.1')!), 'flask-sqlalchemy');
  assert.deepEqual(parsePurl('pkg:golang/github.com/gorilla/mux@v1.8.1#sub/dir'), {
    type: 'golang',
    namespace: 'github.com/gorilla',
    name: 'mux',
    version: 'v1.8.1',
    qualifiers: {},
  });
  assert.deepEqual(parsePurl('pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie')!.qualifiers, {
    arch: 'i386',
    distro: 'jessie',
  });
  assert.equal(parsePurl('pkg:npm/x')!.version, undefined);
  assert.equal(parsePurl('npm/x@1'), undefined);
  assert.equal(parsePurl('pkg:npm/'), undefined);
});

test('invalid BOMs: problems with locations, never a throw', () => {
  const truncated = parseCycloneDx('bom.json', read('malformed/bom.json'));
  assert.equal(truncated.problems.length, 1);
  assert.match(truncated.problems[0].message, /bom\.json is not valid JSON/);
  assert.equal(truncated.problems[0].range.line, 16);
  assert.deepEqual(
    truncated.dependencies.map((d) => [d.name, d.version]),
    [
      ['lodash', '4.17.21'],
      ['minimist', '1.2.8'],
    ],
  );

  const notCdx = parseCycloneDx('bom.json', '{\n  "bomFormat": "SPDX"\n}');
  assert.deepEqual(
    notCdx.problems.map((p) => [p.range.line, p.range.column]),
    [[2, 16]],
  );
  assert.match(notCdx.problems[0].message, /not a CycloneDX BOM/);

  const odd = parseCycloneDx(
    'bom.json',
    JSON.stringify({
      bomFormat: 'CycloneDX',
      components: [7, { type: 'library' }, { name: 'x', purl: 'not a purl' }],
      dependencies: 'nope',
    }),
  );
  assert.deepEqual(
    odd.problems.map((p) => p.message),
    [
      "'dependencies' must be an array; the dependency graph is not read",
      'a component must be an object',
      'a component without a name or purl',
      "not a package URL: 'not a purl'",
    ],
  );
  assert.deepEqual(
    odd.dependencies.map((d) => [d.name, d.ecosystem]),
    [['x', 'generic']],
  );
  assert.match(
    parseCycloneDx('bom.json', '{"bomFormat": "CycloneDX", "components": {}}').problems[0].message,
    /'components' must be an array/,
  );
  let deep = '{"name": "leaf"}';
  for (let i = 0; i < 100; i++) deep = `{"name": "n${i}", "components": [${deep}]}`;
  const nested = parseCycloneDx('bom.json', `{"bomFormat": "CycloneDX", "components": [${deep}]}`);
  assert.equal(nested.dependencies.length, 65);
  assert.match(nested.problems[0].message, /nested too deeply/);
  for (const text of [
    '',
    '[]',
    '{',
    'null',
    '{"bomFormat": "CycloneDX", "components": [{"name": "__proto__", "version": "1"}]}',
  ]) {
    assert.ok(Array.isArray(parseCycloneDx('bom.json', text).problems));
  }
});

test('CRLF BOM: same lines and columns', () => {
  const lf = read('cyclonedx/bom.json');
  assert.deepEqual(
    parseCycloneDx('b', lf.replace(/\n/g, '\r\n')).dependencies.map(at),
    parseCycloneDx('b', lf).dependencies.map(at),
  );
});

const SBOM_FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/dependency-files/sbom');
const readSbom = (p: string) => readFileSync(path.join(SBOM_FIXTURES, p), 'utf8');

test('CycloneDX 1.5 from npm sbom: the dependencies graph by bom-ref, the root dependsOn direct, the npm development property', () => {
  const index = parseCycloneDx('bom.cdx.json', readSbom('bom.cdx.json'));
  assert.deepEqual(index.problems, []);
  const qs = index.dependencies.find((d) => d.name === 'qs')!;
  assert.deepEqual([qs.node, at(qs)], [{ file: 'bom.cdx.json', key: 'qs@6.13.0' }, '1630:15-1630:19']);
  const graph = index.graph!;
  assert.deepEqual({ ...graph.importers[''] }, { express: 'express@4.21.2', 'is-number': 'is-number@7.0.0' });
  const express = graph.packages.find((p) => p.key === 'express@4.21.2')!;
  assert.ok(express.dependsOn.includes('qs@6.13.0') && express.dependsOn.includes('body-parser@1.20.3'));
  assert.deepEqual(
    graph.packages.filter((p) => p.dev).map((p) => p.key),
    ['is-number@7.0.0'],
  );
});

test('CycloneDX 1.6 from cyclonedx-npm: nested components are packages of the graph, reached through their parent', () => {
  const index = parseCycloneDx('bom-1.6.cdx.json', readSbom('bom-1.6.cdx.json'));
  assert.deepEqual(index.problems, []);
  const graph = index.graph!;
  const nested = reachableFrom(graph, graph.importers[''].express).find(
    (r) => r.pkg.key === 'pump-gateway@1.0.0|send@0.19.0|encodeurl@1.0.4',
  )!;
  assert.equal(pathLabel(nested), 'encodeurl@1.0.4 via express@4.21.2 > send@0.19.0');
  assert.equal(index.dependencies.find((d) => d.node?.key === nested.pkg.key)!.direct, false);
  // The top-level copy is the version of the name.
  assert.equal(index.resolved!.encodeurl, '2.0.3');
  // The tools of metadata are no components.
  assert.ok(!index.dependencies.some((d) => d.name === '@cyclonedx/cyclonedx-npm' || d.name === 'npm'));
});

test('CycloneDX: the graph decides direct (a top-level component the root does not depend on is indirect); scope flags', () => {
  const index = parseCycloneDx(
    'bom.json',
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { component: { 'bom-ref': 'root', name: 'app' } },
      components: [
        { 'bom-ref': 'a', name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0' },
        { 'bom-ref': 'b', name: 'b', version: '2.0.0', purl: 'pkg:npm/b@2.0.0' },
        { 'bom-ref': 'lint', name: 'lint', version: '3.0.0', scope: 'excluded' },
        { 'bom-ref': 'opt', name: 'opt', version: '4.0.0', scope: 'optional' },
        { name: 'no-ref', version: '5.0.0' },
      ],
      dependencies: [
        { ref: 'root', dependsOn: ['a', 'lint', 'opt'] },
        { ref: 'a', dependsOn: ['b', 'missing'] },
        { ref: 'b', dependsOn: ['a'] },
      ],
    }),
  );
  assert.deepEqual(index.problems, []);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.direct, d.dev === true, d.optional === true, d.node?.key]),
    [
      ['a', true, false, false, 'a'],
      ['b', false, false, false, 'b'],
      ['lint', true, true, false, 'lint'],
      ['opt', true, false, true, 'opt'],
      ['no-ref', false, false, false, 'component #5'],
    ],
  );
  const graph = index.graph!;
  // Edges to unknown refs are dropped; a cycle is kept and followed once.
  assert.deepEqual(graph.packages.find((p) => p.key === 'a')!.dependsOn, ['b']);
  assert.deepEqual(reachableFrom(graph, 'a').map(pathLabel), ['b@2.0.0 via a@1.0.0']);
});

test('CycloneDX: an unsupported spec version says which and reads nothing; a bad graph is located', () => {
  for (const v of ['1.3', '2.0', '1.7']) {
    const index = parseCycloneDx(
      'bom.json',
      `{\n  "bomFormat": "CycloneDX",\n  "specVersion": "${v}",\n  "components": [{"name": "a"}]\n}`,
    );
    assert.deepEqual(index.dependencies, []);
    assert.equal(index.problems.length, 1);
    assert.equal(
      index.problems[0].message,
      `bom.json: CycloneDX spec version "${v}" is not read (Seclife reads CycloneDX 1.4–1.6); its components are not checked`,
    );
    assert.deepEqual([index.problems[0].range.line, index.problems[0].range.column], [3, 18]);
  }
  const bad = parseCycloneDx(
    'bom.json',
    '{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"bom-ref": "a", "name": "a"}],\n "dependencies": [{"dependsOn": ["a"]}, {"ref": "a", "dependsOn": "b"}]}',
  );
  assert.deepEqual(
    bad.problems.map((p) => [p.message, p.range.line, p.range.column]),
    [
      ["a 'dependencies' entry without a 'ref'", 2, 19],
      ["'dependsOn' must be an array", 2, 67],
    ],
  );
  assert.equal(bad.dependencies.length, 1);
});

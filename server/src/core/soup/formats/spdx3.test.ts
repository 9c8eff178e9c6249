import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from '../dependency';
import { pathLabel, reachableFrom } from '../dependencyGraph';
import { isSpdx3, parseSpdx3, spdx3Format } from './spdx3';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/sbom');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const at = (d: Dependency) => `${d.range.line}:${d.range.column}-${d.range.endLine}:${d.range.endColumn}`;
const NS = 'http://spdx.org/spdxdocs/pump-gateway-1.0.0-93c1d386-45eb-4197-a465-575b392a9e1b#';

test('SPDX 3.0.1 JSON-LD: the Sbom root is the project; purls from software_packageUrl and externalIdentifier', () => {
  const index = parseSpdx3('bom.spdx.jsonld', read('bom.spdx.jsonld'));
  assert.equal(index.kind, 'spdx3');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'pump-gateway', version: '1.0.0' });
  const qs = index.dependencies.find((d) => d.name === 'qs')!;
  assert.equal(qs.purl, 'pkg:npm/qs@6.13.0'); // an externalIdentifier of type packageUrl
  assert.equal(at(qs), '815:15-815:19');
  assert.equal(index.dependencies.find((d) => d.name === 'accepts')!.purl, 'pkg:npm/accepts@1.3.8');
  // The devDependency is a LifecycleScopedRelationship with scope development.
  const dev = index.graph!.packages.filter((p) => p.dev).map((p) => p.key);
  assert.deepEqual(dev, [`${NS}SPDXRef-Package-is-number-7.0.0`]);
});

const graphOf = (elements: unknown[], context: unknown = 'https://spdx.org/rdf/3.0.0/spdx-context.jsonld') =>
  JSON.stringify({ '@context': context, '@graph': elements }, null, 2);
const pkg = (id: string, name: string, version?: string, purl?: string) => ({
  type: 'software_Package',
  spdxId: id,
  creationInfo: '_:c',
  name,
  ...(version ? { software_packageVersion: version } : {}),
  ...(purl ? { software_packageUrl: purl } : {}),
});
const rel = (from: string, type: string, to: string[], extra: Record<string, unknown> = {}) => ({
  type: 'Relationship',
  spdxId: `urn:r:${from}:${type}`,
  creationInfo: '_:c',
  from,
  relationshipType: type,
  to,
  ...extra,
});

test('SPDX 3.0: describes names the project; dependsOn, contains, optional and build-scoped edges', () => {
  const text = graphOf(
    [
      { type: 'CreationInfo', '@id': '_:c', specVersion: '3.0.0', created: '2026-01-01T00:00:00Z' },
      pkg('urn:app', 'app', '1.0.0'),
      pkg('urn:django', 'Django', '4.2.11', 'pkg:pypi/django@4.2.11'),
      pkg('urn:sqlparse', 'sqlparse', '0.5.0', 'pkg:pypi/sqlparse@0.5.0'),
      pkg('urn:uvloop', 'uvloop', '0.19.0'),
      pkg('urn:black', 'black', '24.1.0'),
      { type: 'ai_AIPackage', spdxId: 'urn:model', name: 'reranker', software_packageVersion: '3' },
      { type: 'software_File', spdxId: 'urn:file', name: 'app.py' },
      rel('urn:doc', 'describes', ['urn:app']),
      rel('urn:app', 'dependsOn', ['urn:django', 'urn:missing']),
      rel('urn:django', 'dependsOn', ['urn:sqlparse']),
      rel('urn:app', 'hasOptionalDependency', ['urn:uvloop']),
      { ...rel('urn:app', 'dependsOn', ['urn:black']), type: 'LifecycleScopedRelationship', scope: 'build' },
      rel('urn:app', 'contains', ['urn:model', 'urn:file']),
      rel('urn:app', 'hasDeclaredLicense', ['urn:license']),
    ],
    ['https://spdx.org/rdf/3.0.0/spdx-context.jsonld', { extra: 'urn:x' }],
  );
  const index = parseSpdx3('a.spdx.json', text);
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'app', version: '1.0.0' });
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.version, d.ecosystem, d.direct, d.dev === true, d.optional === true]),
    [
      ['django', '4.2.11', 'pypi', true, false, false],
      ['sqlparse', '0.5.0', 'pypi', false, false, false],
      ['uvloop', '0.19.0', 'generic', true, false, true],
      ['black', '24.1.0', 'generic', true, true, false],
      ['reranker', '3', 'generic', true, false, false],
    ],
  );
  assert.deepEqual(reachableFrom(index.graph!, 'urn:django').map(pathLabel), ['sqlparse@0.5.0 via django@4.2.11']);
});

test('SPDX 3: without relationships the graph is flat and every package direct', () => {
  const index = parseSpdx3('a.spdx.jsonld', graphOf([pkg('urn:a', 'a', '1'), pkg('urn:b', 'b', '2')]));
  assert.equal(index.graph!.edges, false);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.direct]),
    [
      ['a', true],
      ['b', true],
    ],
  );
});

test('SPDX 3: other versions say which and read nothing; malformed input and bad elements are located', () => {
  const v31 = parseSpdx3('a.spdx.jsonld', graphOf([pkg('urn:a', 'a')], 'https://spdx.org/rdf/3.1/spdx-context.jsonld'));
  assert.deepEqual(v31.dependencies, []);
  assert.deepEqual(
    v31.problems.map((p) => [p.message, p.range.line]),
    [
      [
        'a.spdx.jsonld: SPDX version "3.1" is not read (Seclife reads SPDX 3.0 JSON-LD); its packages are not checked',
        2,
      ],
    ],
  );
  const spec = parseSpdx3(
    'a.spdx.jsonld',
    graphOf([{ type: 'CreationInfo', '@id': '_:c', specVersion: '3.1.0' }, pkg('urn:a', 'a')]),
  );
  assert.match(spec.problems[0].message, /SPDX version "3\.1\.0" is not read/);
  assert.equal(spec.problems[0].range.line, 7);
  assert.match(
    parseSpdx3('a.jsonld', '{"@context": "https://schema.org"}').problems[0].message,
    /not an SPDX 3 JSON-LD/,
  );
  assert.match(
    parseSpdx3('a.jsonld', '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": {}}').problems[0]
      .message,
    /not an SPDX 3 JSON-LD/,
  );
  const broken = parseSpdx3(
    'a.spdx.jsonld',
    '{\n  "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",\n  "@graph": [\n    {"type": "software_Package", "spdxId": "urn:a", "name": "a"},\n    {"type": ',
  );
  assert.match(broken.problems[0].message, /a\.spdx\.jsonld is not valid JSON/);
  assert.equal(broken.problems[0].range.line, 5);
  assert.deepEqual(
    broken.dependencies.map((d) => d.name),
    ['a'],
  );
  const odd = parseSpdx3(
    'a.spdx.jsonld',
    graphOf([
      { type: 'software_Package', name: 'no-id' },
      { type: 'software_Package', spdxId: 'urn:x' },
      { type: 'software_Package', spdxId: 'urn:y', name: 'y', software_packageUrl: 'nope' },
      { type: 'Relationship', relationshipType: 'dependsOn', to: ['urn:y'] },
      7,
      { type: 'software_Package', spdxId: '__proto__', name: '__proto__', software_packageVersion: '1' },
    ]),
  );
  assert.deepEqual(
    odd.problems.map((p) => p.message),
    [
      'a package without an spdxId: it is in no relationship',
      'a package without a name or purl',
      "not a package URL: 'nope'",
      "a relationship without 'from' and 'relationshipType' strings",
    ],
  );
  assert.equal(Object.hasOwn(odd.resolved!, '__proto__'), false);
  for (const text of ['', '[]', 'null', '{"@context": 3, "@graph": []}'])
    assert.ok(Array.isArray(parseSpdx3('a', text).problems));
});

test('SPDX 3: sniffing and discovery', () => {
  assert.equal(isSpdx3(read('bom.spdx.jsonld')), true);
  assert.equal(isSpdx3(read('bom.spdx.json')), false);
  assert.equal(isSpdx3(read('bom.cdx.json')), false);
  assert.equal(spdx3Format.discovery.names.test('app.spdx.jsonld'), true);
});

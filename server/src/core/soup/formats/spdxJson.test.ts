import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from '../dependency';
import { pathLabel, reachableFrom } from '../dependencyGraph';
import { isSpdxJson, parseSpdxJson, spdxJsonFormat } from './spdxJson';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/sbom');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const at = (d: Dependency) => `${d.range.line}:${d.range.column}-${d.range.endLine}:${d.range.endColumn}`;

test('SPDX 2.3 JSON from npm sbom: packages at their name, DEPENDENCY_OF edges, the described package the project', () => {
  const index = parseSpdxJson('bom.spdx.json', read('bom.spdx.json'));
  assert.equal(index.kind, 'spdx-json');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'pump-gateway', version: '1.0.0' });
  const qs = index.dependencies.find((d) => d.name === 'qs')!;
  assert.equal(at(qs), '1309:15-1309:19');
  const graph = index.graph!;
  const express = graph.packages.find((p) => p.key === 'SPDXRef-Package-express-4.21.2')!;
  assert.ok(express.dependsOn.includes('SPDXRef-Package-qs-6.13.0'));
  // DEV_DEPENDENCY_OF the project.
  assert.deepEqual(
    graph.packages.filter((p) => p.dev).map((p) => p.key),
    ['SPDXRef-Package-is-number-7.0.0'],
  );
});

const doc = (over: Record<string, unknown>) =>
  JSON.stringify(
    {
      spdxVersion: 'SPDX-2.2',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'x',
      packages: [
        { SPDXID: 'SPDXRef-app', name: 'app', versionInfo: '0.1.0' },
        {
          SPDXID: 'SPDXRef-django',
          name: 'Django',
          versionInfo: '4.2.11',
          externalRefs: [
            { referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:a:django:django' },
            { referenceCategory: 'PACKAGE_MANAGER', referenceType: 'purl', referenceLocator: 'pkg:pypi/django@4.2.11' },
          ],
        },
        { SPDXID: 'SPDXRef-sqlparse', name: 'sqlparse', versionInfo: '0.5.0' },
        { SPDXID: 'SPDXRef-pytest', name: 'pytest', versionInfo: '8.0.0' },
        { SPDXID: 'SPDXRef-uvloop', name: 'uvloop', versionInfo: 'NOASSERTION' },
        { SPDXID: 'SPDXRef-libc', name: 'libc' },
      ],
      relationships: [
        { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-app' },
        { spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-django' },
        { spdxElementId: 'SPDXRef-django', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-sqlparse' },
        { spdxElementId: 'SPDXRef-pytest', relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-app' },
        {
          spdxElementId: 'SPDXRef-uvloop',
          relationshipType: 'OPTIONAL_DEPENDENCY_OF',
          relatedSpdxElement: 'SPDXRef-app',
        },
        { spdxElementId: 'SPDXRef-app', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-libc' },
        { spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'NOASSERTION' },
        {
          spdxElementId: 'SPDXRef-django',
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: 'DocumentRef-other:SPDXRef-x',
        },
      ],
      ...over,
    },
    null,
    2,
  );

test('SPDX 2.2 JSON: DESCRIBES, DEPENDS_ON, CONTAINS, DEV_ and OPTIONAL_DEPENDENCY_OF; purls of PACKAGE_MANAGER refs', () => {
  const index = parseSpdxJson('sbom.spdx.json', doc({}));
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'app', version: '0.1.0' });
  assert.deepEqual(
    index.dependencies.map((d) => [
      d.name,
      d.version,
      d.ecosystem,
      d.purl,
      d.direct,
      d.dev === true,
      d.optional === true,
    ]),
    [
      ['django', '4.2.11', 'pypi', 'pkg:pypi/django@4.2.11', true, false, false],
      ['sqlparse', '0.5.0', 'generic', undefined, false, false, false],
      ['pytest', '8.0.0', 'generic', undefined, true, true, false],
      ['uvloop', undefined, 'generic', undefined, true, false, true],
      ['libc', undefined, 'generic', undefined, true, false, false],
    ],
  );
  assert.deepEqual(reachableFrom(index.graph!, 'SPDXRef-django').map(pathLabel), ['sqlparse@0.5.0 via django@4.2.11']);
});

test('SPDX JSON: documentDescribes names the project; without relationships every package is direct and the graph flat', () => {
  const described = parseSpdxJson(
    'a.spdx.json',
    doc({
      documentDescribes: ['SPDXRef-app'],
      relationships: [
        { spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-libc' },
      ],
    }),
  );
  assert.deepEqual(
    described.dependencies.filter((d) => d.direct).map((d) => d.name),
    ['libc'],
  );
  const flat = parseSpdxJson('a.spdx.json', doc({ relationships: undefined }));
  assert.equal(flat.graph!.edges, false);
  assert.equal(flat.project, undefined);
  assert.equal(flat.dependencies.filter((d) => d.direct).length, 6);
  // With edges but nothing from a project: the packages nothing depends on are direct.
  const noRoot = parseSpdxJson(
    'a.spdx.json',
    doc({
      relationships: [
        { spdxElementId: 'SPDXRef-django', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-sqlparse' },
      ],
    }),
  );
  assert.deepEqual(
    noRoot.dependencies.filter((d) => !d.direct).map((d) => d.name),
    ['sqlparse'],
  );
});

test('SPDX JSON: unsupported versions say which; malformed input and bad entries are located', () => {
  for (const v of ['SPDX-2.1', 'SPDX-3.0']) {
    const index = parseSpdxJson(
      'a.spdx.json',
      `{\n  "spdxVersion": "${v}",\n  "packages": [{"SPDXID": "SPDXRef-a", "name": "a"}]\n}`,
    );
    assert.deepEqual(index.dependencies, []);
    assert.deepEqual(
      index.problems.map((p) => [p.message, p.range.line, p.range.column]),
      [
        [
          `a.spdx.json: SPDX version '${v}' is not read (Seclife reads SPDX-2.2 and SPDX-2.3 here, SPDX 3.0 as JSON-LD); its packages are not checked`,
          2,
          18,
        ],
      ],
    );
  }
  const broken = parseSpdxJson(
    'a.spdx.json',
    '{\n  "spdxVersion": "SPDX-2.3",\n  "packages": [\n    {"SPDXID": "SPDXRef-a", "name": "a"},\n    {"name": ',
  );
  assert.match(broken.problems[0].message, /a\.spdx\.json is not valid JSON/);
  assert.equal(broken.problems[0].range.line, 5);
  assert.deepEqual(
    broken.dependencies.map((d) => d.name),
    ['a'],
  );
  const odd = parseSpdxJson(
    'a.spdx.json',
    JSON.stringify({
      spdxVersion: 'SPDX-2.3',
      packages: [
        7,
        { name: 'no-id' },
        { SPDXID: 'SPDXRef-x' },
        {
          SPDXID: 'SPDXRef-y',
          name: 'y',
          externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'nope' }],
        },
        { SPDXID: '__proto__', name: '__proto__', versionInfo: '1' },
      ],
      relationships: [{ spdxElementId: 'SPDXRef-y' }, 'x'],
    }),
  );
  assert.deepEqual(
    odd.problems.map((p) => p.message),
    [
      'a package must be an object',
      'a package without an SPDXID: it is in no relationship',
      'a package without a name or purl',
      "not a package URL: 'nope'",
      "a relationship without 'spdxElementId', 'relationshipType' and 'relatedSpdxElement' strings",
      "a relationship without 'spdxElementId', 'relationshipType' and 'relatedSpdxElement' strings",
    ],
  );
  assert.equal(Object.hasOwn(odd.resolved!, '__proto__'), false);
  assert.match(parseSpdxJson('a.spdx.json', '{"name": "x"}').problems[0].message, /not an SPDX 2 JSON document/);
  assert.match(
    parseSpdxJson('a.spdx.json', '{"spdxVersion": "SPDX-2.3", "packages": {}}').problems[0].message,
    /'packages' must be an array/,
  );
  for (const text of ['', '[]', 'null', '{"spdxVersion": 2}'])
    assert.ok(Array.isArray(parseSpdxJson('a', text).problems));
});

test('SPDX JSON: sniffing and discovery', () => {
  assert.equal(isSpdxJson(read('bom.spdx.json')), true);
  assert.equal(isSpdxJson(read('bom.cdx.json')), false);
  assert.equal(isSpdxJson(read('bom.spdx.jsonld')), false);
  assert.equal(spdxJsonFormat.discovery.names.test('app.spdx.json'), true);
  assert.equal(spdxJsonFormat.discovery.names.test('app.spdx.jsonld'), false);
});

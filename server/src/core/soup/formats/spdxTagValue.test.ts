import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from '../dependency';
import { pathLabel, reachableFrom } from '../dependencyGraph';
import { isSpdxTagValue, parseSpdxTagValue, spdxTagValueFormat } from './spdxTagValue';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/sbom');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const at = (d: Dependency) => `${d.range.line}:${d.range.column}-${d.range.endLine}:${d.range.endColumn}`;

test('SPDX 2.3 tag-value: packages at their PackageName line; <text> values are skipped, tags inside them too', () => {
  const index = parseSpdxTagValue('bom.spdx', read('bom.spdx'));
  assert.equal(index.kind, 'spdx-tag-value');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'pump-gateway', version: '1.0.0' });
  const qs = index.dependencies.find((d) => d.name === 'qs')!;
  assert.equal(at(qs), '829:1-829:16');
  // The express PackageComment holds `PackageName: not-a-package` and `SPDXID: …` lines.
  assert.ok(!index.dependencies.some((d) => d.name === 'not-a-package'));
  const express = index.dependencies.find((d) => d.name === 'express')!;
  assert.deepEqual(express.node, { file: 'bom.spdx', key: 'SPDXRef-Package-express-4.21.2' });
  assert.equal(express.purl, 'pkg:npm/express@4.21.2');
});

const DOC = `SPDXVersion: SPDX-2.2
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: gateway
DocumentComment: <text>Two lines,
SPDXID: SPDXRef-not-the-document</text>
# a comment line

PackageName: gateway
SPDXID: SPDXRef-gateway
PackageVersion: 2.0.0

PackageName: Django
SPDXID: SPDXRef-django
PackageVersion: 4.2.11
PackageDescription: <text>one line</text>
ExternalRef: SECURITY cpe23Type cpe:2.3:a:djangoproject:django:4.2.11:*:*:*:*:*:*:*
ExternalRef: PACKAGE_MANAGER purl pkg:pypi/django@4.2.11
FileName: ./django/__init__.py
SPDXID: SPDXRef-File-init
FileChecksum: SHA1: 0000000000000000000000000000000000000000

PackageName: sqlparse
SPDXID: SPDXRef-sqlparse
PackageVersion: NOASSERTION
ExternalRef: PACKAGE-MANAGER purl pkg:pypi/sqlparse@0.5.0

PackageName: pytest
SPDXID: SPDXRef-pytest
PackageVersion: 8.0.0

Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-gateway
Relationship: SPDXRef-gateway DEPENDS_ON SPDXRef-django
Relationship: SPDXRef-sqlparse DEPENDENCY_OF SPDXRef-django
Relationship: SPDXRef-pytest DEV_DEPENDENCY_OF SPDXRef-gateway
Relationship: SPDXRef-django CONTAINS SPDXRef-File-init
`;

test('SPDX 2.2 tag-value: sections, file SPDXIDs not taken for the package, purls, relationships', () => {
  const index = parseSpdxTagValue('deps.spdx', DOC);
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'gateway', version: '2.0.0' });
  assert.deepEqual(
    index.dependencies.map((d) => [
      d.name,
      d.version,
      d.ecosystem,
      d.direct,
      d.dev === true,
      d.node?.key,
      d.range.line,
    ]),
    [
      ['django', '4.2.11', 'pypi', true, false, 'SPDXRef-django', 13],
      ['sqlparse', '0.5.0', 'pypi', false, false, 'SPDXRef-sqlparse', 23],
      ['pytest', '8.0.0', 'generic', true, true, 'SPDXRef-pytest', 28],
    ],
  );
  assert.deepEqual(reachableFrom(index.graph!, 'SPDXRef-django').map(pathLabel), ['sqlparse@0.5.0 via django@4.2.11']);
  // CRLF: the same lines.
  assert.deepEqual(
    parseSpdxTagValue('deps.spdx', DOC.replace(/\n/g, '\r\n')).dependencies.map(at),
    index.dependencies.map(at),
  );
});

test('SPDX tag-value: unsupported versions, a missing SPDXVersion, an unclosed <text> and odd lines are located', () => {
  const old = parseSpdxTagValue(
    'a.spdx',
    'DataLicense: CC0-1.0\nSPDXVersion: SPDX-2.1\nPackageName: a\nSPDXID: SPDXRef-a\n',
  );
  assert.deepEqual(old.dependencies, []);
  assert.deepEqual(
    old.problems.map((p) => [p.message, p.range.line]),
    [
      [
        "a.spdx: SPDX version 'SPDX-2.1' is not read (Seclife reads SPDX-2.2 and SPDX-2.3 here, SPDX 3.0 as JSON-LD); its packages are not checked",
        2,
      ],
    ],
  );
  assert.match(parseSpdxTagValue('a.spdx', 'PackageName: a\n').problems.at(-1)!.message, /no 'SPDXVersion:' line/);
  const unclosed = parseSpdxTagValue(
    'a.spdx',
    'SPDXVersion: SPDX-2.3\nPackageName: a\nSPDXID: SPDXRef-a\nPackageComment: <text>never ends\nPackageName: b\n',
  );
  assert.deepEqual(
    unclosed.problems.map((p) => [p.message, p.range.line]),
    [['a <text> value that never ends (no </text>): the rest of the file is not read', 4]],
  );
  assert.deepEqual(
    unclosed.dependencies.map((d) => d.name),
    ['a'],
  );
  const odd = parseSpdxTagValue(
    'a.spdx',
    'SPDXVersion: SPDX-2.3\nthis is no tag\nPackageName: a\nExternalRef: PACKAGE-MANAGER purl not-a-purl\nRelationship: SPDXRef-a\nPackageName:\nSPDXID: SPDXRef-b\n',
  );
  assert.deepEqual(
    odd.problems.map((p) => [p.message, p.range.line]),
    [
      ["not a 'Tag: value' line; it is skipped", 2],
      ["a Relationship needs 'A TYPE B'", 5],
      ['a package without an SPDXID: it is in no relationship', 3],
      ["not a package URL: 'not-a-purl'", 4],
      ['a package without a name or purl', 6],
    ],
  );
  assert.deepEqual(
    odd.dependencies.map((d) => [d.name, d.node?.key]),
    [['a', 'package #1']],
  );
  for (const text of ['', '\n\n', 'SPDXVersion:', 'SPDXVersion: SPDX-2.3\nRelationship: a b c d e\n']) {
    assert.ok(Array.isArray(parseSpdxTagValue('a.spdx', text).problems), text);
  }
});

test('SPDX tag-value: sniffing and discovery', () => {
  assert.equal(isSpdxTagValue(read('bom.spdx')), true);
  assert.equal(isSpdxTagValue(read('bom.spdx.json')), false);
  assert.equal(isSpdxTagValue('# SPDXVersion: SPDX-2.3'), false);
  assert.equal(spdxTagValueFormat.discovery.names.test('app.spdx'), true);
  assert.equal(spdxTagValueFormat.discovery.names.test('app.spdx.json'), false);
});

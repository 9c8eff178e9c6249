import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { affects, parseAdvisories } from './advisories';
import { Advisory } from './advisory';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/advisories');
const read = (name: string) => parseAdvisories(`security/${name}`, readFileSync(path.join(FIXTURES, name), 'utf8'));
const summary = (advisories: Advisory[]) =>
  advisories.map((a) => `${a.id} [${a.aliases.join(',')}] ${a.ecosystem}:${a.package} ${a.affected.join(' | ')}`);

test('Trivy JSON (schema 2): ecosystems from purls and result types, fix lists, dates, CreatedAt', () => {
  const result = read('trivy.json');
  assert.equal(result.format, 'trivy');
  assert.deepEqual(result.problems, []);
  assert.equal(result.generatedAt, '2024-04-02T09:12:45.123456789Z');
  assert.deepEqual(summary(result.advisories), [
    // `FixedVersion: "5.0.0-beta.3, 4.19.2"`: the nearest fix above 4.18.2 is 4.19.2.
    'CVE-2024-29041 [GHSA-rv95-896h-c2vc] npm:express 4.18.2 | >=4.18.2 <4.19.2',
    'CVE-2023-43804 [GHSA-v845-jxx5-vc9f] pypi:urllib3 2.0.4 | >=2.0.4,<2.0.6',
    'CVE-2022-42003 [GHSA-jjjh-jjxp-wpff] maven:com.fasterxml.jackson.core:jackson-databind 2.13.2 | >=2.13.2 <2.13.4.2',
    'CVE-2024-2511 [] generic:openssl 3.0.11-1~deb12u2',
  ]);
  const [express, urllib3, jackson] = result.advisories;
  assert.deepEqual(express, {
    id: 'CVE-2024-29041',
    aliases: ['GHSA-rv95-896h-c2vc'],
    ecosystem: 'npm',
    package: 'express',
    affected: ['4.18.2', '>=4.18.2 <4.19.2'],
    severity: 'medium',
    summary: 'express: cause malformed URLs to be evaluated',
    url: 'https://avd.aquasec.com/nvd/cve-2024-29041',
    modified: '2024-03-26T12:55:05.01Z',
    published: '2024-03-25T21:15:46.847Z',
    source: 'trivy',
    file: 'security/trivy.json',
    range: { line: 24, column: 9, endLine: 24, endColumn: 10 },
  });
  assert.equal(urllib3.severity, 'high');
  assert.equal(affects(express, 'express', '4.19.1'), true);
  assert.equal(affects(express, 'express', '4.19.2'), false);
  assert.equal(affects(urllib3, 'urllib3', '2.0.5'), true);
  assert.equal(affects(urllib3, 'urllib3', '2.0.6'), false);
  assert.equal(affects(jackson, 'com.fasterxml.jackson.core:jackson-databind', '2.13.4.1', 'maven'), true);
  assert.equal(affects(jackson, 'com.fasterxml.jackson.core:jackson-databind', '2.13.4.2', 'maven'), false);
});

test('Trivy: result types name the ecosystem without a purl; old bare-array reports; problems', () => {
  const report = JSON.stringify(
    {
      SchemaVersion: 2,
      Results: [
        {
          Target: 'Cargo.lock',
          Type: 'cargo',
          Vulnerabilities: [{ VulnerabilityID: 'RUSTSEC-2024-0001', PkgName: 'smallvec', InstalledVersion: '1.6.0' }],
        },
        { Target: 'go.mod', Type: 'gomod', Vulnerabilities: 'none' },
        { Target: 'x', Type: 'nuget', Vulnerabilities: [{ PkgName: 'Newtonsoft.Json' }, { VulnerabilityID: 'CVE-1' }] },
      ],
    },
    null,
    2,
  );
  const result = parseAdvisories('t.json', report);
  assert.equal(result.format, 'trivy');
  assert.deepEqual(summary(result.advisories), ['RUSTSEC-2024-0001 [] cargo:smallvec 1.6.0']);
  assert.deepEqual(
    result.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
    [
      "18:26 Trivy 'Vulnerabilities' must be an array",
      "24:9 a Trivy vulnerability without a 'VulnerabilityID'",
      "27:9 Trivy vulnerability CVE-1 names no package ('PkgName')",
    ],
  );

  const old = parseAdvisories(
    'old.json',
    JSON.stringify([
      { Target: 'package-lock.json', Vulnerabilities: null },
      {
        Target: 'yarn.lock',
        Type: 'yarn',
        Vulnerabilities: [
          {
            VulnerabilityID: 'CVE-2018-16487',
            PkgName: 'lodash',
            InstalledVersion: '4.17.4',
            FixedVersion: '>=4.17.11',
          },
        ],
      },
    ]),
  );
  assert.equal(old.format, 'trivy');
  assert.deepEqual(summary(old.advisories), ['CVE-2018-16487 [] npm:lodash 4.17.4 | >=4.17.4 <4.17.11']);

  const schema3 = parseAdvisories('t.json', '{"SchemaVersion": 3, "Results": []}');
  assert.deepEqual(
    schema3.problems.map((p) => p.message),
    ['Trivy report schema 3 is not 2; read as schema 2'],
  );
  const clean = parseAdvisories('t.json', '{"SchemaVersion": 2, "ArtifactName": "x"}');
  assert.deepEqual([clean.format, clean.advisories, clean.problems], ['trivy', [], []]);
  const noResults = parseAdvisories('t.json', '{"SchemaVersion": 2, "ArtifactName": "x", "Results": null}');
  assert.deepEqual([noResults.format, noResults.problems], ['trivy', []]);
});

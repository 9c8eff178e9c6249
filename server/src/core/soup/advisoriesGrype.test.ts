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

test('Grype JSON: one advisory per match, aliases from relatedVulnerabilities, the report timestamp', () => {
  const result = read('grype.json');
  assert.equal(result.format, 'grype');
  assert.deepEqual(result.problems, []);
  assert.equal(result.generatedAt, '2024-02-12T10:15:30.412339+00:00');
  assert.deepEqual(summary(result.advisories), [
    'GHSA-35jh-r3h4-6jhm [CVE-2021-23337] npm:lodash 4.17.20 | >=4.17.20 <4.17.21',
    'GHSA-j8r2-6x86-q33q [CVE-2023-32681] pypi:requests 2.30.0 | >=2.30.0,<2.31.0',
    // Maven artifacts are named group:artifact (from the purl; Grype's name is the artifact only);
    // of the fixes 2.3.1, 2.12.2, 2.15.0 the nearest above the installed version bounds the range.
    'GHSA-jfh8-c2jp-5v3q [CVE-2021-44228] maven:org.apache.logging.log4j:log4j-core 2.14.1 | >=2.14.1 <2.15.0',
    'GHSA-4v7x-pqxf-cx7m [CVE-2023-45288] golang:golang.org/x/net v0.17.0 | >=v0.17.0 <0.23.0',
    // An OS package: generic, and the same ID as its related vulnerability is not an alias.
    'CVE-2021-33574 [] generic:libc-bin 2.28-10',
  ]);
  const [lodash, requests, log4j, net] = result.advisories;
  assert.deepEqual(lodash, {
    id: 'GHSA-35jh-r3h4-6jhm',
    aliases: ['CVE-2021-23337'],
    ecosystem: 'npm',
    package: 'lodash',
    affected: ['4.17.20', '>=4.17.20 <4.17.21'],
    severity: 'high',
    summary: 'Command Injection in lodash',
    url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
    source: 'grype',
    file: 'security/grype.json',
    range: { line: 3, column: 3, endLine: 3, endColumn: 4 },
  });
  assert.equal(requests.severity, 'medium');
  assert.equal(log4j.severity, 'critical');
  for (const [advisory, version, hit] of [
    [lodash, '4.17.20', true],
    [lodash, '4.17.21', false],
    [requests, '2.30.1', true],
    [requests, '2.31.0', false],
    [log4j, '2.14.1', true],
    [log4j, '2.15.0', false],
    [net, 'v0.17.0', true],
    [net, 'v0.22.0', true],
    [net, 'v0.23.0', false],
  ] as const) {
    assert.equal(
      affects(advisory, advisory.package, version, advisory.ecosystem),
      hit,
      `${advisory.package}@${version}`,
    );
  }
  assert.equal(affects(log4j, 'org.apache.logging.log4j:log4j-core', '2.14.1', 'maven'), true);
  assert.equal(affects(log4j, 'log4j-core', '2.14.1', 'maven'), false, 'the artifact name alone is another package');
});

test('Grype: a match without an id or artifact is a located problem; other matches are read', () => {
  const text = JSON.stringify(
    {
      matches: [
        { vulnerability: { severity: 'High' }, artifact: { name: 'a', version: '1.0.0', type: 'npm' } },
        { vulnerability: { id: 'GHSA-aaaa-bbbb-cccc' } },
        { vulnerability: { id: 'CVE-2024-0001', fix: { versions: ['1.2.0'] } }, artifact: { type: 'npm' } },
        {
          vulnerability: { id: 'CVE-2024-0002', severity: 'Unknown', fix: { versions: ['2.0.0'], state: 'fixed' } },
          artifact: { name: 'b', version: '1.5.0', type: 'npm', purl: 'pkg:npm/b@1.5.0' },
        },
      ],
      descriptor: { name: 'grype', version: '0.80.0', timestamp: 'yesterday' },
    },
    null,
    2,
  );
  const result = parseAdvisories('g.json', text);
  assert.equal(result.format, 'grype');
  assert.equal(result.generatedAt, undefined, 'a timestamp that is not ISO 8601 is dropped');
  assert.deepEqual(
    result.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
    [
      "4:24 a Grype match without a 'vulnerability.id'",
      "13:5 Grype match GHSA-aaaa-bbbb-cccc has no 'artifact'",
      '27:19 Grype match CVE-2024-0001 names no package',
    ],
  );
  assert.deepEqual(summary(result.advisories), ['CVE-2024-0002 [] npm:b 1.5.0 | >=1.5.0 <2.0.0']);
  assert.equal(result.advisories[0].severity, undefined, "Grype's 'Unknown' severity is no severity");
  const empty = parseAdvisories('g.json', '{"matches":[],"descriptor":{"name":"grype"}}');
  assert.deepEqual([empty.format, empty.advisories, empty.problems], ['grype', [], []]);
});

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

test('Dependency-Track FPF: findings → advisories, aliases, affectedVersions, analysis, meta.timestamp', () => {
  const result = read('dependency-track-fpf.json');
  assert.equal(result.format, 'fpf');
  assert.deepEqual(result.problems, []);
  assert.equal(result.generatedAt, '2024-05-06T08:30:00Z');
  assert.deepEqual(summary(result.advisories), [
    'GHSA-wf5p-g6vw-rhxx [CVE-2023-45857] npm:axios 1.5.1',
    'CVE-2022-42889 [GHSA-599f-7c49-w659] maven:org.apache.commons:commons-text 1.9 | >=1.5 <1.10.0',
    // No purl: the `@babel` group is an npm scope.
    'GHSA-67hx-6x53-jw92 [CVE-2023-45133] npm:@babel/traverse 7.22.5',
  ]);
  const [axios, text, babel] = result.advisories;
  assert.deepEqual(axios, {
    id: 'GHSA-wf5p-g6vw-rhxx',
    aliases: ['CVE-2023-45857'],
    ecosystem: 'npm',
    package: 'axios',
    affected: ['1.5.1'],
    severity: 'medium',
    summary: 'Axios Cross-Site Request Forgery Vulnerability',
    url: 'https://github.com/advisories/GHSA-wf5p-g6vw-rhxx',
    published: '2023-11-08T21:30:35.0Z',
    analysis: { state: 'IN_TRIAGE', suppressed: false },
    source: 'fpf',
    file: 'security/dependency-track-fpf.json',
    range: { line: 15, column: 5, endLine: 15, endColumn: 6 },
  });
  assert.equal(text.url, 'https://nvd.nist.gov/vuln/detail/CVE-2022-42889');
  assert.equal(text.severity, 'critical');
  assert.equal(
    text.summary,
    'Apache Commons Text performs variable interpolation, allowing properties to be dynamically evaluated and expanded.',
  );
  assert.equal(affects(text, 'org.apache.commons:commons-text', '1.9', 'maven'), true);
  assert.equal(affects(text, 'org.apache.commons:commons-text', '1.6', 'maven'), true, 'from affectedVersions');
  assert.equal(affects(text, 'org.apache.commons:commons-text', '1.10.0', 'maven'), false);
  assert.deepEqual(babel.analysis, { state: 'NOT_AFFECTED', suppressed: true }, 'kept, not a disposition');
});

test('FPF: findings without a vulnId or component are located problems; other versions; empty exports', () => {
  const text = JSON.stringify(
    {
      version: '2.0',
      meta: { application: 'Dependency-Track', baseUrl: 'https://dt.example.org///' },
      findings: [
        { component: { name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0' }, vulnerability: { source: 'NVD' } },
        { component: { version: '1.0.0' }, vulnerability: { vulnId: 'CVE-2024-1', source: 'NVD' } },
        {
          component: { name: 'b', version: '2.0.0', purl: 'pkg:pypi/b@2.0.0' },
          vulnerability: { vulnId: 'SNYK-PYTHON-B-1', source: 'SNYK', severity: 'UNASSIGNED' },
        },
      ],
    },
    null,
    2,
  );
  const result = parseAdvisories('f.json', text);
  assert.equal(result.format, 'fpf');
  assert.deepEqual(
    result.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
    [
      '2:14 FPF version "2.0" is not 1.x; read as 1.x',
      "14:24 a Dependency-Track finding without a 'vulnerability.vulnId'",
      '19:20 Dependency-Track finding CVE-2024-1 names no component',
    ],
  );
  assert.deepEqual(summary(result.advisories), ['SNYK-PYTHON-B-1 [] pypi:b 2.0.0']);
  const [snyk] = result.advisories;
  assert.equal(snyk.severity, undefined, "'UNASSIGNED' is no severity");
  assert.equal(snyk.url, 'https://dt.example.org/vulnerabilities/SNYK/SNYK-PYTHON-B-1');
  for (const empty of [
    '{"version":"1.2","meta":{},"project":{},"findings":[]}',
    '{"meta":{"application":"Dependency-Track"},"findings":null}',
  ]) {
    const r = parseAdvisories('f.json', empty);
    assert.deepEqual([r.format, r.advisories, r.problems], ['fpf', [], []], empty);
  }
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { advisoryIds, affects, ghsaFromUrl, normalizePackageName, parseAdvisories } from './advisories';
import { osvEventsToRanges, osvToAdvisories } from './advisoriesOsv';
import { Advisory } from './advisory';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/soup/advisories');
const read = (name: string) => parseAdvisories(`security/${name}`, readFileSync(path.join(FIXTURES, name), 'utf8'));
const summary = (advisories: Advisory[]) =>
  advisories.map((a) => `${a.id} ${a.ecosystem}:${a.package} ${a.affected.join(' | ')}`);

test('npm audit --json (npm 7+): one advisory per via object, GHSA from the url, via strings skipped', () => {
  const result = read('npm-audit.json');
  assert.equal(result.format, 'npm-audit');
  assert.deepEqual(result.problems, []);
  assert.deepEqual(summary(result.advisories), [
    'GHSA-qwcr-r2fm-qrc7 npm:body-parser <1.20.3',
    'GHSA-pxg6-pf52-xh8x npm:cookie <0.7.0',
    'GHSA-rv95-896h-c2vc npm:express <4.19.2',
    'GHSA-qw6h-vgh9-j6wx npm:express <4.20.0',
    'GHSA-29mw-wpgm-hmr9 npm:lodash <4.17.21',
    'GHSA-35jh-r3h4-6jhm npm:lodash <4.17.21',
    // The same advisory twice (two npm sources, two ranges) is merged.
    'GHSA-xvch-5gv4-984h npm:minimist <0.2.4 | >=1.0.0 <1.2.6',
    'GHSA-9wv6-86v2-598j npm:path-to-regexp <0.1.10',
  ]);
  const express = result.advisories[2];
  assert.deepEqual(express, {
    id: 'GHSA-rv95-896h-c2vc',
    aliases: [],
    ecosystem: 'npm',
    package: 'express',
    affected: ['<4.19.2'],
    severity: 'moderate',
    summary: 'Express.js Open Redirect in malformed URLs',
    url: 'https://github.com/advisories/GHSA-rv95-896h-c2vc',
    source: 'npm-audit',
    file: 'security/npm-audit.json',
    range: { line: 81, column: 9, endLine: 81, endColumn: 10 },
  });
  const minimist = result.advisories.find((a) => a.package === 'minimist')!;
  assert.equal(affects(minimist, 'minimist', '0.2.3'), true);
  assert.equal(affects(minimist, 'minimist', '0.2.4'), false);
  assert.equal(affects(minimist, 'minimist', '1.2.5'), true);
  assert.equal(affects(minimist, 'minimist', '1.2.6'), false);
});

test('npm audit: without a GHSA url the npm source id is used; npm 6 reports; error reports', () => {
  const report = JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: {
      foo: {
        name: 'foo',
        via: [
          {
            source: 1234,
            name: 'foo',
            title: 'Bad',
            url: 'https://example.com/x',
            severity: 'low',
            range: '>=1.0.0 <1.0.5',
          },
        ],
      },
      bar: { name: 'bar', via: 'nope' },
    },
  });
  const result = parseAdvisories('audit.json', report);
  assert.deepEqual(summary(result.advisories), ['npm-1234 npm:foo >=1.0.0 <1.0.5']);
  assert.deepEqual(
    result.problems.map((p) => p.message),
    ["npm audit entry 'bar' has no 'via' list"],
  );

  const v6 = parseAdvisories(
    'audit.json',
    JSON.stringify({
      advisories: {
        '1673': {
          id: 1673,
          module_name: 'lodash',
          vulnerable_versions: '<4.17.21',
          severity: 'high',
          title: 'Command Injection',
          url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
          cves: ['CVE-2021-23337'],
        },
      },
      metadata: {},
    }),
  );
  assert.equal(v6.format, 'npm-audit-v6');
  assert.deepEqual(summary(v6.advisories), ['GHSA-35jh-r3h4-6jhm npm:lodash <4.17.21']);
  assert.deepEqual(v6.advisories[0].aliases, ['CVE-2021-23337']);

  const error = read('npm-audit-error.json');
  assert.equal(error.advisories.length, 0);
  assert.match(error.problems[0].message, /^npm audit reported an error instead of a report: ENOAUDIT: /);

  const clean = parseAdvisories('a.json', '{"auditReportVersion":2,"vulnerabilities":{},"metadata":{}}');
  assert.deepEqual([clean.advisories, clean.problems, clean.format], [[], [], 'npm-audit']);
});

test('OSV: a single record', () => {
  const result = read('osv-single.json');
  assert.equal(result.format, 'osv');
  assert.deepEqual(result.problems, []);
  assert.equal(result.advisories.length, 1);
  const [requests] = result.advisories;
  assert.deepEqual(
    { ...requests, affected: requests.affected.slice(0, 2) },
    {
      id: 'GHSA-j8r2-6x86-q33q',
      aliases: ['CVE-2023-32681', 'PYSEC-2023-74'],
      severity: 'moderate',
      summary: 'Unintended leak of Proxy-Authorization header in requests',
      url: 'https://github.com/advisories/GHSA-j8r2-6x86-q33q',
      source: 'osv',
      ecosystem: 'pypi',
      package: 'requests',
      affected: ['>=2.3.0,<2.31.0', '2.3.0'],
      modified: '2024-11-19T21:17:52Z',
      published: '2023-05-22T20:36:32Z',
      file: 'security/osv-single.json',
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
    },
  );
  assert.equal(affects(requests, 'requests', '2.30.0'), true);
  assert.equal(affects(requests, 'Requests', '2.31.0'), false, 'PyPI names compare normalized');
  assert.equal(affects(requests, 'requests', '2.31.0rc1'), true, 'pre-releases below the fix are affected');
  assert.equal(affects(requests, 'requests', '2.2.1'), false);
  assert.equal(affects(requests, 'requests'), true, 'an unknown version cannot be ruled out');
  assert.equal(affects(requests, 'requests', 'git+https://github.com/psf/requests'), true, 'nor can an unparsable one');
  assert.equal(affects(requests, 'requests', '2.30.0', 'npm'), false, 'another ecosystem');
  assert.equal(affects(requests, 'urllib3', '2.30.0'), false);
  assert.deepEqual(advisoryIds(requests), ['GHSA-j8r2-6x86-q33q', 'CVE-2023-32681', 'PYSEC-2023-74']);
});

test('OSV: an array of records (multiple packages, unsorted events, last_affected, GIT ranges, withdrawn)', () => {
  const result = read('osv-list.json');
  assert.equal(result.format, 'osv');
  assert.deepEqual(result.problems, []);
  assert.deepEqual(summary(result.advisories), [
    'GHSA-35jh-r3h4-6jhm npm:lodash <4.17.21',
    'GHSA-35jh-r3h4-6jhm npm:lodash-es <4.17.21',
    'GHSA-c2qf-rxjj-qqgw npm:semver <5.7.2 | >=6.0.0 <6.3.1 | >=7.0.0 <7.5.2',
    'PYSEC-2024-0001 pypi:Jinja2 <=3.1.2 | 3.1.0 | 3.1.1 | 3.1.2',
  ]);
  const semver = result.advisories[2];
  assert.equal(semver.url, 'https://osv.dev/vulnerability/GHSA-c2qf-rxjj-qqgw');
  for (const [v, hit] of [
    ['5.7.1', true],
    ['5.7.2', false],
    ['6.3.0', true],
    ['6.3.1', false],
    ['7.5.1', true],
    ['7.5.2', false],
  ] as const) {
    assert.equal(affects(semver, 'semver', v), hit, v);
  }
  const jinja = result.advisories[3];
  assert.deepEqual(jinja.aliases, ['CVE-2024-22195', 'GHSA-h5c8-rqwp-cp95']);
  assert.equal(
    jinja.summary,
    'Jinja is an extensible templating engine. The `xmlattr` filter in affected versions of Jinja accepts keys containing spaces.',
  );
  assert.equal(affects(jinja, 'jinja2', '3.1.2'), true);
  assert.equal(affects(jinja, 'jinja2', '3.1.3'), false);
});

test('OSV: { vulns } and osv-scanner output, records deduplicated across results', () => {
  const vulns = read('osv-vulns.json');
  assert.deepEqual(summary(vulns.advisories), [
    'GHSA-rv95-896h-c2vc npm:express <4.19.2 | >=5.0.0-alpha.1 <5.0.0-beta.3',
  ]);
  const express = vulns.advisories[0];
  assert.equal(affects(express, 'express', '4.18.2'), true);
  assert.equal(affects(express, 'express', '4.19.2'), false);
  assert.equal(affects(express, 'express', '5.0.0-beta.1'), true);
  assert.equal(affects(express, 'express', '5.0.0'), false);

  const scanner = read('osv-scanner.json');
  assert.equal(scanner.format, 'osv-scanner');
  assert.deepEqual(scanner.problems, []);
  assert.deepEqual(
    summary(scanner.advisories).map((s) => s.split(' ').slice(0, 2).join(' ')),
    ['GHSA-rv95-896h-c2vc npm:express', 'GHSA-v845-jxx5-vc9f pypi:urllib3', 'GHSA-j8r2-6x86-q33q pypi:requests'],
  );
  const urllib3 = scanner.advisories[1];
  assert.deepEqual(urllib3.affected, ['<1.26.17', '>=2.0.0,<2.0.6']);
  assert.equal(affects(urllib3, 'urllib3', '2.0.4'), true);
  assert.equal(affects(urllib3, 'urllib3', '1.26.18'), false);
  assert.equal(urllib3.severity, 'high');
});

test('OSV: problems in well-formed JSON are located at the record', () => {
  const result = read('osv-invalid-records.json');
  assert.deepEqual(
    result.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
    [
      "2:3 an OSV record without an 'id'",
      '6:3 OSV record GHSA-aaaa-bbbb-cccc: affected[0] names no package',
      '14:3 OSV record GHSA-dddd-eeee-ffff: an event that is none of introduced, fixed, last_affected, limit',
      "14:3 OSV record GHSA-dddd-eeee-ffff: a range without an 'introduced' event",
      "38:3 OSV record GHSA-gggg-hhhh-jjjj: 'not a version!' is not a valid npm version or range",
      '52:3 an OSV record must be a JSON object',
    ],
  );
  const batch = read('osv-batch-ids.json');
  assert.deepEqual(batch.advisories, []);
  assert.deepEqual(
    batch.problems.map((p) => p.message),
    [
      "OSV record GHSA-rv95-896h-c2vc has no 'affected' packages (an OSV query batch lists IDs only; save the full records)",
    ],
  );
});

test('malformed JSON is a located problem, never a throw', () => {
  const truncated = read('npm-audit-malformed.json');
  assert.deepEqual(truncated.advisories, []);
  assert.equal(truncated.problems.length, 1);
  assert.match(truncated.problems[0].message, /^security\/npm-audit-malformed\.json is not valid JSON: /);
  assert.equal(truncated.problems[0].line, 56);

  const trailingComma = read('osv-malformed.json');
  assert.deepEqual(
    trailingComma.problems.map((p) => [p.line, p.column, p.message]),
    [[9, 3, 'security/osv-malformed.json is not valid JSON: ValueExpected']],
  );

  for (const text of [
    '',
    '   ',
    '{',
    '[1,',
    '"text"',
    '42',
    'null',
    '{"foo": 1}',
    '\u0000\u0001',
    '{"vulns": 5}',
    '{"results": [7]}',
  ]) {
    const result = parseAdvisories('x.json', text);
    assert.deepEqual(result.advisories, [], JSON.stringify(text));
    assert.ok(result.problems.length > 0, JSON.stringify(text));
    for (const p of result.problems) assert.ok(p.line >= 1 && p.column >= 1);
  }
  assert.deepEqual(parseAdvisories('x.json', '{}').problems, [], 'the OSV API answers {} when nothing is known');
  assert.deepEqual(
    parseAdvisories('x.json', '['.repeat(100_000)).problems.map((p) => p.message),
    ['x.json could not be read: it is nested too deeply'],
  );
  assert.deepEqual(parseAdvisories('x.json', '\uFEFF[]').problems, [], 'a BOM is fine');
});

test('helpers', () => {
  assert.equal(ghsaFromUrl('https://github.com/advisories/GHSA-RV95-896H-C2VC'), 'GHSA-rv95-896h-c2vc');
  assert.equal(ghsaFromUrl('https://example.com'), undefined);
  assert.equal(normalizePackageName('Jinja2', 'pypi'), 'jinja2');
  assert.equal(normalizePackageName('zope.interface', 'pypi'), normalizePackageName('Zope__Interface', 'pypi'));
  assert.deepEqual(osvEventsToRanges([{ introduced: '0' }], 'npm', 'SEMVER').ranges, ['*']);
  assert.deepEqual(osvEventsToRanges([{ introduced: '1.0' }], 'pypi', 'ECOSYSTEM').ranges, ['>=1.0']);
  assert.deepEqual(osvEventsToRanges([{ introduced: '0' }, { limit: '2.0.0' }], 'npm', 'SEMVER').ranges, ['*']);
  const allVersions = osvToAdvisories({
    id: 'OSV-1',
    affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'GIT', events: [] }] }],
  });
  assert.deepEqual(allVersions.advisories[0].affected, ['>=0'], 'no usable version information: every version');
  assert.equal(osvToAdvisories({ id: 'OSV-2', withdrawn: '2024-01-01T00:00:00Z', affected: [] }).withdrawn, true);
  const go = osvToAdvisories({
    id: 'GO-2024-1',
    affected: [
      {
        package: { ecosystem: 'Go', name: 'example.com/m' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.0' }] }],
      },
    ],
  });
  assert.deepEqual(summary(go.advisories), ['GO-2024-1 golang:example.com/m <1.2.0']);
  assert.equal(affects(go.advisories[0], 'example.com/m', '1.1.9'), true);
});

test('formats are recognized by content, not by file name', () => {
  const dir = path.resolve(__dirname, '../../../../test/fixtures/advisories');
  const formats = Object.fromEntries(
    ['grype.json', 'trivy.json', 'pip-audit.json', 'pip-audit-legacy.json', 'dependency-track-fpf.json'].map((name) => {
      const result = parseAdvisories('report.json', readFileSync(path.join(dir, name), 'utf8'));
      return [name, `${result.format} ${result.advisories.length} ${result.problems.length}`];
    }),
  );
  assert.deepEqual(formats, {
    'grype.json': 'grype 5 0',
    'trivy.json': 'trivy 4 0',
    'pip-audit.json': 'pip-audit 3 0',
    'pip-audit-legacy.json': 'pip-audit 1 0',
    'dependency-track-fpf.json': 'fpf 3 0',
  });
  // An OSV array is still OSV, and a document of none of the formats says which ones are read.
  assert.equal(read('osv-list.json').format, 'osv');
  assert.deepEqual(
    parseAdvisories('x.json', '{"foo": 1}').problems.map((p) => p.message),
    [
      'x.json is none of the advisory formats read: npm audit, OSV, osv-scanner, Grype, Trivy, pip-audit, Dependency-Track FPF',
    ],
  );
  assert.equal(parseAdvisories('x.json', '{"auditReportVersion":2,"vulnerabilities":{}}').generatedAt, undefined);
});

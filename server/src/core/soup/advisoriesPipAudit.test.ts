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

test('pip-audit JSON (2.x): PyPI advisories from each dependency, skipped dependencies as notes', () => {
  const result = read('pip-audit.json');
  assert.equal(result.format, 'pip-audit');
  assert.deepEqual(result.problems, []);
  assert.equal(result.generatedAt, undefined, 'pip-audit reports carry no timestamp');
  assert.deepEqual(summary(result.advisories), [
    // Fixes on three release lines: the one above 3.2.9 bounds the range.
    'PYSEC-2021-439 [CVE-2021-44420,GHSA-v6rh-hp5x-86rv] pypi:Django 3.2.9 | >=3.2.9,<3.2.10',
    'GHSA-j8r2-6x86-q33q [CVE-2023-32681,PYSEC-2023-74] pypi:requests 2.30.0 | >=2.30.0,<2.31.0',
    // No fix known: only the installed version.
    'PYSEC-2021-852 [CVE-2021-43818,GHSA-55x5-fj6c-h6m8] pypi:lxml 4.6.4',
  ]);
  assert.deepEqual(result.notes, [
    'pip-audit did not audit internal-tools: Dependency not found on PyPI and could not be audited: internal-tools (0.3.1)',
  ]);
  const [django, requests] = result.advisories;
  assert.deepEqual(requests, {
    id: 'GHSA-j8r2-6x86-q33q',
    aliases: ['CVE-2023-32681', 'PYSEC-2023-74'],
    ecosystem: 'pypi',
    package: 'requests',
    affected: ['2.30.0', '>=2.30.0,<2.31.0'],
    // The description's Markdown heading is not the summary.
    summary:
      'Since Requests 2.3.0, Requests has been leaking Proxy-Authorization headers to destination servers when redirected to an HTTPS endpoint.',
    url: 'https://osv.dev/vulnerability/GHSA-j8r2-6x86-q33q',
    source: 'pip-audit',
    file: 'security/pip-audit.json',
    range: { line: 31, column: 9, endLine: 31, endColumn: 10 },
  });
  assert.equal(affects(django, 'django', '3.2.9'), true, 'PyPI names compare normalized');
  assert.equal(affects(django, 'Django', '3.2.10'), false);
  assert.equal(affects(django, 'Django', '3.1.13'), false, 'other release lines are not claimed');
});

test('pip-audit: the older bare-array form; malformed entries are located problems', () => {
  const legacy = read('pip-audit-legacy.json');
  assert.equal(legacy.format, 'pip-audit');
  assert.deepEqual(summary(legacy.advisories), ['PYSEC-2021-76 [] pypi:aiohttp 3.6.2 | >=3.6.2,<3.7.4']);

  const text = JSON.stringify(
    {
      dependencies: [
        { version: '1.0' },
        { name: 'a', version: '1.0', vulns: {} },
        { name: 'b', version: '1.0', vulns: [{ fix_versions: ['1.1'] }, { id: 'PYSEC-1', fix_versions: 'x' }] },
      ],
      fixes: [],
    },
    null,
    2,
  );
  const result = parseAdvisories('p.json', text);
  assert.deepEqual(
    result.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
    [
      "3:5 a pip-audit dependency without a 'name'",
      "9:16 pip-audit dependency 'a': 'vulns' must be an array",
      "15:9 pip-audit dependency 'b': a vulnerability without an 'id'",
    ],
  );
  // A fix that is not a version bounds nothing: only the installed version is claimed.
  assert.deepEqual(summary(result.advisories), ['PYSEC-1 [] pypi:b 1.0']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextFor, ROOT_URI, TestContext } from '../testing/serviceContext';
import { FolderContext } from './views';
import { vulnerabilitiesReport, vulnerabilityState } from './vulnerabilities';

/** express 4.21.2 → body-parser 1.20.3 → qs 6.13.0 (and express → qs); morgan 1.10.0 → debug 2.6.9. */
const LOCK = `${JSON.stringify(
  {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { express: '4.21.2', morgan: '1.10.0' } },
      'node_modules/express': { version: '4.21.2', dependencies: { 'body-parser': '1.20.3', qs: '6.13.0' } },
      'node_modules/body-parser': { version: '1.20.3', dependencies: { qs: '6.13.0' } },
      'node_modules/qs': { version: '6.13.0' },
      'node_modules/morgan': { version: '1.10.0', dependencies: { debug: '2.6.9' } },
      'node_modules/debug': { version: '2.6.9' },
    },
  },
  null,
  2,
)}\n`;

const osv = (id: string, name: string, versions: string[], extra: object = {}) => ({
  id,
  aliases: [],
  affected: [{ package: { ecosystem: 'npm', name }, versions }],
  ...extra,
});
const OSV = JSON.stringify([
  osv('GHSA-6rw7-vpxm-498p', 'qs', ['6.13.0'], {
    summary: 'qs arrayLimit bypass',
    database_specific: { severity: 'HIGH' },
    references: [{ type: 'ADVISORY', url: 'https://github.com/advisories/GHSA-6rw7-vpxm-498p' }],
  }),
  osv('GHSA-body-0000-0000', 'body-parser', ['1.20.3']),
  osv('GHSA-expr-0000-0000', 'express', ['4.21.2']),
  osv('GHSA-debg-0000-0000', 'debug', ['2.6.9']),
]);

const SOUP = (vulnerabilities: string) =>
  [
    '# SOUP',
    '',
    '| ID | Title | Version | Supplier | Class | Package | Vulnerabilities |',
    '|---|---|---|---|---|---|---|',
    `| SOUP-express | Express | 4.21.2 | OpenJS | maintained | express | ${vulnerabilities} |`,
    '',
  ].join('\n');

const workspace = (vulnerabilities: string) => ({
  'seclife.json': JSON.stringify({ advisories: ['security/osv.json'] }),
  'package.json': `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { express: '4.21.2', morgan: '1.10.0' } }, null, 2)}\n`,
  'package-lock.json': LOCK,
  'security/osv.json': OSV,
  'docs/soup.md': SOUP(vulnerabilities),
});

const folder = (ctx: TestContext, indexing = false): FolderContext =>
  Object.assign(ctx, { name: 'ws', uriString: ROOT_URI, indexing });

test('seclife/vulnerabilities: one flat list, undecided first, then under investigation, then decided', async () => {
  const ctx = await contextFor(
    workspace('GHSA-body-0000-0000 under-investigation; GHSA-expr-0000-0000 fixed -- upgraded in the next release'),
  );
  const result = vulnerabilitiesReport([folder(ctx)]);
  assert.equal(result.indexing, false);
  assert.deepEqual(
    result.vulnerabilities.map((v) => `${v.state} ${v.id} ${v.package}@${v.version} ${v.itemId ?? '-'}`),
    [
      'undecided GHSA-6rw7-vpxm-498p qs@6.13.0 SOUP-express',
      'undecided GHSA-debg-0000-0000 debug@2.6.9 -',
      'under-investigation GHSA-body-0000-0000 body-parser@1.20.3 SOUP-express',
      'decided GHSA-expr-0000-0000 express@4.21.2 SOUP-express',
    ],
  );
  const [qs, debug, body, express] = result.vulnerabilities;
  // The indirect one: its path, severity, summary and link; the finding is at the item's ID.
  assert.deepEqual(qs.via, ['express@4.21.2']);
  assert.equal(qs.severity, 'high');
  assert.equal(qs.summary, 'qs arrayLimit bypass');
  assert.equal(qs.url, 'https://github.com/advisories/GHSA-6rw7-vpxm-498p');
  assert.equal(qs.purl, 'pkg:npm/qs@6.13.0');
  assert.equal(qs.ecosystem, 'npm');
  assert.equal(qs.disposition, undefined);
  assert.deepEqual(qs.location, {
    uri: `${ROOT_URI}/docs/soup.md`,
    range: { start: { line: 4, character: 2 }, end: { line: 4, character: 14 } },
  });
  // No SOUP item answers for debug (morgan has none): located at its lockfile entry.
  assert.equal(debug.location.uri, `${ROOT_URI}/package-lock.json`);
  const debugLine = LOCK.split('\n').findIndex((l) => l.includes('"node_modules/debug"'));
  assert.equal(debug.location.range.start.line, debugLine);
  assert.deepEqual(debug.via, ['morgan@1.10.0']);
  assert.deepEqual(body.disposition, { status: 'under-investigation' });
  assert.deepEqual(body.via, ['express@4.21.2']);
  // A direct dependency's advisory has no path.
  assert.equal(express.via, undefined);
  assert.deepEqual(express.disposition, { status: 'fixed', justification: 'upgraded in the next release' });
});

test('seclife/vulnerabilities follows edits and reports indexing; no advisories give an empty list', async () => {
  const ctx = await contextFor(workspace(''));
  assert.equal(vulnerabilitiesReport([folder(ctx)]).vulnerabilities.filter((v) => v.state === 'undecided').length, 4);
  ctx.edit('docs/soup.md', SOUP('GHSA-6rw7-vpxm-498p not-affected -- vulnerable_code_not_in_execute_path: no arrays'));
  const after = vulnerabilitiesReport([folder(ctx, true)]);
  assert.equal(after.indexing, true);
  assert.deepEqual(
    after.vulnerabilities.filter((v) => v.state === 'decided').map((v) => `${v.id} ${v.disposition?.status}`),
    ['GHSA-6rw7-vpxm-498p not-affected'],
  );
  const none = await contextFor({ ...workspace(''), 'security/osv.json': '[]' });
  assert.deepEqual(vulnerabilitiesReport([folder(none)]).vulnerabilities, []);
});

test('vulnerabilityState: no disposition, under investigation, any other status', () => {
  assert.equal(vulnerabilityState({}), 'undecided');
  assert.equal(
    vulnerabilityState({ disposition: { id: 'X-1', status: 'under-investigation', start: 0, end: 1 } }),
    'under-investigation',
  );
  for (const status of ['not-affected', 'affected', 'fixed', 'mitigated', 'accepted'] as const)
    assert.equal(vulnerabilityState({ disposition: { id: 'X-1', status, start: 0, end: 1 } }), 'decided');
});

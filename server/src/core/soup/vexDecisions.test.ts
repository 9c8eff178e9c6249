import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor } from '../../testing/workspaces';

const lock = JSON.stringify({
  name: 'app',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', dependencies: { express: '4.21.2' } },
    'node_modules/express': { version: '4.21.2', dependencies: { qs: '6.13.0' } },
    'node_modules/qs': { version: '6.13.0' },
  },
});
const osv = (modified: string) =>
  JSON.stringify({
    id: 'GHSA-6rw7-vpxm-498p',
    aliases: ['CVE-2025-15284'],
    modified,
    database_specific: { severity: 'HIGH' },
    affected: [
      {
        package: { ecosystem: 'npm', name: 'qs' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '6.14.1' }] }],
      },
    ],
  });
const openvex = (status: string, extra: Record<string, unknown>, timestamp = '2026-01-12T09:30:00Z') =>
  JSON.stringify({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://example.org/vex/1',
    author: 'PSIRT',
    timestamp,
    version: 1,
    statements: [
      {
        vulnerability: { name: 'CVE-2025-15284' },
        products: [{ '@id': 'pkg:npm/qs@6.13.0' }],
        status,
        timestamp,
        ...extra,
      },
    ],
  });
const base = (modified = '2026-01-09T00:00:00Z') => ({
  'seclife.json': JSON.stringify({ advisories: ['security/osv.json'] }),
  'package.json': '{"name":"app","dependencies":{"express":"4.21.2"}}\n',
  'package-lock.json': lock,
  'security/osv.json': osv(modified),
  'docs/soup.md':
    '# SOUP\n\n| ID | Title | Version | Supplier | Class | Package |\n|---|---|---|---|---|---|\n| SOUP-express | Express | 4.21.2 | OpenJS | maintained | express |\n',
});
const codes = (engine: Awaited<ReturnType<typeof engineFor>>) =>
  engine
    .findings()
    .filter(
      (f) =>
        f.code.startsWith('vex-') ||
        f.code.startsWith('vulnerability') ||
        f.code.includes('overdue') ||
        f.code === 'advisory-data-stale',
    )
    .map((f) => `${f.code} ${f.file}`);

test('a VEX file statement decides an indirect advisory; the hit carries the statement', async () => {
  const undecided = await engineFor(base());
  assert.deepEqual(codes(undecided), ['vulnerability-undispositioned docs/soup.md']);
  const engine = await engineFor({
    ...base(),
    'security/vex/app.openvex.json': openvex('not_affected', { justification: 'vulnerable_code_not_in_execute_path' }),
  });
  assert.deepEqual(codes(engine), []);
  const [hit] = engine.vulnerabilityHits();
  assert.equal(hit.statement?.status, 'not_affected');
  assert.equal(hit.statement?.source, 'openvex');
  assert.equal(hit.itemId, 'SOUP-express');
});

test('a VEX statement naming only the product (the root package) decides every package of it', async () => {
  const product = (products: unknown[]) =>
    JSON.stringify({
      ...JSON.parse(openvex('not_affected', { justification: 'vulnerable_code_not_in_execute_path' })),
      statements: [
        {
          vulnerability: { name: 'CVE-2025-15284' },
          products,
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          timestamp: '2026-01-12T09:30:00Z',
        },
      ],
    });
  const engine = await engineFor({ ...base(), 'security/vex/app.openvex.json': product([{ '@id': 'pkg:npm/app' }]) });
  assert.deepEqual(codes(engine), []);
  assert.equal(engine.vulnerabilityHits()[0].statement?.status, 'not_affected');
  // Another product's statement decides nothing here.
  const other = await engineFor({ ...base(), 'security/vex/app.openvex.json': product([{ '@id': 'pkg:npm/other' }]) });
  assert.deepEqual(codes(other), ['vulnerability-undispositioned docs/soup.md']);
});

test('VEX findings: justification missing, stale decision, overdue investigation, stale advisory data (with a clock)', async () => {
  const bare = await engineFor({ ...base(), 'security/vex/app.openvex.json': openvex('not_affected', {}) });
  assert.deepEqual(codes(bare), ['vex-justification-missing security/vex/app.openvex.json']);
  // The advisory changed after the decision.
  const stale = await engineFor({
    ...base('2026-03-01T00:00:00Z'),
    'security/vex/app.openvex.json': openvex('not_affected', { justification: 'component_not_present' }),
  });
  assert.deepEqual(codes(stale), ['vex-stale security/vex/app.openvex.json']);
  // Ages need the host's clock: without one, nothing depends on the date.
  const investigating = { ...base(), 'security/vex/app.openvex.json': openvex('under_investigation', {}) };
  const noClock = await engineFor(investigating);
  assert.deepEqual(codes(noClock), []);
  noClock.setClock(new Date('2026-06-01T00:00:00Z'));
  assert.deepEqual(codes(noClock).sort(), [
    'advisory-data-stale security/osv.json',
    'under-investigation-overdue security/vex/app.openvex.json',
  ]);
  // Fresh data and a recent investigation: no finding.
  noClock.setClock(new Date('2026-01-15T00:00:00Z'));
  assert.deepEqual(codes(noClock), []);
});

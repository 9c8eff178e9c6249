import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextFor } from '../testing/serviceContext';
import { hover } from './hover';

/** express 4.21.2 → qs 6.13.0 → side-channel 1.0.6; lodash 4.17.20 alone. */
const LOCK = `${JSON.stringify(
  {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { express: '4.21.2', lodash: '4.17.20' } },
      'node_modules/express': { version: '4.21.2', dependencies: { qs: '6.13.0' } },
      'node_modules/qs': { version: '6.13.0', dependencies: { 'side-channel': '1.0.6' } },
      'node_modules/side-channel': { version: '1.0.6' },
      'node_modules/lodash': { version: '4.17.20' },
    },
  },
  null,
  2,
)}\n`;

const osv = (id: string, name: string, version: string) => ({
  id,
  affected: [{ package: { ecosystem: 'npm', name }, versions: [version] }],
});

const SOUP = [
  '# SOUP',
  '',
  '| ID | Title | Version | Supplier | Class | Package | Vulnerabilities |',
  '|---|---|---|---|---|---|---|',
  '| SOUP-express | Express | 4.21.2 | OpenJS | maintained | express | GHSA-expr-0000-0000 fixed -- upgraded |',
  '| SOUP-lodash | lodash | 4.17.20 | OpenJS | maintained | lodash | |',
  '| SOUP-leftpad | left-pad | 1.3.0 | npm | maintained | left-pad | |',
  '',
].join('\n');

const files = (osvRecords: object[]): Record<string, string> => ({
  'seclife.json': JSON.stringify({ advisories: ['security/osv.json'] }),
  'package.json': JSON.stringify({
    name: 'app',
    version: '1.0.0',
    dependencies: { express: '4.21.2', lodash: '4.17.20' },
  }),
  'package-lock.json': LOCK,
  'security/osv.json': JSON.stringify(osvRecords),
  'docs/soup.md': SOUP,
});

const hoverOn = (ctx: Awaited<ReturnType<typeof contextFor>>, row: number) => {
  const h = hover(ctx, 'docs/soup.md', { line: row, character: 4 });
  return (h?.contents as { value: string } | undefined)?.value ?? '';
};

test('hover on a SOUP item: the resolved version, its indirect packages, and each advisory with its path and decision', async () => {
  const ctx = await contextFor(
    files([osv('GHSA-6rw7-vpxm-498p', 'qs', '6.13.0'), osv('GHSA-expr-0000-0000', 'express', '4.21.2')]),
  );
  const text = hoverOn(ctx, 4);
  assert.match(text, /^\*\*SOUP-express\*\*/);
  assert.match(text, /\nResolved: `express@4\.21\.2` \(package\.json\)\n/);
  assert.match(text, /\nIndirect packages: 2, 1 with advisories\n/);
  assert.match(text, /\nAdvisories: 2\n\n- GHSA-6rw7-vpxm-498p on `qs@6\.13\.0` via express@4\.21\.2: undecided\n/);
  assert.match(text, /\n- GHSA-expr-0000-0000 on `express@4\.21\.2`: fixed \(SOUP item\)\n/);
});

test('hover on a SOUP item without indirect packages or advisories, and on one no dependency file matches', async () => {
  const ctx = await contextFor(files([]));
  const lodash = hoverOn(ctx, 5);
  assert.match(lodash, /\nResolved: `lodash@4\.17\.20` \(package\.json\)/);
  assert.doesNotMatch(lodash, /Indirect packages|Advisories/);
  assert.match(hoverOn(ctx, 6), /\nResolved: no dependency of a read manifest, lockfile or SBOM matches it/);
});

test('an item of another kind gets no SOUP lines', async () => {
  const ctx = await contextFor({ ...files([]), 'docs/requirements.md': '# R\n\n## SR-001: Lock accounts\n\nText.\n' });
  const h = hover(ctx, 'docs/requirements.md', { line: 2, character: 4 });
  const text = (h?.contents as { value: string } | undefined)?.value ?? '';
  assert.match(text, /^\*\*SR-001\*\*/);
  assert.doesNotMatch(text, /Resolved:/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemSnippet, nextFreeId, starterFile } from './itemTemplates';

test('nextFreeId: one above the highest, keeping the padding', () => {
  assert.equal(nextFreeId('SR', ['SR-001', 'SR-010', 'SR-002']), 'SR-011');
  assert.equal(nextFreeId('TH', ['TH-7', 'TH-12']), 'TH-13');
  assert.equal(nextFreeId('RC', []), 'RC-001');
  assert.equal(nextFreeId('SR', ['SR-auth', 'SR-0099']), 'SR-0100');
});

test('itemSnippet and starter files', () => {
  assert.match(itemSnippet('TH', 'TH-009'), /^## TH-009: \$\{1:Title\}\nCategory: \$\{2\|Spoofing,/);
  assert.equal(itemSnippet('IF', 'IF-002', 3), '### IF-002: ${1:Title}\n\n${0:Description.}\n');
  assert.equal(starterFile('RC').path, 'docs/security/controls.md');
});

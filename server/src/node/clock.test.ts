import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clock } from './clock';

test('clock: SECLIFE_NOW fixes the time for a reproducible run; an invalid one is ignored', () => {
  assert.equal(clock({ SECLIFE_NOW: '2026-01-31T00:00:00Z' }).toISOString(), '2026-01-31T00:00:00.000Z');
  const before = Date.now();
  const t = clock({ SECLIFE_NOW: 'yesterday' }).getTime();
  assert.ok(t >= before && t <= Date.now());
  assert.ok(clock({}).getTime() >= before);
});

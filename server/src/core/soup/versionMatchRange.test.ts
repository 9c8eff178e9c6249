import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseComparatorRange, rangeAdmits, VersionOrder } from './versionMatchRange';

/** A toy order: integers, negative ones are "pre-releases" of their absolute value's core. */
const INTS: VersionOrder<number> = {
  parse: (t) => (/^-?\d+$/.test(t) ? Number(t) : undefined),
  compare: (a, b) => Math.sign(Math.abs(a) - Math.abs(b) || a - b),
  isPrerelease: (v) => v < 0,
  sameCore: (a, b) => Math.abs(a) === Math.abs(b),
};
const admits = (spec: string, v: number, rule: 'order' | 'same-core' | 'bounds' = 'order', pre = false) =>
  rangeAdmits(parseComparatorRange(spec, INTS)!, v, INTS, rule, pre);

test('comparator lists: spaces, commas, operator spacing, ||, * and a lone exact version', () => {
  assert.deepEqual(parseComparatorRange('>=1 <3', INTS), [
    [
      { op: '>=', version: 1 },
      { op: '<', version: 3 },
    ],
  ]);
  assert.deepEqual(parseComparatorRange('>= 1, < 3', INTS), parseComparatorRange('>=1 <3', INTS));
  assert.deepEqual(parseComparatorRange('==2', INTS), [[{ op: '=', version: 2 }]]);
  assert.deepEqual(parseComparatorRange('2', INTS), [[{ op: '=', version: 2 }]]);
  assert.deepEqual(parseComparatorRange('*', INTS), [[]]);
  assert.equal(admits('>=1 <3', 2), true);
  assert.equal(admits('>=1 <3', 3), false);
  assert.equal(admits('<=1 || >=5', 6), true);
  assert.equal(admits('<=1 || >=5', 3), false);
  assert.equal(admits('!=2', 2), false);
  assert.equal(admits('>2', 3), true);
});

test('malformed comparator lists are undefined', () => {
  for (const spec of ['', ' ', '1 2', '>=', '>=x', '||', '>=1 ||', '~1', `>=${'1'.repeat(5000)}`])
    assert.equal(parseComparatorRange(spec, INTS), undefined, spec);
  assert.equal(parseComparatorRange(undefined as unknown as string, INTS), undefined);
});

test('pre-release rules: order, same-core, bounds', () => {
  assert.equal(admits('>=1 <5', -3, 'order'), true);
  assert.equal(admits('>=1 <5', -3, 'same-core'), false);
  assert.equal(admits('>=-3 <5', -3, 'same-core'), true);
  assert.equal(admits('>=-2 <5', -3, 'same-core'), false, 'a pre-release of another core');
  assert.equal(admits('>=-2 <5', -3, 'bounds'), true, 'any pre-release bound');
  assert.equal(admits('>=1 <5', -3, 'bounds'), false);
  assert.equal(admits('>=1 <5', -3, 'bounds', true), true, 'includePrerelease: by order');
  const implied = [[{ op: '<' as const, version: -5, implied: true }]];
  assert.equal(rangeAdmits(implied, -3, INTS, 'bounds'), false, 'an implied bound names no pre-release');
});

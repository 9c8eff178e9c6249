import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundedPatternRunner } from './patternRunner';

/** Results are arrays of the vm's realm: compare their plain form. */
const run = (...a: Parameters<typeof boundedPatternRunner.matchAll>) =>
  JSON.parse(JSON.stringify(boundedPatternRunner.matchAll(...a)));

test('the bounded runner: matches, empty matches, one context reused, and a timeout that does not poison the next run', () => {
  assert.deepEqual(run('ab', 'g', 'xabyab', 100), [
    [1, 3],
    [4, 6],
  ]);
  assert.deepEqual(run('x*', 'g', 'ax', 100), [
    [0, 0],
    [1, 2],
    [2, 2],
  ]);
  assert.deepEqual(run('ab', 'gi', 'AB', 100), [[0, 2]], 'new source, flags and text each run');
  assert.equal(run('(a+)+$', 'g', `${'a'.repeat(40)}!`, 50), 'timeout');
  assert.deepEqual(run('b', 'g', 'abc', 100), [[1, 2]]);
  assert.throws(() => boundedPatternRunner.matchAll('(', 'g', 'x', 100));
  assert.deepEqual(run('c', 'g', 'abc', 100), [[2, 3]]);
});

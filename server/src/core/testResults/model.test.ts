import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineCounter, normaliseMessage, secondsToMs } from './model';

test('normaliseMessage: first non-empty line, controls escaped, at most 300 characters', () => {
  assert.equal(normaliseMessage('\n\n  first line  \nsecond'), 'first line');
  assert.equal(normaliseMessage('a\u001b[31mb\tc\u202ed'), 'a\\u001b[31mb\\tc\\u202ed');
  assert.equal(normaliseMessage('a\r\nb'), 'a');
  assert.equal(normaliseMessage(''), undefined);
  assert.equal(normaliseMessage('   \n  '), undefined);
  assert.equal(normaliseMessage(undefined), undefined);
  const long = normaliseMessage('x'.repeat(10_000));
  assert.equal(long?.length, 300);
  assert.ok(long?.endsWith('…'));
  // Escapes count toward the 300.
  assert.ok((normaliseMessage('\u0001'.repeat(1000))?.length ?? 0) <= 300);
});

test('secondsToMs: report times in seconds', () => {
  assert.equal(secondsToMs('0.000427'), 0.427);
  assert.equal(secondsToMs('0'), 0);
  assert.equal(secondsToMs('12.5'), 12500);
  assert.equal(secondsToMs('0s'), 0);
  assert.equal(secondsToMs('1e-7'), 0);
  assert.equal(secondsToMs('abc'), undefined);
  assert.equal(secondsToMs('-1'), undefined);
  assert.equal(secondsToMs(undefined), undefined);
});

test('LineCounter: 1-based positions in one pass: the work is the text length, not lines × offsets', () => {
  const text = 'ab\ncd\n\nefg';
  const lc = new LineCounter(text);
  assert.deepEqual(lc.at(0), { line: 1, column: 1 });
  assert.deepEqual(lc.at(4), { line: 2, column: 2 });
  assert.deepEqual(lc.at(7), { line: 4, column: 1 });
  assert.deepEqual(lc.at(10), { line: 4, column: 4 });
  // One long line (pytest writes its report on one line), asked 100,000 times in order.
  const one = 'x'.repeat(5_000_000);
  const counter = new LineCounter(one);
  for (let i = 0; i < 100_000; i++) counter.at(i * 50);
  assert.ok(counter.steps <= one.length, `${counter.steps} steps`);
  assert.deepEqual(counter.at(one.length - 1), { line: 1, column: one.length });
});

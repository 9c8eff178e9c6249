import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSemver, parseSemver, sameSemverCore } from './versionMatchSemver';

test('semver 2.0 precedence (the example list of semver.org §11)', () => {
  const order = [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '2.0.0',
    '2.1.0',
    '2.1.1',
  ];
  for (let i = 0; i < order.length; i++)
    for (let j = 0; j < order.length; j++)
      assert.equal(
        compareSemver(parseSemver(order[i])!, parseSemver(order[j])!),
        Math.sign(i - j),
        `${order[i]} ${order[j]}`,
      );
  assert.equal(compareSemver(parseSemver('1.0.0+a')!, parseSemver('1.0.0+b')!), 0, 'build metadata does not count');
  assert.equal(compareSemver(parseSemver('18446744073709551616.0.0')!, parseSemver('18446744073709551615.0.0')!), 1);
  assert.equal(sameSemverCore(parseSemver('1.2.3-a')!, parseSemver('1.2.3')!), true);
});

test('semver 2.0 syntax: no leading zeros, no empty identifiers, v only when asked', () => {
  for (const bad of ['1.2', '01.2.3', '1.2.3-01', '1.2.3-', '1.2.3-a..b', '1.2.3+', 'v1.2.3', '', ' ', 'x'])
    assert.equal(parseSemver(bad), undefined, bad);
  assert.ok(parseSemver('v1.2.3', true));
  assert.ok(parseSemver('1.2.3-0.a-b.c'));
  assert.equal(parseSemver(`1.2.3-${'a.'.repeat(100)}!`), undefined);
});

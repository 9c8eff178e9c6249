import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersions, exactVersion, isValidVersionSpec, versionCovers } from './versionMatch';
import { compareGoVersions, goCovers, isGoPseudoVersion, isValidGoSpec, parseGoVersion } from './versionMatchGo';

test('Go order: releases, pre-releases, pseudo-versions (golang.org/x/net), with or without v', () => {
  const order = [
    'v0.0.0-20190620200207-3b0461eec859',
    'v0.0.0-20210226172049-e18ecbb05110',
    'v0.0.0-20220722155237-a158d28d115b',
    'v0.1.0',
    'v0.15.0',
    'v0.16.1-0.20231010170342-8d9e4f5c2d4b',
    'v0.17.0-rc.1',
    'v0.17.0',
    'v0.17.1-0.20231011192347-4d6e7a0b5fdc',
    'v0.23.0',
    'v1.0.0-alpha',
    'v1.0.0-alpha.1',
    'v1.0.0-alpha.beta',
    'v1.0.0-beta.2',
    'v1.0.0-beta.11',
    'v1.0.0',
    'v2.0.0+incompatible',
    'v20.10.24+incompatible',
  ];
  for (let i = 0; i < order.length; i++) {
    for (let j = 0; j < order.length; j++)
      assert.equal(compareGoVersions(order[i], order[j]), Math.sign(i - j), `${order[i]} vs ${order[j]}`);
  }
  assert.equal(compareVersions('0.17.0', 'v0.17.0', 'golang'), 0, 'OSV writes Go versions without the v');
  assert.equal(compareVersions('v20.10.24+incompatible', '20.10.24', 'golang'), 0, 'build metadata does not count');
  assert.equal(compareVersions('v0.17.0', 'v0.9.0', 'golang'), 1);
});

test('Go pseudo-versions are recognised in all three forms', () => {
  assert.equal(isGoPseudoVersion('v0.0.0-20210226172049-e18ecbb05110'), true);
  assert.equal(isGoPseudoVersion('v0.16.1-0.20231010170342-8d9e4f5c2d4b'), true);
  assert.equal(isGoPseudoVersion('v1.2.4-beta.0.20231010170342-8d9e4f5c2d4b'), true);
  assert.equal(isGoPseudoVersion('v0.17.0'), false);
  assert.equal(isGoPseudoVersion('v1.0.0-beta.2'), false);
});

test('Go ranges: OSV intervals cover pseudo-versions by order (golang.org/x/net, fixed in 0.17.0)', () => {
  const osv = { includePrerelease: true, plainOrder: true };
  assert.equal(versionCovers('<0.17.0', 'v0.0.0-20210226172049-e18ecbb05110', 'golang', osv), true);
  assert.equal(versionCovers('<0.17.0', 'v0.16.1-0.20231010170342-8d9e4f5c2d4b', 'golang', osv), true);
  assert.equal(versionCovers('<0.17.0', 'v0.17.0', 'golang', osv), false);
  assert.equal(versionCovers('<0.17.0', 'v0.23.0', 'golang', osv), false);
  assert.equal(versionCovers('>=0.7.0 <0.17.0', 'v0.15.0', 'golang', osv), true);
  assert.equal(versionCovers('>=0.7.0 <0.17.0', 'v0.6.0', 'golang', osv), false);
  assert.equal(versionCovers('*', 'v0.6.0', 'golang', osv), true);
  // A SOUP Version range covers pseudo-versions too (go get resolves them between releases).
  assert.equal(versionCovers('>=v0.17.0, <v0.24.0', 'v0.17.1-0.20231011192347-4d6e7a0b5fdc', 'golang'), true);
  assert.equal(versionCovers('>= v0.17.0 < v0.24.0', 'v0.24.0', 'golang'), false);
  assert.equal(versionCovers('v0.23.0', 'v0.23.0', 'golang'), true);
  assert.equal(versionCovers('0.23.0', 'v0.23.0', 'golang'), true);
  assert.equal(versionCovers('v0.23.0', 'v0.23.1', 'golang'), false);
  assert.equal(versionCovers('v0.22.0, v0.23.0', 'v0.23.0', 'golang'), true, 'a list of alternatives');
  assert.equal(versionCovers('<v1.0.0 || >=v2.0.0', 'v2.0.0+incompatible', 'golang'), true);
});

test('Go: malformed input is false / invalid, never a throw', () => {
  for (const spec of ['', '^v1.2.3', '~1.2', 'v1.2', 'v1', 'latest', '>=', '>=v1.0.0 junk', 'v01.2.3', 'v1.2.3-01']) {
    assert.equal(isValidGoSpec(spec), false, spec);
    assert.equal(isValidVersionSpec(spec, 'golang'), false, spec);
    assert.equal(versionCovers(spec, 'v1.2.3', 'golang'), false, spec);
  }
  assert.equal(goCovers('>=v1.0.0', 'master'), false);
  assert.equal(goCovers(null as unknown as string, 'v1.0.0'), false);
  assert.equal(parseGoVersion(`v1.2.3-${'a.'.repeat(200)}a`), undefined, 'over the length limit');
  assert.equal(compareVersions('v1.2.3', 'banana', 'golang'), undefined);
  // A long hostile value finishes quickly (the version regex is linear).
  assert.equal(parseGoVersion(`v1.2.3-${'-'.repeat(240)}!`), undefined);
  assert.equal(exactVersion('=v0.23.0', 'golang'), 'v0.23.0');
  assert.equal(exactVersion('>=v0.23.0', 'golang'), undefined);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersions, exactVersion, isValidVersionSpec, versionCovers } from './versionMatch';
import {
  compareNugetVersions,
  isValidNugetSpec,
  nugetCovers,
  parseNugetRange,
  parseNugetVersion,
} from './versionMatchNuget';

test('NuGet order: 1 to 4 numbers, case-insensitive pre-release labels, metadata ignored', () => {
  const order = [
    '1.0.0-alpha',
    '1.0.0-ALPHA.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.0.1',
    '1.0.1',
    '4.1.10331.0',
    '4.1.10715.0',
    '12.0.3',
    '13.0.1',
    '13.0.3',
  ];
  for (let i = 0; i < order.length; i++) {
    for (let j = 0; j < order.length; j++)
      assert.equal(compareNugetVersions(order[i], order[j]), Math.sign(i - j), `${order[i]} vs ${order[j]}`);
  }
  for (const [a, b] of [
    ['13.0.1', '13.0.1.0'],
    ['1', '1.0.0.0'],
    ['1.0', '1.0.0'],
    ['1.0.0-Beta', '1.0.0-beta'],
    ['1.0.0+abc', '1.0.0+def'],
  ])
    assert.equal(compareVersions(a, b, 'nuget'), 0, `${a} = ${b}`);
});

test('Newtonsoft.Json: the OSV range <13.0.1 (GHSA-5crp-9r3c-p9vr) with four-part versions', () => {
  const osv = { includePrerelease: true, plainOrder: true };
  assert.equal(versionCovers('<13.0.1', '12.0.3', 'nuget', osv), true);
  assert.equal(versionCovers('<13.0.1', '13.0.0.0', 'nuget', osv), true);
  assert.equal(versionCovers('<13.0.1', '13.0.1-beta1', 'nuget', osv), true, 'OSV order admits pre-releases');
  assert.equal(versionCovers('<13.0.1', '13.0.1', 'nuget', osv), false);
  assert.equal(versionCovers('<13.0.1', '13.0.1.0', 'nuget', osv), false);
  assert.equal(versionCovers('>=4.5.1 <13.0.1', '4.5.11', 'nuget', osv), true);
  assert.equal(versionCovers('13.0.1', '13.0.1.0', 'nuget', osv), true, 'an OSV versions entry is exact');
  assert.equal(versionCovers('13.0.1', '13.0.3', 'nuget', osv), false);
});

test('NuGet range syntax', () => {
  const cases: Array<[string, string, boolean]> = [
    ['[1.0,2.0)', '1.0', true],
    ['[1.0,2.0)', '1.9.9.9', true],
    ['[1.0,2.0)', '2.0', false],
    ['(1.0,2.0]', '1.0', false],
    ['(1.0,2.0]', '2.0.0.0', true],
    ['(1.0,)', '1.0.0.1', true],
    ['[1.0,)', '0.9', false],
    ['(,1.0]', '1.0', true],
    ['(,1.0)', '1.0', false],
    ['[1.0]', '1.0.0', true],
    ['[1.0]', '1.0.1', false],
    ['[ 1.0 , 2.0 )', '1.5', true],
    ['1.*', '1.9.3', true],
    ['1.*', '2.0.0', false],
    ['1.*', '1.5.0-beta', false],
    ['13.0.*', '13.0.3', true],
    ['13.0.*', '13.1.0', false],
    ['*', '99.0', true],
    ['>=1.0 <2.0', '1.5', true],
  ];
  for (const [spec, version, expected] of cases)
    assert.equal(versionCovers(spec, version, 'nuget'), expected, `${spec} ∋ ${version}`);
});

test('NuGet: a bare version is exact in a Version value, >= in a project file', () => {
  assert.equal(versionCovers('13.0.1', '13.0.1', 'nuget'), true);
  assert.equal(versionCovers('13.0.1', '13.0.3', 'nuget'), false);
  assert.equal(versionCovers('13.0.1', '13.0.3', 'nuget', { requirement: true }), true);
  assert.equal(versionCovers('13.0.1', '12.0.3', 'nuget', { requirement: true }), false);
  assert.equal(exactVersion('13.0.1', 'nuget'), '13.0.1');
  assert.equal(exactVersion('[13.0.1]', 'nuget'), '13.0.1');
  assert.equal(exactVersion('[13.0.1,)', 'nuget'), undefined);
});

test('NuGet pre-releases: only a range with a pre-release bound covers one, unless included', () => {
  assert.equal(nugetCovers('[1.0,2.0)', '1.5.0-rc.1'), false);
  assert.equal(nugetCovers('[1.0.0-beta,2.0)', '1.5.0-rc.1'), true);
  assert.equal(nugetCovers('[1.0,2.0)', '1.5.0-rc.1', { includePrerelease: true }), true);
  assert.equal(nugetCovers('[1.0,2.0)', '2.0.0-rc.1', { includePrerelease: true }), true, 'by order, as Satisfies');
  assert.equal(nugetCovers('1.*', '2.0.0-rc.1', { includePrerelease: true }), false, 'a float stops below 2.0');
});

test('NuGet: malformed input is invalid, never a throw', () => {
  for (const spec of [
    '',
    '(1.0)',
    '[1.0',
    '1.0]',
    '[2.0,1.0]',
    '(1.0,1.0)',
    '[,]',
    '[1,2,3]',
    '1.*.1',
    '1.0.*-*',
    'a.b',
    'v1.0',
  ]) {
    assert.equal(isValidNugetSpec(spec), false, spec);
    assert.equal(isValidVersionSpec(spec, 'nuget'), false, spec);
    assert.equal(versionCovers(spec, '1.0', 'nuget'), false, spec);
  }
  assert.equal(parseNugetVersion('1.2.3.4.5'), undefined);
  assert.equal(parseNugetVersion('1.0.0-'), undefined);
  assert.equal(parseNugetRange(null as unknown as string), undefined);
  assert.equal(nugetCovers('[1.0,2.0)', 'latest'), false);
  assert.equal(parseNugetVersion(`1.0.0-${'a.'.repeat(120)}!`), undefined, 'a long bad label fails, quickly');
});

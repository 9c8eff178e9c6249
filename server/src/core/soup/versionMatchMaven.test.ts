import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { compareVersions, exactVersion, isValidVersionSpec, versionCovers } from './versionMatch';
import {
  compareMavenVersions,
  exactMavenVersion,
  isValidMavenSpec,
  mavenCovers,
  parseMavenRange,
  parseMavenVersion,
} from './versionMatchMaven';

/** Written by Maven 3.8.7's own maven-artifact (test/fixtures/versions/README.md). */
const fixture: { generator: string; order: Array<[string, number]>; contains: Array<[string, string, boolean]> } =
  JSON.parse(
    readFileSync(path.resolve(__dirname, '../../../../test/fixtures/versions/maven-comparable-version.json'), 'utf8'),
  );

test('Maven order agrees with maven-artifact ComparableVersion on every pair of the fixture', () => {
  assert.match(fixture.generator, /maven-artifact 3\.8/);
  assert.ok(fixture.order.length >= 70);
  const wrong: string[] = [];
  for (const [a, ra] of fixture.order) {
    for (const [b, rb] of fixture.order) {
      if (compareMavenVersions(a, b) !== Math.sign(ra - rb))
        wrong.push(`${a} vs ${b}: Maven says ${Math.sign(ra - rb)}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('Maven ranges agree with maven-artifact VersionRange.containsVersion on every row', () => {
  assert.ok(fixture.contains.length >= 1000);
  assert.ok(fixture.contains.some((r) => r[2]) && fixture.contains.some((r) => !r[2]));
  const wrong = fixture.contains
    .filter(([spec, version, contains]) => versionCovers(spec, version, 'maven') !== contains)
    .map(([spec, version, contains]) => `${spec} ∋ ${version}: Maven says ${contains}`);
  assert.deepEqual(wrong, []);
});

/** Ascending, after the order lists of Maven's own ComparableVersionTest (checked against Maven 3.8.7). */
const QUALIFIER_ORDER = [
  '1-alpha2snapshot',
  '1-alpha2',
  '1-alpha-123',
  '1-beta-2',
  '1-beta123',
  '1-m2',
  '1-m11',
  '1-rc',
  '1-cr2',
  '1-rc123',
  '1-SNAPSHOT',
  '1',
  '1-sp',
  '1-sp2',
  '1-sp123',
  '1-abc',
  '1-def',
  '1-pom-1',
  '1-1-snapshot',
  '1-1',
  '1-2',
  '1-123',
];
const NUMBER_ORDER = [
  '2.0',
  '2-1',
  '2.0.2',
  '2.0.123',
  '2.1.0',
  '2.1-a',
  '2.1b',
  '2.1-c',
  '2.1-1',
  '2.1.0.1',
  '2.2',
  '2.123',
  '11.a2',
  '11.a11',
  '11.b2',
  '11.b11',
  '11.m2',
  '11.m11',
  '11',
  '11.a',
  '11b',
  '11c',
  '11m',
];

test('Maven order: every pair of the ComparableVersionTest lists', () => {
  for (const list of [QUALIFIER_ORDER, NUMBER_ORDER]) {
    for (let i = 0; i < list.length; i++) {
      for (let j = 0; j < list.length; j++)
        assert.equal(compareMavenVersions(list[i], list[j]), Math.sign(i - j), `${list[i]} vs ${list[j]}`);
    }
  }
});

test('Maven order: equal spellings', () => {
  const equal: Array<[string, string]> = [
    ['1', '1.0'],
    ['1', '1.0.0'],
    ['1.0', '1-0'],
    ['1', '1-ga'],
    ['1', '1-final'],
    ['1', '1-release'],
    ['1-rc1', '1-cr1'],
    ['1a1', '1-alpha-1'],
    ['1b2', '1-beta-2'],
    ['1m3', '1-milestone-3'],
    ['1X', '1x'],
    ['1-SNAPSHOT', '1-snapshot'],
    ['2.0-beta9', '2-beta-9'],
  ];
  for (const [a, b] of equal) assert.equal(compareMavenVersions(a, b), 0, `${a} = ${b}`);
  assert.equal(compareMavenVersions('1.0-alpha', '1.0-beta'), -1);
  assert.equal(compareMavenVersions('1.0-rc1', '1.0-SNAPSHOT'), -1, 'rc < snapshot < release');
  assert.equal(compareMavenVersions('1.0-SNAPSHOT', '1.0'), -1);
  assert.equal(compareMavenVersions('1.0', '1.0-sp1'), -1);
  assert.equal(compareMavenVersions('1.0.10', '1.0.9'), 1, 'numeric, not textual');
  assert.equal(compareMavenVersions('1.0.99999999999999999999', '1.0.99999999999999999998'), 1, 'big numbers');
  assert.equal(compareVersions('2.14.1', '2.0-beta9', 'maven'), 1);
  assert.equal(compareVersions('2.15.0', '2.15', 'maven'), 0);
});

test('log4j-core: 2.14.1 is inside [2.0-beta9,2.15.0), 2.15.0 and 2.17.1 are not', () => {
  const range = '[2.0-beta9,2.15.0)';
  for (const v of ['2.0-beta9', '2.0-rc1', '2.0', '2.14.1', '2.15.0-rc1'])
    assert.equal(versionCovers(range, v, 'maven'), true, v);
  for (const v of ['2.0-beta8', '2.0-alpha1', '1.2.17', '2.15.0', '2.15', '2.17.1'])
    assert.equal(versionCovers(range, v, 'maven'), false, v);
  // The same interval as OSV writes it (advisoriesOsv.ts).
  assert.equal(versionCovers('>=2.0-beta9 <2.15.0', '2.14.1', 'maven', { includePrerelease: true }), true);
  assert.equal(versionCovers('>=2.0-beta9 <2.15.0', '2.15.0', 'maven', { includePrerelease: true }), false);
});

test('Maven range syntax', () => {
  const cases: Array<[string, string, boolean]> = [
    ['(,1.0]', '1.0', true],
    ['(,1.0]', '0.9', true],
    ['(,1.0]', '1.0.1', false],
    ['(,1.0)', '1.0', false],
    ['[1.0,)', '99', true],
    ['(1.0,)', '1.0', false],
    ['(1.0,)', '1.0.1', true],
    ['[1.2]', '1.2', true],
    ['[1.2]', '1.2.0', true],
    ['[1.2]', '1.2.1', false],
    ['[1.0,2.0]', '2.0', true],
    ['(1.0,2.0)', '2.0', false],
    ['(,1.0],[1.2,)', '1.1', false],
    ['(,1.0],[1.2,)', '1.3', true],
    ['(,1.0],[1.2,)', '0.1', true],
    ['[1.0, 2.0)', '1.5', true],
    ['1.5', '1.5', true],
    ['1.5', '1.5.0', true],
    ['1.5', '1.6', false],
    ['>=1.0 <2.0', '1.9', true],
    ['>=1.0, <2.0', '2.0', false],
    ['1.0, 1.1', '1.1', true],
  ];
  for (const [spec, version, expected] of cases)
    assert.equal(versionCovers(spec, version, 'maven'), expected, `${spec} ∋ ${version}`);
});

test('Maven: malformed ranges and versions are false / invalid, never a throw', () => {
  const bad = ['[1.0', '(1.0)', '[2.0,1.0]', '[1.0,2.0),', '[,1.0]', '[1.0,]', '[1,2,3]', '[]', '1.0 2.0', 'a b', ''];
  for (const spec of bad) {
    assert.equal(isValidMavenSpec(spec), false, spec);
    assert.equal(isValidVersionSpec(spec, 'maven'), false, spec);
    assert.equal(versionCovers(spec, '1.0', 'maven'), false, spec);
  }
  assert.equal(parseMavenRange('x'), undefined);
  assert.equal(parseMavenVersion(''), undefined);
  assert.equal(parseMavenVersion('1.0 beta'), undefined);
  assert.equal(mavenCovers('[1.0,2.0)', 'not a version!'), false);
  assert.equal(mavenCovers(undefined as unknown as string, '1.0'), false);
  assert.equal(compareMavenVersions('1.0', '[1.0]'), undefined);
  // Long inputs stay fast (no backtracking) and are refused above the length limits.
  assert.equal(isValidMavenSpec(`[${'1.'.repeat(3000)}1,)`), false);
  assert.equal(parseMavenVersion(`${'1-a'.repeat(80)}`)?.text.length, 240);
});

test('Maven: exact versions', () => {
  assert.equal(exactMavenVersion('2.14.1'), '2.14.1');
  assert.equal(exactMavenVersion('[2.14.1]'), '2.14.1');
  assert.equal(exactMavenVersion('=1.0-SNAPSHOT'), '1.0-SNAPSHOT');
  assert.equal(exactMavenVersion('[1.0,2.0)'), undefined);
  assert.equal(exactVersion('[2.14.1]', 'maven'), '2.14.1');
  assert.equal(exactVersion('(,2.0]', 'maven'), undefined);
});

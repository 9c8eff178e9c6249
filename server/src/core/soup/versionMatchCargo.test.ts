import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { compareVersions, exactVersion, isRange, isValidVersionSpec, versionCovers } from './versionMatch';
import { cargoCovers, compareCargoVersions, isValidCargoSpec, parseCargoRequirement } from './versionMatchCargo';

const req = (spec: string, version: string) => cargoCovers(spec, version, { requirement: true });

/** Written by asking the real cargo (test/fixtures/versions/README.md). */
const fixture: { generator: string; matches: Array<[string, string, boolean]> } = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../../test/fixtures/versions/cargo-requirements.json'), 'utf8'),
);

test('Cargo requirements agree with cargo itself on every row of the fixture', () => {
  assert.match(fixture.generator, /cargo \d+\.\d+/);
  assert.ok(fixture.matches.length >= 100);
  assert.ok(fixture.matches.some((r) => r[2]) && fixture.matches.some((r) => !r[2]));
  const wrong = fixture.matches
    .filter(([spec, version, matches]) => req(spec, version) !== matches)
    .map(([spec, version, matches]) => `${spec} ∋ ${version}: cargo says ${matches}`);
  assert.deepEqual(wrong, []);
});

test('Cargo requirements, as the semver crate reads them', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['^1.2.3', ['1.2.3', '1.8.1', '1.99.0'], ['1.2.2', '2.0.0', '2.0.0-alpha']],
    ['^0.1.2', ['0.1.2', '0.1.4'], ['0.2.0', '0.1.1']],
    ['^0.0.2', ['0.0.2'], ['0.0.1', '0.0.3']],
    ['^0.0', ['0.0.0', '0.0.2'], ['0.1.0']],
    ['^0', ['0.0.1', '0.9.1'], ['1.0.0']],
    ['^1.2', ['1.2.0', '1.9.0'], ['1.1.9', '2.0.0']],
    ['~1', ['1.0.0', '1.9.9'], ['2.0.0', '0.9.0']],
    ['~1.2', ['1.2.0', '1.2.9'], ['1.3.0', '1.1.0']],
    ['~1.2.3', ['1.2.3', '1.2.9'], ['1.3.0', '1.2.2']],
    ['=1.2', ['1.2.0', '1.2.5'], ['1.3.0']],
    ['=1.2.3', ['1.2.3'], ['1.2.4']],
    ['>1.2', ['1.3.0'], ['1.2.9']],
    ['>1', ['2.0.0'], ['1.9.9']],
    ['>1.2.3', ['1.2.4'], ['1.2.3']],
    ['>=1.2', ['1.2.0', '3.0.0'], ['1.1.9']],
    ['<1.2', ['1.1.9'], ['1.2.0']],
    ['<=1.2', ['1.2.9'], ['1.3.0']],
    ['<=1', ['1.9.9'], ['2.0.0']],
    ['1.*', ['1.0.0', '1.5.3'], ['2.0.0', '0.9.0']],
    ['1.2.*', ['1.2.0', '1.2.7'], ['1.3.0']],
    ['1.2.x', ['1.2.7'], ['1.3.0']],
    ['*', ['0.0.1', '99.0.0'], ['1.0.0-pre']],
    ['>=1, <2', ['1.0.0', '1.9.9'], ['2.0.0', '0.9.9']],
    ['>= 1.2, < 1.5', ['1.4.0'], ['1.5.0']],
    ['1.0', ['1.0.0', '1.0.197', '1.9.0'], ['2.0.0', '0.9.0']],
    ['1.0.197', ['1.0.197', '1.0.210'], ['1.0.196', '2.0.0']],
    ['0.4', ['0.4.0', '0.4.38'], ['0.5.0']],
  ];
  for (const [spec, yes, no] of cases) {
    for (const v of yes) assert.equal(req(spec, v), true, `${spec} ∋ ${v}`);
    for (const v of no) assert.equal(req(spec, v), false, `${spec} ∌ ${v}`);
  }
});

test('Cargo pre-releases: only a comparator naming a pre-release of the same version admits one', () => {
  assert.equal(req('^1.2.3-alpha.2', '1.2.3-alpha.3'), true);
  assert.equal(req('^1.2.3-alpha.2', '1.2.3'), true);
  assert.equal(req('^1.2.3-alpha.2', '1.9.0'), true);
  assert.equal(req('^1.2.3-alpha.2', '1.2.3-alpha.1'), false);
  assert.equal(req('^1.2.3-alpha.2', '1.2.4-alpha.3'), false, 'another version’s pre-release');
  assert.equal(req('>=1.2.3-alpha', '1.2.3-beta'), true);
  assert.equal(req('>=1.2.3-alpha', '1.2.4-beta'), false);
  assert.equal(req('^1.2', '1.3.0-beta.1'), false);
  assert.equal(cargoCovers('^1.2', '1.3.0-beta.1', { includePrerelease: true }), true);
  assert.equal(cargoCovers('^1.2', '2.0.0-alpha', { includePrerelease: true }), false, '^1.2 ends below 2.0.0-0');
  assert.equal(cargoCovers('>=1.0.0 <1.2.3', '1.2.3-rc.1', { includePrerelease: true }), true, 'OSV order');
});

test('Cargo in a SOUP Version value: a bare full version is exact, a partial one a caret range', () => {
  assert.equal(versionCovers('1.0.197', '1.0.197', 'cargo'), true);
  assert.equal(versionCovers('1.0.197', '1.0.210', 'cargo'), false, 'serde 1.0.210 is not the recorded 1.0.197');
  assert.equal(versionCovers('1.0.197', '1.0.210', 'cargo', { requirement: true }), true, 'Cargo.toml meaning');
  assert.equal(versionCovers('1.0', '1.0.210', 'cargo'), true);
  assert.equal(versionCovers('^1.0.197', '1.0.210', 'cargo'), true);
  assert.equal(versionCovers('1.0.196, 1.0.197', '1.0.197', 'cargo'), true, 'a list of alternatives');
  assert.equal(versionCovers('>=1.0, <2.0', '1.5.0', 'cargo'), true);
  assert.equal(versionCovers('>=1.0, <2.0', '2.0.0', 'cargo'), false);
  assert.equal(exactVersion('1.0.197', 'cargo'), '1.0.197');
  assert.equal(exactVersion('=1.0.197', 'cargo'), '1.0.197');
  assert.equal(exactVersion('1.0', 'cargo'), undefined);
  assert.equal(isRange('1.0', 'cargo'), true);
  assert.equal(isRange('1.0.197', 'cargo'), false);
  assert.equal(compareVersions('1.0.210', '1.0.197', 'cargo'), 1);
  assert.equal(compareCargoVersions('1.0.0-alpha.1', '1.0.0-alpha.beta'), -1);
  assert.equal(compareCargoVersions('1.0.0+build.5', '1.0.0'), 0);
});

test('Cargo: malformed requirements are invalid, never a throw', () => {
  for (const spec of ['', ',', '>=1,', '1.2.3.4', '>=>1', '1.*.3', '^1.*', '1.2.3-01', '~', 'latest', '1.2.3 ||']) {
    assert.equal(isValidCargoSpec(spec), false, spec);
    assert.equal(isValidVersionSpec(spec, 'cargo'), false, spec);
    assert.equal(versionCovers(spec, '1.2.3', 'cargo'), false, spec);
  }
  assert.equal(parseCargoRequirement(undefined as unknown as string), undefined);
  assert.equal(cargoCovers('^1', 'not-semver'), false);
  assert.equal(compareVersions('1.2', '1.2.0', 'cargo'), undefined, 'crate versions are full semver');
  assert.equal(isValidCargoSpec(`^1.2.3-${'a-'.repeat(1000)}!`), false, 'a long bad label fails, quickly');
  assert.equal(isValidCargoSpec(`^1.2.3-${'a-'.repeat(3000)}a`), false, 'over the length limit');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compareVersions,
  describeVersion,
  exactVersion,
  isRange,
  isValidVersionSpec,
  versionCovers,
} from './versionMatch';
import {
  comparePep440,
  parsePep440,
  parsePep440Specifier,
  pep440Satisfies,
  parsePep440SpecifierSet,
} from './versionMatchPep440';

const covers = (spec: string, version: string, eco: 'npm' | 'pypi' | 'generic') => versionCovers(spec, version, eco);

test('exact versions, with and without v/=', () => {
  for (const eco of ['npm', 'pypi', 'generic'] as const) {
    assert.equal(covers('4.21.2', '4.21.2', eco), true, eco);
    assert.equal(covers('v4.21.2', '4.21.2', eco), true, eco);
    assert.equal(covers('4.21.2', 'v4.21.2', eco), true, eco);
    assert.equal(covers(' =4.21.2 ', '4.21.2', eco), true, eco);
    assert.equal(covers('4.21.2', '4.21.3', eco), false, eco);
  }
  assert.equal(covers('==4.21.2', '4.21.2', 'npm'), true);
  assert.equal(covers('4.21.2-beta.1', '4.21.2-beta.1', 'npm'), true);
  assert.equal(covers('4.21.2', '4.21.2-beta.1', 'npm'), false);
  assert.equal(covers('2.31', '2.31.0', 'pypi'), true, 'PEP 440 pads release segments');
  assert.equal(covers('2.31.0rc1', '2.31.0rc1', 'pypi'), true);
  assert.equal(covers('2.31.0', '2.31.0rc1', 'pypi'), false);
  assert.equal(covers('1.0-SNAPSHOT', '1.0-snapshot', 'generic'), true, 'generic: case-insensitive string match');
});

test('npm ranges via node-semver', () => {
  const cases: Array<[string, string, boolean]> = [
    ['^4.18', '4.21.2', true],
    ['^4.18', '5.0.0', false],
    ['^4.18', '4.17.9', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['>=1 <2', '1.99.0', true],
    ['>=1 <2', '2.0.0', false],
    ['4.x', '4.0.1', true],
    ['4.X', '5.0.0', false],
    ['4.21', '4.21.7', true],
    ['*', '0.0.1', true],
    ['1.2.3 - 1.4', '1.4.9', true],
    ['1.2.3 - 1.4', '1.5.0', false],
    ['1.2.3 - 1.4', '1.2.2', false],
    ['^3 || ^4.18', '3.1.0', true],
    ['^3 || ^4.18', '4.2.0', false],
    ['<=4.21.1 || 5.0.0-alpha.1 - 5.0.0', '5.0.0-beta.1', true],
  ];
  for (const [spec, version, expected] of cases)
    assert.equal(covers(spec, version, 'npm'), expected, `${spec} ∋ ${version}`);
});

test('npm pre-releases follow node-semver unless includePrerelease', () => {
  assert.equal(covers('^4.18', '4.19.0-beta.1', 'npm'), false);
  assert.equal(covers('^4.19.0-beta.0', '4.19.0-beta.1', 'npm'), true, 'same tuple pre-release');
  assert.equal(versionCovers('^4.18', '4.19.0-beta.1', 'npm', { includePrerelease: true }), true);
  assert.equal(versionCovers('<4.17.21', '4.17.21-rc.1', 'npm', { includePrerelease: true }), true);
});

test('human lists of alternatives', () => {
  assert.equal(covers('4.21.2, 4.21.3', '4.21.3', 'npm'), true);
  assert.equal(covers('4.21.2, 4.21.3', '4.21.4', 'npm'), false);
  assert.equal(covers('4.x, 5.x', '5.1.0', 'npm'), true);
  assert.equal(covers('^3, ^5', '5.1.0', 'npm'), true, 'npm commas between non-comparators are alternatives');
  assert.equal(covers('>=1.0, <2.0', '1.5.0', 'npm'), true, 'npm commas between bare comparators are AND');
  assert.equal(covers('>=1.0, <2.0', '2.5.0', 'npm'), false);
  assert.equal(covers('2.31.0, 2.32.3', '2.32.3', 'pypi'), true);
  assert.equal(covers('2.31.*, 2.32.*', '2.32.3', 'pypi'), true);
  assert.equal(covers('v1.0, v1.1', '1.1', 'generic'), true);
  assert.equal(covers('4.21.2,', '4.21.2', 'npm'), false, 'empty list element');
});

test('PEP 440 specifiers', () => {
  const cases: Array<[string, string, boolean]> = [
    ['==2.31.*', '2.31.0', true],
    ['==2.31.*', '2.31.5.post1', true],
    ['==2.31.*', '2.32.0', false],
    ['2.31.*', '2.31.7', true],
    ['!=2.31.*', '2.32.0', true],
    ['!=2.31.*', '2.31.1', false],
    ['>=2.31,<3', '2.32.3', true],
    ['>=2.31,<3', '3.0', false],
    ['>=2.31, <3', '2.30.9', false],
    ['>= 2.31 , < 3', '2.99', true],
    ['>=2.31 <3', '2.40', true],
    ['~=1.4.2', '1.4.9', true],
    ['~=1.4.2', '1.4.1', false],
    ['~=1.4.2', '1.5.0', false],
    ['~=1.4', '1.9', true],
    ['~=1.4', '2.0', false],
    ['!=1.4.2', '1.4.2', false],
    ['!=1.4.2', '1.4.3', true],
    ['>=1.0,!=1.3.4,<2', '1.3.4', false],
    ['>=1.0,!=1.3.4,<2', '1.3.5', true],
    ['<=2.0', '2.0.0', true],
    ['>2.0', '2.0.post1', false],
    ['>2.0.post0', '2.0.post1', true],
    ['>2.0', '2.0.1', true],
    ['==1.0', '1.0+local.7', true],
    ['==1.0+local.7', '1.0+local.8', false],
    ['>1.0', '1.0+local.7', false],
    ['===1.0-foo', '1.0-FOO', true],
    ['==1!2.0', '2.0', false],
    ['==1!2.0', '1!2.0', true],
  ];
  for (const [spec, version, expected] of cases)
    assert.equal(covers(spec, version, 'pypi'), expected, `${spec} ∋ ${version}`);
});

test('PEP 440 pre-releases are excluded unless asked for or named', () => {
  assert.equal(covers('>=2.31,<3', '2.32.0rc1', 'pypi'), false);
  assert.equal(covers('>=2.31,<3', '2.32.0.dev3', 'pypi'), false);
  assert.equal(covers('>=2.32.0b1', '2.32.0rc1', 'pypi'), true, 'the specifier names a pre-release');
  assert.equal(versionCovers('>=2.31,<3', '2.32.0rc1', 'pypi', { includePrerelease: true }), true);
  assert.equal(
    versionCovers('<3.0', '3.0rc1', 'pypi', { includePrerelease: true }),
    false,
    '<V excludes pre-releases of V',
  );
  assert.equal(
    versionCovers('<3.0rc2', '3.0rc1', 'pypi'),
    false,
    'packaging: an exclusive bound does not admit pre-releases',
  );
  assert.equal(versionCovers('<=3.0rc2', '3.0rc1', 'pypi'), true, 'an inclusive one does');
  assert.equal(
    versionCovers('<3.0', '3.0rc1', 'pypi', { includePrerelease: true, plainOrder: true }),
    true,
    'OSV ordering',
  );
  assert.equal(versionCovers('>2.0', '2.0.post1', 'pypi', { plainOrder: true }), true);
});

test('PEP 440 ordering', () => {
  const order = [
    '1.0.dev0',
    '1.0a1.dev1',
    '1.0a1',
    '1.0alpha2',
    '1.0b1',
    '1.0rc1',
    '1.0c2',
    '1.0',
    '1.0+abc',
    '1.0+5',
    '1.0.post1.dev0',
    '1.0.post1',
    '1.0-2',
    '1.1.dev0',
    '1.1',
    '1!0.1',
  ];
  for (let i = 1; i < order.length; i++) {
    const a = parsePep440(order[i - 1])!;
    const b = parsePep440(order[i])!;
    assert.ok(a && b, `${order[i - 1]} / ${order[i]} parse`);
    assert.equal(comparePep440(a, b), -1, `${order[i - 1]} < ${order[i]}`);
  }
  assert.equal(comparePep440(parsePep440('1.0')!, parsePep440('1.0.0.0')!), 0);
  assert.equal(comparePep440(parsePep440('1.0RC1')!, parsePep440('1.0-rc.1')!), 0);
  assert.deepEqual(parsePep440('v1.2.3-Beta.4.post5.dev6+Ubuntu-1'), {
    epoch: 0,
    release: [1, 2, 3],
    pre: { label: 'b', n: 4 },
    post: 5,
    dev: 6,
    local: ['ubuntu', 1],
  });
  assert.equal(compareVersions('1.2.10', '1.2.9', 'npm'), 1);
  assert.equal(compareVersions('1.0rc1', '1.0', 'pypi'), -1);
  assert.equal(compareVersions('banana', '1.0', 'npm'), undefined);
});

test('invalid input is false, never a throw', () => {
  const bad: Array<[string, string, 'npm' | 'pypi' | 'generic']> = [
    ['', '1.0.0', 'npm'],
    ['1.0.0', '', 'npm'],
    ['^^1', '1.0.0', 'npm'],
    ['latest', '1.0.0', 'npm'],
    ['>=1.0.0', 'not-a-version', 'npm'],
    ['~=1', '1.0', 'pypi'],
    ['>=2.31.*', '2.31.0', 'pypi'],
    ['==2.31.*.1', '2.31.0', 'pypi'],
    ['^4.18', '4.19.0', 'pypi'],
    ['>=2.31,<3', 'garbage', 'pypi'],
    ['>=2.31,,<3', '2.32', 'pypi'],
    ['>=1.0,<2', 'x.y', 'generic'],
  ];
  for (const [spec, version, eco] of bad)
    assert.equal(covers(spec, version, eco), false, `${spec} / ${version} / ${eco}`);
  assert.equal(versionCovers(undefined as unknown as string, '1.0.0', 'npm'), false);
  assert.equal(versionCovers('1.0.0', null as unknown as string, 'pypi'), false);
  assert.equal(parsePep440Specifier('~=1'), undefined);
  assert.equal(parsePep440Specifier('<1.0+local'), undefined);
  assert.equal(parsePep440SpecifierSet('>=1,'), undefined);
  assert.equal(pep440Satisfies(parsePep440SpecifierSet('>=1')!, 'x'), false);
});

test('generic ecosystem: exact, then semver, then PEP 440', () => {
  assert.equal(covers('^1.2', '1.3.0', 'generic'), true);
  assert.equal(covers('>=1.0,<2', '1.5', 'generic'), true);
  assert.equal(covers('>=1.0,<2', '2.5', 'generic'), false);
  assert.equal(covers('2024-01-15', '2024-01-15', 'generic'), true);
});

test('isRange, exactVersion, isValidVersionSpec', () => {
  for (const v of ['4.21.2', 'v4.21.2', '=4.21.2', '==2.31.0']) assert.equal(isRange(v), false, v);
  for (const v of [
    '^4.18',
    '~1.2.3',
    '>=1 <2',
    '4.x',
    '1.2.3 - 1.4',
    '^3 || ^4',
    '4.21.2, 4.21.3',
    '==2.31.*',
    '>=2.31,<3',
    '*',
  ]) {
    assert.equal(isRange(v, v.includes('==') || v.includes(',<') ? 'pypi' : 'npm'), true, v);
  }
  assert.equal(isRange('4.21', 'npm'), true, 'a partial version is a range in npm');
  assert.equal(isRange('4.21', 'pypi'), false, 'and exact in PEP 440');
  assert.equal(isRange(''), false);
  assert.equal(isRange('^^1', 'npm'), false);
  assert.equal(exactVersion('v4.21.2', 'npm'), '4.21.2');
  assert.equal(exactVersion('==2.31.0', 'pypi'), '2.31.0');
  assert.equal(exactVersion('4.x', 'generic'), undefined);
  assert.equal(isValidVersionSpec('^4.18', 'npm'), true);
  assert.equal(isValidVersionSpec('^4.18', 'pypi'), false);
  assert.equal(isValidVersionSpec('>=2.31,<3', 'pypi'), true);
});

test('describeVersion', () => {
  assert.equal(describeVersion('v4.21.2', 'npm'), 'version 4.21.2');
  assert.equal(describeVersion('^4.18', 'npm'), 'range ^4.18 (>=4.18.0 <5.0.0)');
  assert.equal(describeVersion('>=1.0.0 <2.0.0', 'npm'), 'range >=1.0.0 <2.0.0');
  assert.equal(describeVersion('1.2.3 - 1.4', 'npm'), 'range 1.2.3 - 1.4 (>=1.2.3 <1.5.0)');
  assert.equal(describeVersion('*', 'npm'), 'any version (*)');
  assert.equal(describeVersion('4.21.2, 4.21.3'), 'any of 4.21.2, 4.21.3');
  assert.equal(describeVersion('>=2.31,<3', 'pypi'), 'specifier >=2.31,<3');
  assert.equal(describeVersion('', 'npm'), 'no version');
  assert.equal(describeVersion('latest', 'npm'), "'latest' (not a version or range)");
});

test('every ecosystem dispatches to its own order and syntax', () => {
  assert.equal(compareVersions('2.0-beta9', '2.0', 'maven'), -1, 'Maven qualifier');
  assert.equal(compareVersions('v0.17.0', '0.17.0', 'golang'), 0, 'Go with and without v');
  assert.equal(compareVersions('1.0.0-alpha', '1.0.0', 'cargo'), -1);
  assert.equal(compareVersions('13.0.1.0', '13.0.1', 'nuget'), 0, 'NuGet four parts');
  assert.equal(compareVersions('2.0-beta9', '2.0', 'npm'), undefined, 'not semver');
  assert.equal(versionCovers('[2.0-beta9,2.15.0)', '2.14.1', 'maven'), true);
  assert.equal(versionCovers('[2.0-beta9,2.15.0)', '2.14.1', 'npm'), false, 'Maven syntax is not npm syntax');
  assert.equal(versionCovers('^1.2', '1.9.0', 'cargo'), true);
  assert.equal(versionCovers('[1.0,2.0)', '1.5', 'nuget'), true);
  assert.equal(versionCovers('>=v0.1.0', 'v0.2.0', 'golang'), true);
  assert.equal(isValidVersionSpec('[1.0,2.0)', 'maven'), true);
  assert.equal(isValidVersionSpec('[1.0,2.0)', 'cargo'), false);
  assert.equal(isValidVersionSpec('^1.2', 'nuget'), false);
  assert.equal(isRange('[1.0,2.0)', 'nuget'), true);
  assert.equal(isRange('[1.0]', 'nuget'), false);
  assert.equal(describeVersion('[1.0,2.0)', 'maven'), 'range [1.0,2.0)');
  assert.equal(describeVersion('[1.0]', 'nuget'), 'version 1.0');
});

test('hostile input never throws in any ecosystem', () => {
  const ecosystems = ['npm', 'pypi', 'cargo', 'golang', 'maven', 'nuget', 'generic'] as const;
  const pieces = [
    '1',
    '.',
    '-',
    '+',
    '*',
    'x',
    'v',
    '[',
    ']',
    '(',
    ')',
    ',',
    ' ',
    '<',
    '>',
    '=',
    '!',
    '~',
    '^',
    '|',
    'a',
    'rc',
    '0',
  ];
  // A fixed pseudo-random sequence: the same inputs on every run.
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const inputs = ['', ' ', '||', ',', '[,]', `${'1.'.repeat(5000)}1`, `[${'('.repeat(3000)}`, `>=${'-'.repeat(5000)}`];
  for (let i = 0; i < 400; i++) {
    let s = '';
    const n = next() % 14;
    for (let j = 0; j < n; j++) s += pieces[next() % pieces.length];
    inputs.push(s);
  }
  for (const eco of ecosystems) {
    for (const spec of inputs) {
      assert.doesNotThrow(
        () => {
          versionCovers(spec, '1.0.0', eco);
          versionCovers('1.0.0', spec, eco, { includePrerelease: true, plainOrder: true });
          versionCovers(spec, spec, eco, { requirement: true });
          isValidVersionSpec(spec, eco);
          exactVersion(spec, eco);
          isRange(spec, eco);
          describeVersion(spec, eco);
          compareVersions(spec, '1.0', eco);
        },
        `${eco}: ${JSON.stringify(spec.slice(0, 40))}`,
      );
    }
  }
});

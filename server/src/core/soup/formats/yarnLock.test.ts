import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency, ManifestIndex } from '../dependency';
import { packageIndex, pathLabel, reachableFrom } from '../dependencyGraph';
import { parsePackageJson } from '../npmManifest';
import { MAX_LOCKFILE_CHARS } from './lockfileCommon';
import { NPM_FORMATS } from './npm';
import { keyDescriptors, parseYarnLock, yarnDependencyKey, yarnDescriptorKey, yarnLockFormat } from './yarnLock';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/npm');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const lineOf = (text: string, line: string) => text.split('\n').indexOf(line) + 1;

/** Each fixture: its folder, how it writes a registry descriptor (`express@4.21.2` or `express@npm:4.21.2`). */
const LOCKS: Array<[string, (name: string, range: string) => string]> = [
  ['yarn-classic', (n, r) => `${n}@${r}`],
  ['yarn-berry-3', (n, r) => `${n}@npm:${r}`],
  ['yarn-berry-4', (n, r) => `${n}@npm:${r}`],
];

/** The package.json dependencies of the fixture's project and members, with the folder each is in. */
function declared(folder: string): Array<{ dir: string; d: Dependency }> {
  const out: Array<{ dir: string; d: Dependency }> = [];
  for (const dir of ['', 'packages/app', 'packages/lib']) {
    const file = `${dir ? `${dir}/` : ''}package.json`;
    for (const d of parsePackageJson(file, read(`${folder}/${file}`), { includeDev: true }).dependencies)
      out.push({ dir, d });
  }
  return out;
}

for (const [folder, descriptor] of LOCKS) {
  const text = read(`${folder}/yarn.lock`);
  const lock = (): ManifestIndex => parseYarnLock('yarn.lock', text);

  test(`${folder}: lockedVersion resolves every package.json dependency of the project and the members`, () => {
    const index = lock();
    assert.equal(index.kind, 'yarn.lock');
    assert.deepEqual(index.problems, []);
    const versions = declared(folder).map(
      ({ dir, d }) => `${dir || '.'} ${d.alias ?? d.name} ${yarnLockFormat.lockedVersion!(index, dir, d) ?? '-'}`,
    );
    // yarn berry sorts package.json's dependencies when it installs: compare in order of name.
    const sorted = (rows: string[]) => [...rows].sort();
    assert.deepEqual(
      sorted(versions),
      sorted([
        '. express 4.21.2',
        '. h 7.1.0',
        '. react-dom 18.2.0',
        '. react 18.2.0',
        '. fsevents 2.3.3',
        '. typescript 5.4.5',
        'packages/app @lockfx/lib -', // the workspace member: the project's own code
        'packages/app ms 2.1.3',
        'packages/app is-number 7.0.0',
        'packages/lib debug 4.3.4',
      ]),
    );
  });

  test(`${folder}: yarnDescriptorKey gives the entry's graph key; qs is reached from express`, () => {
    const index = lock();
    const express = yarnDescriptorKey(index, 'express', '4.21.2');
    assert.equal(express, descriptor('express', '4.21.2'));
    const qs = reachableFrom(index.graph!, express!).find((r) => r.pkg.name === 'qs');
    assert.ok(qs, 'qs is reachable from express');
    assert.equal(pathLabel(qs), 'qs@6.13.0 via express@4.21.2');
    // An entry with several descriptors is one package; each descriptor finds it.
    const ms = `${descriptor('ms', '2.1.3')}, ${descriptor('ms', '^2.1.3')}`;
    assert.equal(yarnDescriptorKey(index, 'ms', '^2.1.3'), ms);
    assert.equal(yarnDescriptorKey(index, 'ms', '2.1.3'), ms);
    assert.equal(packageIndex(index.graph!).get(ms)!.version, '2.1.3');
    // express uses debug 2.6.9 (its own descriptor), debug 4.3.4 uses ms 2.1.2.
    const graph = packageIndex(index.graph!);
    assert.ok(graph.get(express!)!.dependsOn.includes(descriptor('debug', '2.6.9')));
    assert.deepEqual(graph.get(descriptor('debug', '4.3.4'))!.dependsOn, [descriptor('ms', '2.1.2')]);
    // The entry is ranged at its key line.
    const key = folder === 'yarn-classic' ? 'express@4.21.2:' : '"express@npm:4.21.2":';
    const line = lineOf(text, key);
    assert.ok(line > 0);
    assert.deepEqual(graph.get(express!)!.range, { line, column: 1, endLine: line, endColumn: key.length });
  });

  test(`${folder}: the npm alias resolves to helmet`, () => {
    const index = lock();
    const key = yarnDescriptorKey(index, 'h', 'npm:helmet@7.1.0');
    assert.equal(key, 'h@npm:helmet@7.1.0');
    const pkg = packageIndex(index.graph!).get(key!)!;
    assert.deepEqual([pkg.name, pkg.version, pkg.purl], ['helmet', '7.1.0', 'pkg:npm/helmet@7.1.0']);
    const h = declared(folder).find(({ d }) => d.alias === 'h')!.d;
    assert.equal(yarnDependencyKey(index, h), key);
  });

  test(`${folder}: by name only when one version is installed; no importers`, () => {
    const index = lock();
    // No descriptor `react@^18.0.0`, but one react is installed.
    assert.equal(yarnDescriptorKey(index, 'react', '^18.0.0'), descriptor('react', '18.2.0'));
    // Two debug versions: an unknown descriptor resolves to neither.
    assert.equal(yarnDescriptorKey(index, 'debug', '^3.0.0'), undefined);
    assert.equal(yarnDescriptorKey(index, 'left-pad', '^1.0.0'), undefined);
    assert.deepEqual(Object.keys(index.graph!.importers), []);
    assert.equal(index.graph!.edges, true);
    // yarn.lock does not know which packages are dev ones: none is flagged.
    assert.equal(
      index.graph!.packages.some((p) => p.dev),
      false,
    );
  });
}

test('yarn berry: the workspaces entries give the direct dependencies, and are no packages', () => {
  const index = parseYarnLock('yarn.lock', read('yarn-berry-4/yarn.lock'));
  assert.deepEqual(index.project, { name: 'lockfx-root' });
  assert.equal(
    index.graph!.packages.some((p) => p.name.startsWith('@lockfx/') || p.name === 'lockfx-root'),
    false,
  );
  const rows = index.dependencies.map((d) =>
    [d.alias ?? d.name, d.name, d.spec, d.version, d.source, d.optional === true, d.node?.key ?? '-'].join(' '),
  );
  assert.deepEqual(rows, [
    '@lockfx/lib @lockfx/lib workspace:*  workspace false -',
    'is-number is-number ^7.0.0 7.0.0 registry false is-number@npm:^7.0.0',
    'ms ms ^2.1.3 2.1.3 registry false ms@npm:2.1.3, ms@npm:^2.1.3',
    'debug debug 4.3.4 4.3.4 registry false debug@npm:4.3.4',
    'express express 4.21.2 4.21.2 registry false express@npm:4.21.2',
    'fsevents fsevents 2.3.3 2.3.3 registry true fsevents@npm:2.3.3',
    'h helmet 7.1.0 7.1.0 alias false h@npm:helmet@7.1.0',
    'react react 18.2.0 18.2.0 registry false react@npm:18.2.0',
    'react-dom react-dom 18.2.0 18.2.0 registry false react-dom@npm:18.2.0',
    'typescript typescript 5.4.5 5.4.5 registry false typescript@npm:5.4.5',
  ]);
  // A `patch:` entry is a package too (the patched copy of fsevents 2.3.3).
  const patched = index.graph!.packages.find((p) => p.key.startsWith('fsevents@patch:'))!;
  assert.deepEqual([patched.name, patched.version, patched.purl], ['fsevents', '2.3.3', 'pkg:npm/fsevents@2.3.3']);
});

test('yarn classic: no workspace entries, so no direct dependencies of its own', () => {
  const index = parseYarnLock('yarn.lock', read('yarn-classic/yarn.lock'));
  assert.deepEqual(index.dependencies, []);
  assert.equal(index.project, undefined);
  assert.equal(index.resolved!.express, '4.21.2');
  assert.equal(index.graph!.packages.length, 83);
});

test('yarn.lock is registered as an npm lockfile found in any folder', () => {
  assert.ok(NPM_FORMATS.includes(yarnLockFormat));
  assert.equal(yarnLockFormat.role, 'lockfile');
  assert.equal(yarnLockFormat.ecosystem, 'npm');
  assert.equal(yarnLockFormat.discovery.folders, 'any');
  assert.ok(yarnLockFormat.discovery.names.test('yarn.lock'));
});

test('yarn keys: several descriptors, each quoted (classic) or all quoted (berry)', () => {
  assert.deepEqual(keyDescriptors('"@a/b@^1.0.0", "@a/b@^1.1.0"'), ['@a/b@^1.0.0', '@a/b@^1.1.0']);
  assert.deepEqual(keyDescriptors('"a@npm:^1.0.0, a@npm:^1.1.0"'), ['a@npm:^1.0.0', 'a@npm:^1.1.0']);
  assert.deepEqual(keyDescriptors('a@^1.0.0'), ['a@^1.0.0']);
});

test('yarn classic: the edges of a hand-written lockfile with quoted keys and optionalDependencies', () => {
  const text = [
    '# yarn lockfile v1',
    '',
    '',
    '"@a/b@^1.0.0", "@a/b@^1.1.0":',
    '  version "1.2.0"',
    '  dependencies:',
    '    c "~2.0.0"',
    '  optionalDependencies:',
    '    "@d/e" "3.0.0"',
    '',
    'c@~2.0.0:',
    '  version "2.0.1"',
    '',
    '"@d/e@3.0.0":',
    '  version "3.0.0"',
    '',
  ].join('\n');
  const index = parseYarnLock('yarn.lock', text);
  assert.deepEqual(index.problems, []);
  const graph = packageIndex(index.graph!);
  assert.deepEqual(graph.get('@a/b@^1.0.0, @a/b@^1.1.0')!.dependsOn, ['c@~2.0.0', '@d/e@3.0.0']);
  assert.deepEqual(graph.get('@a/b@^1.0.0, @a/b@^1.1.0')!.range, { line: 4, column: 1, endLine: 4, endColumn: 29 });
  assert.equal(yarnDescriptorKey(index, '@a/b', '^1.1.0'), '@a/b@^1.0.0, @a/b@^1.1.0');
  assert.deepEqual(index.resolved, { '@a/b': '1.2.0', c: '2.0.1', '@d/e': '3.0.0' });
});

test('yarn: malformed files are located problems, never throws', () => {
  const classic = parseYarnLock('yarn.lock', '# yarn lockfile v1\n\nfoo@^1:\n  version "1\n');
  assert.equal(classic.problems.length, 1);
  assert.match(classic.problems[0].message, /^yarn\.lock could not be read as a yarn lockfile: /);
  assert.equal(classic.problems[0].range.line, 4);
  const berry = parseYarnLock('yarn.lock', '__metadata:\n  version: 8\n\n"a@npm:1.0.0":\n  version: [1.0.0\n');
  assert.equal(berry.problems.length, 1);
  assert.ok(berry.problems[0].range.line >= 5, 'located at or after the broken line');
  for (const bad of ['', '\n\n', '- a\n', 'just text', '\u0000']) {
    const r = parseYarnLock('yarn.lock', bad);
    assert.deepEqual(r.dependencies, [], JSON.stringify(bad));
  }
  assert.match(parseYarnLock('yarn.lock', ' '.repeat(MAX_LOCKFILE_CHARS + 1)).problems[0].message, /too large/);
});

test('yarn: an unsupported __metadata version is a problem; the entries are still read', () => {
  const text =
    '__metadata:\n  version: 99\n  cacheKey: 10c0\n\n"a@npm:^1.0.0":\n  version: 1.0.3\n  resolution: "a@npm:1.0.3"\n';
  const index = parseYarnLock('yarn.lock', text);
  assert.equal(index.problems.length, 1);
  assert.match(index.problems[0].message, /__metadata version "99" is not supported/);
  assert.equal(index.problems[0].range.line, 1);
  assert.deepEqual(index.resolved, { a: '1.0.3' });
  const headless = parseYarnLock('yarn.lock', 'a@^1.0.0:\n  version: 1.0.0\n');
  assert.match(headless.problems[0].message, /neither the "# yarn lockfile v1" header nor a __metadata version/);
  assert.deepEqual(headless.resolved, { a: '1.0.0' });
});

test('yarn: __proto__ and constructor are plain package names', () => {
  const text =
    '__metadata:\n  version: 8\n\n"__proto__@npm:^1":\n  version: 1.0.0\n  resolution: "__proto__@npm:1.0.0"\n  dependencies:\n    constructor: "npm:^1"\n\n"constructor@npm:^1":\n  version: 1.0.0\n  resolution: "constructor@npm:1.0.0"\n';
  const index = parseYarnLock('yarn.lock', text);
  assert.deepEqual(index.problems, []);
  assert.deepEqual(packageIndex(index.graph!).get('__proto__@npm:^1')!.dependsOn, ['constructor@npm:^1']);
  assert.equal(yarnDescriptorKey(index, 'constructor', '^1'), 'constructor@npm:^1');
  assert.equal(yarnDescriptorKey(index, 'toString', '^1'), undefined);
  assert.equal(({} as Record<string, unknown>).version, undefined);
});

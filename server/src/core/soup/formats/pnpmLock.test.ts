import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency, ManifestIndex } from '../dependency';
import { importedPackage, packageIndex, pathLabel, reachableFrom } from '../dependencyGraph';
import { MAX_LOCKFILE_CHARS } from './lockfileCommon';
import { NPM_FORMATS } from './npm';
import { parsePnpmKey, parsePnpmLock, pnpmLockFormat } from './pnpmLock';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/npm');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const row = (d: Dependency) =>
  [d.alias ?? d.name, d.name, d.spec, d.version, d.source, d.dev === true, d.optional === true].join(' ');

// pnpm 9 writes keys `name@version`, pnpm 8 (lockfileVersion 6.0) `/name@version`.
const LOCKS: Array<[string, string]> = [
  ['pnpm-9', ''],
  ['pnpm-8', '/'],
];

for (const [folder, p] of LOCKS) {
  const text = read(`${folder}/pnpm-lock.yaml`);
  const lock = (): ManifestIndex => parsePnpmLock('pnpm-lock.yaml', text);

  test(`${folder}: the direct dependencies of the project and the members, with versions, specifiers and flags`, () => {
    const index = lock();
    assert.equal(index.kind, 'pnpm-lock.yaml');
    assert.deepEqual(index.problems, []);
    assert.deepEqual(index.dependencies.map(row), [
      'express express 4.21.2 4.21.2 registry false false',
      'h helmet 7.1.0 7.1.0 alias false false',
      'react react 18.2.0 18.2.0 registry false false',
      'react-dom react-dom 18.2.0 18.2.0 registry false false',
      'fsevents fsevents 2.3.3 2.3.3 registry false true',
      'typescript typescript 5.4.5 5.4.5 registry true false',
      '@lockfx/lib @lockfx/lib workspace:*  workspace false false',
      'ms ms ^2.1.3 2.1.3 registry false false',
      'is-number is-number ^7.0.0 7.0.0 registry true false',
      'debug debug 4.3.4 4.3.4 registry false false',
    ]);
    const express = index.dependencies[0];
    assert.deepEqual(express.node, { file: 'pnpm-lock.yaml', key: `${p}express@4.21.2` });
    assert.equal(express.purl, 'pkg:npm/express@4.21.2');
    // Ranged at the importer's dependency key (`      express:` under `importers: .: dependencies:`).
    assert.deepEqual(express.range, { line: 11, column: 7, endLine: 11, endColumn: 14 });
    const h = index.dependencies[1];
    assert.deepEqual(h.node, { file: 'pnpm-lock.yaml', key: `${p}helmet@7.1.0` });
    assert.equal(h.purl, 'pkg:npm/helmet@7.1.0');
    assert.equal(index.dependencies[6].node, undefined, 'a workspace member is no package');
  });

  test(`${folder}: every package with its edges; qs is reached from express`, () => {
    const graph = lock().graph!;
    assert.equal(graph.packages.length, 83);
    assert.equal(graph.edges, true);
    const qs = reachableFrom(graph, `${p}express@4.21.2`).find((r) => r.pkg.name === 'qs');
    assert.ok(qs, 'qs is reachable from express');
    assert.equal(pathLabel(qs), 'qs@6.13.0 via express@4.21.2');
    const pkg = packageIndex(graph).get(`${p}qs@6.13.0`)!;
    assert.equal(pkg.purl, 'pkg:npm/qs@6.13.0');
    const section = folder === 'pnpm-9' ? 'snapshots' : 'packages';
    const keyLine = text.split('\n').lastIndexOf(`  ${p}qs@6.13.0:`) + 1;
    assert.ok(keyLine > 0);
    assert.deepEqual(pkg.range, { line: keyLine, column: 3, endLine: keyLine, endColumn: 3 + `${p}qs@6.13.0`.length });
    assert.ok(text.split('\n').slice(0, keyLine).includes(`${section}:`), `ranged in ${section}`);
    // Nested copies: express uses debug 2.6.9, the lib member debug 4.3.4.
    assert.ok(packageIndex(graph).get(`${p}express@4.21.2`)!.dependsOn.includes(`${p}debug@2.6.9`));
    assert.deepEqual(packageIndex(graph).get(`${p}debug@4.3.4`)!.dependsOn, [`${p}ms@2.1.2`]);
  });

  test(`${folder}: a peer-dependency suffix is part of the key, not of the version`, () => {
    const graph = lock().graph!;
    const key = `${p}react-dom@18.2.0(react@18.2.0)`;
    const reactDom = packageIndex(graph).get(key)!;
    assert.equal(reactDom.name, 'react-dom');
    assert.equal(reactDom.version, '18.2.0');
    assert.equal(reactDom.purl, 'pkg:npm/react-dom@18.2.0');
    assert.ok(reactDom.dependsOn.includes(`${p}react@18.2.0`));
    assert.equal(graph.importers['']['react-dom'], key);
  });

  test(`${folder}: workspace members' importers by folder; lockedVersion reads the member's own`, () => {
    const index = lock();
    const importers = index.graph!.importers;
    assert.deepEqual(Object.keys(importers).sort(), ['', 'packages/app', 'packages/lib']);
    assert.deepEqual({ ...importers['packages/app'] }, { ms: `${p}ms@2.1.3`, 'is-number': `${p}is-number@7.0.0` });
    assert.deepEqual({ ...importers['packages/lib'] }, { debug: `${p}debug@4.3.4` });
    assert.equal(importers[''].h, `${p}helmet@7.1.0`);
    // `resolved` keeps the first version listed (ms 2.0.0); the member resolved 2.1.3.
    assert.equal(index.resolved!.ms, '2.0.0');
    const ms: Dependency = {
      name: 'ms',
      ecosystem: 'npm',
      spec: '^2.1.3',
      direct: true,
      source: 'registry',
      file: 'packages/app/package.json',
      range: index.dependencies[0].range,
    };
    // What the SOUP check's pairing reads (soupState.ts): the importer of the declaration's folder.
    assert.equal(importedPackage(index.graph!, 'packages/app', ms.name)?.pkg.version, '2.1.3');
    assert.equal(importedPackage(index.graph!, '', 'h')?.pkg.version, '7.1.0');
  });

  test(`${folder}: dev and optional flags of the packages`, () => {
    const graph = lock().graph!;
    const flagged = (f: 'dev' | 'optional') =>
      graph.packages
        .filter((x) => x[f])
        .map((x) => x.key)
        .sort();
    assert.deepEqual(flagged('dev'), [`${p}is-number@7.0.0`, `${p}typescript@5.4.5`]);
    assert.deepEqual(flagged('optional'), [`${p}fsevents@2.3.3`]);
  });
}

test('pnpm-lock.yaml is registered as an npm lockfile found in any folder', () => {
  assert.ok(NPM_FORMATS.includes(pnpmLockFormat));
  assert.equal(pnpmLockFormat.role, 'lockfile');
  assert.equal(pnpmLockFormat.ecosystem, 'npm');
  assert.deepEqual(pnpmLockFormat.discovery.folders, 'any');
  assert.ok(pnpmLockFormat.discovery.names.test('pnpm-lock.yaml'));
  assert.ok(!pnpmLockFormat.discovery.names.test('pnpm-lock.yml'));
});

test('pnpm keys: 9.0, 6.x and 5.x forms, scoped names, peer suffixes', () => {
  assert.deepEqual(parsePnpmKey('express@4.21.2'), { name: 'express', version: '4.21.2' });
  assert.deepEqual(parsePnpmKey('/@babel/core@7.24.0(supports-color@8.1.1)'), {
    name: '@babel/core',
    version: '7.24.0',
  });
  assert.deepEqual(parsePnpmKey('/react-dom/18.2.0_react@18.2.0'), { name: 'react-dom', version: '18.2.0' });
  assert.deepEqual(parsePnpmKey('/@types/node/20.1.0'), { name: '@types/node', version: '20.1.0' });
  assert.equal(parsePnpmKey('/@types/node'), undefined);
  assert.equal(parsePnpmKey('nothing'), undefined);
});

test('pnpm 6.x single project: top-level sections are the project importer', () => {
  const text = [
    "lockfileVersion: '6.1'",
    'dependencies:',
    '  a:',
    '    specifier: ^1.0.0',
    '    version: 1.2.0',
    'devDependencies:',
    '  b:',
    '    specifier: 2.0.0',
    '    version: 2.0.0',
    'packages:',
    '  /a@1.2.0:',
    '    dependencies:',
    '      c: 3.0.0',
    '    dev: false',
    '  /b@2.0.0:',
    '    dev: true',
    '  /c@3.0.0:',
    '    dev: false',
    '',
  ].join('\n');
  const index = parsePnpmLock('pnpm-lock.yaml', text);
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.dependencies.map(row), [
    'a a ^1.0.0 1.2.0 registry false false',
    'b b 2.0.0 2.0.0 registry true false',
  ]);
  assert.deepEqual({ ...index.graph!.importers[''] }, { a: '/a@1.2.0', b: '/b@2.0.0' });
  assert.deepEqual(packageIndex(index.graph!).get('/a@1.2.0')!.dependsOn, ['/c@3.0.0']);
  assert.deepEqual(index.dependencies[0].range, { line: 3, column: 3, endLine: 3, endColumn: 4 });
});

test('pnpm: an unsupported lockfileVersion is a located problem; what fits is still read', () => {
  const text = [
    'lockfileVersion: 5.4',
    'specifiers:',
    '  a: ^1.0.0',
    'dependencies:',
    '  a: 1.2.0',
    'packages:',
    '  /a/1.2.0:',
    '    dev: false',
    '',
  ].join('\n');
  const index = parsePnpmLock('pnpm-lock.yaml', text);
  assert.equal(index.problems.length, 1);
  assert.match(index.problems[0].message, /lockfileVersion "5\.4" is not supported \(6\.x and 9\.0 are read\)/);
  assert.deepEqual(index.problems[0].range, { line: 1, column: 1, endLine: 1, endColumn: 16 });
  assert.deepEqual(index.dependencies.map(row), ['a a ^1.0.0 1.2.0 registry false false']);
  assert.deepEqual(index.resolved, { a: '1.2.0' });
});

test('pnpm: malformed YAML is a located problem, never a throw', () => {
  const text = "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies: [unclosed\npackages: {}\n";
  const index = parsePnpmLock('pnpm-lock.yaml', text);
  assert.ok(index.problems.length >= 1);
  assert.match(index.problems[0].message, /^pnpm-lock\.yaml is not valid YAML: /);
  assert.ok(index.problems[0].range.line >= 4, 'located at or after the broken line');
  for (const bad of ['', '- a\n- b\n', ':\n  :\n', 'lockfileVersion: [\n', '\u0000\u0001']) {
    const r = parsePnpmLock('pnpm-lock.yaml', bad);
    assert.ok(r.problems.length >= 1, JSON.stringify(bad));
    assert.deepEqual(r.dependencies, []);
  }
});

test('pnpm: an alias bomb and a huge file are problems, not hangs', () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(
      `${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
    );
  }
  const bomb = parsePnpmLock('pnpm-lock.yaml', `lockfileVersion: '9.0'\n${levels.join('\n')}\n`);
  assert.equal(bomb.problems.length, 1);
  assert.match(bomb.problems[0].message, /expands YAML aliases too many times/);
  const huge = parsePnpmLock('pnpm-lock.yaml', ' '.repeat(MAX_LOCKFILE_CHARS + 1));
  assert.match(huge.problems[0].message, /is too large to read/);
});

test('pnpm: a package key that names no version is a problem at it; the others are read', () => {
  const text =
    "lockfileVersion: '9.0'\nimporters:\n  .: {}\npackages:\n  nothing: {}\n  a@1.0.0: {}\nsnapshots:\n  nothing: {}\n  a@1.0.0: {}\n";
  const index = parsePnpmLock('pnpm-lock.yaml', text);
  assert.equal(index.problems.length, 1);
  assert.match(index.problems[0].message, /package key "nothing" names no package and version/);
  assert.equal(index.problems[0].range.line, text.split('\n').lastIndexOf('  nothing: {}') + 1, 'at its snapshots key');
  assert.deepEqual(index.resolved, { a: '1.0.0' });
});

test('pnpm: __proto__ and constructor are plain package names', () => {
  const text =
    "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      constructor: {specifier: 1.0.0, version: 1.0.0}\n      __proto__: {specifier: 1.0.0, version: 1.0.0}\npackages:\n  __proto__@1.0.0: {}\n  constructor@1.0.0: {}\nsnapshots:\n  __proto__@1.0.0:\n    dependencies:\n      constructor: 1.0.0\n  constructor@1.0.0: {}\n";
  const index = parsePnpmLock('pnpm-lock.yaml', text);
  assert.deepEqual(index.problems, []);
  assert.deepEqual(packageIndex(index.graph!).get('__proto__@1.0.0')!.dependsOn, ['constructor@1.0.0']);
  assert.equal(Object.hasOwn(index.graph!.importers[''], 'constructor'), true);
  assert.equal(({} as Record<string, unknown>).version, undefined);
});

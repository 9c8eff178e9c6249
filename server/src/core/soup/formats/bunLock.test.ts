import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from '../dependency';
import { importedPackage, packageIndex, pathLabel, reachableFrom } from '../dependencyGraph';
import { bunLockFormat, bunPathNames, parseBunLock } from './bunLock';
import { MAX_LOCKFILE_CHARS } from './lockfileCommon';
import { NPM_FORMATS } from './npm';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/npm');
const text = readFileSync(path.join(FIXTURES, 'bun/bun.lock'), 'utf8');
const lineOf = (line: string) => text.split('\n').indexOf(line) + 1;
const lock = () => parseBunLock('bun.lock', text);

test('bun.lock: the direct dependencies of every workspace, with versions, specifiers and flags', () => {
  const index = lock();
  assert.equal(index.kind, 'bun.lock');
  assert.deepEqual(index.problems, [], 'trailing commas are bun.lock syntax');
  assert.deepEqual(index.project, { name: 'lockfx-root' });
  assert.deepEqual(
    index.dependencies.map((d) =>
      [
        d.alias ?? d.name,
        d.name,
        d.spec,
        d.version,
        d.source,
        d.dev === true,
        d.optional === true,
        d.node?.key ?? '-',
      ].join(' '),
    ),
    [
      'express express 4.21.2 4.21.2 registry false false express',
      'h helmet 7.1.0 7.1.0 alias false false h',
      'react react 18.2.0 18.2.0 registry false false react',
      'react-dom react-dom 18.2.0 18.2.0 registry false false react-dom',
      'fsevents fsevents 2.3.3 2.3.3 registry false true fsevents',
      'typescript typescript 5.4.5 5.4.5 registry true false typescript',
      '@lockfx/lib @lockfx/lib workspace:*  workspace false false -',
      'ms ms ^2.1.3 2.1.3 registry false false ms',
      'is-number is-number ^7.0.0 7.0.0 registry true false is-number',
      'debug debug 4.3.4 4.3.4 registry false false debug',
    ],
  );
  const express = index.dependencies[0];
  assert.equal(express.purl, 'pkg:npm/express@4.21.2');
  const line = lineOf('        "express": "4.21.2",');
  assert.deepEqual(express.range, { line, column: 9, endLine: line, endColumn: 18 });
});

test('bun.lock: every package with its edges; qs is reached from express; nested copies resolve first', () => {
  const graph = lock().graph!;
  assert.equal(graph.packages.length, 89);
  const qs = reachableFrom(graph, 'express').find((r) => r.pkg.name === 'qs');
  assert.ok(qs, 'qs is reachable from express');
  assert.equal(pathLabel(qs), 'qs@6.13.0 via express@4.21.2');
  const index = packageIndex(graph);
  assert.ok(index.get('express')!.dependsOn.includes('express/debug'), 'express/debug, not the hoisted debug');
  assert.equal(index.get('express/debug')!.version, '2.6.9');
  assert.deepEqual(index.get('express/debug')!.dependsOn, ['express/debug/ms']);
  assert.deepEqual(index.get('debug')!.dependsOn, ['debug/ms']);
  assert.equal(index.get('debug/ms')!.version, '2.1.2');
  // A peer dependency that is installed is an edge (react-dom → react); an optional peer that is not is none.
  assert.ok(index.get('react-dom')!.dependsOn.includes('react'));
  const qsEntry = lineOf(
    '    "qs": ["qs@6.13.0", "", { "dependencies": { "side-channel": "^1.0.6" } }, "sha512-+38qI9SOr8tfZ4QmJNplMUxqjbe7LKvvZgWdExBOmd+egZTtjLB67Gu0HRX3u/XOq7UU2Nx6nsjvS16Z9uwfpg=="],',
  );
  assert.deepEqual(index.get('qs')!.range, { line: qsEntry, column: 5, endLine: qsEntry, endColumn: 9 });
});

test('bun.lock: the alias resolves to helmet; the workspace members are no packages', () => {
  const index = lock();
  const h = packageIndex(index.graph!).get('h')!;
  assert.deepEqual([h.name, h.version, h.purl], ['helmet', '7.1.0', 'pkg:npm/helmet@7.1.0']);
  assert.equal(
    index.graph!.packages.some((p) => p.name.startsWith('@lockfx/')),
    false,
  );
});

test("bun.lock: workspace members' dependencies under their folder's importer; lockedVersion reads them", () => {
  const index = lock();
  const importers = index.graph!.importers;
  assert.deepEqual(Object.keys(importers).sort(), ['', 'packages/app', 'packages/lib']);
  assert.deepEqual({ ...importers['packages/app'] }, { ms: 'ms', 'is-number': 'is-number' });
  assert.deepEqual({ ...importers['packages/lib'] }, { debug: 'debug' });
  const ms: Dependency = {
    name: 'ms',
    ecosystem: 'npm',
    spec: '^2.1.3',
    direct: true,
    source: 'registry',
    file: 'packages/app/package.json',
    range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
  };
  // What the SOUP check's pairing reads (soupState.ts): the importer of the declaration's folder.
  assert.equal(importedPackage(index.graph!, 'packages/app', ms.name)?.pkg.version, '2.1.3');
  assert.equal(importedPackage(index.graph!, '', 'h')?.pkg.version, '7.1.0');
});

test('bun.lock: dev and optional flags from what brings each package in', () => {
  const graph = lock().graph!;
  const flagged = (f: 'dev' | 'optional') =>
    graph.packages
      .filter((p) => p[f])
      .map((p) => p.key)
      .sort();
  assert.deepEqual(flagged('dev'), ['is-number', 'typescript']);
  assert.deepEqual(flagged('optional'), ['fsevents']);
});

test('bun.lock is registered as an npm lockfile found in any folder; bun.lockb is not', () => {
  assert.ok(NPM_FORMATS.includes(bunLockFormat));
  assert.equal(bunLockFormat.role, 'lockfile');
  assert.equal(bunLockFormat.discovery.folders, 'any');
  assert.ok(bunLockFormat.discovery.names.test('bun.lock'));
  assert.ok(!bunLockFormat.discovery.names.test('bun.lockb'));
  assert.ok(!bunLockFormat.fileNames!.test('bun.lockb'));
});

test('bun install paths: scoped names are one segment', () => {
  assert.deepEqual(bunPathNames('express/debug/ms'), ['express', 'debug', 'ms']);
  assert.deepEqual(bunPathNames('@lockfx/app/@types/node'), ['@lockfx/app', '@types/node']);
});

test('bun.lock: malformed JSON and an unsupported version are located problems; what fits is read', () => {
  const broken = parseBunLock(
    'bun.lock',
    '{\n  "lockfileVersion": 1,\n  "packages": {\n    "a": ["a@1.0.0", "", {}, "x"]\n    "b": [\n',
  );
  assert.ok(broken.problems.length >= 1);
  assert.match(broken.problems[0].message, /^bun\.lock is not valid JSON: /);
  assert.equal(broken.problems[0].range.line, 5);
  const future = parseBunLock(
    'bun.lock',
    '{\n  "lockfileVersion": 7,\n  "workspaces": { "": { "dependencies": { "a": "^1.0.0" } } },\n  "packages": {\n    "a": ["a@1.2.0", "", {}, "x"],\n    "bad": "not an array",\n  },\n}\n',
  );
  assert.equal(future.problems.length, 2);
  assert.match(future.problems[0].message, /lockfileVersion 7 is not supported \(0, 1 and 2 are read\)/);
  assert.deepEqual(future.problems[0].range, { line: 2, column: 22, endLine: 2, endColumn: 23 });
  assert.match(future.problems[1].message, /package "bad" is not an array starting with "name@version"/);
  assert.equal(future.problems[1].range.line, 6);
  assert.deepEqual(future.resolved, { a: '1.2.0' });
  assert.equal(future.dependencies[0].version, '1.2.0');
  for (const bad of ['', '[]', '"x"', '{"packages": []}', '{"workspaces": {"": 1}}', '['.repeat(100_000)]) {
    const r = parseBunLock('bun.lock', bad);
    assert.deepEqual(r.dependencies, [], bad.slice(0, 20));
  }
  assert.match(parseBunLock('bun.lock', ' '.repeat(MAX_LOCKFILE_CHARS + 1)).problems[0].message, /too large/);
});

test('bun.lock: __proto__ and constructor are plain package names', () => {
  const index = parseBunLock(
    'bun.lock',
    '{"lockfileVersion": 1, "workspaces": {"": {"dependencies": {"constructor": "1.0.0"}}}, "packages": {"__proto__": ["__proto__@1.0.0", "", {"dependencies": {"constructor": "1"}}, "x"], "constructor": ["constructor@1.0.0", "", {}, "x"]}}',
  );
  assert.deepEqual(index.problems, []);
  assert.deepEqual(packageIndex(index.graph!).get('__proto__')!.dependsOn, ['constructor']);
  assert.equal(index.dependencies[0].version, '1.0.0');
  assert.equal(({} as Record<string, unknown>).version, undefined);
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { reachableFrom } from '../dependencyGraph';
import { parsePoetryLock } from './poetryLock';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/python');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');

test('poetry.lock 2.x: roots as direct dependencies (with a note), versions, graph, dev group', () => {
  const index = parsePoetryLock('poetry.lock', read('poetry/poetry.lock'));
  assert.equal(index.kind, 'poetry.lock');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.version, d.direct, d.dev === true, d.node?.key, d.range.line]),
    [
      ['pytest', '8.3.3', true, true, 'pytest@8.3.3', 96],
      ['requests', '2.32.3', true, false, 'requests@2.32.3', 117],
    ],
  );
  assert.equal(index.dependencies[1].purl, 'pkg:pypi/requests@2.32.3');
  assert.match(index.notes?.[0] ?? '', /does not record which packages the project depends on directly/);
  assert.equal(index.resolved?.urllib3, '2.2.3');
  assert.equal(index.resolved?.['charset-normalizer'], '3.4.0');
  const graph = index.graph!;
  assert.equal(graph.edges, true);
  assert.deepEqual({ ...graph.importers[''] }, { pytest: 'pytest@8.3.3', requests: 'requests@2.32.3' });
  assert.deepEqual(
    reachableFrom(graph, 'requests@2.32.3').map((r) => r.pkg.key),
    ['certifi@2024.8.30', 'charset-normalizer@3.4.0', 'idna@3.10', 'urllib3@2.2.3'],
  );
  const dev = graph.packages.filter((p) => p.dev).map((p) => p.name);
  assert.deepEqual(dev, ['colorama', 'iniconfig', 'packaging', 'pluggy', 'pytest']);
});

test('poetry.lock 1.x: category = "dev" flags dev packages; [metadata.files] is ignored', () => {
  const index = parsePoetryLock('poetry.lock', read('poetry-1/poetry.lock'));
  assert.deepEqual(index.problems, []);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.dev === true]),
    [
      ['requests', false],
      ['iniconfig', true],
    ],
  );
  assert.deepEqual(
    reachableFrom(index.graph!, 'requests@2.32.3').map((r) => r.pkg.name),
    ['certifi', 'charset-normalizer', 'idna', 'urllib3'],
  );
});

test('poetry.lock: unsupported lock-version and malformed TOML are located problems, never a throw', () => {
  const future = parsePoetryLock(
    'poetry.lock',
    '[[package]]\nname = "a"\nversion = "1"\n\n[metadata]\nlock-version = "3.0"\n',
  );
  assert.deepEqual(
    future.problems.map((p) => [p.message, p.range.line]),
    [['poetry.lock has lock-version "3.0": only Poetry lock-version 1.x and 2.x are read, its packages were not', 6]],
  );
  assert.deepEqual(future.dependencies, []);
  const broken = parsePoetryLock('poetry.lock', '[[package]]\nname = "a"\nversion = 1.0.0\n');
  assert.equal(broken.problems.length, 1);
  assert.match(broken.problems[0].message, /^poetry\.lock is not valid TOML: .*; its dependencies were not read$/);
  assert.equal(broken.problems[0].range.line, 3);
  const odd = parsePoetryLock('poetry.lock', '[[package]]\nversion = "1"\n[[package]]\nname = "b"\nversion = "2"\n');
  assert.deepEqual(
    odd.problems.map((p) => [p.message, p.range.line]),
    [['package 1 has no name', 1]],
  );
  assert.deepEqual(
    odd.dependencies.map((d) => d.name),
    ['b'],
  );
});

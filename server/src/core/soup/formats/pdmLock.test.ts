import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { reachableFrom } from '../dependencyGraph';
import { parsePdmLock } from './pdmLock';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/python');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');

test('pdm.lock: roots as direct (with a note), groups as dev, the extras entry joins its package', () => {
  const index = parsePdmLock('pdm.lock', read('pdm/pdm.lock'));
  assert.equal(index.kind, 'pdm.lock');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.version, d.dev === true, d.node?.key]),
    [
      ['pytest', '8.3.3', true, 'pytest@8.3.3'],
      ['requests', '2.32.3', false, 'requests@2.32.3'],
    ],
  );
  assert.match(index.notes?.[0] ?? '', /taken as direct/);
  const graph = index.graph!;
  assert.equal(graph.packages.filter((p) => p.name === 'requests').length, 1);
  assert.deepEqual(
    reachableFrom(graph, 'requests@2.32.3').map((r) => r.pkg.name),
    ['certifi', 'charset-normalizer', 'idna', 'urllib3', 'pysocks'],
  );
  assert.deepEqual(
    graph.packages.filter((p) => p.dev).map((p) => p.name),
    ['iniconfig', 'packaging', 'pluggy', 'pytest'],
  );
  assert.equal(index.resolved?.urllib3, '2.2.3');
});

test('pdm.lock: unsupported lock_version and malformed TOML are located problems, never a throw', () => {
  const old = parsePdmLock('pdm.lock', '[metadata]\nlock_version = "3.1"\n');
  assert.deepEqual(
    old.problems.map((p) => [p.message, p.range.line]),
    [['pdm.lock has lock_version "3.1": only PDM lock_version 4.x is read, its packages were not', 2]],
  );
  const none = parsePdmLock('pdm.lock', '[[package]]\nname = "a"\n');
  assert.match(none.problems[0].message, /lock_version none/);
  const broken = parsePdmLock('pdm.lock', '[metadata]\nlock_version = "4.5.0"\n[[package]]\nname = = "a"\n');
  assert.equal(broken.problems[0].range.line, 4);
});

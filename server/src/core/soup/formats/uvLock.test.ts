import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { reachableFrom } from '../dependencyGraph';
import { parseUvLock } from './uvLock';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/python');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');

test('uv.lock: the editable project and workspace member are importers; their dependencies are the direct ones', () => {
  const index = parseUvLock('uv.lock', read('uv/uv.lock'));
  assert.equal(index.kind, 'uv.lock');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.notes, undefined);
  assert.deepEqual(index.project, { name: 'infusion-gateway', version: '2.3.0' });
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.version, d.dev === true, d.optional === true, d.node?.key]),
    [
      ['requests', '2.32.3', false, false, 'requests@2.32.3'],
      ['pysocks', '1.7.1', false, true, 'pysocks@1.7.1'],
      ['pytest', '8.3.3', true, false, 'pytest@8.3.3'],
      ['crcmod', '1.7', false, false, 'crcmod@1.7'],
    ],
  );
  const graph = index.graph!;
  assert.deepEqual(
    { ...graph.importers[''] },
    {
      requests: 'requests@2.32.3',
      pysocks: 'pysocks@1.7.1',
      pytest: 'pytest@8.3.3',
    },
  );
  assert.deepEqual({ ...graph.importers['packages/pump-codec'] }, { crcmod: 'crcmod@1.7' });
  assert.ok(!graph.packages.some((p) => p.name === 'infusion-gateway' || p.name === 'pump-codec'));
  const underRequests = reachableFrom(graph, 'requests@2.32.3');
  const urllib3 = underRequests.find((r) => r.pkg.name === 'urllib3');
  assert.deepEqual(
    urllib3?.via.map((p) => p.key),
    ['requests@2.32.3'],
  );
  assert.deepEqual(
    graph.packages.filter((p) => p.dev).map((p) => p.name),
    ['colorama', 'exceptiongroup', 'iniconfig', 'packaging', 'pluggy', 'pytest', 'tomli'],
  );
  assert.equal(index.resolved?.urllib3, '2.2.3');
  // Ranged at the project's name: the lockfile's own entry for it.
  assert.deepEqual(
    index.dependencies.map((d) => `${d.range.line}:${d.range.column}-${d.range.endColumn}`),
    ['71:5-26', '76:5-25', '81:5-24', '127:5-24'],
  );
});

test('uv.lock: a dependency naming a version goes to that version of the package', () => {
  const text = [
    'version = 1',
    '[[package]]',
    'name = "app"',
    'version = "0.1.0"',
    'source = { virtual = "." }',
    'dependencies = [{ name = "numpy", version = "2.3.5", source = { registry = "https://mirror.example.com/simple" } }]',
    '[[package]]',
    'name = "numpy"',
    'version = "2.2.6"',
    '[[package]]',
    'name = "numpy"',
    'version = "2.3.5"',
  ].join('\n');
  const index = parseUvLock('uv.lock', text);
  assert.deepEqual(
    index.dependencies.map((d) => d.node?.key),
    ['numpy@2.3.5'],
  );
  assert.equal(index.dependencies[0].range.line, 6);
});

test('uv.lock: unsupported version, malformed TOML, no project: located problems or a note, never a throw', () => {
  const v2 = parseUvLock('uv.lock', 'version = 2\n[[package]]\nname = "a"\n');
  assert.deepEqual(
    v2.problems.map((p) => [p.message, p.range.line]),
    [['uv.lock has version "2": only uv lockfile version 1 is read, its packages were not', 1]],
  );
  const broken = parseUvLock('uv.lock', 'version = 1\n[[package]]\nname = "a\n');
  assert.equal(broken.problems[0].range.line, 3);
  assert.match(broken.problems[0].message, /not valid TOML/);
  const flat = parseUvLock('uv.lock', 'version = 1\n[[package]]\nname = "a"\nversion = "1"\n');
  assert.deepEqual(flat.dependencies, []);
  assert.match(flat.notes?.[0] ?? '', /names no project/);
  assert.equal(flat.resolved?.a, '1');
});

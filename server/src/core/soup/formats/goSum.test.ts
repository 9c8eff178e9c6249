import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { compareGoVersions, goSumFormat, parseGoSum } from './goSum';
import { parseGoMod } from './goMod';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/go');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');

test('go.sum: one flat package per module version with code; /go.mod-only lines skipped', () => {
  const index = parseGoSum('go.sum', read('module/go.sum'));
  assert.deepEqual(index.problems, []);
  assert.equal(index.kind, 'go.sum');
  const graph = index.graph!;
  assert.equal(graph.edges, false);
  assert.equal(Object.keys(graph.importers).length, 0);
  assert.deepEqual(index.dependencies, [], 'go.sum does not say which modules are direct');
  const keys = graph.packages.map((p) => p.key);
  assert.equal(keys.length, 10);
  assert.ok(keys.includes('golang.org/x/net@v0.21.0'));
  assert.ok(!keys.some((k) => k.includes('objx') || k.includes('check.v1') || k === 'golang.org/x/net@v0.17.0'));
  const net = graph.packages.find((p) => p.name === 'golang.org/x/net')!;
  assert.equal(net.purl, 'pkg:golang/golang.org/x/net@v0.21.0');
  assert.equal(net.range.line, 15);
  assert.equal(index.resolved!['golang.org/x/net'], 'v0.21.0');
});

test('go.sum: lockedVersion pairs go.mod requirements with go.sum versions', () => {
  const sum = parseGoSum('go.sum', read('module/go.sum'));
  const mod = parseGoMod('go.mod', read('module/go.mod'));
  const dep = (name: string) => mod.dependencies.find((d) => d.name === name)!;
  assert.equal(goSumFormat.lockedVersion!(sum, '', dep('golang.org/x/net')), 'v0.21.0');
  const two = parseGoSum('go.sum', 'a.example/x v1.2.0 h1:x=\na.example/x v1.10.0 h1:y=\na.example/x v1.3.0 h1:z=\n');
  const want = (spec?: string) =>
    goSumFormat.lockedVersion!(two, '', { ...dep('golang.org/x/net'), name: 'a.example/x', spec, version: undefined });
  assert.equal(want('v1.3.0'), 'v1.3.0');
  assert.equal(want(undefined), 'v1.10.0', 'else the highest, compared as versions');
  assert.ok(compareGoVersions('v1.0.0-rc.1', 'v1.0.0') < 0);
});

test('go.sum: a malformed line is a located problem, the others are read', () => {
  const index = parseGoSum('go.sum', 'a.example/x v1.0.0 h1:x=\nnot a go.sum line at all\nb.example/y v2\n');
  assert.deepEqual(
    index.problems.map((p) => p.range.line),
    [2, 3],
  );
  assert.equal(index.graph!.packages.length, 1);
  assert.doesNotThrow(() => parseGoSum('go.sum', '\u0000\r\n\r'));
});

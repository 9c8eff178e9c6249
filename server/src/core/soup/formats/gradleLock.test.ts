import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseGradleBuild } from './gradleBuild';
import { gradleLockFormat, parseGradleLock } from './gradleLock';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/java');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');

test('gradle.lockfile: one flat package per line, test-only configurations are dev', () => {
  const index = parseGradleLock('gradle.lockfile', read('gradle/gradle.lockfile'));
  assert.deepEqual(index.problems, []);
  assert.equal(index.kind, 'gradle.lockfile');
  const graph = index.graph!;
  assert.equal(graph.edges, false);
  assert.equal(Object.keys(graph.importers).length, 0);
  assert.deepEqual(index.dependencies, []);
  assert.equal(graph.packages.length, 12);
  const log4j = graph.packages.find((p) => p.name === 'org.apache.logging.log4j:log4j-core')!;
  assert.equal(log4j.key, 'org.apache.logging.log4j:log4j-core:2.14.1');
  assert.equal(log4j.purl, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
  assert.equal(log4j.range.line, 9);
  assert.equal(log4j.dev, undefined);
  assert.equal(graph.packages.find((p) => p.name === 'org.apiguardian:apiguardian-api')!.dev, true);
  assert.equal(graph.packages.find((p) => p.name === 'org.projectlombok:lombok')!.dev, undefined);
  assert.equal(index.resolved!['org.slf4j:slf4j-api'], '2.0.13');
});

test('gradle.lockfile: lockedVersion resolves a dynamic version, the runtime copy first', () => {
  const lock = parseGradleLock('gradle.lockfile', read('gradle/gradle.lockfile'));
  const build = parseGradleBuild('build.gradle.kts', read('gradle/build.gradle.kts'));
  const slf4j = build.dependencies.find((d) => d.name === 'org.slf4j:slf4j-api')!;
  assert.equal(gradleLockFormat.lockedVersion!(lock, '', slf4j), '2.0.13');
  const two = parseGradleLock('gradle.lockfile', 'g:a:2.0=testRuntimeClasspath\ng:a:1.0=runtimeClasspath\n');
  assert.equal(gradleLockFormat.lockedVersion!(two, '', { ...slf4j, name: 'g:a' }), '1.0');
});

test('gradle.lockfile: a malformed line is a located problem, the rest is read', () => {
  const index = parseGradleLock(
    'gradle.lockfile',
    'g:a:1.0=runtimeClasspath\ng:a=runtimeClasspath\nempty=\n\ngarbage\n',
  );
  assert.deepEqual(
    index.problems.map((p) => p.range.line),
    [2, 5],
  );
  assert.equal(index.graph!.packages.length, 1);
  assert.doesNotThrow(() => parseGradleLock('gradle.lockfile', '\u0000:\u0000:\u0000=\r\r'));
});

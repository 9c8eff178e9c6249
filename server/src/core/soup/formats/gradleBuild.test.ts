import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from '../dependency';
import { gradleBuildFormat, parseGradleBuild } from './gradleBuild';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/java');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const byName = (deps: Dependency[]) => new Map(deps.map((d) => [d.name, d]));

test('build.gradle.kts: string and named notation, variables, dynamic versions, test configurations', () => {
  const index = parseGradleBuild('build.gradle.kts', read('gradle/build.gradle.kts'));
  assert.deepEqual(index.problems, []);
  assert.equal(index.kind, 'build.gradle');
  const deps = byName(index.dependencies);
  assert.deepEqual(
    [...deps.keys()],
    [
      'org.apache.logging.log4j:log4j-core',
      'com.fasterxml.jackson.core:jackson-databind',
      'com.google.guava:guava',
      'org.projectlombok:lombok',
      'org.postgresql:postgresql',
      'org.slf4j:slf4j-api',
      'org.junit.jupiter:junit-jupiter',
      'org.junit.platform:junit-platform-launcher',
    ],
  );
  const log4j = deps.get('org.apache.logging.log4j:log4j-core')!;
  assert.equal(log4j.version, '2.14.1');
  assert.equal(log4j.purl, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
  assert.deepEqual(log4j.range, { line: 16, column: 21, endLine: 16, endColumn: 63 });
  assert.equal(deps.get('com.fasterxml.jackson.core:jackson-databind')!.version, '2.17.1', '$jacksonVersion');
  assert.equal(deps.get('org.postgresql:postgresql')!.version, '42.7.3');
  assert.equal(deps.get('org.slf4j:slf4j-api')!.spec, '2.0.+');
  assert.equal(deps.get('org.slf4j:slf4j-api')!.version, undefined, 'a dynamic version is left to the lockfile');
  assert.equal(deps.get('org.junit.jupiter:junit-jupiter')!.dev, true);
  assert.equal(deps.get('org.junit.platform:junit-platform-launcher')!.dev, true);
  assert.equal(deps.get('org.projectlombok:lombok')!.dev, undefined);
  assert.match(index.notes![0], /1 dependency is declared from a version catalog/);
  assert.ok(gradleBuildFormat.fileNames!.test('build.gradle.kts') && gradleBuildFormat.fileNames!.test('build.gradle'));
});

test('build.gradle: Groovy string and map notation, an ext property', () => {
  const index = parseGradleBuild('build.gradle', read('gradle/build.gradle'));
  const deps = byName(index.dependencies);
  assert.equal(deps.get('org.apache.commons:commons-text')!.version, '1.12.0');
  assert.equal(deps.get('io.netty:netty-handler')!.version, '4.1.110.Final', '${nettyVersion} from ext');
  assert.equal(deps.get('io.netty:netty-handler')!.range.line, 9);
  assert.equal(deps.get('org.projectlombok:lombok')!.dev, undefined);
  assert.equal(deps.get('org.mockito:mockito-core')!.dev, true);
  assert.equal(index.notes, undefined);
});

test('build.gradle: unknown variables, odd lines and hostile input never throw', () => {
  const index = parseGradleBuild(
    'build.gradle',
    'dependencies {\n  implementation "a:b:$undefinedVersion"\n  implementation ":"\n  foo "x:y:1"\n  /*\n  implementation "c:d:1"\n  */\n}\n',
  );
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.spec, d.version]),
    [['a:b', '$undefinedVersion', undefined]],
  );
  assert.match(index.notes![0], /a:b uses a variable/);
  assert.doesNotThrow(() =>
    parseGradleBuild('build.gradle', `x = "1"${' '.repeat(50_000)}x\nimplementation ${'('.repeat(50_000)}`),
  );
});

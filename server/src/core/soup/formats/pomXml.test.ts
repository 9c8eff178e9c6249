import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from '../dependency';
import { parsePomXml, pomXmlFormat } from './pomXml';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/dependency-files/java');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const byName = (deps: Dependency[]) => new Map(deps.map((d) => [d.name, d]));

test('pom.xml: log4j-core 2.14.1 through a property, ranged at its artifactId', () => {
  const index = parsePomXml('pom.xml', read('maven/pom.xml'));
  assert.deepEqual(index.problems, []);
  assert.equal(index.kind, 'pom.xml');
  assert.deepEqual(index.project, { name: 'com.example.infusion:pump-service', version: '1.4.0' });
  const log4j = byName(index.dependencies).get('org.apache.logging.log4j:log4j-core')!;
  assert.equal(log4j.spec, '2.14.1');
  assert.equal(log4j.version, '2.14.1');
  assert.equal(log4j.purl, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
  assert.equal(log4j.direct, true);
  assert.equal(log4j.source, 'registry');
  assert.deepEqual(log4j.range, { line: 35, column: 7, endLine: 35, endColumn: 18 });
});

test('pom.xml: dependencyManagement, project.* properties, scopes, ranges and modules', () => {
  const index = parsePomXml('pom.xml', read('maven/pom.xml'));
  const deps = byName(index.dependencies);
  assert.equal(deps.size, 6);
  assert.equal(deps.get('com.fasterxml.jackson.core:jackson-databind')!.version, '2.17.1', 'from dependencyManagement');
  assert.equal(deps.get('com.example.infusion:pump-core')!.version, '1.4.0', '${project.groupId}, ${project.version}');
  const servlet = deps.get('jakarta.servlet:jakarta.servlet-api')!;
  assert.equal(servlet.dev, undefined, 'provided is still run');
  const guava = deps.get('com.google.guava:guava')!;
  assert.equal(guava.spec, '[32.0,34.0)');
  assert.equal(guava.version, undefined, 'a range is not a version');
  assert.equal(guava.optional, true);
  assert.equal(deps.get('org.junit.jupiter:junit-jupiter')!.dev, true);
  assert.equal(deps.get('org.junit.jupiter:junit-jupiter')!.version, '5.10.2');
  assert.deepEqual(index.workspaces, ['pump-core']);
  assert.equal(pomXmlFormat.workspaces, true);
  assert.equal(index.notes, undefined);
});

test('pom.xml: a parent not in the workspace leaves versions unknown, with notes and no problem', () => {
  const index = parsePomXml('pump-core/pom.xml', read('maven/pump-core/pom.xml'));
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'com.example.infusion:pump-core', version: '1.4.0' });
  const deps = byName(index.dependencies);
  assert.equal(deps.get('org.slf4j:slf4j-api')!.spec, undefined);
  const netty = deps.get('io.netty:netty-handler')!;
  assert.equal(netty.spec, '${netty.version}');
  assert.equal(netty.version, undefined);
  assert.equal(index.notes?.length, 2);
  assert.match(
    index.notes![0],
    /slf4j-api has no version here: it comes from the parent com\.example\.infusion:pump-parent/,
  );
  assert.match(index.notes![1], /\$\{netty\.version\} uses a property/);
  assert.equal(
    parsePomXml(
      'pom.xml',
      '<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId></dependency></dependencies></project>',
    ).problems[0].message,
    '"g:a" has no <version> and no <dependencyManagement>, parent or imported BOM gives one: Maven cannot resolve it',
  );
});

test('pom.xml: malformed XML, another root and incomplete dependencies are located problems', () => {
  const broken = parsePomXml(
    'pom.xml',
    '<project>\n<dependencies>\n<dependency><groupId>a</groupId></dependency>\n</project>\n',
  );
  assert.equal(broken.problems.length, 2);
  assert.match(broken.problems[0].message, /not valid XML/);
  assert.equal(broken.problems[0].range.line, 4);
  assert.match(broken.problems[1].message, /without groupId or artifactId/);
  assert.match(parsePomXml('pom.xml', '<settings/>').problems[0].message, /not a Maven POM/);
  const selfRef = parsePomXml(
    'pom.xml',
    '<project><properties><a>${b}</a><b>${a}</b></properties><dependencies><dependency><groupId>g</groupId><artifactId>x</artifactId><version>${a}</version></dependency></dependencies></project>',
  );
  assert.equal(selfRef.dependencies[0].version, undefined, 'a property cycle stays unresolved');
  assert.doesNotThrow(() => parsePomXml('pom.xml', '<project>&lol;</project>'));
});

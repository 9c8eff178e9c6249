import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstLine, fixVersions, isoTimestamp, packageIdentity, scannerAffected } from './advisoryReader';

test('scannerAffected: the installed version and the versions up to the nearest fix above it', () => {
  assert.deepEqual(scannerAffected('3.2.9', ['2.2.25', '3.1.14', '3.2.10'], 'pypi'), ['3.2.9', '>=3.2.9,<3.2.10']);
  assert.deepEqual(scannerAffected('4.18.2', ['5.0.0-beta.3', '4.19.2'], 'npm'), ['4.18.2', '>=4.18.2 <4.19.2']);
  assert.deepEqual(scannerAffected('1.0.0', [], 'npm'), ['1.0.0'], 'no fix: only the installed version');
  assert.deepEqual(
    scannerAffected('2.0.0', ['1.5.0'], 'npm'),
    ['2.0.0'],
    'a fix below the installed version bounds nothing',
  );
  assert.deepEqual(
    scannerAffected(undefined, ['1.2.0', '1.1.0'], 'npm'),
    ['<1.1.0'],
    'no installed version: the lowest fix',
  );
  assert.deepEqual(scannerAffected(undefined, [], 'pypi'), ['>=0']);
  assert.deepEqual(scannerAffected(undefined, [], 'cargo'), ['*']);
  assert.deepEqual(
    scannerAffected('1.17-3+deb10u3', ['1.17-3+deb10u4'], 'generic'),
    ['1.17-3+deb10u3'],
    'unordered versions',
  );
});

test('fixVersions, isoTimestamp, firstLine', () => {
  assert.deepEqual(fixVersions('1.26.17, 2.0.6'), ['1.26.17', '2.0.6']);
  assert.deepEqual(fixVersions('>=4.17.11'), ['4.17.11']);
  assert.deepEqual(fixVersions(['v0.23.0', 7, '']), ['v0.23.0']);
  assert.deepEqual(fixVersions(undefined), []);
  assert.equal(isoTimestamp('2026-02-04 22:16:00.813'), '2026-02-04T22:16:00.813Z');
  assert.equal(isoTimestamp('2024-04-02T09:12:45.123456789+01:00'), '2024-04-02T09:12:45.123456789+01:00');
  assert.equal(isoTimestamp('2024-04-02'), '2024-04-02');
  assert.equal(isoTimestamp('April 2'), undefined);
  assert.equal(isoTimestamp(17), undefined);
  assert.equal(firstLine('### Impact\n\nThe bug.\nMore.'), 'The bug.');
  assert.equal(firstLine('x'.repeat(300)).length, 200);
  assert.equal(firstLine('\n\n'), '');
});

test('packageIdentity: purl ecosystem first, Maven as group:artifact, npm scopes', () => {
  assert.deepEqual(packageIdentity('pkg:maven/org.apache/commons-text@1.9', 'commons-text', 'generic'), {
    ecosystem: 'maven',
    name: 'org.apache:commons-text',
  });
  assert.deepEqual(packageIdentity(undefined, 'log4j-core', 'maven', 'org.apache.logging.log4j'), {
    ecosystem: 'maven',
    name: 'org.apache.logging.log4j:log4j-core',
  });
  assert.deepEqual(packageIdentity('pkg:npm/%40babel/traverse@7.22.5', undefined, 'generic'), {
    ecosystem: 'npm',
    name: '@babel/traverse',
  });
  assert.deepEqual(packageIdentity(undefined, 'traverse', 'npm', '@babel'), {
    ecosystem: 'npm',
    name: '@babel/traverse',
  });
  assert.deepEqual(
    packageIdentity('pkg:deb/debian/openssl@3.0.11', 'openssl', 'pypi'),
    {
      ecosystem: 'pypi',
      name: 'openssl',
    },
    'an unknown purl type leaves the report type',
  );
  assert.equal(packageIdentity('not a purl', undefined, 'npm'), undefined);
});

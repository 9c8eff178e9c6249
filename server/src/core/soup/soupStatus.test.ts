import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor } from '../../testing/workspaces';
import { Dependency } from './dependency';

const PACKAGE = JSON.stringify(
  {
    name: 'app',
    dependencies: { express: '^4.18.2', lodash: '4.17.20', cors: '^2.8.5' },
    devDependencies: { typescript: '5.4.5' },
  },
  null,
  2,
);
const LOCK = JSON.stringify(
  {
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': {
        name: 'app',
        dependencies: { express: '^4.18.2', lodash: '4.17.20', cors: '^2.8.5' },
        devDependencies: { typescript: '5.4.5' },
      },
      'node_modules/express': { version: '4.18.2' },
      'node_modules/lodash': { version: '4.17.20' },
      'node_modules/cors': { version: '2.8.5' },
      'node_modules/typescript': { version: '5.4.5', dev: true },
    },
  },
  null,
  2,
);
const AUDIT = JSON.stringify({
  auditReportVersion: 2,
  vulnerabilities: {
    lodash: {
      name: 'lodash',
      severity: 'high',
      isDirect: true,
      range: '<4.17.21',
      nodes: ['node_modules/lodash'],
      effects: [],
      fixAvailable: true,
      via: [
        {
          source: 1,
          name: 'lodash',
          dependency: 'lodash',
          title: 'Command Injection in lodash',
          url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
          severity: 'high',
          range: '<4.17.21',
        },
      ],
    },
  },
  metadata: {},
});
const SOUP = [
  '| ID | Title | Version | Supplier | Class | Package | Vulnerabilities |',
  '|---|---|---|---|---|---|---|',
  '| SOUP-express | Express | ^4.17.0 | OpenJS | maintained | express | CVE-2099-0001 fixed -- upgraded |',
  '| SOUP-lodash | lodash | 4.17.19 | OpenJS | maintained | lodash | |',
  '',
].join('\n');

const FILES = {
  'seclife.json': JSON.stringify({ advisories: ['audit.json'] }),
  'audit.json': AUDIT,
  'docs/soup.md': SOUP,
  'package.json': PACKAGE,
  'package-lock.json': LOCK,
};

async function setup() {
  const engine = await engineFor(FILES);
  const index = engine.fileIndex('package.json');
  const lock = engine.fileIndex('package-lock.json');
  assert.ok(index?.role === 'manifest' && index.manifest && lock?.role === 'manifest' && lock.manifest);
  const dep = (name: string, deps = index.manifest!.dependencies): Dependency => deps.find((d) => d.name === name)!;
  return { engine, dep, lockDeps: lock.manifest.dependencies };
}

test('dependency status: the resolved version, the covering item, the version check and the advisories with dispositions', async () => {
  const { engine, dep } = await setup();
  const express = engine.soupDependencyStatus(dep('express'));
  assert.equal(express.resolved.version, '4.18.2');
  assert.equal(express.item?.id, 'SOUP-express');
  assert.equal(express.versionCovered, true);
  assert.equal(express.notChecked, undefined);
  assert.equal(express.purl, 'pkg:npm/express@4.18.2');
  // A disposition naming no affecting advisory is listed after the advisories.
  assert.deepEqual(
    express.vulnerabilities.map((v) => `${v.id} ${v.advisory ? 'advisory' : '-'} ${v.disposition?.status ?? '-'}`),
    ['CVE-2099-0001 - fixed'],
  );

  const lodash = engine.soupDependencyStatus(dep('lodash'));
  assert.equal(lodash.versionCovered, false);
  assert.deepEqual(
    lodash.vulnerabilities.map((v) => `${v.id} ${v.advisory?.summary} ${v.disposition?.status ?? '-'}`),
    ['GHSA-35jh-r3h4-6jhm Command Injection in lodash -'],
  );
  // The same answer until the next recompute.
  assert.equal(engine.soupDependencyStatus(dep('lodash')), lodash);

  const cors = engine.soupDependencyStatus(dep('cors'));
  assert.deepEqual(
    [cors.item, cors.notChecked, cors.versionCovered, cors.vulnerabilities],
    [undefined, undefined, undefined, []],
  );
  assert.equal(engine.soupDependencyStatus(dep('typescript')).notChecked, 'dev');
});

test('dependency status: a lockfile entry next to package.json stands for the declared dependency', async () => {
  const { engine, dep, lockDeps } = await setup();
  const status = engine.soupDependencyStatus(dep('express', lockDeps));
  assert.equal(status.dependency.file, 'package-lock.json');
  assert.equal(status.resolved.file, 'package.json');
  assert.equal(status.item?.id, 'SOUP-express');
});

test('item status: matched dependencies with their status; recomputed after an edit', async () => {
  const { engine } = await setup();
  const express = engine.soupItemStatus('SOUP-express');
  assert.equal(express?.covered, true);
  assert.deepEqual(
    express?.dependencies.map((s) => `${s.resolved.file} ${s.resolved.name}@${s.resolved.version}`),
    ['package.json express@4.18.2'],
  );
  assert.equal(engine.soupItemStatus('SOUP-none'), undefined);

  engine.updateFile('docs/soup.md', SOUP.replace('| ^4.17.0 |', '| 4.17.1 |'));
  const index = engine.fileIndex('package.json');
  assert.ok(index?.role === 'manifest');
  const after = engine.soupDependencyStatus(index.manifest!.dependencies.find((d) => d.name === 'express')!);
  assert.equal(after.versionCovered, false);
});

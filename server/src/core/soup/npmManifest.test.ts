import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from './dependency';
import { npmPurl } from './manifestCommon';
import { classifyNpmSpec, parsePackageJson, parsePackageLock } from './npmManifest';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/soup');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const at = (d: Dependency) => `${d.range.line}:${d.range.column}-${d.range.endLine}:${d.range.endColumn}`;
const byName = (deps: Dependency[]) => new Map(deps.map((d) => [d.alias ?? d.name, d]));

test('package.json: every section and source, ranged at the key', () => {
  const index = parsePackageJson('package.json', read('npm-workspaces/package.json'), { includeDev: true });
  assert.equal(index.kind, 'package.json');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'monitor-gateway', version: '1.4.0' });
  assert.deepEqual(index.workspaces, ['packages/*']);
  assert.deepEqual(
    index.dependencies.map((d) => [d.alias ?? d.name, d.source, d.spec, d.version, d.dev === true, at(d)]),
    [
      ['@fastify/cors', 'registry', '^9.0.1', undefined, false, '9:5-9:20'],
      ['express', 'registry', '^4.18.2', undefined, false, '10:5-10:14'],
      ['h', 'alias', '^7.1.0', undefined, false, '11:5-11:8'],
      ['is-number', 'git', 'github:jonschlinkert/is-number#7.0.0', undefined, false, '12:5-12:16'],
      ['local-utils', 'file', 'file:vendor/local-utils', undefined, false, '13:5-13:18'],
      ['zod', 'registry', '3.23.8', '3.23.8', false, '14:5-14:10'],
      ['bufferutil', 'registry', '^4.0.8', undefined, false, '17:5-17:17'],
      ['typescript', 'registry', '5.4.5', '5.4.5', true, '20:5-20:17'],
    ],
  );
  const deps = byName(index.dependencies);
  assert.equal(deps.get('h')!.name, 'helmet');
  assert.equal(deps.get('zod')!.purl, 'pkg:npm/zod@3.23.8');
  assert.equal(deps.get('express')!.purl, undefined, 'no purl without a version');
  assert.equal(deps.get('is-number')!.purl, undefined, 'no registry purl for a git dependency');
  assert.ok(index.dependencies.every((d) => d.direct && d.ecosystem === 'npm' && d.file === 'package.json'));
});

test('package.json: devDependencies only when asked', () => {
  const index = parsePackageJson('package.json', read('npm-workspaces/package.json'));
  assert.equal(
    index.dependencies.some((d) => d.dev || d.name === 'typescript'),
    false,
  );
});

test('package.json: a workspace member depending on a sibling', () => {
  const text = read('npm-workspaces/packages/api/package.json');
  const plain = parsePackageJson('packages/api/package.json', text, { includeDev: true });
  assert.deepEqual(plain.project, { name: '@monitor/api', version: '1.4.0' });
  assert.equal(plain.dependencies.find((d) => d.name === '@monitor/shared')!.source, 'registry');
  const linked = parsePackageJson('packages/api/package.json', text, {
    includeDev: true,
    workspacePackages: ['@monitor/shared'],
  });
  assert.deepEqual(
    linked.dependencies.map((d) => [d.name, d.source, d.dev === true]),
    [
      ['@monitor/shared', 'workspace', false],
      ['express', 'registry', false],
      ['ws', 'registry', false],
      ['@types/ws', 'registry', true],
    ],
  );
});

test('package.json: workspaces as { packages }, optional overrides dependencies, prod beats dev', () => {
  const index = parsePackageJson(
    'package.json',
    JSON.stringify(
      {
        workspaces: { packages: ['apps/*', 'libs/**'], nohoist: ['**/react'] },
        dependencies: { a: '^1.0.0', b: '2.0.0' },
        optionalDependencies: { a: '^1.2.0' },
        devDependencies: { b: '2.0.0', c: '~3.1.0' },
      },
      null,
      2,
    ),
    { includeDev: true },
  );
  assert.deepEqual(index.workspaces, ['apps/*', 'libs/**']);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.spec, d.dev === true]),
    [
      ['a', '^1.2.0', false],
      ['b', '2.0.0', false],
      ['c', '~3.1.0', true],
    ],
  );
});

test('classifyNpmSpec: registry, alias, git, file, url, workspace', () => {
  const cases: Array<[string, string, string, string, string | undefined, string | undefined]> = [
    ['express', '^4.18.2', 'express', 'registry', '^4.18.2', undefined],
    ['zod', '=3.23.8', 'zod', 'registry', '=3.23.8', '3.23.8'],
    ['zod', 'v3.23.8-beta.1', 'zod', 'registry', 'v3.23.8-beta.1', '3.23.8-beta.1'],
    ['next', 'latest', 'next', 'registry', 'latest', undefined],
    ['h', 'npm:helmet@^7.1.0', 'helmet', 'alias', '^7.1.0', undefined],
    ['c', 'npm:@fastify/cors@9.0.1', '@fastify/cors', 'alias', '9.0.1', '9.0.1'],
    ['lodash', 'npm:lodash', 'lodash', 'alias', '*', undefined],
    ['x', 'git+https://github.com/u/x.git#v1.0.0', 'x', 'git', 'git+https://github.com/u/x.git#v1.0.0', undefined],
    ['x', 'git+ssh://git@github.com:u/x.git', 'x', 'git', 'git+ssh://git@github.com:u/x.git', undefined],
    ['x', 'git://github.com/u/x.git', 'x', 'git', 'git://github.com/u/x.git', undefined],
    ['x', 'github:user/repo#tag', 'x', 'git', 'github:user/repo#tag', undefined],
    ['x', 'gitlab:user/repo', 'x', 'git', 'gitlab:user/repo', undefined],
    ['x', 'user/repo', 'x', 'git', 'user/repo', undefined],
    ['x', 'user/repo#semver:^1.0.0', 'x', 'git', 'user/repo#semver:^1.0.0', undefined],
    ['x', 'https://github.com/u/x.git', 'x', 'git', 'https://github.com/u/x.git', undefined],
    ['x', 'file:../x', 'x', 'file', 'file:../x', undefined],
    ['x', 'link:../x', 'x', 'file', 'link:../x', undefined],
    ['x', './vendor/x', 'x', 'file', './vendor/x', undefined],
    ['x', '../x-1.0.0.tgz', 'x', 'file', '../x-1.0.0.tgz', undefined],
    ['x', 'x-1.0.0.tgz', 'x', 'file', 'x-1.0.0.tgz', undefined],
    ['x', 'https://example.com/x-1.0.0.tgz', 'x', 'url', 'https://example.com/x-1.0.0.tgz', undefined],
    ['x', 'http://example.com/x.tar.gz', 'x', 'url', 'http://example.com/x.tar.gz', undefined],
    ['@m/shared', 'workspace:*', '@m/shared', 'workspace', 'workspace:*', undefined],
    ['@m/shared', 'workspace:^1.0.0', '@m/shared', 'workspace', 'workspace:^1.0.0', undefined],
  ];
  for (const [key, value, name, source, spec, version] of cases) {
    const s = classifyNpmSpec(key, value);
    assert.deepEqual([s.name, s.source, s.spec, s.version], [name, source, spec, version], `${key}: ${value}`);
    assert.equal(s.alias, source === 'alias' && name !== key ? key : undefined);
  }
  assert.equal(classifyNpmSpec('@m/shared', '*', new Set(['@m/shared'])).source, 'workspace');
  assert.equal(classifyNpmSpec('@m/shared', 'file:../shared', new Set(['@m/shared'])).source, 'file');
});

test('npm purls: scope encoded, versions optional', () => {
  assert.equal(npmPurl('@fastify/cors', '9.0.1'), 'pkg:npm/%40fastify/cors@9.0.1');
  assert.equal(npmPurl('express', '4.18.2'), 'pkg:npm/express@4.18.2');
  assert.equal(npmPurl('express'), 'pkg:npm/express');
  assert.equal(npmPurl('x', '1.0.0+build.1'), 'pkg:npm/x@1.0.0%2Bbuild.1');
});

test('package-lock v3: resolved versions of top-level entries, links and aliases', () => {
  const index = parsePackageLock('package-lock.json', read('npm-workspaces/package-lock.json'));
  assert.equal(index.kind, 'package-lock.json');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'monitor-gateway', version: '1.4.0' });
  const r = index.resolved!;
  assert.equal(r['@fastify/cors'], '9.0.1');
  assert.equal(r.express, '4.22.3');
  assert.equal(r.h, '7.2.0', 'keyed by the install name: resolved[dep.alias ?? dep.name]');
  assert.equal(r.helmet, undefined);
  assert.equal(r['is-number'], '7.0.0');
  assert.equal(r['local-utils'], '0.2.0', 'a file: link takes the version of its target');
  assert.equal(r['@monitor/api'], '1.4.0', 'a workspace link takes the member version');
  assert.equal(r.ms, '2.0.0', 'nested node_modules entries are not top-level');
  assert.equal(Object.keys(r).length, 87);
});

test('package-lock v3: direct dependencies of the root and the members with resolved versions', () => {
  const index = parsePackageLock('package-lock.json', read('npm-workspaces/package-lock.json'));
  assert.deepEqual(
    index.dependencies.map((d) => [d.alias ?? d.name, d.source, d.spec, d.version, d.purl, at(d)]),
    [
      ['@fastify/cors', 'registry', '^9.0.1', '9.0.1', 'pkg:npm/%40fastify/cors@9.0.1', '28:5-28:33'],
      ['express', 'registry', '^4.18.2', '4.22.3', 'pkg:npm/express@4.22.3', '294:5-294:27'],
      ['h', 'alias', '^7.1.0', '7.2.0', 'pkg:npm/helmet@7.2.0', '442:5-442:21'],
      ['is-number', 'git', 'github:jonschlinkert/is-number#7.0.0', '7.0.0', undefined, '516:5-516:29'],
      ['local-utils', 'file', 'file:vendor/local-utils', '0.2.0', undefined, '524:5-524:31'],
      ['zod', 'registry', '3.23.8', '3.23.8', 'pkg:npm/zod@3.23.8', '949:5-949:23'],
      ['bufferutil', 'registry', '^4.0.8', '4.1.0', 'pkg:npm/bufferutil@4.1.0', '119:5-119:30'],
      // packages/api (express again, same version: reported once)
      ['@monitor/shared', 'workspace', '*', '1.4.0', undefined, '41:5-41:35'],
      ['ws', 'registry', '~8.17.1', '8.17.1', 'pkg:npm/ws@8.17.1', '929:5-929:22'],
      // packages/shared: its own nested ms, not the hoisted 2.0.0
      ['ms', 'registry', '2.1.3', '2.1.3', 'pkg:npm/ms@2.1.3', '976:5-976:38'],
    ],
  );
  assert.equal(index.dependencies.find((d) => d.alias === 'h')!.name, 'helmet');
  assert.ok(index.dependencies.every((d) => d.direct && !d.dev));
  const dev = parsePackageLock('package-lock.json', read('npm-workspaces/package-lock.json'), { includeDev: true });
  assert.deepEqual(
    dev.dependencies.filter((d) => d.dev).map((d) => [d.name, d.version]),
    [
      ['typescript', '5.4.5'],
      ['@types/ws', '8.18.2'],
    ],
  );
});

test('package-lock: a root dependency missing from the tree is ranged at its declaration', () => {
  const text =
    '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "dependencies": { "fsevents": "^2.3.3" } }\n  }\n}\n';
  const index = parsePackageLock('package-lock.json', text);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.version, at(d)]),
    [['fsevents', undefined, '4:29-4:39']],
  );
});

test('package-lock v1: read as v1 — versions and requires edges, a note (not a problem)', () => {
  const text = [
    '{',
    '  "name": "legacy",',
    '  "version": "1.0.0",',
    '  "lockfileVersion": 1,',
    '  "requires": true,',
    '  "dependencies": {',
    '    "express": { "version": "4.17.1", "integrity": "sha512-x", "requires": { "debug": "2.6.9" } },',
    '    "debug": { "version": "2.6.9", "dependencies": { "ms": { "version": "2.0.0" } } },',
    '    "h": { "version": "npm:helmet@7.1.0" },',
    '    "x": { "version": "github:u/x#0123abc", "from": "github:u/x#v1" },',
    '    "y": { "version": "file:../y" }',
    '  }',
    '}',
  ].join('\n');
  const index = parsePackageLock('package-lock.json', text);
  assert.deepEqual(index.problems, []);
  assert.match(index.notes?.[0] ?? '', /lockfile v1 .*read as v1/);
  assert.deepEqual(index.resolved, { express: '4.17.1', debug: '2.6.9', h: '7.1.0' });
  assert.deepEqual(index.dependencies, []);
  const graph = index.graph!;
  const byKey = new Map(graph.packages.map((p) => [p.key, p]));
  // express requires debug (top-level), debug has its own nested ms; the alias is helmet.
  assert.deepEqual(byKey.get('node_modules/express')?.dependsOn, ['node_modules/debug']);
  assert.equal(byKey.get('node_modules/debug/node_modules/ms')?.version, '2.0.0');
  assert.equal(byKey.get('node_modules/h')?.name, 'helmet');
  assert.equal(byKey.get('node_modules/h')?.version, '7.1.0');
  assert.equal(graph.importers['']?.express, 'node_modules/express');
});

test('malformed package.json: a located problem, what parsed is kept, no throw', () => {
  const index = parsePackageJson('package.json', read('malformed/package.json'));
  assert.equal(index.problems.length, 1);
  assert.match(index.problems[0].message, /package\.json is not valid JSON: CommaExpected/);
  assert.deepEqual([index.problems[0].range.line, index.problems[0].range.column], [7, 5]);
  assert.deepEqual(
    index.dependencies.map((d) => d.name),
    ['express', 'helmet', 'zod'],
  );
});

test('truncated package-lock.json: a problem at the end, the complete entries still resolve', () => {
  const index = parsePackageLock('package-lock.json', read('malformed/package-lock.json'));
  assert.equal(index.problems.length, 1);
  assert.match(index.problems[0].message, /not valid JSON/);
  assert.equal(index.problems[0].range.line, 55);
  assert.equal(index.resolved!['@fastify/cors'], '9.0.1');
  assert.equal(index.resolved!['@types/node'], '26.6.6');
});

test('hostile and odd JSON never throws', () => {
  for (const text of [
    '',
    '   ',
    '[]',
    '"x"',
    '{',
    '{"dependencies": []}',
    '{"dependencies": {"a": 1}}',
    '{"workspaces": "packages/*"}',
    '{"packages": {"": {"dependencies": {"__proto__": "1.0.0"}}, "node_modules/__proto__": {"version": "1.0.0"}}}',
    '\uFEFF{"dependencies": {"a": "1.0.0"}}',
  ]) {
    const a = parsePackageJson('package.json', text);
    const b = parsePackageLock('package-lock.json', text);
    assert.ok(Array.isArray(a.problems) && Array.isArray(b.problems));
    assert.equal(Object.getPrototypeOf(b.resolved), Object.prototype);
  }
  assert.equal(parsePackageJson('package.json', '').problems[0].message, 'package.json is empty');
  assert.match(
    parsePackageLock('package-lock.json', '{"packages":' + '['.repeat(100000)).problems[0].message,
    /nested too deeply/,
  );
  assert.match(parsePackageJson('package.json', '[]').problems[0].message, /must contain a JSON object/);
  assert.match(
    parsePackageJson('package.json', '{"dependencies": {"a": 1}}').problems[0].message,
    /'dependencies\.a' must be a string/,
  );
  assert.match(
    parsePackageJson('package.json', '{"workspaces": "packages/*"}').problems[0].message,
    /'workspaces' must be/,
  );
  assert.deepEqual(
    parsePackageJson('package.json', '\uFEFF{"dependencies": {"a": "1.0.0"}}').dependencies.map((d) => at(d)),
    ['1:20-1:23'],
    'columns of the text as given (decodeText strips a BOM before)',
  );
});

test('CRLF package.json and lockfile: same lines and columns', () => {
  const lf = read('npm-workspaces/package.json');
  const crlf = lf.replace(/\n/g, '\r\n');
  assert.deepEqual(
    parsePackageJson('package.json', crlf, { includeDev: true }).dependencies.map(at),
    parsePackageJson('package.json', lf, { includeDev: true }).dependencies.map(at),
  );
  const lock = read('npm-workspaces/package-lock.json');
  assert.deepEqual(
    parsePackageLock('l', lock.replace(/\n/g, '\r\n')).dependencies.map(at),
    parsePackageLock('l', lock).dependencies.map(at),
  );
});

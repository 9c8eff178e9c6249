import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor } from '../../testing/workspaces';
import { UNREAD_DEPENDENCY_FILES, unreadDependencyFile } from './unreadDependencyFiles';

const DOCS = { 'docs/soup.md': '# SOUP\n\n## SOUP-001: express\n\nPackage: express\n' };
const unread = (engine: Awaited<ReturnType<typeof engineFor>>) =>
  engine
    .findings()
    .filter((f) => f.code === 'soup-input-unread')
    .map((f) => `${f.file}:${f.line} ${f.severity}`);

test('every recognised dependency file Seclife cannot read is a soup-input-unread warning at its first line, at any depth', async () => {
  const names = [
    'pnpm-lock.yaml',
    'yarn.lock',
    'bun.lock',
    'npm-shrinkwrap.json',
    'poetry.lock',
    'uv.lock',
    'Pipfile.lock',
    'pdm.lock',
    'Cargo.lock',
    'Cargo.toml',
    'go.mod',
    'go.sum',
    'pom.xml',
    'build.gradle.kts',
    'gradle.lockfile',
    'api.csproj',
    'packages.lock.json',
    'Gemfile.lock',
    'composer.lock',
    'sbom.spdx.json',
    'bom.spdx',
    'bom.xml',
    'app.cdx.xml',
    'requirements-prod.txt',
    'pyproject.toml',
    'sbom.json',
  ];
  const files: Record<string, string> = { ...DOCS };
  for (const n of names) files[`services/api/${n}`] = 'x\n';
  files['pnpm-lock.yaml'] = "lockfileVersion: '9.0'\n";
  const engine = await engineFor(files);
  assert.deepEqual(
    unread(engine).sort(),
    ['pnpm-lock.yaml:1 warning', ...names.map((n) => `services/api/${n}:1 warning`)].sort(),
  );
  const f = engine.findings().find((x) => x.file === 'services/api/poetry.lock')!;
  assert.equal(
    f.message,
    'services/api/poetry.lock is a Poetry lockfile that Seclife does not read yet: its dependencies are not checked against the SOUP items or advisories, and SOUP coverage does not include them',
  );
  for (const e of UNREAD_DEPENDENCY_FILES)
    assert.ok(
      names.some((n) => e.names.test(n)),
      `a case for ${e.what}`,
    );
});

test('a binary or over-size dependency file says what it is too; excluded folders stay excluded', async () => {
  const engine = await engineFor({
    ...DOCS,
    'bun.lockb': new Uint8Array([0, 1, 2, 0, 255]),
    'big/yarn.lock': `# yarn lockfile v1\n${'x'.repeat(5 * 1024 * 1024)}\n`,
    'node_modules/pkg/yarn.lock': 'x\n',
    'build/pom.xml': '<project/>\n',
  });
  assert.deepEqual(unread(engine).sort(), ['big/yarn.lock:1 warning', 'bun.lockb:1 warning']);
});

test('a supported manifest below the root is read wherever it is, paired with the lockfile next to it', async () => {
  const service = {
    'services/api/package.json': '{"name":"api","dependencies":{"lodash":"4.17.21"}}\n',
    'services/api/package-lock.json': JSON.stringify({
      name: 'api',
      lockfileVersion: 3,
      packages: { '': { dependencies: { lodash: '4.17.21' } }, 'node_modules/lodash': { version: '4.17.21' } },
    }),
  };
  const root = { 'package.json': '{"name":"app","dependencies":{"express":"4.21.2"}}\n' };
  const engine = await engineFor({ ...DOCS, ...root, ...service });
  assert.deepEqual(unread(engine), []);
  const missing = engine.findings().find((f) => f.code === 'soup-missing' && f.file === 'services/api/package.json');
  assert.match(missing?.message ?? '', /^lodash 4\.17\.21 has no SOUP item/);
  // `manifests` narrows: only what it lists is read.
  const listed = await engineFor({
    ...DOCS,
    ...root,
    ...service,
    'seclife.json': JSON.stringify({ manifests: ['package.json'] }),
  });
  assert.deepEqual(unread(listed), []);
  assert.ok(!listed.findings().some((f) => f.file.startsWith('services/')));
});

test('unreadDependencyFile matches file names only, not folders or look-alikes', () => {
  assert.equal(unreadDependencyFile('a/yarn.lock')?.what, 'a yarn lockfile');
  assert.equal(unreadDependencyFile('yarn.lock.bak'), undefined);
  assert.equal(unreadDependencyFile('go.mod/readme.md'), undefined);
  assert.equal(unreadDependencyFile('src/pom.xml.txt'), undefined);
  assert.equal(unreadDependencyFile('package.json'), undefined);
});

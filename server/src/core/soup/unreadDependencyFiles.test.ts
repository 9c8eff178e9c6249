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
    'bun.lockb',
    'packages.config',
    'Gemfile',
    'Gemfile.lock',
    'composer.json',
    'composer.lock',
    'sbom.spdx.yaml',
    'bom.spdx.rdf',
  ];
  const files: Record<string, string> = { ...DOCS };
  for (const n of names) files[`services/api/${n}`] = 'x\n';
  files['Gemfile.lock'] = 'GEM\n';
  const engine = await engineFor(files);
  assert.deepEqual(
    unread(engine).sort(),
    ['Gemfile.lock:1 warning', ...names.map((n) => `services/api/${n}:1 warning`)].sort(),
  );
  const f = engine.findings().find((x) => x.file === 'services/api/composer.lock')!;
  assert.equal(
    f.message,
    'services/api/composer.lock is a Composer (PHP) file that Seclife does not read yet: its dependencies are not checked against the SOUP items or advisories, and SOUP coverage does not include them',
  );
  // Formats Seclife reads are manifests, never unread, at any depth.
  for (const n of [
    'pnpm-lock.yaml',
    'yarn.lock',
    'bun.lock',
    'poetry.lock',
    'Cargo.lock',
    'go.sum',
    'pom.xml',
    'bom.spdx',
    'app.cdx.xml',
  ])
    assert.equal(unreadDependencyFile(n), undefined, n);
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
    'big/Gemfile.lock': `GEM\n${'x'.repeat(5 * 1024 * 1024)}\n`,
    'node_modules/pkg/Gemfile.lock': 'x\n',
    'build/composer.lock': '{}\n',
    // A format Seclife reads, but too large to read: unread too, not silently dropped.
    'big/yarn.lock': `# yarn lockfile v1\n${'x'.repeat(5 * 1024 * 1024)}\n`,
  });
  assert.deepEqual(unread(engine).sort(), [
    'big/Gemfile.lock:1 warning',
    'big/yarn.lock:1 warning',
    'bun.lockb:1 warning',
  ]);
  assert.match(
    engine.findings().find((f) => f.file === 'big/yarn.lock' && f.code === 'soup-input-unread')!.message,
    /could not be read \(.*(large|size).*\)/,
  );
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
  assert.equal(unreadDependencyFile('a/Gemfile.lock')?.what, 'a Bundler (Ruby) file');
  assert.equal(unreadDependencyFile('Gemfile.lock.bak'), undefined);
  assert.equal(unreadDependencyFile('composer.json/readme.md'), undefined);
  assert.equal(unreadDependencyFile('src/packages.config.txt'), undefined);
  assert.equal(unreadDependencyFile('package.json'), undefined);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from './config';
import { FileFilter } from './fileFilter';
import { globWork } from './globs';

test('default configuration: documents, tests, built-in exclusions, manifests', () => {
  const f = new FileFilter(resolveConfig({}));
  assert.equal(f.classify('docs/security/req.md')?.role, 'document');
  assert.equal(f.classify('README.md')?.role, 'source'); // Markdown outside documents: annotations only
  assert.equal(f.classify('img.png'), undefined);
  assert.deepEqual(f.classify('src/a.test.ts'), {
    role: 'source',
    family: 'js',
    languageId: 'typescript',
    isTest: true,
  });
  assert.equal(f.classify('node_modules/x/index.js'), undefined);
  assert.ok(f.isExcludedFolder('node_modules') && f.isExcludedFolder('a/dist') && !f.isExcludedFolder('src'));
  assert.equal(f.classify('package.json')?.role, 'manifest');
  assert.equal(f.classify('.seclife/baseline.json')?.role, 'baseline');
});

test('configured globs: a leading ./ is ignored; exclude prunes folders; overrides set severities per file', () => {
  const f = new FileFilter(
    resolveConfig({
      documents: ['./req/**/*.md'],
      exclude: ['vendor/**', '**/*.gen.ts'],
      sources: ['src/**'],
      overrides: [{ files: ['src/legacy/**'], rules: { 'not-verified': 'off' } }],
    }),
  );
  assert.equal(f.classify('req/a/b.md')?.role, 'document');
  assert.ok(f.isExcludedFolder('vendor'));
  assert.equal(f.classify('src/x.gen.ts'), undefined);
  assert.equal(f.classify('lib/x.ts'), undefined);
  assert.equal(f.classify('src/x.ts')?.role, 'source');
  assert.equal(f.severity('not-verified', 'src/legacy/a.ts'), 'off');
  assert.equal(f.severity('not-verified', 'src/a.ts'), 'warning');
});

test('D7: a glob over the limits matches nothing and does not throw (the loader reports it)', () => {
  const f = new FileFilter(
    resolveConfig({
      exclude: ['a'.repeat(70_000), 'vendor/**'],
      tests: ['**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b'],
    }),
  );
  assert.ok(f.isExcludedFolder('vendor'));
  assert.equal(f.classify(`src/${'a'.repeat(5000)}.ts`)?.role, 'source');
});

test('D6: classifying a long name costs work linear in its length', () => {
  const f = new FileFilter(
    resolveConfig({
      exclude: ['**/+(a|aa)+(a|aa)+(a|aa)+(a|aa)b'],
      tests: ['**/*a*a*a*a*a*a*a*a*a*a*b.ts', '**/+(a|aa)+(a|aa)+(a|aa)+(a|aa)cb.ts'],
    }),
  );
  const work = (n: number) => {
    const before = globWork.steps;
    assert.equal(f.classify(`src/${'a'.repeat(n)}cb.ts`)?.role, 'source');
    return globWork.steps - before;
  };
  const small = work(2000);
  const large = work(20_000);
  assert.ok(large / small < 15, `${small} → ${large}`);
});

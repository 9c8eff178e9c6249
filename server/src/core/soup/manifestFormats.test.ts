import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../config';
import { FileFilter } from '../fileFilter';
import { formatForFile, formatOf, isDefaultManifest, MANIFEST_FORMATS } from './manifestFormats';

test('manifest formats: unique ids; each parser writes its id as the kind', () => {
  const ids = MANIFEST_FORMATS.map((f) => f.id);
  assert.deepEqual(ids, [...new Set(ids)]);
  const samples: Record<string, [string, string]> = {
    'package.json': ['package.json', '{"name": "x", "dependencies": {"a": "1.0.0"}}'],
    'package-lock.json': ['package-lock.json', '{"lockfileVersion": 3, "packages": {"": {}}}'],
    'pyproject.toml': ['pyproject.toml', '[project]\nname = "x"\n'],
    'requirements.txt': ['requirements.txt', 'requests==2.31.0\n'],
    cyclonedx: ['bom.json', '{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": []}'],
  };
  for (const format of MANIFEST_FORMATS) {
    const [path, text] = samples[format.id]!;
    assert.equal(formatForFile(path, text), format, path);
    assert.equal(format.parse(path, text).kind, format.id);
    assert.equal(formatOf({ kind: format.id }), format);
  }
  assert.throws(() => formatOf({ kind: 'yarn.lock' }), /unknown manifest format 'yarn\.lock'/);
});

test('manifest formats: roles and ecosystems pair a declaration with its lockfile or SBOM', () => {
  const of = (id: string) => {
    const f = formatOf({ kind: id });
    return `${f.role} ${f.ecosystem}`;
  };
  assert.deepEqual(
    MANIFEST_FORMATS.map((f) => `${f.id}: ${of(f.id)}`),
    [
      'package.json: declaration npm',
      'package-lock.json: lockfile npm',
      'pyproject.toml: declaration pypi',
      'requirements.txt: declaration pypi',
      'cyclonedx: sbom generic',
    ],
  );
});

test('default discovery: npm manifests in any folder, Python manifests and SBOMs at the root (as FileFilter classifies them)', () => {
  const filter = new FileFilter(resolveConfig({}));
  const cases: Array<[string, boolean]> = [
    ['package.json', true],
    ['packages/a/package.json', true],
    ['package-lock.json', true],
    ['packages/a/package-lock.json', true],
    ['npm-shrinkwrap.json', false],
    ['requirements.txt', true],
    ['requirements-dev.txt', true],
    ['requirements.in', false],
    ['svc/requirements.txt', false],
    ['pyproject.toml', true],
    ['svc/pyproject.toml', false],
    ['bom.json', true],
    ['sbom.json', true],
    ['app.cdx.json', true],
    ['dist/bom.json', false],
    ['other.json', false],
    ['xpackage.json', false],
  ];
  for (const [path, expected] of cases) {
    assert.equal(isDefaultManifest(path), expected, path);
    assert.equal(filter.classify(path)?.role === 'manifest', expected, path);
  }
});

test('a selected file is read by its name, else by its content; an unrecognized one is a problem', () => {
  const sbom = '{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": []}';
  assert.equal(formatForFile('npm-shrinkwrap.json', '{}').id, 'package-lock.json');
  assert.equal(formatForFile('deps/prod.txt', '').id, 'requirements.txt');
  assert.equal(formatForFile('dist/anything.json', sbom).id, 'cyclonedx');
  const other = formatForFile('dist/other.json', '{"name": "x"}');
  assert.equal(other.id, 'cyclonedx');
  assert.deepEqual(
    other.parse('dist/other.json', '{"name": "x"}').problems.map((p) => p.message),
    ['not a CycloneDX JSON SBOM (no "bomFormat": "CycloneDX")'],
  );
});

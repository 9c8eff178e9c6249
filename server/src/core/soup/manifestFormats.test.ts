import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../config';
import { FileFilter } from '../fileFilter';
import { formatForFile, formatOf, isDefaultManifest, MANIFEST_FORMATS } from './manifestFormats';

/** A minimal file of each format (a new format must add one: the test below fails without it). */
const SAMPLES: Record<string, [string, string]> = {
  'package.json': ['package.json', '{"name": "x", "dependencies": {"a": "1.0.0"}}'],
  'package-lock.json': ['package-lock.json', '{"lockfileVersion": 3, "packages": {"": {}}}'],
  'pnpm-lock.yaml': ['pnpm-lock.yaml', "lockfileVersion: '9.0'\nimporters:\n  .: {}\n"],
  'yarn.lock': ['yarn.lock', '# yarn lockfile v1\n\n'],
  'bun.lock': ['bun.lock', '{"lockfileVersion": 1, "workspaces": {"": {}}, "packages": {}}'],
  'pyproject.toml': ['pyproject.toml', '[project]\nname = "x"\n'],
  'requirements.txt': ['requirements.txt', 'requests==2.31.0\n'],
  Pipfile: ['Pipfile', '[packages]\nrequests = "*"\n'],
  'poetry.lock': ['poetry.lock', '[metadata]\nlock-version = "2.0"\n'],
  'uv.lock': ['uv.lock', 'version = 1\n'],
  'pdm.lock': ['pdm.lock', '[metadata]\nlock_version = "4.4"\n'],
  'Pipfile.lock': ['Pipfile.lock', '{"_meta": {"pipfile-spec": 6}, "default": {}, "develop": {}}'],
  'Cargo.toml': ['Cargo.toml', '[package]\nname = "x"\n'],
  'Cargo.lock': ['Cargo.lock', 'version = 4\n'],
  'go.mod': ['go.mod', 'module m\n'],
  'go.sum': ['go.sum', ''],
  csproj: ['a.csproj', '<Project/>'],
  'packages.lock.json': ['packages.lock.json', '{"version":1,"dependencies":{}}'],
  'pom.xml': ['pom.xml', '<project/>'],
  'build.gradle': ['build.gradle', ''],
  'gradle.lockfile': ['gradle.lockfile', ''],
  cyclonedx: ['bom.json', '{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": []}'],
  'cyclonedx-xml': ['bom.xml', '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>'],
  'spdx-json': ['a.spdx.json', '{"spdxVersion":"SPDX-2.3"}'],
  'spdx-tag-value': ['a.spdx', 'SPDXVersion: SPDX-2.3\n'],
  spdx3: ['a.spdx.jsonld', '{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}'],
};

test('manifest formats: unique ids; each parser writes its id as the kind', () => {
  const ids = MANIFEST_FORMATS.map((f) => f.id);
  assert.deepEqual(ids, [...new Set(ids)]);
  for (const format of MANIFEST_FORMATS) {
    const sample = SAMPLES[format.id];
    assert.ok(sample, `a sample of ${format.id}`);
    const [path, text] = sample;
    assert.equal(formatForFile(path, text), format, path);
    assert.equal(format.parse(path, text).kind, format.id);
    assert.equal(formatOf({ kind: format.id }), format);
  }
  assert.throws(() => formatOf({ kind: 'Gemfile.lock' }), /unknown manifest format 'Gemfile\.lock'/);
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
      'pnpm-lock.yaml: lockfile npm',
      'yarn.lock: lockfile npm',
      'bun.lock: lockfile npm',
      'pyproject.toml: declaration pypi',
      'requirements.txt: declaration pypi',
      'Pipfile: declaration pypi',
      'poetry.lock: lockfile pypi',
      'uv.lock: lockfile pypi',
      'pdm.lock: lockfile pypi',
      'Pipfile.lock: lockfile pypi',
      'Cargo.toml: declaration cargo',
      'Cargo.lock: lockfile cargo',
      'go.mod: declaration golang',
      'go.sum: lockfile golang',
      'csproj: declaration nuget',
      'packages.lock.json: lockfile nuget',
      'pom.xml: declaration maven',
      'build.gradle: declaration maven',
      'gradle.lockfile: lockfile maven',
      'cyclonedx: sbom generic',
      'cyclonedx-xml: sbom generic',
      'spdx-json: sbom generic',
      'spdx-tag-value: sbom generic',
      'spdx3: sbom generic',
    ],
  );
});

test('default discovery: every format in any folder (as FileFilter classifies them)', () => {
  const filter = new FileFilter(resolveConfig({}));
  const cases: Array<[string, boolean]> = [
    ['package.json', true],
    ['packages/a/package.json', true],
    ['package-lock.json', true],
    ['packages/a/package-lock.json', true],
    ['npm-shrinkwrap.json', true],
    ['requirements.txt', true],
    ['requirements-dev.txt', true],
    ['requirements.in', false],
    ['svc/requirements.txt', true],
    ['pyproject.toml', true],
    ['svc/pyproject.toml', true],
    ['svc/poetry.lock', true],
    ['svc/Cargo.lock', true],
    ['svc/go.mod', true],
    ['svc/api.csproj', true],
    ['svc/pom.xml', true],
    ['bom.json', true],
    ['sbom.json', true],
    ['app.cdx.json', true],
    ['security/bom.json', true],
    ['security/app.spdx.json', true],
    ['other.json', false],
    ['xpackage.json', false],
    ['notes.txt', false],
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

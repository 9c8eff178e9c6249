import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Dependency } from './dependency';
import { reachableFrom } from './dependencyGraph';
import { normalizePypiName, pypiPurl } from './manifestCommon';
import { parsePep508, parsePipfile, parsePyproject, parseRequirements } from './pythonManifest';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/soup');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const at = (d: Dependency) => `${d.range.line}:${d.range.column}-${d.range.endLine}:${d.range.endColumn}`;
const row = (d: Dependency) => [d.name, d.spec, d.version, d.source, d.dev === true, at(d)];

test('requirements.txt: every line shape, ranged at the name on its line', () => {
  const index = parseRequirements('requirements.txt', read('python/requirements.txt'));
  assert.equal(index.kind, 'requirements.txt');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.dependencies.map(row), [
    ['django', '==4.2.11', '4.2.11', 'registry', false, '6:1-6:7'],
    ['requests', '>=2.31,<3', undefined, 'registry', false, '7:1-7:9'],
    ['uvicorn', '~=0.29.0', undefined, 'registry', false, '8:1-8:8'],
    ['tomli', '>=2.0.1', undefined, 'registry', false, '9:1-9:6'],
    ['pyyaml', '===6.0.1', '6.0.1', 'registry', false, '10:1-10:7'],
    ['flask-sqlalchemy', '>=3.1,<4', undefined, 'registry', false, '11:1-11:17'],
    ['cryptography', '==42.0.5', '42.0.5', 'registry', false, '12:1-12:13'],
    ['zope-interface', undefined, undefined, 'registry', false, '15:1-15:15'],
    ['pydantic', '==2.*', undefined, 'registry', false, '17:1-17:9'],
    ['attrs', '==23.2.0', '23.2.0', 'registry', false, '18:1-18:6'],
    [
      'internal-sdk',
      'https://downloads.example.com/sdk/internal_sdk-1.4.0-py3-none-any.whl',
      undefined,
      'url',
      false,
      '19:1-19:13',
    ],
    ['hl7apy', 'git+https://github.com/crs4/hl7apy.git@1.3.4', undefined, 'git', false, '20:1-20:7'],
    ['pump-codecs', 'git+https://github.com/example/pump-codecs.git@v0.9.1', undefined, 'git', false, '21:59-21:70'],
    ['numpy', '>=1.26', undefined, 'registry', false, '23:1-23:6'],
  ]);
  const django = index.dependencies[0];
  assert.deepEqual(
    [django.ecosystem, django.direct, django.purl, django.file],
    ['pypi', true, 'pkg:pypi/django@4.2.11', 'requirements.txt'],
  );
  assert.equal(index.dependencies[1].purl, undefined);
});

test('requirements.txt: continuations, options, comments, problems, CRLF', () => {
  const text = [
    '# header',
    '--extra-index-url https://mirror.example.com/simple',
    '-e git+https://example.com/x.git#egg=x',
    'six \\',
    '  ==1.16.0  # pinned',
    '   Foo.Bar_baz [security, socks] ( >= 1.0 )  ',
    '\\',
    '-r dev.txt',
    'not a requirement!',
    'requests>=2 ; python_version < "3.8"',
    'bad @',
    'https://example.com/archive.zip',
    'trailing \\',
  ].join('\n');
  for (const eol of ['\n', '\r\n']) {
    const index = parseRequirements('reqs/base.txt', text.replace(/\n/g, eol));
    assert.deepEqual(
      index.dependencies.map((d) => [d.name, d.spec, d.version, at(d)]),
      [
        ['six', '==1.16.0', '1.16.0', '4:1-4:4'],
        ['foo-bar-baz', '>= 1.0', undefined, '6:4-6:15'],
        ['requests', '>=2', undefined, '10:1-10:9'],
        ['trailing', undefined, undefined, '13:1-13:9'],
      ],
      JSON.stringify(eol),
    );
    assert.deepEqual(
      index.problems.map((p) => [p.message, at({ range: p.range } as Dependency)]),
      [
        ["not a requirement: 'not a requirement!'", '9:1-9:19'],
        ["not a requirement: 'bad @'", '11:1-11:6'],
      ],
    );
  }
});

test('parsePep508: names, extras, specifiers, URLs and markers', () => {
  assert.deepEqual(parsePep508('Flask_SQLAlchemy[async]>=3.1 ; python_version>"3.8"'), {
    name: 'flask-sqlalchemy',
    nameStart: 0,
    nameEnd: 16,
    spec: '>=3.1',
    source: 'registry',
  });
  assert.deepEqual(parsePep508('  x==1.0'), {
    name: 'x',
    nameStart: 2,
    nameEnd: 3,
    spec: '==1.0',
    source: 'registry',
    version: '1.0',
  });
  assert.equal(parsePep508('x @ file:///opt/x')!.source, 'file');
  assert.equal(parsePep508('x @ https://e.com/x.whl ; os_name == "nt"')!.spec, 'https://e.com/x.whl');
  assert.equal(parsePep508('x==1.0.*')!.version, undefined);
  assert.equal(parsePep508('x==1.0,!=1.0.1')!.version, undefined);
  assert.equal(parsePep508('x=1.0'), undefined);
  assert.equal(parsePep508('-x'), undefined);
  assert.equal(normalizePypiName('Ruamel.YAML__x--y'), 'ruamel-yaml-x-y');
  assert.equal(pypiPurl('Django', '4.2.11'), 'pkg:pypi/django@4.2.11');
});

test('pyproject.toml (PEP 621): dependencies ranged at the name in the string, optional ones as dev', () => {
  const index = parsePyproject('pyproject.toml', read('python/pyproject.toml'));
  assert.equal(index.kind, 'pyproject.toml');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'infusion-gateway', version: '2.3.0' });
  assert.deepEqual(index.dependencies.map(row), [
    ['fastapi', '>=0.110,<1.0', undefined, 'registry', false, '16:4-16:11'],
    ['pydantic', '==2.6.4', '2.6.4', 'registry', false, '17:4-17:12'],
    ['uvicorn', '~= 0.29', undefined, 'registry', false, '18:4-18:11'],
    ['jinja2', '>=3.1.3', undefined, 'registry', false, '19:4-19:10'],
    ['tomli', '>=2.0.1', undefined, 'registry', false, '20:4-20:9'],
    ['pump-codecs', 'git+https://github.com/example/pump-codecs.git@v0.9.1', undefined, 'git', false, '21:4-21:15'],
    ['pytest', '==8.1.1', '8.1.1', 'registry', true, '25:10-25:16'],
    ['hypothesis', '>=6.98', undefined, 'registry', true, '25:27-25:37'],
    ['mkdocs-material', '~=9.5', undefined, 'registry', true, '27:4-27:19'],
  ]);
  assert.equal(index.dependencies[1].purl, 'pkg:pypi/pydantic@2.6.4');
});

test('pyproject.toml (Poetry): strings, inline tables, git/path, arrays, sub-tables, groups; python skipped', () => {
  const index = parsePyproject('svc/pyproject.toml', read('python/poetry/pyproject.toml'));
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.project, { name: 'pump-simulator', version: '0.4.1' });
  assert.deepEqual(index.dependencies.map(row), [
    ['requests', '^2.31', undefined, 'registry', false, '9:1-9:9'],
    ['paho-mqtt', '1.6.1', '1.6.1', 'registry', false, '10:1-10:10'],
    ['ruamel-yaml', '>=0.18,<0.19', undefined, 'registry', false, '11:1-11:14'],
    ['cryptography', '42.0.5', '42.0.5', 'registry', false, '12:1-12:13'],
    ['orjson', '^3.9', undefined, 'registry', true, '13:1-13:7'],
    ['pump-codecs', 'https://github.com/example/pump-codecs.git#v0.9.1', undefined, 'git', false, '14:1-14:12'],
    ['device-protocol', '../libs/device-protocol', undefined, 'file', false, '15:1-15:16'],
    ['numpy', '<1.26 || ^1.26', undefined, 'registry', false, '16:1-16:6'],
    ['pyserial', '3.5', '3.5', 'registry', false, '21:27-21:35'],
    ['pytest', '^8.1', undefined, 'registry', true, '26:1-26:7'],
    ['mypy', '1.9.0', '1.9.0', 'registry', true, '27:1-27:5'],
  ]);
  assert.equal(index.dependencies[1].purl, 'pkg:pypi/paho-mqtt@1.6.1');
});

test('pyproject.toml: dependency groups, legacy dev-dependencies, url deps, CRLF', () => {
  const text = [
    '[project]',
    'name = "x"',
    'dependencies = ["a==1.0"]',
    '[dependency-groups]',
    'lint = ["ruff>=0.3", { include-group = "test" }]',
    '[tool.poetry.dev-dependencies]',
    'black = { url = "https://example.com/black.whl" }',
    '[tool.poetry.dependencies]',
    'Python = "^3.10"',
  ].join('\r\n');
  const index = parsePyproject('pyproject.toml', text);
  assert.deepEqual(index.problems, []);
  assert.deepEqual(index.dependencies.map(row), [
    ['a', '==1.0', '1.0', 'registry', false, '3:18-3:19'],
    ['ruff', '>=0.3', undefined, 'registry', true, '5:10-5:14'],
    ['black', 'https://example.com/black.whl', undefined, 'url', true, '7:1-7:6'],
  ]);
});

test('malformed pyproject.toml: one located problem saying nothing was read, no throw', () => {
  const index = parsePyproject('pyproject.toml', read('malformed/pyproject.toml'));
  assert.deepEqual(
    index.problems.map((p) => [p.message, p.range.line, p.range.column]),
    [
      [
        'pyproject.toml is not valid TOML: control characters are not allowed in strings; its dependencies were not read',
        5,
        14,
      ],
    ],
  );
  assert.deepEqual(index.dependencies, []);
  const bad = parsePyproject(
    'p.toml',
    '[project]\ndependencies = "requests"\n[project.optional-dependencies]\nx = ["ok>=1", 5, "no good"]\n',
  );
  assert.deepEqual(
    bad.problems.map((p) => p.message),
    [
      "'project.dependencies' must be an array of requirement strings",
      'a dependency must be a PEP 508 string',
      "not a PEP 508 requirement: 'no good'",
    ],
  );
  assert.deepEqual(
    bad.dependencies.map((d) => d.name),
    ['ok'],
  );
  const poetry = parsePyproject('p.toml', '[tool.poetry.dependencies]\nx = 5\n');
  assert.match(poetry.problems[0].message, /'x': expected a version string/);
  for (const text of [
    '',
    '\uFEFF',
    '[',
    '[[',
    '"',
    'a = """',
    "a = '''",
    '= =',
    '[tool.poetry.dependencies]\n"',
    'x = [' + '['.repeat(50),
  ]) {
    assert.ok(Array.isArray(parsePyproject('p.toml', text).problems));
    assert.ok(Array.isArray(parseRequirements('r.txt', text).problems));
  }
});

const DEPS = path.resolve(__dirname, '../../../../test/fixtures/dependency-files/python');
const readDeps = (p: string) => readFileSync(path.join(DEPS, p), 'utf8');

test('requirements.txt compiled by pip-compile: --hash lines and markers skipped, # via makes a graph', () => {
  const index = parseRequirements('requirements.txt', readDeps('pip-compile/requirements.txt'));
  assert.deepEqual(index.problems, []);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.version, d.direct, d.range.line]),
    [
      ['certifi', '2024.8.30', false, 7],
      ['charset-normalizer', '3.4.0', false, 11],
      ['idna', '3.10', false, 14],
      ['multidict', '6.1.0', false, 19],
      ['requests', '2.32.3', true, 22],
      ['tomli', '2.0.2', true, 25],
      ['urllib3', '2.2.3', false, 28],
      ['yarl', '1.15.2', true, 31],
    ],
  );
  const graph = index.graph!;
  assert.equal(graph.edges, true);
  assert.deepEqual(Object.keys(graph.importers['']), ['requests', 'tomli', 'yarl']);
  assert.deepEqual(
    reachableFrom(graph, 'requests').map((r) => r.pkg.name),
    ['certifi', 'charset-normalizer', 'idna', 'urllib3'],
  );
  assert.deepEqual(
    reachableFrom(graph, 'yarl').map((r) => r.pkg.name),
    ['idna', 'multidict'],
  );
  assert.equal(index.dependencies[6].node?.key, 'urllib3');
  assert.equal(index.resolved?.urllib3, '2.2.3');
  // A plain requirements file stays a declaration: no graph, every entry direct.
  const plain = parseRequirements('r.txt', 'requests>=2\n# a comment\nurllib3==2.2.3 ; python_version < "3.11"\n');
  assert.equal(plain.graph, undefined);
  assert.deepEqual(
    plain.dependencies.map((d) => [d.name, d.version, d.direct]),
    [
      ['requests', undefined, true],
      ['urllib3', '2.2.3', true],
    ],
  );
});

test('requirements.txt: -r and -c files discovery does not find get a note', () => {
  const index = parseRequirements('svc/requirements-dev.txt', readDeps('pip-compile/requirements-dev.txt'));
  assert.deepEqual(index.notes, [
    'svc/requirements-dev.txt includes svc/constraints/security.txt (-c): read it by listing it in manifests',
  ]);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.direct]),
    [['pytest', true]],
  );
  const more = parseRequirements('requirements.txt', '--requirement=base/common.txt\n-r ../x/requirements-test.txt\n');
  assert.deepEqual(more.notes, [
    'requirements.txt includes base/common.txt (--requirement): read it by listing it in manifests',
  ]);
});

test('pyproject.toml: Poetry 2 ([project] and groups), PDM dev-dependencies, uv workspace sources', () => {
  const poetry = parsePyproject('pyproject.toml', readDeps('poetry/pyproject.toml'));
  assert.deepEqual(
    poetry.dependencies.map((d) => [d.name, d.spec, d.dev === true, at(d)]),
    [
      ['requests', '>=2.32,<3.0', false, '6:6-6:14'],
      ['pytest', '^8.3', true, '10:1-10:7'],
    ],
  );
  const pdm = parsePyproject('pyproject.toml', readDeps('pdm/pyproject.toml'));
  assert.deepEqual(
    pdm.dependencies.map((d) => [d.name, d.spec, d.dev === true, at(d)]),
    [
      ['requests', '>=2.32', false, '5:18-5:26'],
      ['pytest', '>=8.3', true, '8:10-8:16'],
    ],
  );
  const uv = parsePyproject('pyproject.toml', readDeps('uv/pyproject.toml'));
  assert.deepEqual(
    uv.dependencies.map((d) => [d.name, d.source, d.dev === true]),
    [
      ['pump-codec', 'workspace', false],
      ['requests', 'registry', false],
      ['pysocks', 'registry', true],
      ['pytest', 'registry', true],
    ],
  );
});

test('Pipfile: packages and dev-packages, git and "*" entries, ranged at the key; malformed TOML located', () => {
  const index = parsePipfile('Pipfile', readDeps('pipenv/Pipfile'));
  assert.equal(index.kind, 'Pipfile');
  assert.deepEqual(index.problems, []);
  assert.deepEqual(
    index.dependencies.map((d) => [d.name, d.spec, d.version, d.source, d.dev === true, at(d)]),
    [
      ['requests', '>=2.32', undefined, 'registry', false, '7:1-7:9'],
      ['pump-codecs', 'https://github.com/example/pump-codecs.git#v0.9.1', undefined, 'git', false, '8:1-8:12'],
      ['ruamel-yaml', undefined, undefined, 'registry', false, '9:1-9:14'],
      ['pytest', '==8.3.3', '8.3.3', 'registry', true, '12:1-12:7'],
    ],
  );
  const broken = parsePipfile('Pipfile', '[packages]\nrequests = ">=2\n');
  assert.deepEqual(
    broken.problems.map((p) => p.range.line),
    [2],
  );
  assert.match(broken.problems[0].message, /^Pipfile is not valid TOML: .*; its dependencies were not read$/);
  assert.match(parsePipfile('Pipfile', '[packages]\nx = 5\n').problems[0].message, /'x': expected/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Finding } from '../findings';
import { engineFor, engineForFixture, summarize } from '../../testing/workspaces';

/** A SOUP table with the usual columns; each row `[id, title, version, supplier, class, package?, extra?]`. */
function soupTable(
  rows: string[][],
  columns = ['ID', 'Title', 'Version', 'Supplier', 'Class', 'Package', 'Requires', 'Vulnerabilities'],
): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return (
    [
      '# SOUP',
      '',
      line(columns),
      line(columns.map(() => '---')),
      ...rows.map((r) => line(columns.map((_, i) => r[i] ?? ''))),
    ].join('\n') + '\n'
  );
}

function packageJson(deps: Record<string, string>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'app', version: '1.0.0', ...extra, dependencies: deps }, null, 2) + '\n';
}

/** A lockfile v3 with the root's dependencies and the given installed versions (path → version or entry). */
function lockfile(root: Record<string, unknown>, installed: Record<string, string | Record<string, unknown>>): string {
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', ...root } };
  for (const [path, v] of Object.entries(installed))
    packages[path] = typeof v === 'string' ? { version: v, license: 'MIT' } : v;
  return (
    JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2) + '\n'
  );
}

const only = (findings: Finding[], ...codes: string[]) => findings.filter((f) => codes.includes(f.code));
const soupCodes = [
  'soup-missing',
  'soup-version-mismatch',
  'soup-stale',
  'vulnerability-undispositioned',
  'malformed-item',
  'config-error',
];
const soup = (findings: Finding[]) => summarize(only(findings, ...soupCodes));

/** 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

test('fixture workspace-check: npm workspaces, lockfile versions, advisories from seclife.json', async () => {
  const engine = await engineForFixture('soup/workspace-check');
  assert.deepEqual(soup(engine.findings()), [
    'soup-version-mismatch docs/soup.md:8 SOUP-express',
    'malformed-item docs/soup.md:10 SOUP-lodash',
    'vulnerability-undispositioned docs/soup.md:10 SOUP-lodash',
    'soup-stale docs/soup.md:13 SOUP-moment',
    'malformed-item docs/soup.md:14 SOUP-zod',
    'soup-missing examples/demo/package.json:6',
    'soup-missing package.json:15',
    'soup-missing packages/api/package.json:7',
  ]);
  const byCode = (code: string) => engine.findings().filter((f) => f.code === code);
  // Severities: the built-in defaults (docs/configuration.md, rules; config.ts).
  assert.equal(byCode('soup-missing')[0].severity, 'error');
  assert.equal(byCode('soup-version-mismatch')[0].severity, 'warning');
  assert.equal(byCode('soup-stale')[0].severity, 'warning');
  assert.equal(byCode('vulnerability-undispositioned')[0].severity, 'error');
  // The git dependency (version from the lockfile) and the member's own nested ws 8.17.1, not the hoisted 7.5.10.
  // The nested examples/demo/package.json is read on its own (no lockfile: a note says so).
  assert.match(byCode('soup-missing')[0].message, /^left-pad 1\.3\.0 has no SOUP item/);
  assert.match(byCode('soup-missing')[1].message, /^is-number 7\.0\.0 has no SOUP item/);
  assert.match(byCode('soup-missing')[2].message, /^ws 8\.17\.1 has no SOUP item/);
  assert.deepEqual(
    {
      line: byCode('soup-missing')[1].line,
      column: byCode('soup-missing')[1].column,
      endColumn: byCode('soup-missing')[1].endColumn,
    },
    { line: 15, column: 5, endColumn: 16 },
  );
  // The exact Version 4.18.2 against the lockfile's 4.21.2, reported on the Version cell.
  const mismatch = byCode('soup-version-mismatch')[0];
  assert.equal(
    mismatch.message,
    'SOUP-express: Version 4.18.2 does not cover express 4.21.2 resolved from package.json',
  );
  assert.equal(mismatch.column, 28);
  // GHSA-35jh… has a not-affected disposition; GHSA-29mw… does not.
  assert.match(byCode('vulnerability-undispositioned')[0].message, /GHSA-29mw-wpgm-hmr9 .*affects lodash 4\.17\.20/);
  assert.match(
    engine.findings().find((f) => f.itemId === 'SOUP-lodash' && f.code === 'malformed-item')!.message,
    /class 'required' but has no Requires/,
  );
  assert.match(engine.findings().find((f) => f.itemId === 'SOUP-zod')!.message, /missing required attribute Supplier/);

  // Not reported: the workspace member dependency (@bridge/shared), the devDependency (typescript),
  // the aliased helmet (matched by purl).
  const messages = byCode('soup-missing')
    .map((f) => f.message)
    .join('\n');
  for (const name of ['@bridge/shared', 'typescript', 'helmet']) assert.ok(!messages.includes(name), name);

  // Matches: express in the root and in a member; ms from the member's nested copy; qs only transitively.
  const deps = (id: string) =>
    engine.soupDependencies(id).map((d) => `${d.file} ${d.alias ? `${d.alias}=` : ''}${d.name}@${d.version}`);
  assert.deepEqual(deps('SOUP-express'), ['package.json express@4.21.2', 'packages/api/package.json express@4.21.2']);
  assert.deepEqual(deps('SOUP-ms'), ['packages/shared/package.json ms@2.1.3']);
  assert.deepEqual(deps('SOUP-helmet'), ['package.json h=helmet@7.2.0']);
  assert.deepEqual(deps('SOUP-fastify.cors'), ['package.json @fastify/cors@9.0.1']);
  assert.deepEqual(deps('SOUP-qs'), []);
  assert.equal(engine.item('SOUP-qs')!.met.includes('in-manifest'), true);
  assert.equal(engine.item('SOUP-moment')!.met.includes('in-manifest'), false);
  // SOUP-moment is stale; SOUP-zod lacks its required Supplier (a required attribute is a need).
  assert.deepEqual(engine.coverage().SOUP, { total: 8, covered: 6 });
});

test('soup-missing on the dependency key in package.json; matched by Package, purl or title', async () => {
  const pkg = packageJson({
    '@fastify/cors': '9.0.1',
    express: '4.21.2',
    zod: '3.23.8',
    helmet: '7.1.0',
    pg: '8.13.1',
  });
  const engine = await engineFor({
    'package.json': pkg,
    'docs/soup.md':
      soupTable([
        ['SOUP-cors', 'CORS', '9.0.1', 'Fastify', 'maintained', '`@fastify/cors`'],
        ['SOUP-express', 'Express web framework', '4.21.2', 'OpenJS', 'maintained', 'express'],
        // No Package: the title names the package (case-insensitive).
        ['SOUP-zod', 'Zod', '3.23.8', 'Colin McDonnell', 'supported'],
      ]) +
      '\n## SOUP-helmet: HTTP headers\nVersion: 7.1.0\nSupplier: Helmet maintainers\nClass: maintained\npurl: pkg:npm/helmet@7.0.0\n',
  });
  const missing = only(engine.findings(), 'soup-missing');
  assert.deepEqual(summarize(missing), [`soup-missing package.json:${lineOf(pkg, '"pg"')}`]);
  // Ranged at the key, quotes included.
  assert.deepEqual({ column: missing[0].column, endColumn: missing[0].endColumn }, { column: 5, endColumn: 9 });
  assert.equal(
    missing[0].message,
    'pg 8.13.1 has no SOUP item: add a row with its version, supplier and class (IEC 81001-5-1 §4.1.5)',
  );
  assert.deepEqual(soup(engine.findings()), [`soup-missing package.json:${lineOf(pkg, '"pg"')}`]);
  // The purl's version does not take part in matching; a scoped purl matches its npm name.
  assert.equal(engine.soupDependencies('SOUP-helmet')[0].name, 'helmet');
  assert.equal(engine.soupDependencies('SOUP-cors')[0].name, '@fastify/cors');

  const scoped = await engineFor({
    'package.json': packageJson({ '@fastify/cors': '9.0.1' }),
    'docs/soup.md': soupTable(
      [
        [
          'SOUP-cors',
          'CORS',
          '9.0.1',
          'Fastify',
          'maintained',
          '',
          '',
          '',
          'pkg:npm/%40fastify/cors@9.0.1?repository_url=x',
        ],
      ],
      ['ID', 'Title', 'Version', 'Supplier', 'Class', 'Package', 'Requires', 'Vulnerabilities', 'purl'],
    ),
  });
  assert.deepEqual(soup(scoped.findings()), []);
  assert.equal(scoped.soupDependencies('SOUP-cors').length, 1);
});

test('requirements.txt and pyproject.toml: soup-missing on the line, PEP 503 names, PEP 440 versions', async () => {
  const requirements = 'Django==4.2.11\nrequests>=2.31,<3\nFlask_SQLAlchemy==3.1.1\nnumpy==1.26.4\n';
  const engine = await engineFor({
    'requirements.txt': requirements,
    'docs/soup.md': soupTable([
      ['SOUP-django', 'Django', '>=4.2,<5', 'Django Software Foundation', 'maintained', 'django'],
      // No resolved version for a range: nothing to compare.
      ['SOUP-requests', 'requests', '2.31.0', 'PSF', 'maintained', 'requests'],
      // PEP 503: Flask_SQLAlchemy = flask-sqlalchemy = flask.sqlalchemy; ~=3.0.0 does not cover 3.1.1.
      ['SOUP-flask_sqlalchemy', 'Flask-SQLAlchemy', '~=3.0.0', 'Pallets', 'supported', 'flask.sqlalchemy'],
    ]),
  });
  assert.deepEqual(soup(engine.findings()), [
    'soup-version-mismatch docs/soup.md:7 SOUP-flask_sqlalchemy',
    `soup-missing requirements.txt:${lineOf(requirements, 'numpy')}`,
  ]);
  const missing = only(engine.findings(), 'soup-missing')[0];
  assert.deepEqual({ column: missing.column, endColumn: missing.endColumn }, { column: 1, endColumn: 6 });
  assert.match(missing.message, /^numpy 1\.26\.4 has no SOUP item/);
  assert.match(
    only(engine.findings(), 'soup-version-mismatch')[0].message,
    /~=3\.0\.0 does not cover flask-sqlalchemy 3\.1\.1/,
  );

  // PEP 440: a wildcard and a compatible-release clause.
  const pep440 = await engineFor({
    'requirements.txt': 'Django==4.2.11\ncryptography==42.0.5\n',
    'docs/soup.md': soupTable([
      ['SOUP-django', 'Django', '==4.2.*', 'DSF', 'maintained', 'django'],
      ['SOUP-cryptography', 'cryptography', '~=41.0', 'PyCA', 'maintained', 'cryptography'],
    ]),
  });
  assert.deepEqual(soup(pep440.findings()), ['soup-version-mismatch docs/soup.md:6 SOUP-cryptography']);

  const pyproject =
    '[project]\nname = "gateway"\nversion = "1.0.0"\ndependencies = [\n  "fastapi>=0.110,<1.0",\n  "pydantic==2.6.4",\n]\n';
  const py = await engineFor({
    'pyproject.toml': pyproject,
    'docs/soup.md': soupTable([['SOUP-pydantic', 'pydantic', '2.6.4', 'Pydantic', 'maintained', 'pydantic']]),
  });
  assert.deepEqual(soup(py.findings()), [`soup-missing pyproject.toml:${lineOf(pyproject, 'fastapi')}`]);
});

test('soup-version-mismatch: exact, semver ranges and lists against the lockfile version', async () => {
  const check = async (version: string) => {
    const engine = await engineFor({
      'package.json': packageJson({ express: '^4.18.2' }),
      'package-lock.json': lockfile({ dependencies: { express: '^4.18.2' } }, { 'node_modules/express': '4.21.2' }),
      'docs/soup.md': soupTable([['SOUP-express', 'Express', version, 'OpenJS', 'maintained', 'express']]),
    });
    return only(engine.findings(), 'soup-version-mismatch', 'malformed-item');
  };
  for (const covering of [
    '4.21.2',
    'v4.21.2',
    '=4.21.2',
    '^4.18',
    '~4.21.0',
    '4.x',
    '>=4.18 <5',
    '4.21.1, 4.21.2',
    '^3 \\|\\| ^4',
  ]) {
    assert.deepEqual(await check(covering), [], covering);
  }
  for (const off of ['4.18.2', '~4.18.0', '^5.0.0', '4.21.1, 4.21.3', '<4.21']) {
    const found = await check(off);
    assert.deepEqual(
      found.map((f) => f.code),
      ['soup-version-mismatch'],
      off,
    );
    assert.match(found[0].message, /does not cover express 4\.21\.2 resolved from package\.json/);
    assert.equal(found[0].line, 5);
  }
  // Not a version at all: malformed, not a mismatch.
  const bad = await check('latest');
  assert.deepEqual(
    bad.map((f) => f.code),
    ['malformed-item'],
  );
  assert.match(bad[0].message, /Version 'latest' is not a npm version, range or list of versions/);
});

test('soup-stale: an item that names no dependency; not without manifests, not for a transitive package', async () => {
  const docs = {
    'docs/soup.md': soupTable([
      ['SOUP-moment', 'Moment', '2.29.4', 'Moment', 'maintained', 'moment'],
      ['SOUP-qs', 'qs', '6.13.0', 'ljharb', 'maintained', 'qs'],
    ]),
  };
  const none = await engineFor(docs);
  assert.deepEqual(soup(none.findings()), []);
  assert.deepEqual(none.coverage().SOUP, { total: 2, covered: 2 });

  const engine = await engineFor({
    ...docs,
    'package.json': packageJson({ express: '^4.21.2' }),
    'package-lock.json': lockfile(
      { dependencies: { express: '^4.21.2' } },
      { 'node_modules/express': '4.21.2', 'node_modules/qs': '6.13.0' },
    ),
    'docs/more.md': soupTable([['SOUP-express', 'Express', '4.21.2', 'OpenJS', 'maintained', 'express']]),
  });
  assert.deepEqual(soup(engine.findings()), ['soup-stale docs/soup.md:5 SOUP-moment']);
  const stale = only(engine.findings(), 'soup-stale')[0];
  assert.equal(
    stale.message,
    'SOUP-moment names no dependency of this repository (checked package.json): remove it or fix its Package',
  );
  assert.deepEqual(engine.coverage().SOUP, { total: 3, covered: 2 });
});

test('malformed-item: missing Version/Supplier/Class, Class outside the allowed values, required without Requires', async () => {
  const engine = await engineFor({
    'package.json': packageJson({ a: '1.0.0', b: '1.0.0', c: '1.0.0', d: '1.0.0', e: '1.0.0', f: '1.0.0' }),
    'docs/requirements.md': '## SR-001: Short-lived sessions\n',
    'docs/soup.md': soupTable([
      ['SOUP-a', 'a', '', 'Supplier A', 'maintained', 'a'],
      ['SOUP-b', 'b', '1.0.0', '', 'maintained', 'b'],
      ['SOUP-c', 'c', '1.0.0', 'Supplier C', '', 'c'],
      ['SOUP-d', 'd', '1.0.0', 'Supplier D', 'optional', 'd'],
      ['SOUP-e', 'e', '1.0.0', 'Supplier E', 'required', 'e'],
      ['SOUP-f', 'f', '1.0.0', 'Supplier F', 'Required', 'f', 'SR-001'],
    ]),
  });
  const malformed = only(engine.findings(), 'malformed-item');
  assert.deepEqual(
    malformed.map((f) => `${f.itemId} ${f.message}`),
    [
      'SOUP-a SOUP-a (third-party item) is missing required attribute Version',
      'SOUP-b SOUP-b (third-party item) is missing required attribute Supplier',
      'SOUP-c SOUP-c (third-party item) is missing required attribute Class',
      `SOUP-d ${malformed[3].message}`,
      "SOUP-e SOUP-e is class 'required' but has no Requires link to the security requirement that compensates for it",
    ],
  );
  assert.match(malformed[3].message, /Class.*optional/);
  assert.ok(malformed.every((f) => f.severity === 'error'));
  assert.deepEqual(only(engine.findings(), 'soup-missing', 'soup-stale', 'soup-version-mismatch'), []);
});

const NPM_AUDIT = JSON.stringify(
  {
    auditReportVersion: 2,
    vulnerabilities: {
      lodash: {
        name: 'lodash',
        severity: 'high',
        isDirect: true,
        range: '<=4.17.20',
        nodes: ['node_modules/lodash'],
        effects: [],
        fixAvailable: true,
        via: [
          {
            source: 1094500,
            name: 'lodash',
            dependency: 'lodash',
            title: 'ReDoS in lodash',
            url: 'https://github.com/advisories/GHSA-29mw-wpgm-hmr9',
            severity: 'moderate',
            range: '<4.17.21',
          },
          {
            source: 1096305,
            name: 'lodash',
            dependency: 'lodash',
            title: 'Command Injection in lodash',
            url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
            severity: 'high',
            range: '<4.17.21',
          },
        ],
      },
      express: {
        name: 'express',
        severity: 'moderate',
        isDirect: true,
        range: '<4.19.2',
        nodes: ['node_modules/express'],
        effects: [],
        fixAvailable: true,
        via: [
          {
            source: 1096820,
            name: 'express',
            dependency: 'express',
            title: 'Open Redirect',
            url: 'https://github.com/advisories/GHSA-rv95-896h-c2vc',
            severity: 'moderate',
            range: '<4.19.2',
          },
        ],
      },
    },
    metadata: { vulnerabilities: { total: 3 } },
  },
  null,
  2,
);

const OSV = JSON.stringify(
  [
    {
      schema_version: '1.6.0',
      id: 'GHSA-35jh-r3h4-6jhm',
      modified: '2024-02-16T08:18:07Z',
      aliases: ['CVE-2021-23337'],
      summary: 'Command Injection in lodash',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'lodash' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
        },
      ],
    },
    {
      id: 'PYSEC-2024-0001',
      modified: '2024-03-05T12:00:00Z',
      aliases: ['CVE-2024-22195', 'GHSA-h5c8-rqwp-cp95'],
      details: 'Jinja xmlattr accepts keys with spaces.',
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'Jinja2' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '3.1.2' }] }],
        },
      ],
    },
  ],
  null,
  2,
);

test('vulnerability-undispositioned: npm audit JSON and OSV files configured under advisories', async () => {
  const base = {
    'seclife.json': JSON.stringify({ advisories: ['security/advisories/*.json'] }),
    'package.json': packageJson({ lodash: '4.17.20', express: '4.21.2' }),
    'requirements.txt': 'Jinja2==3.1.2\n',
    'security/advisories/npm-audit.json': NPM_AUDIT,
  };
  const table = (lodashVulns: string, jinjaVulns = '') =>
    soupTable([
      ['SOUP-lodash', 'lodash', '4.17.20', 'OpenJS', 'maintained', 'lodash', '', lodashVulns],
      // express 4.21.2 is not affected by the <4.19.2 advisory.
      ['SOUP-express', 'Express', '4.21.2', 'OpenJS', 'maintained', 'express'],
      ['SOUP-jinja2', 'Jinja2', '3.1.2', 'Pallets', 'maintained', 'jinja2', '', jinjaVulns],
    ]);
  const undispositioned = (engine: Awaited<ReturnType<typeof engineFor>>) =>
    only(engine.findings(), 'vulnerability-undispositioned', 'malformed-item').map(
      (f) => `${f.code} ${f.itemId} ${/(GHSA-[\w-]+|PYSEC-[\w-]+)/.exec(f.message)?.[1] ?? f.message}`,
    );

  const audit = await engineFor({ ...base, 'docs/soup.md': table('') });
  assert.deepEqual(undispositioned(audit), [
    'vulnerability-undispositioned SOUP-lodash GHSA-29mw-wpgm-hmr9',
    'vulnerability-undispositioned SOUP-lodash GHSA-35jh-r3h4-6jhm',
  ]);
  const f = only(audit.findings(), 'vulnerability-undispositioned')[0];
  assert.equal(f.file, 'docs/soup.md');
  assert.equal(f.line, 5);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /add 'Vulnerabilities: GHSA-29mw-wpgm-hmr9 not-affected -- <reason>'/);

  // Dispositions: by ID, and by alias (the OSV record's CVE); an advisory in both files is reported once.
  const withOsv = { ...base, 'security/advisories/osv.json': OSV };
  const none = await engineFor({ ...withOsv, 'docs/soup.md': table('') });
  assert.deepEqual(undispositioned(none), [
    'vulnerability-undispositioned SOUP-lodash GHSA-29mw-wpgm-hmr9',
    'vulnerability-undispositioned SOUP-lodash GHSA-35jh-r3h4-6jhm',
    'vulnerability-undispositioned SOUP-jinja2 PYSEC-2024-0001',
  ]);
  const disposed = await engineFor({
    ...withOsv,
    'docs/soup.md': table(
      'GHSA-29mw-wpgm-hmr9 not-affected -- no user-supplied patterns; CVE-2021-23337 not-affected -- template() is never called',
      'GHSA-h5c8-rqwp-cp95 fixed -- upgrade tracked in SR-001',
    ),
  });
  assert.deepEqual(undispositioned(disposed), []);

  // not-affected needs a justification: the disposition counts, the attribute is malformed.
  const bareTable = table('GHSA-29mw-wpgm-hmr9 not-affected; GHSA-35jh-r3h4-6jhm fixed');
  const bare = await engineFor({ ...base, 'docs/soup.md': bareTable });
  const malformed = only(bare.findings(), 'malformed-item');
  assert.deepEqual(
    only(bare.findings(), 'vulnerability-undispositioned', 'malformed-item').map((x) => `${x.code} ${x.itemId}`),
    ['malformed-item SOUP-lodash'],
  );
  // Located on the Vulnerabilities cell.
  assert.equal(malformed[0].line, 5);
  assert.equal(malformed[0].column, bareTable.split('\n')[4].indexOf('GHSA-29mw') + 1);
  assert.match(malformed[0].message, /without a justification/);

  // Without the advisories setting the files are not read at all.
  const { 'seclife.json': _unused, ...unconfigured } = withOsv;
  const off = await engineFor({ ...unconfigured, 'docs/soup.md': table('') });
  assert.deepEqual(undispositioned(off), []);
});

test("a resolved version comes first; without one, the item's exact Version decides which advisories apply", async () => {
  const engine = await engineFor({
    'seclife.json': JSON.stringify({ advisories: ['audit.json'] }),
    'audit.json': NPM_AUDIT,
    // A range without a lockfile: no resolved version.
    'package.json': packageJson({ lodash: '^4.17.0' }),
    'docs/soup.md': soupTable([['SOUP-lodash', 'lodash', '4.17.21', 'OpenJS', 'maintained', 'lodash']]),
  });
  assert.deepEqual(only(engine.findings(), 'vulnerability-undispositioned'), []);
  const old = await engineFor({
    'seclife.json': JSON.stringify({ advisories: ['audit.json'] }),
    'audit.json': NPM_AUDIT,
    'package.json': packageJson({ lodash: '^4.17.0' }),
    'docs/soup.md': soupTable([['SOUP-lodash', 'lodash', '4.17.15', 'OpenJS', 'maintained', 'lodash']]),
  });
  assert.equal(only(old.findings(), 'vulnerability-undispositioned').length, 2);
});

test('npm workspaces: members count, member-to-member links do not; a nested package.json outside the workspace counts on its own', async () => {
  const api = JSON.stringify({ name: '@app/api', dependencies: { '@app/shared': '^1.0.0', ws: '8.17.1' } }, null, 2);
  const shared = JSON.stringify(
    { name: '@app/shared', version: '1.0.0', dependencies: { ms: '2.1.3', '@app/api': 'workspace:*' } },
    null,
    2,
  );
  const engine = await engineFor({
    'package.json': packageJson({ express: '4.21.2' }, { workspaces: ['packages/*'] }),
    'packages/api/package.json': api,
    'packages/shared/package.json': shared,
    'examples/x/package.json': JSON.stringify({ name: 'example', dependencies: { 'left-pad': '1.3.0' } }, null, 2),
    'tools/package.json': JSON.stringify({ name: 'tools', dependencies: { chalk: '5.3.0' } }, null, 2),
    'docs/soup.md': soupTable([['SOUP-express', 'Express', '4.21.2', 'OpenJS', 'maintained', 'express']]),
  });
  assert.deepEqual(soup(engine.findings()), [
    'soup-missing examples/x/package.json:4',
    `soup-missing packages/api/package.json:${lineOf(api, '"ws"')}`,
    `soup-missing packages/shared/package.json:${lineOf(shared, '"ms"')}`,
    'soup-missing tools/package.json:4',
  ]);
  assert.match(only(engine.findings(), 'soup-missing')[1].message, /^ws 8\.17\.1/);

  // With `manifests` configured, exactly those files are read (a nested one too).
  const configured = await engineFor({
    'seclife.json': JSON.stringify({ manifests: ['package.json', 'examples/*/package.json'] }),
    'package.json': packageJson({ express: '4.21.2' }),
    'examples/x/package.json': JSON.stringify({ name: 'example', dependencies: { 'left-pad': '1.3.0' } }, null, 2),
    'tools/package.json': JSON.stringify({ name: 'tools', dependencies: { chalk: '5.3.0' } }, null, 2),
    'docs/soup.md': soupTable([['SOUP-express', 'Express', '4.21.2', 'OpenJS', 'maintained', 'express']]),
  });
  assert.deepEqual(soup(configured.findings()), ['soup-missing examples/x/package.json:4']);
});

test('aliases (npm:), git and file dependencies', async () => {
  const pkg = packageJson({
    h: 'npm:helmet@^7.1.0',
    'is-number': 'github:jonschlinkert/is-number#7.0.0',
    'local-utils': 'file:vendor/local-utils',
    zod: 'npm:zod@3.23.8',
  });
  const engine = await engineFor({
    'package.json': pkg,
    'package-lock.json': lockfile(
      { dependencies: { h: 'npm:helmet@^7.1.0' } },
      {
        'node_modules/h': { name: 'helmet', version: '7.2.0', license: 'MIT' },
        'node_modules/is-number': {
          version: '7.0.0',
          resolved: 'git+ssh://git@github.com/jonschlinkert/is-number.git#98e8ff1da1a89f93d1397a24d7413ed15421c139',
        },
        'node_modules/local-utils': { resolved: 'vendor/local-utils', link: true },
        'vendor/local-utils': { version: '0.2.0' },
        'node_modules/zod': '3.23.8',
      },
    ),
    'docs/soup.md': soupTable([
      // The alias matches by the real package name; its version comes from the lockfile entry of the alias.
      ['SOUP-helmet', 'Helmet', '^7.2.0', 'Helmet maintainers', 'maintained', 'helmet'],
      ['SOUP-is_number', 'is-number', '7.0.0', 'Jon Schlinkert', 'supported', 'is-number'],
      ['SOUP-zod', 'zod', '3.23.8', 'Colin McDonnell', 'supported'],
    ]),
  });
  assert.deepEqual(soup(engine.findings()), [`soup-missing package.json:${lineOf(pkg, '"local-utils"')}`]);
  assert.match(only(engine.findings(), 'soup-missing')[0].message, /^local-utils 0\.2\.0 has no SOUP item/);
  const helmet = engine.soupDependencies('SOUP-helmet')[0];
  assert.deepEqual(
    { name: helmet.name, alias: helmet.alias, version: helmet.version, source: helmet.source },
    { name: 'helmet', alias: 'h', version: '7.2.0', source: 'alias' },
  );
  assert.equal(engine.soupDependencies('SOUP-is_number')[0].source, 'git');

  // An alias without an item is reported as `alias (package)`.
  const missing = await engineFor({
    'package.json': packageJson({ h: 'npm:helmet@7.1.0' }),
    'docs/soup.md': soupTable([]),
  });
  assert.match(only(missing.findings(), 'soup-missing')[0].message, /^h \(helmet\) 7\.1\.0 has no SOUP item/);
});

test('devDependencies need an item only with "devDependencies": true; an item for one is never stale', async () => {
  const pkg = packageJson({ express: '4.21.2' }, { devDependencies: { typescript: '5.4.5', mocha: '10.4.0' } });
  const files = {
    'package.json': pkg,
    'docs/soup.md': soupTable([
      ['SOUP-express', 'Express', '4.21.2', 'OpenJS', 'maintained', 'express'],
      ['SOUP-typescript', 'TypeScript', '5.4.5', 'Microsoft', 'maintained', 'typescript'],
    ]),
  };
  const byDefault = await engineFor(files);
  assert.deepEqual(soup(byDefault.findings()), []);
  assert.equal(byDefault.soupDependencies('SOUP-typescript')[0].dev, true);
  const withDev = await engineFor({ ...files, 'seclife.json': JSON.stringify({ devDependencies: true }) });
  assert.deepEqual(soup(withDev.findings()), [`soup-missing package.json:${lineOf(pkg, '"mocha"')}`]);
  assert.match(only(withDev.findings(), 'soup-missing')[0].message, /^mocha 10\.4\.0/);
});

test('a malformed package.json is a config-error in package.json, not a crash; no soup-stale while it is broken', async () => {
  const broken = '{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.18.2"\n    "zod": "3.23.8"\n  }\n}\n';
  const engine = await engineFor({
    'package.json': broken,
    'docs/soup.md': soupTable([
      ['SOUP-express', 'Express', '4.21.2', 'OpenJS', 'maintained', 'express'],
      ['SOUP-pg', 'pg', '8.13.1', 'Brian Carlson', 'maintained', 'pg'],
    ]),
  });
  const errors = only(engine.findings(), 'config-error');
  assert.deepEqual(summarize(errors), ['config-error package.json:5']);
  assert.equal(errors[0].severity, 'error');
  assert.match(
    errors[0].message,
    /^package\.json is not valid JSON: CommaExpected; the SOUP check uses the dependencies read so far and reports no soup-stale/,
  );
  // What could be read is still checked (zod was recovered); SOUP-pg is not called stale.
  assert.deepEqual(soup(engine.findings()), ['config-error package.json:5', 'soup-missing package.json:5']);
  // And the coverage summary says the file was not read completely (soup-input-unread at its first line).
  assert.deepEqual(
    engine.findingsFor('package.json').map((f) => f.code),
    ['soup-input-unread', 'config-error', 'soup-missing'],
  );

  for (const text of [
    '',
    'null',
    '[1, 2]',
    '{"dependencies": {"a": 1, "b": ["x"]}}',
    '{'.repeat(100_000),
    '\u0000\u0001binary',
  ]) {
    const e = await engineFor({
      'package.json': text,
      'docs/soup.md': soupTable([['SOUP-a', 'a', '1.0.0', 'A', 'maintained', 'a']]),
    });
    assert.doesNotThrow(() => e.findings(), JSON.stringify(text.slice(0, 20)));
  }
  // An entry of the wrong type: that entry is reported, the rest of the file is checked.
  const entry = await engineFor({
    'package.json': '{"dependencies": {"a": 1, "b": "1.0.0"}}',
    'docs/soup.md': soupTable([['SOUP-x', 'x', '1.0.0', 'X', 'maintained', 'x']]),
  });
  assert.deepEqual(
    entry
      .findings()
      .map((f) => f.code)
      .sort(),
    ['config-error', 'soup-missing', 'soup-stale'],
  );
  assert.match(
    entry.findings().find((f) => f.code === 'config-error')!.message,
    /'dependencies\.a' must be a string; the rest of the file is checked/,
  );
});

test('an SBOM next to package.json: dependencies reported once (in package.json), SBOM versions resolve its ranges', async () => {
  const bom = JSON.stringify(
    {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      version: 1,
      metadata: { component: { type: 'application', name: 'app', version: '1.0.0', 'bom-ref': 'app@1.0.0' } },
      components: [
        { type: 'library', name: 'ms', version: '2.1.3', purl: 'pkg:npm/ms@2.1.3', 'bom-ref': 'ms@2.1.3' },
        { type: 'library', name: 'debug', version: '2.6.9', purl: 'pkg:npm/debug@2.6.9', 'bom-ref': 'debug@2.6.9' },
        {
          type: 'library',
          name: 'lodash',
          version: '4.17.21',
          purl: 'pkg:npm/lodash@4.17.21',
          'bom-ref': 'lodash@4.17.21',
        },
      ],
      dependencies: [
        { ref: 'app@1.0.0', dependsOn: ['ms@2.1.3', 'debug@2.6.9'] },
        { ref: 'debug@2.6.9', dependsOn: ['lodash@4.17.21'] },
      ],
    },
    null,
    2,
  );
  const pkg = packageJson({ ms: '^2.1.0', debug: '2.6.9' });
  const engine = await engineFor({
    'package.json': pkg,
    'bom.json': bom,
    'docs/soup.md': soupTable([
      ['SOUP-ms', 'ms', '~2.0.0', 'Vercel', 'maintained', 'ms'],
      ['SOUP-lodash', 'lodash', '4.17.21', 'OpenJS', 'maintained', 'lodash'],
    ]),
  });
  assert.deepEqual(soup(engine.findings()), [
    'soup-version-mismatch docs/soup.md:5 SOUP-ms',
    `soup-missing package.json:${lineOf(pkg, '"debug"')}`,
  ]);
  assert.match(only(engine.findings(), 'soup-version-mismatch')[0].message, /ms 2\.1\.3 resolved from package\.json/);
  // lodash is only a transitive component of the SBOM: matched, not stale, not required.
  assert.deepEqual(
    engine.soupDependencies('SOUP-lodash').map((d) => `${d.file} ${d.direct}`),
    ['bom.json false'],
  );
});

test('incremental: editing package.json and the SOUP table updates findings and SOUP coverage', async () => {
  const docs = soupTable([['SOUP-express', 'Express', '4.21.2', 'OpenJS', 'maintained', 'express']]);
  const engine = await engineFor({ 'package.json': packageJson({ express: '4.21.2' }), 'docs/soup.md': docs });
  assert.deepEqual(soup(engine.findings()), []);
  assert.deepEqual(engine.coverage().SOUP, { total: 1, covered: 1 });

  const changed = engine.updateFile('package.json', packageJson({ express: '4.21.2', zod: '3.23.8' }));
  assert.ok(changed.has('package.json'));
  assert.deepEqual(summarize(engine.findingsFor('package.json')), ['soup-missing package.json:6']);

  const withZod = docs + '| SOUP-zod | zod | 3.23.8 | Colin McDonnell | supported | zod | | |\n';
  const cleared = engine.updateFile('docs/soup.md', withZod);
  assert.ok(cleared.has('package.json'), 'the manifest whose finding went away is reported as changed');
  assert.deepEqual(soup(engine.findings()), []);
  assert.deepEqual(engine.coverage().SOUP, { total: 2, covered: 2 });

  // Removing the dependency makes its item stale and uncovered; a version bump makes a mismatch.
  engine.updateFile('package.json', packageJson({ express: '4.22.0' }));
  assert.deepEqual(soup(engine.findings()), [
    'soup-version-mismatch docs/soup.md:5 SOUP-express',
    'soup-stale docs/soup.md:6 SOUP-zod',
  ]);
  assert.deepEqual(engine.coverage().SOUP, { total: 2, covered: 1 });
  assert.equal(engine.item('SOUP-zod')!.met.length, 0);

  // Deleting the manifest: nothing to check against, every item covered again.
  engine.removeFile('package.json');
  assert.deepEqual(soup(engine.findings()), []);
  assert.deepEqual(engine.coverage().SOUP, { total: 2, covered: 2 });
});

test('heading items with attribute lines work like table rows', async () => {
  const engine = await engineFor({
    'package.json': packageJson({ express: '4.21.2', jsonwebtoken: '9.0.2' }),
    'docs/requirements.md': '## SR-002: Tokens are short-lived\n',
    'docs/soup.md':
      '# SOUP\n\n## SOUP-express: Express\nVersion: 4.21.2\nSupplier: OpenJS Foundation\nClass: maintained\nPackage: express\n\n' +
      '## SOUP-jsonwebtoken: jsonwebtoken\n- Version: ^9.0.0\n- Supplier: Auth0\n- Class: required\n- Requires: SR-002\n',
  });
  assert.deepEqual(soup(engine.findings()), []);
  assert.equal(engine.soupDependencies('SOUP-jsonwebtoken').length, 1);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeActionParams } from 'vscode-languageserver-protocol';
import { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { contextFor, contextWithCursor, ROOT_URI, TestContext, applyEdits } from '../testing/serviceContext';
import { codeActions } from './codeActions';
import { diagnosticsFor } from './diagnostics';
import { hover } from './hover';
import { addSoupEntry, dependencyHover, soupIdFor } from './soupFeatures';
import { coverageReport, FolderContext, traceTree } from './views';

const TABLE = [
  '# SOUP inventory',
  '',
  'Components of the service (IEC 81001-5-1 clause 4.1.5).',
  '',
  '| ID | Title | Version | Supplier | Class | Package | Requires | Vulnerabilities |',
  '|---|---|---|---|---|---|---|---|',
  '| SOUP-express | Express web framework | ^4.18.0 | OpenJS Foundation | maintained | express | | GHSA-rv95-896h-c2vc not-affected -- we never redirect to user input |',
  '| SOUP-lodash | lodash | 4.17.20 | OpenJS Foundation | supported | lodash | | |',
  '',
  'Reviewed quarterly.',
  '',
].join('\n');

const PACKAGE =
  JSON.stringify(
    {
      name: 'app',
      version: '1.0.0',
      dependencies: { express: '^4.18.2', lodash: '4.17.20', '@fastify/cors': '^9.0.1', 'node-postgres': '^0.6.2' },
      devDependencies: { typescript: '5.4.5' },
    },
    null,
    2,
  ) + '\n';

const LOCK =
  JSON.stringify(
    {
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': {
          name: 'app',
          version: '1.0.0',
          dependencies: { express: '^4.18.2', lodash: '4.17.20', '@fastify/cors': '^9.0.1', 'node-postgres': '^0.6.2' },
          devDependencies: { typescript: '5.4.5' },
        },
        'node_modules/@fastify/cors': { version: '9.0.1', license: 'MIT' },
        'node_modules/express': { version: '4.18.2', license: 'MIT' },
        'node_modules/lodash': { version: '4.17.20', license: 'MIT' },
        'node_modules/node-postgres': { version: '0.6.2', license: 'MIT' },
        'node_modules/typescript': { version: '5.4.5', dev: true, license: 'Apache-2.0' },
      },
    },
    null,
    2,
  ) + '\n';

const AUDIT = JSON.stringify(
  {
    auditReportVersion: 2,
    vulnerabilities: {
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
            title: 'Express.js Open Redirect in malformed URLs',
            url: 'https://github.com/advisories/GHSA-rv95-896h-c2vc',
            severity: 'moderate',
            range: '<4.19.2',
          },
        ],
      },
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
    },
    metadata: {},
  },
  null,
  2,
);

const WORKSPACE: Record<string, string> = {
  'seclife.json': JSON.stringify({ advisories: ['security/audit.json'] }),
  'security/audit.json': AUDIT,
  'docs/soup.md': TABLE,
  'package.json': PACKAGE,
  'package-lock.json': LOCK,
};

/** The workspace with a cursor placed before `needle` (plus `offset` characters) in `file`. */
async function cursorAt(files: Record<string, string>, file: string, needle: string, offset = 1) {
  const at = files[file].indexOf(needle) + offset;
  return contextWithCursor({ ...files, [file]: files[file].slice(0, at) + '{|}' + files[file].slice(at) });
}

const hoverText = (h: ReturnType<typeof hover>) => (h?.contents as { value: string } | undefined)?.value ?? '';

/** Applies an action's `changes` (one file) through the context; returns the file and its new text. */
function apply(ctx: TestContext, action: CodeAction): { file: string; text: string } {
  const [[uri, edits]] = Object.entries(action.edit?.changes ?? {});
  const file = uri.slice(ROOT_URI.length + 1);
  const text = applyEdits(ctx.text(file)!, edits);
  ctx.edit(file, text);
  return { file, text };
}

function missing(ctx: TestContext, path: string, name: string): Diagnostic {
  const d = diagnosticsFor(ctx, path).find((x) => x.code === 'soup-missing' && x.message.startsWith(`${name} `));
  assert.ok(d, `soup-missing for ${name} in ${path}`);
  return d;
}

function fixFor(ctx: TestContext, path: string, name: string): CodeAction {
  const d = missing(ctx, path, name);
  const params: CodeActionParams = {
    textDocument: { uri: ctx.uri(path) },
    range: d.range,
    context: { diagnostics: [d] },
  };
  const actions = codeActions(ctx, path, params);
  assert.equal(actions.length, 1);
  return actions[0];
}

const soupCodes = (ctx: TestContext) =>
  ctx.engine
    .findings()
    .filter((f) => f.code.startsWith('soup-'))
    .map((f) => `${f.code} ${f.file}:${f.line}`);

test('hover on a covered dependency: the SOUP item, its facts, the version check and the dispositions', async () => {
  const { ctx, file, position } = await cursorAt(WORKSPACE, 'package.json', '"express"');
  const h = hover(ctx, file, position);
  const text = hoverText(h);
  assert.match(text, /^\*\*express\*\* `\^4\.18\.2` · resolved 4\.18\.2 · registry/);
  assert.match(text, /\*\*SOUP-express\*\* · \*Express web framework\*/);
  assert.match(text, /Version: \^4\.18\.0 · Class: maintained · Supplier: OpenJS Foundation/);
  assert.match(text, /✓ Version covers 4\.18\.2/);
  assert.match(text, /Vulnerabilities:\n- GHSA-rv95-896h-c2vc: not-affected — we never redirect to user input/);
  assert.match(text, /Defined in `docs\/soup\.md:7`/);
  // The hover range is the dependency's key.
  const line = PACKAGE.split('\n').findIndex((l) => l.includes('"express"'));
  assert.deepEqual(h?.range, { start: { line, character: 4 }, end: { line, character: 13 } });
  // Anywhere on the entry's line works too (the version value).
  assert.match(hoverText(dependencyHover(ctx, file, { line, character: 18 })), /SOUP-express/);

  const lodash = await cursorAt(WORKSPACE, 'package.json', '"lodash"', 3);
  const lodashText = hoverText(hover(lodash.ctx, lodash.file, lodash.position));
  assert.match(lodashText, /\*\*SOUP-lodash\*\*/);
  assert.match(lodashText, /- ⚠ GHSA-35jh-r3h4-6jhm \(Command Injection in lodash\): no disposition/);
});

test('hover on a dependency without a SOUP item, and on ones that need none', async () => {
  const cors = await cursorAt(WORKSPACE, 'package.json', '"@fastify/cors"');
  const text = hoverText(hover(cors.ctx, cors.file, cors.position));
  assert.match(text, /^\*\*@fastify\/cors\*\* `\^9\.0\.1` · resolved 9\.0\.1/);
  assert.match(text, /⚠ No SOUP item — quick fix available: \*Add SOUP entry for @fastify\/cors\*/);

  const dev = await cursorAt(WORKSPACE, 'package.json', '"typescript"');
  assert.match(
    hoverText(hover(dev.ctx, dev.file, dev.position)),
    /No SOUP item needed: a devDependency: not checked \(set `"devDependencies": true`/,
  );

  const member = await cursorAt(
    {
      'package.json': JSON.stringify({ name: 'root', workspaces: ['packages/*'] }),
      'packages/a/package.json': JSON.stringify({ name: '@x/a', dependencies: { '@x/b': '*' } }, null, 2),
      'packages/b/package.json': JSON.stringify({ name: '@x/b' }),
      'examples/demo/package.json': JSON.stringify({ name: 'demo', dependencies: { 'left-pad': '1.3.0' } }, null, 2),
    },
    'packages/a/package.json',
    '"@x/b"',
  );
  assert.match(
    hoverText(hover(member.ctx, member.file, member.position)),
    /No SOUP item needed: a package of this workspace/,
  );
  const demoLine = 3;
  assert.match(
    hoverText(hover(member.ctx, 'examples/demo/package.json', { line: demoLine, character: 6 })),
    /No SOUP item — quick fix available: \*Add SOUP entry for left-pad\*/,
  );

  // Not on a dependency: no hover.
  const { ctx } = await cursorAt(WORKSPACE, 'package.json', '"name"');
  assert.equal(hover(ctx, 'package.json', { line: 1, character: 4 }), undefined);
  assert.equal(hover(ctx, 'package-lock.json', { line: 0, character: 0 }), undefined);
});

test('hover in a lockfile next to package.json shows the item of the declared dependency', async () => {
  const { ctx, file, position } = await cursorAt(WORKSPACE, 'package-lock.json', '"node_modules/express"');
  const text = hoverText(hover(ctx, file, position));
  assert.match(text, /^\*\*express\*\* `\^4\.18\.2` · resolved 4\.18\.2/);
  assert.match(text, /\*\*SOUP-express\*\*/);
  const cors = await cursorAt(WORKSPACE, 'package-lock.json', '"node_modules/@fastify/cors"');
  assert.match(
    hoverText(hover(cors.ctx, cors.file, cors.position)),
    /⚠ No SOUP item — quick fix available in `package\.json:7`: \*Add SOUP entry for @fastify\/cors\*/,
  );
});

test('hover in requirements.txt and pyproject.toml', async () => {
  const files = {
    'requirements.txt': 'Django==4.2.11\nrequests>=2.31,<3\n',
    'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi>=0.110", "pydantic==2.6.4"]\n',
    'docs/soup.md':
      '## SOUP-django: Django\nVersion: 4.2.11\nSupplier: Django Software Foundation\nClass: maintained\nPackage: django\n',
  };
  const django = await cursorAt(files, 'requirements.txt', 'Django', 2);
  const text = hoverText(hover(django.ctx, django.file, django.position));
  assert.match(text, /^\*\*django\*\* `==4\.2\.11` · resolved 4\.2\.11/);
  assert.match(text, /\*\*SOUP-django\*\* · \*Django\*/);
  assert.match(text, /✓ Version covers 4\.2\.11/);
  assert.match(
    hoverText(hover(django.ctx, 'requirements.txt', { line: 1, character: 3 })),
    /\*\*requests\*\* `>=2\.31,<3`[^\n]*\n\n---\n\n⚠ No SOUP item — quick fix available/,
  );
  // Two dependencies on one line: the one under the cursor.
  const pydantic = await cursorAt(files, 'pyproject.toml', 'pydantic', 2);
  assert.match(hoverText(hover(pydantic.ctx, pydantic.file, pydantic.position)), /^\*\*pydantic\*\*/);
  const fastapi = await cursorAt(files, 'pyproject.toml', 'fastapi', 2);
  assert.match(hoverText(hover(fastapi.ctx, fastapi.file, fastapi.position)), /^\*\*fastapi\*\*/);
});

test('quick fix: a row in the SOUP table with the resolved version; applying it clears soup-missing', async () => {
  const ctx = await contextFor(WORKSPACE);
  assert.deepEqual(soupCodes(ctx), ['soup-missing package.json:7', 'soup-missing package.json:8']);
  const action = fixFor(ctx, 'package.json', '@fastify/cors');
  assert.equal(action.title, 'Add SOUP entry for @fastify/cors');
  assert.equal(action.kind, 'quickfix');
  assert.equal(action.isPreferred, true);
  assert.equal(action.diagnostics?.[0].code, 'soup-missing');
  const { file, text } = apply(ctx, action);
  assert.equal(file, 'docs/soup.md');
  // After the last row of the table (not at the end of the document), every column filled by its header.
  assert.equal(
    text,
    TABLE.replace(
      '| supported | lodash | | |\n',
      '| supported | lodash | | |\n| SOUP-fastify.cors | @fastify/cors | 9.0.1 |  |  | @fastify/cors |  |  |\n',
    ),
  );
  assert.deepEqual(soupCodes(ctx), ['soup-missing package.json:8']);
  // Supplier and Class are left to fill in: the item says so.
  assert.deepEqual(
    ctx.engine
      .findingsFor('docs/soup.md')
      .filter((f) => f.itemId === 'SOUP-fastify.cors')
      .map((f) => f.message),
    ['SOUP-fastify.cors (third-party item) is missing required attributes Supplier, Class'],
  );
  assert.equal(ctx.engine.soupDependencies('SOUP-fastify.cors')[0].name, '@fastify/cors');

  // `-` is not allowed in an ID suffix: node-postgres → SOUP-node.postgres.
  const second = fixFor(ctx, 'package.json', 'node-postgres');
  assert.equal(second.title, 'Add SOUP entry for node-postgres');
  assert.match(
    apply(ctx, second).text,
    /\| SOUP-node\.postgres \| node-postgres \| 0\.6\.2 \| {2}\| {2}\| node-postgres \| {2}\| {2}\|\n\nReviewed/,
  );
  assert.deepEqual(soupCodes(ctx), []);
});

test('quick fix: the declared range without a lockfile, a purl column, pipes escaped, IDs made unique', async () => {
  const ctx = await contextFor({
    'package.json': JSON.stringify({ name: 'app', dependencies: { ws: '^7 || ^8', 'left-pad': '1.3.0' } }, null, 2),
    'docs/soup.md':
      '| ID | Title | Version | purl | Supplier | Class |\n|---|---|---|---|---|---|\n| SOUP-ws | WebSocket (other) | 1.0.0 | pkg:npm/other-ws | X | maintained |\n',
  });
  const { text } = apply(ctx, fixFor(ctx, 'package.json', 'ws'));
  // SOUP-ws is taken: SOUP-ws.2. The purl column gets the purl of the exact version when there is one.
  assert.match(text, /\n\| SOUP-ws\.2 \| ws \| \^7 \\\|\\\| \^8 \| {2}\| {2}\| {2}\|\n$/);
  assert.ok(!soupCodes(ctx).some((c) => c.startsWith('soup-missing package.json:3')));
  assert.equal(ctx.engine.item('SOUP-ws.2')?.def.attributes.find((a) => a.name === 'version')?.value, '^7 || ^8');
  const pad = apply(ctx, fixFor(ctx, 'package.json', 'left-pad')).text;
  assert.match(pad, /\n\| SOUP-left\.pad \| left-pad \| 1\.3\.0 \| pkg:npm\/left-pad@1\.3\.0 \| {2}\| {2}\|\n$/);
  assert.deepEqual(soupCodes(ctx), ['soup-stale docs/soup.md:3']);

  assert.equal(soupIdFor(ctx, 'SOUP', '@scope/pkg-name'), 'SOUP-scope.pkg.name');
  assert.equal(soupIdFor(ctx, 'SOUP', 'a_b__c'), 'SOUP-a.b.c');
  assert.equal(soupIdFor(ctx, 'SOUP', 'zope.interface'), 'SOUP-zope.interface');
  assert.equal(soupIdFor(ctx, 'SOUP', '---'), 'SOUP-item');
});

test('quick fix: a package name with underscores gets a dotted ID and matches through the Package column', async () => {
  const ctx = await contextFor({
    'package.json': JSON.stringify(
      { name: 'app', dependencies: { express: '4.18.2', node_redis_x: '1.0.0' } },
      null,
      2,
    ),
    'docs/soup.md':
      '| ID | Title | Version | Supplier | Class | Package |\n|---|---|---|---|---|---|\n| SOUP-express | express | 4.18.2 | OpenJS | maintained | express |\n',
  });
  const { text } = apply(ctx, fixFor(ctx, 'package.json', 'node_redis_x'));
  assert.match(text, /\n\| SOUP-node\.redis\.x \| node_redis_x \| 1\.0\.0 \| {2}\| {2}\| node_redis_x \|\n$/);
  assert.deepEqual(soupCodes(ctx), []);
  assert.deepEqual(
    ctx.engine.soupDependencies('SOUP-node.redis.x').map((d) => d.name),
    ['node_redis_x'],
  );
});

test('quick fix: SOUP items as headings get a heading item with attribute lines after the last one', async () => {
  const doc =
    '# SOUP\n\n## SOUP-express: Express\nVersion: 4.18.2\nSupplier: OpenJS\nClass: maintained\n\nThe web framework.\n\n# Appendix\n\nNotes.\n';
  const ctx = await contextFor({
    'package.json': JSON.stringify({ name: 'app', dependencies: { express: '4.18.2', zod: '3.23.8' } }, null, 2),
    'docs/soup.md': doc,
  });
  const { file, text } = apply(ctx, fixFor(ctx, 'package.json', 'zod'));
  assert.equal(file, 'docs/soup.md');
  assert.equal(
    text,
    doc.replace(
      'The web framework.\n',
      'The web framework.\n\n## SOUP-zod: zod\nVersion: 3.23.8\nSupplier: \nClass: \nPackage: zod\n',
    ),
  );
  assert.deepEqual(soupCodes(ctx), []);
  assert.equal(ctx.engine.item('SOUP-zod')?.def.level, 2);
  assert.deepEqual(
    ctx.engine.soupDependencies('SOUP-zod').map((d) => d.name),
    ['zod'],
  );

  // The next heading right after the section: the new item is separated from it by a blank line.
  const tight = '## SOUP-express: Express\nVersion: 4.18.2\nSupplier: OpenJS\nClass: maintained\n## SR-001: Other\n';
  const ctx2 = await contextFor({
    'package.json': JSON.stringify({ name: 'app', dependencies: { express: '4.18.2', zod: '3.23.8' } }, null, 2),
    'docs/soup.md': tight,
  });
  assert.equal(
    apply(ctx2, fixFor(ctx2, 'package.json', 'zod')).text,
    '## SOUP-express: Express\nVersion: 4.18.2\nSupplier: OpenJS\nClass: maintained\n\n## SOUP-zod: zod\nVersion: 3.23.8\nSupplier: \nClass: \nPackage: zod\n\n## SR-001: Other\n',
  );
});

test('quick fix without any SOUP item: creates docs/security/soup.md with a table', async () => {
  const requirements = 'requests==2.31.0\n';
  const ctx = await contextFor({ 'requirements.txt': requirements, 'docs/requirements.md': '## SR-001: Something\n' });
  const d = missing(ctx, 'requirements.txt', 'requests');
  const action = addSoupEntry(ctx, 'requirements.txt', d)!;
  assert.equal(action.title, 'Add SOUP entry for requests');
  assert.equal(action.edit?.changes, undefined);
  const [create, insert] = action.edit!.documentChanges!;
  assert.deepEqual(create, {
    kind: 'create',
    uri: `${ROOT_URI}/docs/security/soup.md`,
    options: { ignoreIfExists: true },
  } satisfies CreateFile);
  const edit = insert as TextDocumentEdit;
  assert.equal(edit.textDocument.uri, `${ROOT_URI}/docs/security/soup.md`);
  const content = (edit.edits[0] as TextEdit).newText;
  assert.match(content, /^# Third-party software items \(SOUP\)\n/);
  assert.match(
    content,
    /\n\| ID \| Title \| Version \| Supplier \| Class \| Package \| Requires \| Vulnerabilities \|\n(?:\| --- ){8}\|\n\| SOUP-requests \| requests \| 2\.31\.0 \| {2}\| {2}\| requests \| {2}\| {2}\|\n$/,
  );
  ctx.edit('docs/security/soup.md', content);
  assert.deepEqual(soupCodes(ctx), []);
  assert.ok(ctx.engine.item('SOUP-requests'));

  // With `documents` elsewhere, the new file goes where the globs read it.
  const custom = await contextFor({
    'seclife.json': JSON.stringify({ documents: ['lifecycle/**/*.md'] }),
    'requirements.txt': requirements,
  });
  const other = addSoupEntry(custom, 'requirements.txt', missing(custom, 'requirements.txt', 'requests'))!;
  assert.equal((other.edit!.documentChanges![0] as CreateFile).uri, `${ROOT_URI}/lifecycle/soup.md`);

  // An existing docs/security/soup.md without SOUP items: the table is appended to it.
  const existing = await contextFor({
    'requirements.txt': requirements,
    'docs/security/soup.md': '# SOUP\n\nTo do.\n\n\n',
  });
  const appended = apply(
    existing,
    addSoupEntry(existing, 'requirements.txt', missing(existing, 'requirements.txt', 'requests'))!,
  );
  assert.equal(appended.file, 'docs/security/soup.md');
  assert.match(
    appended.text,
    /^# SOUP\n\nTo do\.\n\n\| ID \| Title[^\n]*\n\| --- [^\n]*\n\| SOUP-requests \| requests \| 2\.31\.0 \|[^\n]*\|\n$/,
  );
  assert.deepEqual(soupCodes(existing), []);
});

test('quick fix: nothing for a stale diagnostic or a kind setup without SOUP', async () => {
  const ctx = await contextFor(WORKSPACE);
  const d = missing(ctx, 'package.json', '@fastify/cors');
  apply(ctx, addSoupEntry(ctx, 'package.json', d)!);
  assert.equal(addSoupEntry(ctx, 'package.json', d), undefined);
  assert.equal(
    addSoupEntry(ctx, 'package.json', {
      ...d,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    }),
    undefined,
  );
});

test('trace tree: SOUP items link to their manifest entries; the coverage report counts SOUP', async () => {
  const ctx = await contextFor({
    ...WORKSPACE,
    'docs/soup.md': TABLE.replace(
      '\n\nReviewed',
      '\n| SOUP-moment | Moment | 2.29.4 | Moment | maintained | moment | | |\n\nReviewed',
    ),
  });
  const folder: FolderContext = {
    engine: ctx.engine,
    text: (p) => ctx.text(p),
    uri: (p) => ctx.uri(p),
    name: 'ws',
    uriString: ROOT_URI,
    indexing: false,
  };
  const tree = traceTree([folder], { kinds: ['SOUP'] });
  const kind = tree.folders[0].kinds[0];
  assert.equal(kind.prefix, 'SOUP');
  // express, lodash covered; the added moment row is stale.
  assert.deepEqual({ total: kind.total, covered: kind.covered }, { total: 3, covered: 2 });
  const express = kind.items.find((i) => i.id === 'SOUP-express')!;
  const line = PACKAGE.split('\n').findIndex((l) => l.includes('"express"'));
  assert.deepEqual(
    express.links.filter((l) => l.role === 'manifest'),
    [
      {
        role: 'manifest',
        symbol: 'express',
        note: '4.18.2',
        location: {
          uri: `${ROOT_URI}/package.json`,
          range: { start: { line, character: 4 }, end: { line, character: 13 } },
        },
      },
    ],
  );
  assert.equal(kind.items.find((i) => i.id === 'SOUP-moment')!.covered, false);
  assert.deepEqual(kind.items.find((i) => i.id === 'SOUP-moment')!.links, []);

  const report = coverageReport([folder]);
  assert.deepEqual(
    report.kinds.find((k) => k.prefix === 'SOUP'),
    { prefix: 'SOUP', title: 'Third-party item', total: 3, covered: 2, percent: 66.7 },
  );
  assert.deepEqual(
    report.gaps.filter((g) => g.kind === 'SOUP').map((g) => `${g.id} ${g.missing.join(',')}`),
    ['SOUP-moment in-manifest'],
  );
  assert.ok(report.findings.error >= 2, 'soup-missing findings are counted');

  // Editing the manifest moves the numbers.
  ctx.edit('package.json', PACKAGE.replace('"lodash": "4.17.20",', '"lodash": "4.17.20", "moment": "2.29.4",'));
  assert.deepEqual(coverageReport([folder]).kinds.find((k) => k.prefix === 'SOUP')?.covered, 3);
});

/** express → body-parser → qs; morgan (no SOUP item) → debug; eslint (dev) → ms; stray: reached by nothing. */
const GRAPH_LOCK = `${JSON.stringify(
  {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': {
        name: 'app',
        version: '1.0.0',
        dependencies: { express: '4.21.2', morgan: '1.10.0' },
        devDependencies: { eslint: '9.0.0' },
      },
      'node_modules/express': { version: '4.21.2', dependencies: { 'body-parser': '1.20.3' } },
      'node_modules/body-parser': { version: '1.20.3', dependencies: { qs: '6.13.0' } },
      'node_modules/qs': { version: '6.13.0' },
      'node_modules/morgan': { version: '1.10.0', dependencies: { debug: '2.6.9' } },
      'node_modules/debug': { version: '2.6.9' },
      'node_modules/eslint': { version: '9.0.0', dev: true, dependencies: { ms: '2.1.3' } },
      'node_modules/ms': { version: '2.1.3', dev: true },
      'node_modules/stray': { version: '0.1.0' },
    },
  },
  null,
  2,
)}\n`;
const GRAPH_OSV = JSON.stringify([
  {
    id: 'GHSA-6rw7-vpxm-498p',
    summary: 'qs arrayLimit bypass',
    affected: [{ package: { ecosystem: 'npm', name: 'qs' }, versions: ['6.13.0'] }],
  },
  { id: 'GHSA-debg-0000-0000', affected: [{ package: { ecosystem: 'npm', name: 'debug' }, versions: ['2.6.9'] }] },
]);
const graphSoup = (vulnerabilities: string) =>
  [
    '| ID | Title | Version | Supplier | Class | Package | Vulnerabilities |',
    '|---|---|---|---|---|---|---|',
    `| SOUP-express | Express | 4.21.2 | OpenJS | maintained | express | ${vulnerabilities} |`,
    '',
  ].join('\n');
const GRAPH: Record<string, string> = {
  'seclife.json': JSON.stringify({ advisories: ['security/osv.json'] }),
  'package.json': `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { express: '4.21.2', morgan: '1.10.0' }, devDependencies: { eslint: '9.0.0' } }, null, 2)}\n`,
  'package-lock.json': GRAPH_LOCK,
  'security/osv.json': GRAPH_OSV,
  'docs/soup.md': graphSoup(''),
};

test('hover on an indirect package in a lockfile: version, path, the SOUP item that answers for it, its advisories', async () => {
  const { ctx, file, position } = await cursorAt(GRAPH, 'package-lock.json', '"node_modules/qs"', 3);
  const text = hoverText(hover(ctx, file, position));
  assert.match(text, /^\*\*qs\*\* 6\.13\.0 · npm · indirect\n\nvia express@4\.21\.2 > body-parser@1\.20\.3\n/);
  assert.match(text, /\*\*SOUP-express\*\* · \*Express\* — the SOUP item of express, which brings it in/);
  assert.match(text, /Vulnerabilities:\n- ⚠ GHSA-6rw7-vpxm-498p \(qs arrayLimit bypass\): no disposition/);
  assert.match(text, /Defined in `docs\/soup\.md:3`/);
  // The hover range is the package's entry.
  const line = GRAPH_LOCK.split('\n').findIndex((l) => l.includes('"node_modules/qs"'));
  assert.equal(hover(ctx, file, position)?.range?.start.line, line);
  // Decided: the disposition shows.
  ctx.edit(
    'docs/soup.md',
    graphSoup('GHSA-6rw7-vpxm-498p not-affected -- vulnerable_code_not_in_execute_path: no arrays'),
  );
  assert.match(
    hoverText(hover(ctx, file, position)),
    /- GHSA-6rw7-vpxm-498p: not-affected — vulnerable\\_code\\_not\\_in\\_execute\\_path: no arrays/,
  );
  // On the direct dependency in package.json: the indirect advisory with its package and path.
  const decl = PACKAGE_LINE(GRAPH['package.json'], '"express"');
  assert.match(
    hoverText(hover(ctx, 'package.json', { line: decl, character: 6 })),
    /Vulnerabilities:\n- GHSA-6rw7-vpxm-498p · qs@6\.13\.0 via express@4\.21\.2 > body-parser@1\.20\.3: not-affected/,
  );
});

const PACKAGE_LINE = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

test('hover on packages no SOUP item answers for, dev-only ones and unreachable ones says so', async () => {
  const debug = await cursorAt(GRAPH, 'package-lock.json', '"node_modules/debug"', 3);
  const text = hoverText(hover(debug.ctx, debug.file, debug.position));
  assert.match(text, /^\*\*debug\*\* 2\.6\.9 · npm · indirect\n\nvia morgan@1\.10\.0\n/);
  const morganLine = PACKAGE_LINE(GRAPH['package.json'], '"morgan"') + 1;
  assert.match(
    text,
    new RegExp(`⚠ No SOUP item answers for it: add one for morgan \\(quick fix at \`package\\.json:${morganLine}\`\\)`),
  );
  assert.match(text, /- ⚠ GHSA-debg-0000-0000: no disposition/);

  const ms = await cursorAt(GRAPH, 'package-lock.json', '"node_modules/ms"', 3);
  const msText = hoverText(hover(ms.ctx, ms.file, ms.position));
  assert.match(msText, /^\*\*ms\*\* 2\.1\.3 · npm · indirect · dev/);
  assert.match(msText, /A development-only package: not checked \(set `"devDependencies": true`/);

  const stray = await cursorAt(GRAPH, 'package-lock.json', '"node_modules/stray"', 3);
  const strayText = hoverText(hover(stray.ctx, stray.file, stray.position));
  assert.match(strayText, /^\*\*stray\*\* 0\.1\.0 · npm · indirect\n\nNot reachable from any direct dependency\n/);
  assert.match(strayText, /⚠ No SOUP item answers for it: add one for stray/);

  // A direct dependency's entry in the lockfile keeps the dependency hover.
  const express = await cursorAt(GRAPH, 'package-lock.json', '"node_modules/express"', 3);
  assert.match(hoverText(hover(express.ctx, express.file, express.position)), /^\*\*express\*\* · resolved 4\.21\.2/);
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ALL_DETECTORS, type DetectorOptions } from '../detectorOptions';
import { entryPointLabel } from '../entryPoint';
import { detectJsSurface, mayHaveJsSurface } from './jsSurface';

const ROOT = path.resolve(__dirname, '../../../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/attack-surface/js');
const EXAMPLE = path.join(ROOT, 'examples/remote-monitoring/src');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) for (const f of filesUnder(p)) out.push(f);
    else if (/\.[cm]?[jt]sx?$/.test(name)) out.push(p);
  }
  return out;
}

/** (line, label) of every `expect-entry:` comment: the line it names is the next one that is not such a comment. */
function expectations(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /\/\/\s*expect-entry:\s*(.+?)\s*$/.exec(lines[i]);
    if (!m) continue;
    let j = i + 1;
    while (j < lines.length && /\/\/\s*(?:expect-entry:|no-entry)/.test(lines[j])) j++;
    out.push(`${j + 1}: ${m[1]}`);
  }
  return out.sort();
}

test('fixtures: every expect-entry is found on its line, and nothing else (no-entry near misses included)', () => {
  const files = filesUnder(FIXTURES);
  assert.ok(files.length >= 15, `fixtures found: ${files.length}`);
  for (const file of files) {
    const rel = path.relative(FIXTURES, file).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8');
    const surface = detectJsSurface(rel, text, ALL_DETECTORS);
    assert.deepEqual(surface.problems, [], `${rel}: problems`);
    const got = surface.entryPoints.map((e) => `${e.range.line}: ${entryPointLabel(e)}`).sort();
    const want = expectations(text);
    const missed = want.filter((w) => !got.includes(w)).map((w) => `${rel}:${w}`);
    const extra = got.filter((g) => !want.includes(g)).map((g) => `${rel}:${g}`);
    assert.deepEqual({ missed, extra }, { missed: [], extra: [] }, rel);
  }
});

function fixture(rel: string) {
  return detectJsSurface(rel, readFileSync(path.join(FIXTURES, rel), 'utf8'), ALL_DETECTORS);
}

test('express: routers, mounts, middleware and the app of each route', () => {
  const app = fixture('express/app.js');
  const login = app.entryPoints.find((e) => e.path === '/login')!;
  assert.deepEqual(login.middleware, ['passport.authenticate']);
  assert.equal(login.app, 'app');
  assert.equal(login.handler?.line, 47, 'the handler declaration');
  assert.deepEqual(
    app.mounts.map((m) => [m.prefix, m.target, m.app]),
    [['/users', { local: 'usersRouter' }, 'app']],
  );
  assert.deepEqual(app.imports, [{ local: 'usersRouter', module: './routes/users', export: 'default' }]);
  assert.deepEqual(
    app.listeners.map((l) => [l.app, l.port, l.bind]),
    [['app', 3000, 'all']],
  );

  const router = fixture('express/router.ts');
  assert.deepEqual(
    router.routers.map((r) => [r.key, r.exportedAs, r.middleware]),
    [['router', ['default'], ['requireRole']]],
  );
  assert.ok(router.entryPoints.every((e) => e.router === 'router'));
  assert.deepEqual(router.entryPoints[0].middleware, ['requireRole']);

  const mounts = fixture('express/mounts.ts');
  assert.deepEqual(
    mounts.mounts.map((m) => [m.prefix, m.target]),
    [
      ['/api', { local: 'buildApi' }],
      ['/orders', { local: 'ordersRouter' }],
      ['/v2', { module: './v2/routes', export: 'default' }],
    ],
  );
  assert.deepEqual(
    mounts.routers.map((r) => [r.key, r.exportedAs]),
    [['buildApi', ['buildApi']]],
  );
  assert.equal(mounts.entryPoints.find((e) => e.path === '/ping')?.router, 'buildApi');
  assert.deepEqual(mounts.imports, [{ local: 'ordersRouter', module: './orders.js', export: 'ordersRouter' }]);
});

test('fastify, koa, nest: plugins, prefixes and controllers are RouterDefs', () => {
  const f = fixture('fastify/server.ts');
  assert.deepEqual(
    f.routers.map((r) => [r.key, r.middleware]),
    [['usersPlugin', ['verifyToken']]],
  );
  assert.deepEqual(
    f.mounts.map((m) => [m.prefix, m.target]),
    [['/users', { local: 'usersPlugin' }]],
  );
  assert.deepEqual(f.entryPoints.find((e) => e.path === '/upload')?.middleware, ['verifyToken']);
  assert.equal(f.entryPoints.find((e) => e.path === '/things')?.handler?.line, 16);
  assert.deepEqual(
    f.listeners.map((l) => [l.port, l.bind]),
    [[8080, 'loopback']],
    'Fastify binds localhost by default',
  );

  const k = fixture('koa/app.js');
  assert.deepEqual(
    k.routers.map((r) => [r.key, r.prefix]),
    [['router', '/api']],
  );
  assert.deepEqual(
    k.mounts.map((m) => [m.prefix, m.target, m.app]),
    [['', { local: 'router' }, 'app']],
  );
  assert.deepEqual(
    k.listeners.map((l) => l.bind),
    ['all'],
  );

  const n = fixture('nest/users.controller.ts');
  assert.deepEqual(
    n.routers.map((r) => [r.key, r.prefix, r.exportedAs, r.middleware]),
    [['UsersController', 'users', ['UsersController'], ['AuthGuard']]],
  );
  const get = n.entryPoints.find((e) => e.method === 'GET')!;
  assert.equal(get.router, 'UsersController');
  assert.equal(get.handler?.line, 9, 'the method, from its first decorator');
  assert.equal(n.entryPoints.find((e) => e.kind === 'message')?.router, undefined);
});

test('declaredAt: the comment block above the statement, the handler, and the router definition', () => {
  const text = [
    "import { Router } from 'express';", // 1
    '', // 2
    '// @interface IF-009 -- the reports API', // 3
    'export function reportsRouter() {', // 4
    '  const r = Router();', // 5
    '  // @interface IF-010', // 6
    '  // second line', // 7
    "  r.get('/x',", // 8
    '    show);', // 9
    '  return r;', // 10
    '}', // 11
    '', // 12
    '/** @interface IF-011 */', // 13
    'function show(req, res) {', // 14
    '  res.end();', // 15
    '}', // 16
  ].join('\n');
  const s = detectJsSurface('src/reports.ts', text, ALL_DETECTORS);
  assert.deepEqual(s.entryPoints[0].declaredAt, [
    { line: 6, endLine: 9 },
    { line: 13, endLine: 14 },
  ]);
  assert.deepEqual(s.entryPoints[0].range, { line: 8, column: 3, endLine: 9, endColumn: 10 });
  assert.deepEqual(s.routers[0].declaredAt, [{ line: 3, endLine: 4 }]);
  assert.deepEqual(s.routers[0].exportedAs, ['reportsRouter']);
});

function example(rel: string) {
  return detectJsSurface(`src/${rel}`, readFileSync(path.join(EXAMPLE, rel), 'utf8'), ALL_DETECTORS);
}

test('examples/remote-monitoring: the public login, both mounts and listeners, the routers, the MQTT subscription', () => {
  const server = example('server.ts');
  assert.deepEqual(server.problems, []);
  const http = server.entryPoints.filter((e) => e.kind === 'http');
  assert.deepEqual(
    http.map((e) => [entryPointLabel(e), e.app, e.framework]),
    [['POST /api/v1/auth/login', 'buildPublicApp', 'express']],
  );
  assert.deepEqual(
    server.mounts.map((m) => [m.prefix, m.target, m.app]),
    [
      ['/api/v1/vitals', { local: 'vitalsRouter' }, 'buildPublicApp'],
      ['/admin/v1', { local: 'adminRouter' }, 'buildAdminApp'],
    ],
  );
  assert.deepEqual(server.imports, [
    { local: 'vitalsRouter', module: './api/vitals.js', export: 'vitalsRouter' },
    { local: 'adminRouter', module: './api/admin.js', export: 'adminRouter' },
  ]);
  assert.deepEqual(
    server.listeners.map((l) => [l.app, l.port, l.bind]),
    [
      ['buildPublicApp', 8443, 'all'],
      // `env.ADMIN_BIND_ADDRESS ?? '127.0.0.1'`: the environment decides, so not known.
      ['buildAdminApp', 9443, 'unspecified'],
    ],
  );
  assert.deepEqual(
    server.entryPoints.filter((e) => e.kind === 'socket').map((e) => [entryPointLabel(e), e.bind, e.framework]),
    [
      ['socket tcp 8443', 'all', 'node-net'],
      ['socket tcp 9443', 'unspecified', 'node-net'],
    ],
  );
  assert.ok(!server.entryPoints.some((e) => e.kind === 'cli'), 'process.argv[1] is the script path, not an argument');

  const vitals = example('api/vitals.ts');
  assert.deepEqual(
    vitals.routers.map((r) => [r.key, r.exportedAs, r.middleware, r.declaredAt]),
    [['vitalsRouter', ['vitalsRouter'], ['authenticateRequest'], [{ line: 75, endLine: 76 }]]],
  );
  assert.deepEqual(
    vitals.entryPoints.map((e) => [entryPointLabel(e), e.router, e.middleware, e.handler?.line]),
    [
      ['GET /:patientId', 'vitalsRouter', ['requireRole'], 38],
      ['POST /:patientId', 'vitalsRouter', ['requireRole'], 58],
    ],
  );

  const admin = example('api/admin.ts');
  assert.deepEqual(
    admin.routers.map((r) => [r.key, r.middleware]),
    [['adminRouter', ['authenticateRequest', 'adminOnly']]],
  );
  assert.deepEqual(
    admin.entryPoints.map((e) => [entryPointLabel(e), e.router]),
    [
      ['POST /users', 'adminRouter'],
      ['PUT /users/:userId/role', 'adminRouter'],
      ['POST /users/:username/unlock', 'adminRouter'],
    ],
  );

  const bridge = example('ingest/deviceBridge.ts');
  assert.deepEqual(
    bridge.entryPoints.map((e) => [entryPointLabel(e), e.framework, e.range.line]),
    [['message rpm/+/vitals', 'mqtt', 66]],
  );
  // The `@interface IF-002` above `class DeviceBridge` (lines 39–40) declares it.
  assert.ok(bridge.entryPoints[0].declaredAt.some((s) => s.line === 39 && s.endLine === 40));

  const login = example('auth/login.ts');
  assert.deepEqual(login.entryPoints, []);
  assert.deepEqual(login.routers, []);
});

test('options: a family that is off finds nothing; custom patterns by callee and path argument', () => {
  const text = "const express = require('express');\nconst app = express();\napp.get('/a', h);\napp.listen(80);\n";
  const noExpress: DetectorOptions = { enabled: (f) => f !== 'express', patterns: [] };
  const s = detectJsSurface('a.js', text, noExpress);
  assert.deepEqual(
    s.entryPoints.map((e) => entryPointLabel(e)),
    ['socket tcp 80'],
  );

  const custom: DetectorOptions = {
    enabled: () => true,
    patterns: [
      { callee: 'registerRoute', pathArgument: 1, kind: 'http', method: 'post' },
      { callee: 'onJob', pathArgument: 0, kind: 'message', languages: ['js'] },
      { callee: 'pyOnly', kind: 'cli', languages: ['python'] },
    ],
  };
  const c = detectJsSurface(
    'jobs.ts',
    "api.registerRoute(app, '/jobs', run);\nonJob('reindex', run);\npyOnly('x');\n",
    custom,
  );
  assert.deepEqual(
    c.entryPoints.map((e) => [entryPointLabel(e), e.framework]),
    [
      ['POST /jobs', 'custom'],
      ['message reindex', 'custom'],
    ],
  );
  const off = detectJsSurface('jobs.ts', "onJob('reindex', run);\n", { ...custom, enabled: (f) => f !== 'custom' });
  assert.deepEqual(off.entryPoints, []);
});

test('pre-check: ordinary files are not parsed; framework imports, routes, Next.js paths are', () => {
  assert.equal(mayHaveJsSurface('src/util.ts', 'export const x = cache.get("k");\n', ALL_DETECTORS), false);
  assert.equal(mayHaveJsSurface('src/a.ts', "import express from 'express';\n", ALL_DETECTORS), true);
  assert.equal(mayHaveJsSurface('src/a.js', "module.exports = (app) => app.get('/x', h);\n", ALL_DETECTORS), true);
  assert.equal(mayHaveJsSurface('src/pages/api/hello.ts', 'export default h;\n', ALL_DETECTORS), true);
  assert.equal(mayHaveJsSurface('src/app/route.ts', 'export function GET() {}\n', ALL_DETECTORS), true);
  assert.deepEqual(detectJsSurface('src/util.ts', 'export const x = 1;\n', ALL_DETECTORS).entryPoints, []);
});

test('hostile input: deep nesting, 1 MB of junk, unterminated strings give a surface or a located problem, never a throw', () => {
  const header = "import express from 'express';\nconst app = express();\n";
  const deep = `${header}app.get('/x', ${'('.repeat(20000)}h${')'.repeat(20000)});\n`;
  const d = detectJsSurface('deep.ts', deep, ALL_DETECTORS);
  assert.ok(d.entryPoints.length === 1 || d.problems.length > 0, 'found, or said it could not');
  for (const p of d.problems) assert.ok(p.range.line >= 1 && p.message.length > 0);

  const nestedFns = `${header}${'function f() {'.repeat(3000)}app.get('/y', h);${'}'.repeat(3000)}\n`;
  const n = detectJsSurface('nested.ts', nestedFns, ALL_DETECTORS);
  assert.ok(n.entryPoints.length === 1 || n.problems.length > 0);

  let junk = header;
  while (junk.length < 1_000_000) junk += "@@ ]] }{ app.get('/j' \u0000 ` ${ '\n";
  const j = detectJsSurface('junk.ts', junk, ALL_DETECTORS);
  assert.ok(Array.isArray(j.entryPoints));

  const open = `${header}app.get('/unterminated, h);\napp.post(\`/tpl\${\n`;
  const o = detectJsSurface('open.ts', open, ALL_DETECTORS);
  assert.ok(Array.isArray(o.entryPoints));
});

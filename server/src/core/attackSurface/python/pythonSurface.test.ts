import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../../../testing/workspaces';
import { ALL_DETECTORS } from '../detectorOptions';
import { entryPointLabel } from '../entryPoint';
import { detectPythonSurface } from './pythonSurface';
import { compareWithExpectations } from './surfaceFixtures';

const ROOT = path.join(REPO_ROOT, 'test', 'fixtures', 'attack-surface', 'python');

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');
const detect = (file: string, text: string) => detectPythonSurface(file, text, ALL_DETECTORS);

describe('Python entry points: fixtures', () => {
  const files = filesUnder(ROOT, /\.py$/);
  test('the fixture folder has apps', () => assert.ok(files.length >= 10));
  for (const f of files) {
    const rel = path.relative(ROOT, f).split(path.sep).join('/');
    test(`${rel}: entry points equal the expect-entry comments`, () => {
      const text = readFileSync(f, 'utf8');
      const s = detect(rel, text);
      assert.deepEqual(compareWithExpectations(rel, text, s), []);
      assert.deepEqual(s.problems, []);
    });
  }
});

describe('Python entry points: routers, mounts, listeners', () => {
  test('a Flask blueprint is a router with its url_prefix; its routes name it', () => {
    const s = detect('flask_app/auth.py', read('flask_app/auth.py'));
    assert.deepEqual(
      s.routers.map((r) => [r.key, r.prefix, r.exportedAs, r.range.line, r.middleware]),
      [['bp', '/auth', ['bp'], 3, ['check_origin']]],
    );
    assert.deepEqual(
      s.entryPoints.map((e) => [e.framework, e.router, e.method, e.path]),
      [
        ['flask', 'bp', 'POST', '/login'],
        ['flask', 'bp', 'GET', '/logout'],
      ],
    );
  });

  test('register_blueprint is a mount of the local name, imports list where it comes from', () => {
    const s = detect('flask_app/app.py', read('flask_app/app.py'));
    assert.deepEqual(
      s.mounts.map((m) => [m.target, m.prefix, m.app, m.range.line]),
      [
        [{ local: 'auth_bp' }, '/v1', 'app', 10],
        [{ local: 'admin' }, '', 'app', 11],
      ],
    );
    assert.deepEqual(
      s.imports.filter((i) => i.module.startsWith('.')),
      [
        { local: 'auth_bp', module: '.auth', export: 'bp' },
        { local: 'admin', module: '.admin', export: 'admin' },
      ],
    );
    assert.deepEqual(s.listeners, [
      { app: 'app', port: 8080, bind: 'all', file: 'flask_app/app.py', range: s.listeners[0]!.range },
    ]);
    const device = s.entryPoints.find((e) => e.path === '/devices/<name>')!;
    assert.deepEqual(device.middleware, ['login_required']);
    const health = s.entryPoints.find((e) => e.path === '/health')!;
    assert.deepEqual(health.middleware, []);
    assert.equal(health.app, 'app');
    assert.deepEqual(health.declaredAt, [{ line: 14, endLine: 17 }]);
    assert.deepEqual(health.range, { line: 16, column: 1, endLine: 16, endColumn: 22 });
    assert.deepEqual(health.handler, { line: 17, column: 1, endLine: 17, endColumn: 14 });
    const rule = s.entryPoints.find((e) => e.path === '/export.csv')!;
    assert.equal(rule.handler?.line, 41);
    assert.deepEqual(rule.declaredAt, [
      { line: 45, endLine: 46 },
      { line: 41, endLine: 41 },
    ]);
  });

  test('an app built in a factory is keyed by the factory, and so is its listener (default loopback)', () => {
    const s = detect('flask_app/factory.py', read('flask_app/factory.py'));
    assert.deepEqual(
      s.entryPoints.map((e) => e.app),
      ['create_app', 'create_app', 'create_app'],
    );
    assert.deepEqual(
      s.listeners.map((l) => [l.app, l.port, l.bind]),
      [['create_app', 5000, 'loopback']],
    );
  });

  test('FastAPI: APIRouter prefix, include_router mounts (a dotted module export resolved), uvicorn default loopback', () => {
    const users = detect('users.py', read('fastapi_app/users.py'));
    assert.deepEqual(
      users.routers.map((r) => [r.key, r.prefix ?? null]),
      [
        ['router', '/users'],
        ['make_admin_router', null],
      ],
    );
    assert.deepEqual(
      users.entryPoints.map((e) => e.router),
      ['router', 'router', 'make_admin_router'],
    );
    const main = detect('main.py', read('fastapi_app/main.py'));
    assert.deepEqual(
      main.mounts.map((m) => [m.target, m.prefix, m.app]),
      [
        [{ local: 'users_router' }, '/api', 'app'],
        [{ module: '.items.items', export: 'router' }, '/api/items', 'app'],
      ],
    );
    assert.ok(main.imports.some((i) => i.local === 'users_router' && i.module === 'app.api' && i.export === 'router'));
    assert.deepEqual(
      main.listeners.map((l) => [l.app, l.port, l.bind]),
      [['app', 8000, 'loopback']],
    );
    const sock = main.entryPoints.find((e) => e.kind === 'socket')!;
    assert.equal(sock.framework, 'fastapi');
    assert.equal(sock.bind, 'loopback');
    const files = main.entryPoints.find((e) => e.path === '/files/*')!;
    assert.equal(files.dynamic, true);
    const put = users.entryPoints.find((e) => e.method === 'PUT')!;
    assert.deepEqual(put.middleware, ['verify_token']);
    const post = main.entryPoints.find((e) => e.path === '/alarms')!;
    assert.deepEqual([post.range.line, post.range.endLine], [19, 22]);
  });

  test('Django: urlpatterns is the router, include() a module mount', () => {
    const s = detect('urls.py', read('django_site/urls.py'));
    assert.deepEqual(
      s.routers.map((r) => [r.key, r.exportedAs, r.range.line, r.range.endLine]),
      [['urlpatterns', ['urlpatterns'], 6, 14]],
    );
    assert.deepEqual(
      s.mounts.map((m) => [m.target, m.prefix, m.on]),
      [[{ module: 'shop.urls', export: 'urlpatterns' }, '/shop', 'urlpatterns']],
    );
    assert.ok(s.entryPoints.every((e) => e.router === 'urlpatterns' && e.framework === 'django'));
  });

  test('aiohttp web.get inside add_routes names the application', () => {
    const s = detect('server.py', read('aiohttp_app/server.py'));
    assert.deepEqual(
      s.entryPoints.filter((e) => e.kind === 'http').map((e) => [e.path, e.app]),
      [
        ['/hello', 'routes'],
        ['/upload', 'app'],
        ['/any', 'app'],
        ['/metrics', 'app'],
        ['/session', 'app'],
      ],
    );
    assert.deepEqual(
      s.listeners.map((l) => [l.app, l.port, l.bind]),
      [['app', 9000, 'loopback']],
    );
  });

  test('socket binds: the empty host is all addresses, localhost loopback', () => {
    const udp = detect('u.py', read('sockets/telemetry_udp.py'));
    assert.deepEqual(
      udp.entryPoints.map((e) => [e.framework, e.protocol, e.port, e.bind]),
      [['python-socket', 'udp', 5005, 'all']],
    );
    const tcp = detect('e.py', read('sockets/echo_server.py'));
    assert.deepEqual(
      tcp.entryPoints.map((e) => [e.protocol, e.port, e.bind]),
      [['tcp', 9999, 'loopback']],
    );
  });
});

describe('Python entry points: options and limits', () => {
  const app = 'from flask import Flask\napp = Flask(__name__)\n@app.get("/a")\ndef a():\n    pass\n';

  test('a file without any registration word costs nothing and has an empty surface', () => {
    const s = detect('x.py', 'def f(x):\n    return x + 1\n');
    assert.deepEqual(s, { entryPoints: [], routers: [], mounts: [], imports: [], listeners: [], problems: [] });
  });

  test('a family switched off finds nothing of it', () => {
    const off = detectPythonSurface('a.py', app, { enabled: (f) => f !== 'flask', patterns: [] });
    assert.equal(off.entryPoints.length, 0);
    assert.equal(detect('a.py', app).entryPoints.length, 1);
  });

  test('custom patterns: the callee with its path argument, for the python language only', () => {
    const text = '# expect\nregistry.expose_endpoint("/custom", handler)\nexpose_endpoint(name)\n';
    const s = detectPythonSurface('c.py', text, {
      enabled: () => true,
      patterns: [
        { callee: 'expose_endpoint', pathArgument: 0, kind: 'http', method: 'post', languages: ['python'] },
        { callee: 'registry', kind: 'ipc', languages: ['js'] },
      ],
    });
    assert.deepEqual(
      s.entryPoints.map((e) => [e.framework, entryPointLabel(e), e.range.line, e.dynamic ?? false]),
      [
        ['custom', 'POST /custom', 2, false],
        ['custom', 'POST *', 3, true],
      ],
    );
  });

  test('hostile input: deep nesting, 1 MB of junk, unterminated strings and decorators never throw', () => {
    const deep = `@app.route(${'('.repeat(50_000)}"/x"${')'.repeat(50_000)})\ndef f(): pass\n`;
    const junk = Array.from(
      { length: 40_000 },
      (_, i) => `@x${i % 7}.get(${i % 3 ? '"' : "'/p"} ] ) app.run( bind((`,
    ).join('\n');
    const open = '@app.route("/never-closed\ndef f(:\n  urlpatterns = [path("a/", include(\n' + 'sys.argv'.repeat(1000);
    const chain = `@${'a.'.repeat(100_000)}get("/x")\n`;
    for (const text of [deep, junk, open, chain, '\u0000\uffff@'.repeat(10_000)]) {
      const s = detect('h.py', text);
      assert.ok(Array.isArray(s.entryPoints));
    }
    assert.ok(junk.length > 1_000_000);
  });
});

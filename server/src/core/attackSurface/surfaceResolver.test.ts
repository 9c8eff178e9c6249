import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moduleCandidates, resolveSurface } from './surfaceResolver';
import { mount, route, router, surface } from './surfaceTesting';

test('module candidates: relative JS/TS (a .js specifier for a .ts file, index files), Python relative and dotted', () => {
  assert.deepEqual(moduleCandidates('src/server.ts', './api/vitals.js').slice(0, 2), [
    'src/api/vitals.js',
    'src/api/vitals.ts',
  ]);
  assert.ok(moduleCandidates('src/server.ts', './routes').includes('src/routes/index.ts'));
  assert.deepEqual(moduleCandidates('src/a.ts', '../../x'), []);
  assert.deepEqual(moduleCandidates('app/__init__.py', '.views'), ['app/views.py', 'app/views/__init__.py']);
  assert.deepEqual(moduleCandidates('app/api/__init__.py', '..auth'), ['app/auth.py', 'app/auth/__init__.py']);
  assert.ok(moduleCandidates('site/urls.py', 'shop.urls').includes('*/shop/urls.py'));
  assert.deepEqual(moduleCandidates('a.ts', 'express'), [], 'a package is not a workspace file');
});

test('a router mounted across files gets the prefix; middleware and declaration sites follow the chain', () => {
  const surfaces = new Map([
    [
      'src/server.ts',
      surface({
        entryPoints: [route('src/server.ts', 10, 'POST', '/api/v1/auth/login', { app: 'buildPublicApp' })],
        mounts: [
          mount(
            'src/server.ts',
            11,
            '/api/v1/vitals',
            { local: 'vitalsRouter' },
            { app: 'buildPublicApp', middleware: ['helmet'] },
          ),
          mount('src/server.ts', 12, '/ext', { local: 'thirdParty' }, { app: 'buildPublicApp' }),
        ],
        imports: [{ local: 'vitalsRouter', module: './api/vitals.js', export: 'vitalsRouter' }],
        listeners: [
          {
            app: 'buildPublicApp',
            port: 8443,
            bind: 'all',
            file: 'src/server.ts',
            range: route('x', 30, 'GET', '/').range,
          },
        ],
      }),
    ],
    [
      'src/api/vitals.ts',
      surface({
        routers: [router(5, 'vitalsRouter', { middleware: ['authenticateRequest'] })],
        entryPoints: [
          route('src/api/vitals.ts', 8, 'GET', '/:patientId', { router: 'vitalsRouter', middleware: ['requireRole'] }),
        ],
      }),
    ],
    [
      'src/orphan.ts',
      surface({
        routers: [router(1, 'lonely')],
        entryPoints: [route('src/orphan.ts', 3, 'GET', '/x', { router: 'lonely' })],
      }),
    ],
  ]);
  const { entries } = resolveSurface(surfaces);
  const byPath = new Map(entries.map((e) => [`${e.entry.method} ${e.fullPath}`, e]));
  assert.deepEqual([...byPath.keys()].sort(), [
    'ALL /ext/*',
    'GET /api/v1/vitals/:patientId',
    'GET /x',
    'POST /api/v1/auth/login',
  ]);
  const vitals = byPath.get('GET /api/v1/vitals/:patientId')!;
  assert.deepEqual(vitals.via, [{ file: 'src/server.ts', line: 11 }]);
  assert.deepEqual(vitals.middleware, ['helmet', 'authenticateRequest', 'requireRole']);
  assert.deepEqual(
    vitals.sites.map((s) => `${s.file}:${s.spans[0].line}`),
    ['src/api/vitals.ts:7', 'src/api/vitals.ts:4', 'src/server.ts:10'],
  );
  assert.equal(vitals.bind, 'all', 'the listener of the application it is mounted on');
  assert.equal(vitals.listener?.port, 8443);
  assert.equal(byPath.get('POST /api/v1/auth/login')!.bind, 'all');
  assert.equal(byPath.get('GET /x')!.unmounted, true);
  assert.equal(byPath.get('ALL /ext/*')!.entry.framework, 'mount', 'an unresolved mount is an entry point itself');
  // The input surfaces are never changed.
  assert.equal(surfaces.get('src/server.ts')!.entryPoints.length, 1);
});

test('nested routers join every prefix; a router mounted twice has two full paths; cycles stop with a note', () => {
  const f = 'app.ts';
  const { entries, notes } = resolveSurface(
    new Map([
      [
        f,
        surface({
          routers: [router(1, 'api', { prefix: '/api' }), router(2, 'users'), router(3, 'a'), router(4, 'b')],
          mounts: [
            mount(f, 10, '/v1', { local: 'api' }, { app: 'app' }),
            mount(f, 11, '/users', { local: 'users' }, { on: 'api' }),
            mount(f, 12, '/people', { local: 'users' }, { app: 'app' }),
            mount(f, 13, '/a', { local: 'a' }, { on: 'b' }),
            mount(f, 14, '/b', { local: 'b' }, { on: 'a' }),
          ],
          entryPoints: [
            route(f, 20, 'GET', '/:id', { router: 'users' }),
            route(f, 21, 'GET', '/loop', { router: 'a' }),
          ],
        }),
      ],
    ]),
  );
  assert.deepEqual(
    entries
      .filter((e) => e.entry.path === '/:id')
      .map((e) => e.fullPath)
      .sort(),
    ['/people/:id', '/v1/api/users/:id'],
  );
  assert.ok(entries.some((e) => e.entry.path === '/loop'));
  assert.ok(notes.some((n) => /cycle/.test(n.message)));
});

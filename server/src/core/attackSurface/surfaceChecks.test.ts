import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_STRIDE, resolveConfig } from '../config';
import { IdGrammar } from '../ids';
import { parseLifecycleDocument } from '../markdown/lifecycleDocument';
import { checkSurface } from './surfaceChecks';
import { resolveSurface } from './surfaceResolver';
import { mount, route, router, surface } from './surfaceTesting';

const config = resolveConfig();
const interfaces = (table: string) =>
  parseLifecycleDocument('docs/interfaces.md', table, {
    grammar: new IdGrammar(Object.keys(config.kinds)),
    kinds: config.kinds,
  }).items;

const DOC = [
  '| ID | Title | Exposure | Assets | Entry |',
  '|---|---|---|---|---|',
  '| IF-001 | Public API | external | PHI | |',
  '| IF-002 | Admin API | internal | accounts | POST /admin/v1/users/*, socket tcp 9443 |',
  '| IF-003 | Reports | external | PHI | GET /reports/*, FETCH all, |',
  '',
].join('\n');

function run(
  annotations: Array<{ id: string; file: string; line: number }>,
  threats = [] as Array<{ id: string; category?: string; affects: string[] }>,
) {
  const f = 'src/app.ts';
  const { entries } = resolveSurface(
    new Map([
      [
        f,
        surface({
          routers: [router(20, 'adminRouter')],
          mounts: [mount(f, 30, '/admin/v1', { local: 'adminRouter' }, { app: 'admin' })],
          entryPoints: [
            route(f, 10, 'POST', '/api/login', { app: 'public' }),
            route(f, 12, 'GET', '/api/vitals/:id', { app: 'public' }),
            route(f, 22, 'POST', '/users/:name/unlock', { router: 'adminRouter' }),
            route(f, 40, 'GET', '/reports/daily'),
            {
              ...route(f, 50, 'GET', '/'),
              kind: 'socket',
              framework: 'node-net',
              method: undefined,
              path: undefined,
              port: 9443,
              bind: 'all',
            },
          ],
          listeners: [{ app: 'admin', bind: 'all', port: 9443, file: f, range: route(f, 50, 'GET', '/').range }],
        }),
      ],
      [
        'openapi.yaml',
        surface({
          entryPoints: [{ ...route('openapi.yaml', 5, 'GET', '/api/vitals/{patientId}'), framework: 'openapi' }],
        }),
      ],
    ]),
  );
  return checkSurface({ entries, annotations, interfaces: interfaces(DOC), threats, stride: DEFAULT_STRIDE });
}

test('declared by annotation, by router, by Entry and as the same route elsewhere; the rest are interface-undeclared', () => {
  const result = run([{ id: 'IF-001', file: 'src/app.ts', line: 11 }]);
  const how = Object.fromEntries(
    result.entries.map((e) => [e.label, `${e.declaredBy.join('+') || '-'} ${e.how ?? ''}`.trim()]),
  );
  assert.deepEqual(how, {
    'POST /api/login': '-',
    'GET /api/vitals/:id': 'IF-001 annotation',
    'POST /admin/v1/users/:name/unlock': 'IF-002 entry-attribute',
    'GET /reports/daily': 'IF-003 entry-attribute',
    'socket tcp 9443': 'IF-002 entry-attribute',
    'GET /api/vitals/{patientId}': 'IF-001 same-route',
  });
  const undeclared = result.findings.filter((f) => f.code === 'interface-undeclared');
  assert.deepEqual(
    undeclared.map((f) => `${f.file}:${f.line}`),
    ['src/app.ts:10'],
  );
  assert.match(undeclared[0].message, /^Undeclared entry point POST \/api\/login \(express\): /);
  // A router's annotation declares every route of it.
  const viaRouter = run([{ id: 'IF-002', file: 'src/app.ts', line: 19 }]).entries.find((e) =>
    e.label.includes('unlock'),
  )!;
  assert.equal(viaRouter.how, 'router');
  // An Entry value that is no pattern is said.
  assert.deepEqual(
    result.findings.filter((f) => f.code === 'malformed-item').map((f) => f.message.split(';')[0]),
    [
      "IF-003: Entry 'FETCH all' is not an entry-point pattern (write 'POST /api/login', 'GET /api/doses/*', 'socket tcp 8443', 'message topic/+', 'rpc Service/*', 'cli name' or 'ipc channel')",
    ],
  );
});

test('an internal interface listening on all addresses is reported once per listener', () => {
  const mismatches = run([]).findings.filter((f) => f.code === 'interface-exposure-mismatch');
  assert.deepEqual(
    mismatches.map((f) => [f.itemId, f.line]),
    [['IF-002', 22]],
  );
  assert.match(
    mismatches[0].message,
    /IF-002 is Exposure: internal, but POST \/admin\/v1\/users\/:name\/unlock listens on all addresses \(its listener at src\/app\.ts:50\)/,
  );
});

test('external interfaces need threats; STRIDE per element names the uncovered categories', () => {
  const none = run([]).findings.filter((f) => f.code === 'interface-without-threats' || f.code === 'stride-gap');
  assert.deepEqual(
    none.map((f) => `${f.code} ${f.itemId}`),
    ['interface-without-threats IF-001', 'interface-without-threats IF-003'],
  );
  const some = run(
    [],
    [
      { id: 'TH-001', category: 'Spoofing', affects: ['IF-001', 'IF-002'] },
      { id: 'TH-002', category: 'Denial of service', affects: ['IF-001'] },
      { id: 'TH-003', category: '**Tampering**', affects: ['IF-003'] },
    ],
  );
  const gaps = some.findings.filter((f) => f.code === 'stride-gap');
  assert.deepEqual(
    gaps.map((f) => [f.itemId, f.severity, f.message]),
    [
      [
        'IF-001',
        'note',
        'IF-001 (process): no threat affecting it covers tampering, repudiation, information disclosure, elevation of privilege (STRIDE per element; threats: TH-001, TH-002)',
      ],
      [
        'IF-003',
        'note',
        'IF-003 (process): no threat affecting it covers spoofing, repudiation, information disclosure, denial of service, elevation of privilege (STRIDE per element; threats: TH-003)',
      ],
    ],
  );
  assert.deepEqual(
    some.interfaces.find((i) => i.id === 'IF-002')?.strideGaps,
    [],
    'internal interfaces get no STRIDE note',
  );
  assert.deepEqual(some.interfaces.find((i) => i.id === 'IF-002')?.threats, ['TH-001']);
});

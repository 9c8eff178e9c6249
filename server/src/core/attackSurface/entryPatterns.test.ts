import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryMatches, joinPaths, parseEntryPatterns, routeKey } from './entryPatterns';

const http = (method: string) => ({ kind: 'http' as const, method });

test('Entry patterns: methods, wildcards, sockets, other kinds; what cannot be read is returned', () => {
  const { patterns, invalid } = parseEntryPatterns(
    'POST /api/login, GET /api/doses/*; `/admin/**`, socket tcp 8443, port 53, message rpm/+/vitals, rpc rpm.Vitals/*, cli rpm-admin, ipc save-file, GET, nonsense here, none',
  );
  assert.deepEqual(
    patterns.map((p) => [p.kind, p.method ?? '', p.segments.join('/'), p.rest, p.port ?? '']),
    [
      ['http', 'POST', 'api/login', false, ''],
      ['http', 'GET', 'api/doses', true, ''],
      ['http', '', 'admin', true, ''],
      ['socket', '', '', false, 8443],
      ['socket', '', '', false, 53],
      ['message', '', 'rpm/+/vitals', false, ''],
      ['rpc', '', 'rpm.Vitals', true, ''],
      ['cli', '', 'rpm-admin', false, ''],
      ['ipc', '', 'save-file', false, ''],
    ],
  );
  assert.deepEqual(invalid, ['GET', 'nonsense here']);
});

test('Entry patterns match by method and segment; parameters match any segment', () => {
  const [login, doses, admin] = parseEntryPatterns('POST /api/login, GET /api/doses/*, /admin/*').patterns;
  assert.equal(entryMatches(login, http('POST'), '/api/login'), true);
  assert.equal(entryMatches(login, http('POST'), '/api/login/'), true);
  assert.equal(entryMatches(login, http('GET'), '/api/login'), false);
  assert.equal(entryMatches(login, http('ALL'), '/api/login'), true);
  assert.equal(entryMatches(login, http('POST'), '/api/logins'), false);
  assert.equal(entryMatches(doses, http('GET'), '/api/doses/:id/history'), true);
  assert.equal(entryMatches(doses, http('GET'), '/api/dose'), false);
  assert.equal(entryMatches(admin, http('DELETE'), '/admin/users/{id}'), true);
  assert.equal(entryMatches(admin, { kind: 'message' }, '/admin/x'), false, 'a bare path is an HTTP pattern');
  const [user] = parseEntryPatterns('GET /users/:id').patterns;
  assert.equal(entryMatches(user, http('GET'), '/users/{userId}'), true);
  assert.equal(entryMatches(user, http('GET'), '/users/42'), true);
  const [port] = parseEntryPatterns('socket udp 53').patterns;
  assert.equal(entryMatches(port, { kind: 'socket', port: 53, protocol: 'udp' }, undefined), true);
  assert.equal(entryMatches(port, { kind: 'socket', port: 53, protocol: 'tcp' }, undefined), false);
  assert.equal(entryMatches(port, { kind: 'socket', port: 54 }, undefined), false);
});

test('route keys: one key for the same route in any framework syntax; joinPaths', () => {
  const keys = ['/users/:id', '/users/{id}', '/users/<int:id>', '/users/[id]/'].map((p) => routeKey(http('GET'), p));
  assert.equal(new Set(keys).size, 1);
  assert.equal(keys[0], 'http GET /users/{}');
  assert.notEqual(routeKey(http('POST'), '/users/:id'), keys[0]);
  assert.equal(routeKey(http('GET'), '/files/*'), undefined);
  assert.equal(routeKey({ kind: 'socket', port: 8443 }, undefined), 'socket tcp 8443');
  assert.equal(joinPaths('/api/', 'v1', '/', ':id'), '/api/v1/:id');
  assert.equal(joinPaths('', ''), '/');
});

test('a long hostile Entry value is read in linear time and bounded', () => {
  const { patterns } = parseEntryPatterns(`${'GET /a/*/'.repeat(20_000)}, ${'x,'.repeat(10_000)}`);
  assert.ok(patterns.length <= 200);
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../../../testing/workspaces';
import { ALL_DETECTORS } from '../detectorOptions';
import { entryPointLabel } from '../entryPoint';
import { compareWithExpectations } from '../python/surfaceFixtures';
import { detectCSurface } from './cSurface';

const ROOT = path.join(REPO_ROOT, 'test', 'fixtures', 'attack-surface', 'c');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (/\.(?:c|cpp|h)$/.test(name)) out.push(p);
  }
  return out;
}

const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');
const detect = (file: string, text: string) => detectCSurface(file, text, ALL_DETECTORS);

describe('C entry points: fixtures', () => {
  const files = filesUnder(ROOT);
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

describe('C entry points: details', () => {
  test('a bind takes the port of htons(<#define>) and INADDR_ANY as all addresses; the listener too', () => {
    const s = detect('sockets/tcp_server.c', read('sockets/tcp_server.c'));
    const sock = s.entryPoints.find((e) => e.kind === 'socket')!;
    assert.deepEqual([sock.framework, sock.protocol, sock.port, sock.bind], ['c-socket', 'tcp', 8080, 'all']);
    assert.deepEqual(sock.declaredAt, [{ line: 18, endLine: 20 }]);
    assert.deepEqual(
      s.listeners.map((l) => [l.port, l.bind, l.range.line]),
      [[8080, 'all', 20]],
    );
    const main = s.entryPoints.find((e) => e.kind === 'cli')!;
    assert.deepEqual([main.framework, main.range.line, main.handler?.line], ['c-main', 29, 29]);
    assert.deepEqual(main.declaredAt, [{ line: 28, endLine: 29 }]);
  });

  test('the address of each bind is the one of its own function (loopback, another address)', () => {
    const s = detect('u.c', read('sockets/udp_sensors.c'));
    assert.deepEqual(
      s.entryPoints.map((e) => [e.protocol, e.port, e.bind, e.range.line, e.range.endLine]),
      [
        ['udp', 5683, 'loopback', 12, 12],
        ['tcp', 9000, { address: 'fd00::10' }, 24, 26],
      ],
    );
  });

  test('a return type on its own line starts the main signature', () => {
    const s = detect('tools/flash_tool.cpp', read('tools/flash_tool.cpp'));
    assert.deepEqual(
      s.entryPoints.map((e) => [entryPointLabel(e), e.range.line, e.range.endLine]),
      [['cli flash_tool', 8, 9]],
    );
  });

  test('embedded: handlers declared in the file, bind of Mongoose URLs, ESP-IDF initializer spans', () => {
    const civet = detect('c.c', read('embedded/civetweb_app.c'));
    const status = civet.entryPoints.find((e) => e.path === '/status')!;
    assert.equal(status.handler?.line, 3);
    assert.deepEqual(status.declaredAt, [
      { line: 16, endLine: 18 },
      { line: 3, endLine: 3 },
    ]);
    assert.deepEqual(
      civet.listeners.map((l) => [l.port, l.bind]),
      [
        [8081, 'loopback'],
        [8443, 'all'],
      ],
    );
    const mg = detect('m.c', read('embedded/mongoose_app.c'));
    assert.deepEqual(
      mg.listeners.map((l) => [l.port, l.bind]),
      [[8000, 'all']],
    );
    const esp = detect('e.c', read('embedded/esp_http.c'));
    const info = esp.entryPoints.find((e) => e.path === '/info')!;
    assert.equal(info.handler?.line, 3);
    assert.deepEqual(info.declaredAt, [
      { line: 34, endLine: 35 },
      { line: 13, endLine: 19 },
      { line: 3, endLine: 3 },
    ]);
    const coap = detect('c.c', read('embedded/coap_server.c'));
    assert.deepEqual(
      coap.entryPoints.map((e) => [e.kind, e.method, e.path, e.handler?.line]),
      [
        ['rpc', 'GET', 'coap:/sensors/temp', 3],
        ['rpc', 'PUT', 'coap:/sensors/temp', 9],
      ],
    );
    const mqtt = detect('q.c', read('embedded/mqtt_clients.c'));
    assert.equal(mqtt.entryPoints.find((e) => e.path === '*')?.dynamic, true);
  });

  test('families switched off find nothing of theirs', () => {
    const text = read('sockets/tcp_server.c');
    const s = detectCSurface('t.c', text, { enabled: (f) => f !== 'c-socket', patterns: [] });
    assert.deepEqual(
      s.entryPoints.map((e) => e.framework),
      ['c-main'],
    );
    assert.equal(s.listeners.length, 0);
  });

  test('custom patterns apply to the c language', () => {
    const text = '// c\nvoid f(void) {\n  register_command("reboot", do_reboot);\n}\n';
    const s = detectCSurface('k.c', text, {
      enabled: () => true,
      patterns: [
        { callee: 'register_command', pathArgument: 0, kind: 'cli', languages: ['c'] },
        { callee: 'register_command', pathArgument: 0, kind: 'ipc', languages: ['python'] },
      ],
    });
    assert.deepEqual(
      s.entryPoints.map((e) => [e.framework, entryPointLabel(e), e.range.line]),
      [['custom', 'cli reboot', 3]],
    );
  });

  test('a file without any entry-point word is not read', () => {
    assert.deepEqual(detect('x.c', 'int add(int a, int b) { return a + b; }\n'), {
      entryPoints: [],
      routers: [],
      mounts: [],
      imports: [],
      listeners: [],
      problems: [],
    });
  });

  test('hostile input: deep nesting, 1 MB of junk, unterminated strings and comments never throw', () => {
    const deep = `void f(void) { bind(${'('.repeat(50_000)}1${')'.repeat(50_000)}, a, b); ${'{'.repeat(50_000)} }\n`;
    const junk = Array.from(
      { length: 40_000 },
      (_, i) => `bind(x${i}, htons(${i}), "/* ); recv(a, b, c) { main(int a, char **b)`,
    ).join('\n');
    const open = 'int main(int argc, char **argv) { mg_http_listen(&m, "http://0.0.0.0:80, fn, NULL); /* never closed';
    const chain = `${'a.'.repeat(100_000)}bind(s, a, l);\n${'a->'.repeat(50_000)}recv(s, b, n, 0);\n`;
    for (const text of [deep, junk, open, chain, '\u0000\uffffbind('.repeat(10_000)]) {
      const s = detect('h.c', text);
      assert.ok(Array.isArray(s.entryPoints));
    }
    assert.ok(junk.length > 1_000_000);
  });
});

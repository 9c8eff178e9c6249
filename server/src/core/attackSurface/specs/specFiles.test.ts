import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_DETECTORS } from '../detectorOptions';
import { entryPointLabel } from '../entryPoint';
import { detectPackageBin, detectSpecSurface, isEntryPointSpec } from './specFiles';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/attack-surface/specs');

/**
 * What a fixture expects (test/fixtures/attack-surface/specs/README.md): a comment
 * `expect-entry: <label>` (or `expect-problem`) directly above the line it names, several
 * stacking; a JSON fixture has a sibling `<stem>.expect.txt` of `<line> <label>` rows
 * (`<line> problem` for a problem).
 */
function expectations(name: string, text: string): Set<string> {
  const stem = name.replace(/\.[^.]+$/, '');
  const sibling = path.join(FIXTURES, `${stem}.expect.txt`);
  const out = new Set<string>();
  let rows: string | undefined;
  try {
    rows = readFileSync(sibling, 'utf8');
  } catch {
    rows = undefined;
  }
  if (rows !== undefined) {
    for (const row of rows.split('\n')) if (row.trim()) out.add(row.trim());
    return out;
  }
  const lines = text.split(/\r?\n/);
  const marker = /^\s*(?:#|\/\/)\s*(expect-entry:\s*(.+?)|expect-problem|no-entry)\s*$/;
  for (let i = 0; i < lines.length; i++) {
    const m = marker.exec(lines[i]);
    if (!m || m[1] === 'no-entry') continue;
    let target = i + 1;
    while (target < lines.length && marker.test(lines[target])) target++;
    out.add(`${target + 1} ${m[2] ?? 'problem'}`);
  }
  return out;
}

function actual(file: string, text: string): Set<string> {
  const surface = detectSpecSurface(file, text, ALL_DETECTORS);
  const out = new Set<string>();
  for (const e of surface.entryPoints) out.add(`${e.range.line} ${entryPointLabel(e)}`);
  for (const p of surface.problems) out.add(`${p.range.line} problem`);
  return out;
}

const fixtures = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter((f) => !f.endsWith('README.md') && !f.endsWith('.expect.txt'))
  .filter((f) => /\.[a-z]+$|Dockerfile|Containerfile/i.test(f))
  .sort();

describe('declarative entry-point fixtures', () => {
  it('has fixtures', () => assert.ok(fixtures.length >= 5, fixtures.join(', ')));
  for (const name of fixtures) {
    it(`${name}: every expected entry point and problem, and no other`, () => {
      const text = readFileSync(path.join(FIXTURES, name), 'utf8');
      const file = `specs/${name.split(path.sep).join('/')}`;
      const want = expectations(name, text);
      const got = actual(file, text);
      const missed = [...want].filter((w) => !got.has(w)).map((w) => `missed ${file}:${w}`);
      const extra = [...got].filter((g) => !want.has(g)).map((g) => `extra ${file}:${g}`);
      assert.deepEqual([...missed, ...extra], []);
    });
  }
});

describe('isEntryPointSpec', () => {
  it('names the declarative files', () => {
    for (const p of [
      'openapi.yaml',
      'api/openapi.v2.yml',
      'docs/swagger.json',
      'api/users.openapi.json',
      'asyncapi.yaml',
      'proto/vitals.proto',
      'Dockerfile',
      'docker/Dockerfile.prod',
      'build/api.dockerfile',
      'Containerfile',
      'docker-compose.yml',
      'docker-compose.prod.yaml',
      'compose.yaml',
      'k8s/service.yaml',
      'deploy/prod/ingress.yml',
      'ops/kubernetes/svc.yaml',
      'manifests/a.yaml',
      'charts/rpm/helm/templates/service.yaml',
    ])
      assert.equal(isEntryPointSpec(p), true, p);
  });
  it('leaves other files alone', () => {
    for (const p of [
      'config.yaml',
      'src/openapi.ts',
      'package.json',
      'k8s.yaml',
      'deploy.yml',
      'templates/service.yaml',
      'compose.json',
      'docs/Dockerfile.md/x.txt',
      'k8s/README.md',
    ])
      assert.equal(isEntryPointSpec(p), false, p);
  });
});

describe('detectSpecSurface dispatch', () => {
  it('reads a YAML that is no API description as nothing, without a problem', () => {
    const s = detectSpecSurface('openapi-config.yaml', 'generator: typescript\npaths:\n  out: ./gen\n', ALL_DETECTORS);
    assert.deepEqual(s.entryPoints, []);
    assert.deepEqual(s.problems, []);
  });
  it('reads an OpenAPI description under deploy/ as OpenAPI', () => {
    const s = detectSpecSurface('deploy/api.yaml', 'openapi: 3.1.0\npaths:\n  /a:\n    get: {}\n', ALL_DETECTORS);
    assert.deepEqual(
      s.entryPoints.map((e) => `${e.framework} ${entryPointLabel(e)}`),
      ['openapi GET /a'],
    );
  });
  it('reads minified JSON descriptions by their key anywhere, YAML ones by a top-level key', () => {
    const api = detectSpecSurface(
      'openapi.json',
      '{"info":{},"openapi":"3.0.0","paths":{"/m":{"get":{}}}}',
      ALL_DETECTORS,
    );
    assert.deepEqual(
      api.entryPoints.map((e) => entryPointLabel(e)),
      ['GET /m'],
    );
    const events = detectSpecSurface(
      'asyncapi.json',
      '{"asyncapi":"2.0.0","channels":{"c":{"publish":{}}}}',
      ALL_DETECTORS,
    );
    assert.deepEqual(
      events.entryPoints.map((e) => entryPointLabel(e)),
      ['message c'],
    );
    const nested = detectSpecSurface(
      'openapi.yaml',
      'info:\n  openapi: 3.0.0\npaths:\n  /a:\n    get: {}\n',
      ALL_DETECTORS,
    );
    assert.deepEqual(nested.entryPoints, []);
  });
  it('honours a detector family that is off', () => {
    const off = { enabled: (f: string) => f !== 'dockerfile', patterns: [] };
    assert.deepEqual(detectSpecSurface('Dockerfile', 'EXPOSE 80\n', off).entryPoints, []);
    assert.equal(detectSpecSurface('Dockerfile', 'EXPOSE 80\n', ALL_DETECTORS).entryPoints.length, 1);
  });
  it('reads package.json bin through detectSpecSurface and detectPackageBin alike', () => {
    const text = '{ "name": "@scope/tool", "bin": "cli.js" }';
    const a = detectSpecSurface('package.json', text, ALL_DETECTORS);
    const b = detectPackageBin('package.json', text, ALL_DETECTORS);
    assert.deepEqual(a, b);
    assert.deepEqual(
      a.entryPoints.map((e) => entryPointLabel(e)),
      ['cli tool'],
    );
  });
});

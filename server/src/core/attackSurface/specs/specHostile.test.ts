import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_DETECTORS } from '../detectorOptions';
import { detectSpecSurface } from './specFiles';
import { MAX_ALIASES, MAX_CHARS, MAX_DOCUMENTS, MAX_ENTRIES, MAX_PROBLEMS, parseYamlSpec } from './specTree';

const read = (file: string, text: string) => detectSpecSurface(file, text, ALL_DETECTORS);

/** Every kind of file these detectors read, for inputs that must only ever give a bounded surface. */
const FILES = [
  'openapi.yaml',
  'openapi.json',
  'asyncapi.yaml',
  'Dockerfile',
  'docker-compose.yml',
  'k8s/all.yaml',
  'helm/templates/x.yaml',
  'api.proto',
  'package.json',
];

function bounded(file: string, text: string): void {
  const s = read(file, text);
  assert.ok(s.entryPoints.length <= MAX_ENTRIES, file);
  assert.ok(s.problems.length <= MAX_PROBLEMS, `${file}: ${s.problems.length} problems`);
  for (const p of s.problems) assert.ok(p.range.line >= 1 && p.range.column >= 1, `${file}: ${JSON.stringify(p)}`);
}

describe('hostile declarative files', () => {
  it('a YAML alias bomb stays a small graph (each anchor read once)', () => {
    let bomb = 'openapi: 3.0.0\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++)
      bomb += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    bomb += 'security: *a11\npaths:\n  /x:\n    get: { security: *a11 }\n';
    const s = read('openapi.yaml', bomb);
    assert.equal(s.entryPoints.length, 1);
    assert.ok(s.entryPoints[0].middleware.length <= 1);
  });
  it('more aliases than the cap is one problem', () => {
    const text = `openapi: 3.0.0\nx: &x 1\nl: [${Array(MAX_ALIASES + 10)
      .fill('*x')
      .join(',')}]\npaths: {}\n`;
    const s = parseYamlSpec('openapi.yaml', text);
    assert.equal(s.problems.length, 1);
    assert.match(s.problems[0].message, /aliases/);
  });
  it('an alias inside its own anchor, and a redefined anchor, read without looping', () => {
    const s = read('openapi.yaml', 'openapi: 3.0.0\npaths: &p\n  /a: *p\n  /b:\n    get: {}\n');
    assert.equal(s.entryPoints.length, 1);
    const c = read('compose.yaml', 'x: &a {ports: ["1:1"]}\ny: &a {ports: ["2:2"]}\nservices:\n  s: *a\n');
    assert.deepEqual(
      c.entryPoints.map((e) => e.port),
      [2],
    );
  });
  it('deep nesting: a problem or nothing, never a throw', () => {
    for (const file of FILES) {
      bounded(file, `openapi: 3.0.0\nkind: Service\npaths: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
      bounded(file, `{"openapi":"3.0.0","asyncapi":"2.0.0","paths":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`);
      bounded(file, `service S ${'{'.repeat(100_000)}`);
    }
    const deep = parseYamlSpec('x.yaml', `a: ${'{b: '.repeat(200)}1${'}'.repeat(200)}\n`);
    assert.equal(deep.problems.length, 1);
    assert.match(deep.problems[0].message, /nested deeper/);
  });
  it('1 MB of junk and unterminated strings in every format', () => {
    let junk = '';
    for (let i = 0; junk.length < 1_000_000; i++) junk += `"'{[:-? #/* ${i} \\\n\t}{{ EXPOSE rpc service ports `;
    for (const file of FILES) {
      bounded(file, junk);
      bounded(file, `openapi: 3.0.0\nasyncapi: 2.0.0\npaths:\n  "/a: {\nEXPOSE 80 "\nservice S { rpc "M`);
    }
  });
  it('huge files are cut at the entry cap with a problem', () => {
    const docker = read('Dockerfile', `EXPOSE ${'1 '.repeat(MAX_ENTRIES + 5)}\n`);
    assert.equal(docker.entryPoints.length, MAX_ENTRIES);
    assert.equal(docker.problems.length, 1);
    const paths = Array.from({ length: MAX_ENTRIES + 5 }, (_, i) => `  /p${i}: { get: {} }`).join('\n');
    const api = read('openapi.yaml', `openapi: 3.0.0\npaths:\n${paths}\n`);
    assert.equal(api.entryPoints.length, MAX_ENTRIES);
    assert.equal(api.problems.length, 1);
    let stream = '';
    for (let i = 0; i < MAX_DOCUMENTS + 5; i++) stream += `---\nkind: Service\nspec: {ports: [{port: 80}]}\n`;
    const k8s = read('k8s/a.yaml', stream);
    assert.equal(k8s.entryPoints.length, MAX_DOCUMENTS);
    assert.match(k8s.problems[0].message, /YAML documents/);
  });
  it('a file over the size cap is one problem, nothing read', () => {
    const s = read('openapi.yaml', `openapi: 3.0.0\npaths:\n  /a:\n    get: {}\n#${'x'.repeat(MAX_CHARS)}\n`);
    assert.deepEqual([s.entryPoints.length, s.problems.length], [0, 1]);
    assert.match(s.problems[0].message, /too large/);
  });
  it('many problems are cut to the cap with a count', () => {
    const s = read('Dockerfile', 'EXPOSE \\\n'.repeat(5_000));
    assert.equal(s.problems.length, MAX_PROBLEMS);
    assert.match(s.problems[MAX_PROBLEMS - 1].message, /more problems/);
  });
});

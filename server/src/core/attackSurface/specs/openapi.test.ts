import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_DETECTORS } from '../detectorOptions';
import { entryPointLabel } from '../entryPoint';
import { detectOpenApi } from './openapi';

const labels = (file: string, text: string) =>
  detectOpenApi(file, text, ALL_DETECTORS).entryPoints.map((e) => `${entryPointLabel(e)} [${e.middleware.join(',')}]`);

describe('OpenAPI and Swagger', () => {
  it('reads every operation method, upper case, and nothing else of a path item', () => {
    const ops = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
    const text = `openapi: 3.1.0\npaths:\n  /a:\n    summary: s\n    parameters: []\n    servers: []\n${ops.map((m) => `    ${m}: {}\n`).join('')}    x-ext: {}\n    GET: {}\n`;
    assert.deepEqual(
      labels('openapi.yaml', text),
      ops.map((m) => `${m.toUpperCase()} /a []`),
    );
  });

  it('joins the first server URL path (variables by default), or a path item / operation servers override', () => {
    const text = [
      'openapi: 3.0.0',
      'servers:',
      '  - url: "{scheme}://api.example.com:8443/{base}/"',
      '    variables: { scheme: { default: https }, base: { default: v2 } }',
      '  - url: /ignored',
      'paths:',
      '  /a:',
      '    get: {}',
      '  /b:',
      '    servers: [{ url: /item }]',
      '    get: {}',
      '    post: { servers: [{ url: "//cdn.example.com/op" }] }',
    ].join('\n');
    assert.deepEqual(labels('openapi.yaml', text), ['GET /v2/a []', 'GET /item/b []', 'POST /op/b []']);
  });

  it('a relative server URL and a server variable without default stay as written', () => {
    const text = 'openapi: 3.0.0\nservers: [{ url: "api/{v}" }]\npaths:\n  /a:\n    get: {}\n';
    assert.deepEqual(labels('openapi.yaml', text), ['GET /api/{v}/a []']);
  });

  it('Swagger 2 basePath', () => {
    const text = '{"swagger":"2.0","basePath":"/base","paths":{"/x/{id}":{"patch":{}}}}';
    assert.deepEqual(labels('swagger.json', text), ['PATCH /base/x/{id} []']);
  });

  it('operation security over the global one; [] and {} are security:none', () => {
    const text = [
      'openapi: 3.0.0',
      'security: [{ oauth: [read] }]',
      'paths:',
      '  /a:',
      '    get: {}',
      '    put: { security: [] }',
      '    post: { security: [{ key: [] }, { oauth: [write], key: [] }] }',
      '    delete: { security: [{}, { key: [] }] }',
    ].join('\n');
    assert.deepEqual(labels('openapi.yaml', text), [
      'GET /a [security:oauth]',
      'PUT /a [security:none]',
      'POST /a [security:key,security:oauth]',
      'DELETE /a [security:none,security:key]',
    ]);
  });

  it('follows a local path item $ref once; a $ref to a $ref, a dangling one and another file are problems', () => {
    const text = [
      'openapi: 3.1.0',
      'paths:',
      '  /a: { $ref: "#/components/pathItems/A" }',
      '  /b: { $ref: "#/components/pathItems/B" }',
      '  /c: { $ref: "#/components/pathItems/None" }',
      '  /d: { $ref: "other.yaml#/paths/~1d" }',
      '  /e: { $ref: "#/paths/~1e" }',
      'components:',
      '  pathItems:',
      '    A: { get: {} }',
      '    B: { $ref: "#/components/pathItems/A" }',
    ].join('\n');
    const s = detectOpenApi('openapi.yaml', text, ALL_DETECTORS);
    assert.deepEqual(
      s.entryPoints.map((e) => `${entryPointLabel(e)}@${e.range.line}`),
      ['GET /a@10'],
    );
    assert.deepEqual(
      s.problems.map((p) => p.range.line),
      [4, 5, 6, 7],
    );
    assert.match(s.problems[2].message, /another file/);
  });

  it('range is the operation key, declaredAt the comment block above it and the operation lines', () => {
    const text =
      'openapi: 3.0.0\npaths:\n  /a:\n\n    # @interface IF-1\n    # more\n    get:\n      summary: x\n\n    post: {}\n';
    const [get, post] = detectOpenApi('openapi.yaml', text, ALL_DETECTORS).entryPoints;
    assert.deepEqual(get.range, { line: 7, column: 5, endLine: 7, endColumn: 8 });
    assert.deepEqual(get.declaredAt, [{ line: 5, endLine: 8 }]);
    assert.deepEqual(post.declaredAt, [{ line: 10, endLine: 10 }]);
    assert.equal(get.framework, 'openapi');
    assert.equal(get.kind, 'http');
  });

  it('a file that is no API description is nothing; an unknown version and a syntax error are one problem', () => {
    assert.deepEqual(detectOpenApi('openapi.yaml', 'name: x\npaths: [a]\n', ALL_DETECTORS).problems, []);
    const v = detectOpenApi('openapi.yaml', 'swagger: "1.2"\npaths: {}\n', ALL_DETECTORS);
    assert.equal(v.problems.length, 1);
    assert.match(v.problems[0].message, /version "1\.2" is not read/);
    const bad = detectOpenApi('openapi.yaml', 'openapi: 3.0.0\npaths:\n  /a:\n    get: [\n', ALL_DETECTORS);
    assert.equal(bad.problems.length, 1);
    assert.equal(bad.entryPoints.length, 0);
    assert.ok(bad.problems[0].range.line >= 4, JSON.stringify(bad.problems[0].range));
    const json = detectOpenApi('openapi.json', '{"openapi": "3.0.0", "paths": {"/a": {"get": {}},}', ALL_DETECTORS);
    assert.equal(json.problems.length, 1);
    assert.match(json.problems[0].message, /not valid JSON/);
  });
});

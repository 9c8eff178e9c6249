import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_DETECTORS } from '../detectorOptions';
import { entryPointLabel } from '../entryPoint';
import { detectAsyncApi } from './asyncapi';

const read = (text: string, file = 'asyncapi.yaml') => detectAsyncApi(file, text, ALL_DETECTORS);

describe('AsyncAPI', () => {
  it('2.x: publish (consumed by the application) is an entry point, subscribe is not', () => {
    const s = read('asyncapi: 2.0.0\nchannels:\n  a/b:\n    subscribe: {}\n    publish: {}\n  c:\n    subscribe: {}\n');
    assert.deepEqual(
      s.entryPoints.map((e) => `${entryPointLabel(e)}@${e.range.line}`),
      ['message a/b@5'],
    );
    assert.equal(s.entryPoints[0].framework, 'asyncapi');
  });
  it('3.x: receive operations give their channel address; send is none; a null address is dynamic', () => {
    const s = read(
      JSON.stringify({
        asyncapi: '3.0.0',
        channels: { a: { address: 'x/{id}' }, b: { address: null }, c: {} },
        operations: {
          r1: { action: 'receive', channel: { $ref: '#/channels/a' } },
          s1: { action: 'send', channel: { $ref: '#/channels/a' } },
          r2: { action: 'receive', channel: { $ref: '#/channels/b' } },
          r3: { action: 'receive', channel: { $ref: '#/channels/c' } },
        },
      }),
      'asyncapi.json',
    );
    assert.deepEqual(
      s.entryPoints.map((e) => [entryPointLabel(e), e.dynamic === true]),
      [
        ['message x/{id}', false],
        ['message *', true],
        ['message *', true],
      ],
    );
  });
  it('an external channel $ref and an unknown version are problems', () => {
    const ext = read(
      'asyncapi: 3.0.0\noperations:\n  r:\n    action: receive\n    channel: { $ref: "common.yaml#/c" }\n',
    );
    assert.equal(ext.problems.length, 1);
    assert.match(ext.problems[0].message, /another file/);
    const v = read('asyncapi: 1.2.0\ntopics: {}\n');
    assert.equal(v.problems.length, 1);
    assert.deepEqual(read('name: asyncapi-tools\n').problems, []);
  });
});

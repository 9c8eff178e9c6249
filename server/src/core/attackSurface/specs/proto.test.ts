import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_DETECTORS } from '../detectorOptions';
import { entryPointLabel } from '../entryPoint';
import { detectProto, tokenize } from './proto';

const read = (text: string) => detectProto('a.proto', text, ALL_DETECTORS);

describe('Protocol Buffers services', () => {
  it('rpc entries named package.Service/Method, or Service/Method without a package', () => {
    assert.deepEqual(
      read('package a.b;\nservice S { rpc M (X) returns (Y); }\n').entryPoints.map((e) => entryPointLabel(e)),
      ['rpc a.b.S/M'],
    );
    assert.deepEqual(
      read('service S {\n  rpc M(stream X) returns (stream Y) {}\n  rpc N(X) returns (Y);\n}').entryPoints.map((e) =>
        entryPointLabel(e),
      ),
      ['rpc S/M', 'rpc S/N'],
    );
  });
  it('range spans the statement; declaredAt the // comments above and its lines', () => {
    const [m] = read(
      'service S {\n  // @interface IF-1\n  rpc M(X)\n    returns (Y) { option x = 1; }\n}\n',
    ).entryPoints;
    assert.deepEqual(m.range, { line: 3, column: 3, endLine: 4, endColumn: 34 });
    assert.deepEqual(m.declaredAt, [{ line: 2, endLine: 4 }]);
    assert.equal(m.framework, 'proto');
  });
  it('comments, strings and messages hide nothing and invent nothing', () => {
    const s = read(
      'message service { string rpc = 1; }\n// service A { rpc B(C) returns (D); }\n/* rpc E */\noption x = "service F { rpc G(H) returns (I); }";\nservice S { option (o) = { a: "}" }; rpc M(X) returns (Y); }\n',
    );
    assert.deepEqual(
      s.entryPoints.map((e) => entryPointLabel(e)),
      ['rpc S/M'],
    );
  });
  it('an unterminated comment or string, or an unreadable rpc, is one located problem', () => {
    const a = read('service S { rpc M(X) returns (Y); }\n/* open');
    assert.deepEqual([a.entryPoints.length, a.problems.length, a.problems[0].range.line], [1, 1, 2]);
    const b = read('service S { rpc "M" (X); rpc ( }\nservice T { rpc N(X) returns (Y); }\n');
    assert.deepEqual(
      b.entryPoints.map((e) => entryPointLabel(e)),
      ['rpc T/N'],
    );
    assert.equal(b.problems.length, 1);
    assert.equal(tokenize('"a\\"b" x').tokens.length, 2);
  });
});

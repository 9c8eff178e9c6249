import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_DETECTORS } from '../detectorOptions';
import { entryPointLabel } from '../entryPoint';
import { detectDockerfile } from './dockerfile';

const read = (text: string) => detectDockerfile('Dockerfile', text, ALL_DETECTORS);

describe('Dockerfile EXPOSE', () => {
  it('each port a socket entry, bind unspecified, range the port word', () => {
    const s = read('FROM x\nEXPOSE 8080 8443/tcp 53/UDP\n');
    assert.deepEqual(
      s.entryPoints.map((e) => entryPointLabel(e)),
      ['socket tcp 8080', 'socket tcp 8443', 'socket udp 53'],
    );
    assert.deepEqual(s.entryPoints[1].range, { line: 2, column: 13, endLine: 2, endColumn: 21 });
    assert.equal(s.entryPoints[0].bind, 'unspecified');
    assert.equal(s.entryPoints[0].framework, 'dockerfile');
  });
  it('line continuations, the escape directive, comment lines inside a continuation', () => {
    const s = read('# escape=`\nFROM x\n# @interface IF-1\nEXPOSE 80 `\n# skipped\n\n  81\nRUN x\n');
    assert.deepEqual(
      s.entryPoints.map((e) => `${entryPointLabel(e)}@${e.range.line}`),
      ['socket tcp 80@4', 'socket tcp 81@7'],
    );
    assert.deepEqual(s.entryPoints[1].declaredAt, [{ line: 3, endLine: 7 }]);
  });
  it('a variable, a bad port and SCTP are problems; EXPOSE in a comment or a RUN is nothing', () => {
    const s = read('# EXPOSE 1\nRUN echo EXPOSE 2\nEXPOSE $P ${Q} 99999 80/sctp abc 3000-2000\n');
    assert.deepEqual(s.entryPoints, []);
    assert.equal(s.problems.length, 6);
    assert.ok(s.problems.every((p) => p.range.line === 3));
    assert.match(s.problems[0].message, /build variable/);
  });
  it('a port range is one entry per port, capped with a problem', () => {
    assert.equal(read('EXPOSE 7000-7002\n').entryPoints.length, 3);
    const big = read('EXPOSE 1000-60000\n');
    assert.equal(big.entryPoints.length, 100);
    assert.equal(big.problems.length, 1);
  });
});

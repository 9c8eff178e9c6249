import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_DETECTORS } from '../detectorOptions';
import { entryPointLabel } from '../entryPoint';
import { detectCompose, parseShortPort } from './compose';

const read = (text: string) => detectCompose('compose.yaml', text, ALL_DETECTORS);

describe('Compose ports', () => {
  it('short syntax: host IP (IPv4, bracketed and bare IPv6), published, protocol', () => {
    assert.deepEqual(parseShortPort('8080:80'), { published: '8080', protocol: 'tcp' });
    assert.deepEqual(parseShortPort('127.0.0.1:8080:80/udp'), {
      hostIp: '127.0.0.1',
      published: '8080',
      protocol: 'udp',
    });
    assert.deepEqual(parseShortPort('[::1]:6001:6001'), { hostIp: '::1', published: '6001', protocol: 'tcp' });
    assert.deepEqual(parseShortPort('::1:6000:6000'), { hostIp: '::1', published: '6000', protocol: 'tcp' });
    assert.deepEqual(parseShortPort('127.0.0.1::80'), { hostIp: '127.0.0.1', published: undefined, protocol: 'tcp' });
    assert.deepEqual(parseShortPort('3000'), { protocol: 'tcp' });
  });
  it('binds: no host is all (Docker default), a host IP through bindOf', () => {
    const s = read(
      'services:\n  web:\n    ports:\n      - "80:80"\n      - "127.0.0.1:81:80"\n      - "10.0.0.5:82:80"\n      - "0.0.0.0:83:80"\n      - 8443\n',
    );
    assert.deepEqual(
      s.entryPoints.map((e) => [entryPointLabel(e), e.bind]),
      [
        ['socket tcp 80 web', 'all'],
        ['socket tcp 81 web', 'loopback'],
        ['socket tcp 82 web', { address: '10.0.0.5' }],
        ['socket tcp 83 web', 'all'],
        ['socket tcp * web', 'all'],
      ],
    );
  });
  it('long syntax, with and without published, host_ip and protocol', () => {
    const s = read(
      'services:\n  b:\n    ports:\n      - target: 80\n        published: "8000-8001"\n        host_ip: 127.0.0.1\n        protocol: udp\n      - target: 90\n',
    );
    assert.deepEqual(
      s.entryPoints.map((e) => [entryPointLabel(e), e.bind, e.range.line, e.range.endLine]),
      [
        ['socket udp 8000 b', 'loopback', 4, 7],
        ['socket udp 8001 b', 'loopback', 4, 7],
        ['socket tcp * b', 'all', 8, 8],
      ],
    );
  });
  it('merge keys bring ports in; a variable is a problem; no services is nothing', () => {
    const s = read('x-p: &p\n  ports: ["1:1"]\nservices:\n  a:\n    <<: *p\n  b:\n    ports: ["${P}:2", "2:2/sctp"]\n');
    assert.deepEqual(
      s.entryPoints.map((e) => entryPointLabel(e)),
      ['socket tcp 1 a'],
    );
    assert.equal(s.problems.length, 2);
    assert.deepEqual(read('version: "3"\nports: x\n').entryPoints, []);
  });
});

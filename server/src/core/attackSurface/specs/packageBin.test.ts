import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_DETECTORS } from '../detectorOptions';
import { entryPointLabel } from '../entryPoint';
import { detectPackageBin } from './packageBin';

const read = (text: string) => detectPackageBin('package.json', text, ALL_DETECTORS);

describe('package.json bin', () => {
  it('a string bin is one command named after the package without its scope', () => {
    const s = read('{\n  "name": "@acme/seclife",\n  "bin": "out/cli.js"\n}');
    assert.deepEqual(
      s.entryPoints.map((e) => [entryPointLabel(e), e.framework, e.range.line]),
      [['cli seclife', 'package-bin', 3]],
    );
  });
  it('an object bin is one command per key; non-string values are skipped', () => {
    const s = read('{"name":"x","bin":{"a":"a.js","b":"b.js","c":1}}');
    assert.deepEqual(
      s.entryPoints.map((e) => entryPointLabel(e)),
      ['cli a', 'cli b'],
    );
  });
  it('no bin, or a string bin without a name', () => {
    assert.deepEqual(read('{"name":"x","binaries":"y"}').entryPoints, []);
    const s = read('{"bin":"cli.js"}');
    assert.deepEqual([s.entryPoints.length, s.problems.length], [0, 1]);
  });
});

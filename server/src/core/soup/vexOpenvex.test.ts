import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseVexFile } from './vexFile';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/vex');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');

describe('OpenVEX documents', () => {
  it('reads the specification example: vulnerability name, products, status, document author and time', () => {
    const index = parseVexFile('vex/spec.openvex.json', read('openvex-spec-example.openvex.json'));
    assert.deepEqual(index.findings, []);
    assert.equal(index.vex?.length, 1);
    const [s] = index.vex ?? [];
    assert.equal(s.vulnerability, 'CVE-2014-123456');
    assert.equal(s.status, 'fixed');
    assert.equal(s.source, 'openvex');
    assert.equal(s.author, 'Wolfi J Inkinson');
    assert.equal(s.timestamp, '2023-01-08T18:02:03.647787998-06:00');
    assert.deepEqual(s.products, [
      'pkg:apk/distro/git@2.39.0-r1?arch=armv7',
      'pkg:apk/distro/git@2.39.0-r1?arch=x86_64',
    ]);
    assert.equal(s.range.line, 9);
  });

  it('reads aliases, subcomponents, justifications, action statements and their item links', () => {
    const index = parseVexFile('vex/app.openvex.json', read('app.openvex.json'));
    assert.deepEqual(index.findings, []);
    const [express, lodash, micromatch, leftPad] = index.vex ?? [];
    assert.deepEqual(express.aliases, ['CVE-2024-29041']);
    assert.deepEqual(express.products, ['pkg:generic/example-app@1.4.0', 'pkg:npm/express@4.18.2']);
    assert.equal(express.justification, 'vulnerable_code_not_in_execute_path');
    assert.equal(express.timestamp, '2024-03-05T09:30:00Z', 'the statement time wins over the document time');
    assert.equal(lodash.status, 'affected');
    assert.deepEqual(lodash.links, ['RC-004', 'TH-002']);
    assert.equal(lodash.timestamp, '2024-03-01T10:00:00Z', 'the document time for an undated statement');
    assert.equal(micromatch.status, 'under_investigation');
    assert.equal(leftPad.justification, undefined);
    assert.equal(leftPad.impactStatement, undefined);
  });

  it('reports a statement without status or vulnerability, and an unknown justification, at the statement', () => {
    const text = JSON.stringify(
      {
        '@context': 'https://openvex.dev/ns/v0.2.0',
        statements: [
          { vulnerability: { name: 'CVE-1' }, status: 'broken' },
          { status: 'fixed' },
          { vulnerability: { name: 'CVE-2' }, status: 'not_affected', justification: 'because' },
          { vulnerability: 'CVE-3', products: ['pkg:npm/a@1'], status: 'fixed' },
        ],
      },
      null,
      2,
    );
    const index = parseVexFile('x.openvex.json', text);
    assert.equal(index.findings.length, 3);
    assert.match(index.findings[0].message, /unknown status "broken"/);
    assert.match(index.findings[1].message, /names no vulnerability/);
    assert.match(index.findings[2].message, /unknown justification "because"/);
    assert.ok(index.findings.every((f) => f.code === 'config-error' && f.line > 1));
    assert.deepEqual(
      index.vex?.map((s) => [s.vulnerability, s.products]),
      [
        ['CVE-2', []],
        ['CVE-3', ['pkg:npm/a@1']],
      ],
    );
  });

  it('notes an OpenVEX context of another version and reads it as 0.2.0', () => {
    const index = parseVexFile(
      'x.json',
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v9',
        statements: [{ vulnerability: { name: 'A-1' }, status: 'fixed' }],
      }),
    );
    assert.equal(index.vex?.length, 1);
    assert.match(index.notes[0], /read as OpenVEX 0\.2\.0/);
  });

  it('says a document without statements has none', () => {
    const index = parseVexFile('x.json', '{"@context": "https://openvex.dev/ns/v0.2.0", "statements": {}}');
    assert.deepEqual(index.vex, []);
    assert.match(index.findings[0].message, /needs a 'statements' array/);
  });
});

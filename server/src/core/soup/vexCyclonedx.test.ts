import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseVexFile } from './vexFile';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/vex');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');

describe('CycloneDX VEX', () => {
  const index = parseVexFile('vex/app.vex.cdx.json', read('app.vex.cdx.json'));
  const byId = new Map((index.vex ?? []).map((s) => [s.vulnerability, s]));

  it('reads every analysed vulnerability and skips one without analysis', () => {
    assert.deepEqual(index.findings, []);
    assert.deepEqual(
      [...byId.keys()],
      ['CVE-2024-29041', 'CVE-2021-23337', 'CVE-2024-4067', 'CVE-2022-0002', 'CVE-2022-0003'],
    );
    assert.ok(
      [...byId.values()].every((s) => s.source === 'cyclonedx' && s.author === 'Example Medical Security Team'),
    );
  });

  it('maps states and justifications to OpenVEX', () => {
    const express = byId.get('CVE-2024-29041');
    assert.equal(express?.status, 'not_affected');
    assert.equal(express?.justification, 'vulnerable_code_not_in_execute_path');
    assert.equal(express?.impactStatement, 'res.redirect is never called with user input (TH-003).');
    assert.deepEqual(express?.links, ['TH-003']);
    assert.deepEqual(express?.aliases, ['GHSA-rv95-896h-c2vc']);
    assert.equal(express?.timestamp, '2024-03-06T08:00:00Z', 'lastUpdated wins over firstIssued');
    assert.equal(byId.get('CVE-2021-23337')?.status, 'affected');
    assert.equal(byId.get('CVE-2021-23337')?.actionStatement, 'response: update; Upgrade to 4.17.21 in release 1.5.');
    assert.equal(byId.get('CVE-2024-4067')?.status, 'under_investigation');
    assert.equal(byId.get('CVE-2022-0002')?.status, 'fixed');
    assert.equal(byId.get('CVE-2022-0002')?.statusNotes, 'fixed by upgrading');
    assert.equal(byId.get('CVE-2022-0003')?.status, 'not_affected');
    assert.equal(byId.get('CVE-2022-0003')?.impactStatement, 'false positive');
  });

  it('resolves affects refs to component purls; the BOM product itself means every package', () => {
    assert.deepEqual(byId.get('CVE-2024-29041')?.products, ['pkg:npm/express@4.18.2']);
    assert.deepEqual(byId.get('CVE-2021-23337')?.products, ['pkg:npm/lodash@4.17.20']);
    assert.deepEqual(byId.get('CVE-2024-4067')?.products, []);
    assert.equal(byId.get('CVE-2024-4067')?.timestamp, '2024-03-01T10:00:00Z', 'metadata.timestamp when undated');
  });

  it('resolves a BOM-Link to the component of its fragment', () => {
    const text = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      metadata: { component: { type: 'application', 'bom-ref': 'app', name: 'app' } },
      components: [{ type: 'library', 'bom-ref': 'pkg:npm/a@1', name: 'a', purl: 'pkg:npm/a@1' }],
      vulnerabilities: [
        {
          id: 'CVE-1',
          analysis: { state: 'resolved' },
          affects: [
            { ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg%3Anpm%2Fa%401' },
            { ref: 'urn:cdx:x/1#app' },
          ],
        },
      ],
    });
    assert.deepEqual(parseVexFile('x.vex.cdx.json', text).vex?.[0].products, ['pkg:npm/a@1']);
  });

  it('reports unknown states and justifications at the value, and notes another specVersion', () => {
    const text = JSON.stringify(
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.2',
        vulnerabilities: [
          { id: 'CVE-1', analysis: { state: 'maybe' } },
          { id: 'CVE-2', analysis: { state: 'not_affected', justification: 'trust_me' } },
          { analysis: { state: 'resolved' } },
        ],
      },
      null,
      2,
    );
    const vex = parseVexFile('x.vex.cdx.json', text);
    assert.deepEqual(
      vex.findings.map((f) => f.message.replace(/;.*$/, '')),
      [
        'x.vex.cdx.json: CVE-1: unknown analysis.state "maybe"',
        'x.vex.cdx.json: CVE-2: unknown analysis.justification "trust_me"',
        "x.vex.cdx.json: vulnerability 3 has no 'id'",
      ],
    );
    assert.equal(vex.vex?.length, 1);
    assert.match(vex.notes[0], /specVersion "1\.2"/);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseVexFile } from './vexFile';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/vex');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');

describe('CSAF VEX', () => {
  const index = parseVexFile('csaf/app-vex.json', read('csaf/app-vex.json'));
  const [log4j, lodash, unknown] = index.vex ?? [];

  it('reads one statement per vulnerability and product status entry, located at the product ID', () => {
    assert.deepEqual(index.findings, []);
    assert.equal(index.vex?.length, 3);
    assert.equal(log4j.vulnerability, 'CVE-2021-44228');
    assert.deepEqual(log4j.aliases, ['GHSA-jfh8-c2jp-5v3q']);
    assert.equal(log4j.source, 'csaf');
    assert.equal(log4j.author, 'Example Medical');
    const line =
      read('csaf/app-vex.json')
        .split('\n')
        .findIndex((l) => l.includes('"known_not_affected"')) + 1;
    assert.equal(log4j.range.line, line);
  });

  it('takes the purl of a relationship from its component, the justification from a flag of its group', () => {
    assert.deepEqual(log4j.products, ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1']);
    assert.equal(log4j.status, 'not_affected');
    assert.equal(log4j.justification, 'vulnerable_code_not_in_execute_path');
    assert.equal(log4j.impactStatement, 'JNDI lookups are disabled by configuration (RC-007).');
    assert.deepEqual(log4j.links, ['RC-007']);
    assert.equal(log4j.timestamp, '2024-03-01T11:00:00Z', 'the flag date');
  });

  it('reads remediations as action statements and falls back to the release date', () => {
    assert.equal(lodash.status, 'affected');
    assert.deepEqual(lodash.products, ['pkg:npm/lodash@4.17.20']);
    assert.equal(lodash.actionStatement, 'Upgrade lodash to 4.17.21.');
    assert.equal(lodash.timestamp, '2024-03-02T10:00:00Z');
    assert.equal(unknown.status, 'under_investigation');
    assert.deepEqual(unknown.products, ['UNKNOWN-PRODUCT']);
    assert.equal(unknown.timestamp, '2024-03-02T12:00:00Z');
    assert.match(index.notes.join('\n'), /"UNKNOWN-PRODUCT" is not in the product tree/);
  });

  it('reads no other CSAF category, and reports an unknown flag label', () => {
    const advisory = parseVexFile('csaf/a.json', '{"document": {"category": "csaf_security_advisory"}}');
    assert.equal(advisory.vex, undefined);
    assert.match(advisory.findings[0].message, /"csaf_security_advisory" is not csaf_vex/);
    const bad = parseVexFile(
      'csaf/b.json',
      JSON.stringify({
        document: { category: 'csaf_vex', csaf_version: '2.0' },
        vulnerabilities: [
          {
            cve: 'CVE-1',
            product_status: { known_not_affected: ['P'] },
            flags: [{ label: 'odd', product_ids: ['P'] }],
          },
          { notes: [] },
        ],
      }),
    );
    assert.equal(bad.vex?.length, 1);
    assert.deepEqual(
      bad.findings.map((f) => f.message.replace(/;.*$/, '')),
      ['b.json: CVE-1: unknown flag label "odd"', "b.json: vulnerability 2 has no 'cve' or 'ids'"],
    );
  });
});

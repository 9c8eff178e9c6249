import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVexFile } from './vexFile';
import { vexLinks } from './vexStatement';

describe('VEX files', () => {
  it('reports invalid JSON at the error and uses no statement', () => {
    const index = parseVexFile('vex/a.json', '{\n  "statements": [\n}');
    assert.equal(index.vex, undefined);
    assert.equal(index.findings.length, 1);
    assert.equal(index.findings[0].line, 3);
    assert.match(index.findings[0].message, /is not valid JSON/);
  });

  it('reports a JSON file that is no VEX document at its start', () => {
    for (const text of ['{"name": "x"}', '[]', '']) {
      const index = parseVexFile('vex/a.json', text);
      assert.equal(index.vex, undefined);
      assert.equal(index.findings.length, 1, text);
      assert.equal(index.findings[0].code, 'config-error');
    }
    assert.match(parseVexFile('vex/a.json', '{"name": "x"}').findings[0].message, /is not a VEX document/);
  });

  it('records the format it told by the content (the quick fixes edit OpenVEX and CycloneDX files)', () => {
    const format = (text: string) => parseVexFile('v.json', text).format;
    assert.equal(format('{"@context": "https://openvex.dev/ns/v0.2.0", "statements": []}'), 'openvex');
    assert.equal(format('{"bomFormat": "CycloneDX", "specVersion": "1.6"}'), 'cyclonedx');
    assert.equal(format('{"document": {"category": "csaf_vex"}}'), 'csaf');
    assert.equal(format('{"document": {"category": "csaf_base"}}'), undefined);
    assert.equal(format('{"@context": "https://openvex.dev/ns/v0.2.0",'), undefined);
  });

  it('never throws on hostile input', () => {
    const deep = '['.repeat(100_000);
    assert.equal(parseVexFile('vex/a.json', deep).findings.length, 1);
    const odd =
      '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[1,null,{"vulnerability":{"name":"A-1"},"status":"fixed","products":[{"subcomponents":[1,{"@id":7}]}]}]}';
    const index = parseVexFile('vex/a.json', odd);
    assert.equal(index.vex?.length, 1);
    assert.equal(index.findings.length, 2);
  });

  it('reads large documents without trouble: many statements and products, a long text', () => {
    const statements = Array.from({ length: 500 }, (_, i) => ({
      vulnerability: { name: `CVE-2024-${i}` },
      products: Array.from({ length: 10 }, (_, k) => ({ '@id': `pkg:npm/p${k}@1.0.${i}` })),
      status: 'not_affected',
      impact_statement: i === 0 ? `${'TH-'.repeat(50_000)}1 ${'A'.repeat(100_000)}` : 'see TH-1',
    }));
    const index = parseVexFile(
      'vex/big.json',
      JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', statements }),
    );
    assert.equal(index.vex?.length, 500);
    assert.equal(index.vex?.[499].products.length, 10);
    assert.deepEqual(index.vex?.[0].links, [], 'TH-TH has no digit; the TH-1 inside the run is no word start');
    assert.deepEqual(index.vex?.[1].links, ['TH-1']);
    const csaf = {
      document: { category: 'csaf_vex', csaf_version: '2.0' },
      product_tree: { branches: [{ branches: [{ branches: [{ product: { product_id: 'P', name: 'p' } }] }] }] },
      vulnerabilities: [{ cve: 'CVE-1', product_status: { fixed: Array.from({ length: 5000 }, () => 'P') } }],
    };
    assert.equal(parseVexFile('csaf/big.json', JSON.stringify(csaf)).vex?.length, 5000);
  });
});

describe('vexLinks', () => {
  it('keeps item-like IDs and drops advisory and weakness IDs', () => {
    assert.deepEqual(vexLinks('see RC-004, TH-12.3. CVE-2024-1 GHSA-abcd-1234 CWE-79 X-Frame a-TH-1 SR-7'), [
      'RC-004',
      'TH-12.3',
      'SR-7',
    ]);
  });

  it('is linear on long runs of capitals', () => {
    const text = 'A'.repeat(200_000);
    assert.deepEqual(vexLinks(text, `${text}-1`), ['A'.repeat(200_000) + '-1'].slice(0, 1));
  });
});

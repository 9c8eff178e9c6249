import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { DEFAULT_VULNERABILITIES } from '../core/config';
import { parseVexFile } from '../core/soup/vexFile';
import { VexStatement } from '../core/soup/vexStatement';
import {
  buildVexDocument,
  contentUuid,
  serializeVexDocument,
  VexDocumentOptions,
  VexEntry,
  vexEntries,
} from './vexDocument';

const SCHEMAS = path.resolve(__dirname, '../../../test/fixtures/vex/schemas');
const schema = (name: string) => JSON.parse(readFileSync(path.join(SCHEMAS, name), 'utf8'));
const formats = {
  uri: (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s),
  'date-time': (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(s),
  'iri-reference': () => true,
  'uri-reference': () => true,
  'idn-email': () => true,
  email: () => true,
};
const validateOpenVex = new Ajv2020({ allErrors: true, strictTypes: false, formats }).compile(
  schema('openvex_json_schema.json'),
);
const cdx = new Ajv({ allErrors: true, strict: false, formats });
// bom-1.6 refers to its neighbours by their file names: register them under those.
cdx.addSchema({ ...schema('spdx.SNAPSHOT.schema.json'), $id: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json' });
cdx.addSchema({
  ...schema('jsf-0.82.SNAPSHOT.schema.json'),
  $id: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json',
});
const validateCycloneDx = cdx.compile(schema('bom-1.6.SNAPSHOT.schema.json'));

const at = { line: 1, column: 1, endLine: 1, endColumn: 2 };
const statement = (over: Partial<VexStatement>): VexStatement => ({
  vulnerability: 'CVE-2024-1',
  aliases: [],
  products: [],
  status: 'not_affected',
  links: [],
  source: 'soup',
  file: 'docs/soup.md',
  range: at,
  ...over,
});

const entries: VexEntry[] = [
  {
    vulnerability: 'GHSA-rv95-896h-c2vc',
    aliases: ['CVE-2024-29041'],
    products: ['pkg:npm/express@4.18.2'],
    statement: statement({
      justification: 'vulnerable_code_not_in_execute_path',
      impactStatement: 'never called with user input',
      timestamp: '2024-03-05T09:30:00Z',
    }),
  },
  {
    vulnerability: 'CVE-2021-23337',
    aliases: [],
    products: ['pkg:npm/lodash@4.17.20'],
    statement: statement({ status: 'affected', actionStatement: 'risk accepted: TH-002', timestamp: '2024-02-01' }),
  },
  { vulnerability: 'CVE-2024-4067', aliases: [], products: ['pkg:npm/micromatch@4.0.5'] },
  {
    vulnerability: 'CVE-2023-0001',
    aliases: [],
    products: ['pkg:npm/left-pad@1.3.0'],
    statement: statement({ status: 'not_affected' }),
  },
  {
    vulnerability: 'CVE-2023-0002',
    aliases: [],
    products: ['pkg:npm/%40scope/b@2.0.0', 'pkg:npm/a@1.0.0'],
    statement: statement({ status: 'fixed', statusNotes: 'upgraded' }),
  },
  {
    vulnerability: 'CVE-2023-0003',
    aliases: [],
    products: ['local-lib'],
    statement: statement({ status: 'affected' }),
  },
];
const options = (format: 'openvex' | 'cyclonedx'): VexDocumentOptions => ({
  format,
  author: 'Example Medical',
  product: 'example-app',
  tool: { name: 'seclife', version: '0.0.0-test' },
});

describe('the OpenVEX document', () => {
  const doc = buildVexDocument(entries, options('openvex')) as { statements: Array<Record<string, unknown>> } & Record<
    string,
    unknown
  >;

  it('is valid against the OpenVEX 0.2.0 schema', () => {
    assert.ok(validateOpenVex(doc), JSON.stringify(validateOpenVex.errors, null, 2));
    const both = { ...doc, statements: [{ ...doc.statements[5], impact_statement: 'x' }] };
    assert.equal(validateOpenVex(both), false, 'the schema takes a justification or an impact statement, not both');
  });

  it('sorts statements, dates the document by its newest decision and keeps a labelled impact in status_notes', () => {
    assert.deepEqual(
      doc.statements.map((s) => (s.vulnerability as { name: string }).name),
      ['CVE-2021-23337', 'CVE-2023-0001', 'CVE-2023-0002', 'CVE-2023-0003', 'CVE-2024-4067', 'GHSA-rv95-896h-c2vc'],
    );
    assert.equal(doc.timestamp, '2024-03-05T09:30:00Z');
    const express = doc.statements[5];
    assert.equal(express.justification, 'vulnerable_code_not_in_execute_path');
    assert.equal(express.impact_statement, undefined);
    assert.equal(express.status_notes, 'never called with user input');
    assert.deepEqual(express.vulnerability, { name: 'GHSA-rv95-896h-c2vc', aliases: ['CVE-2024-29041'] });
    assert.deepEqual(doc.statements[2].products, [{ '@id': 'pkg:npm/%40scope/b@2.0.0' }, { '@id': 'pkg:npm/a@1.0.0' }]);
    assert.deepEqual(doc.statements[3].products, [{ '@id': 'pkg:generic/local-lib' }]);
    assert.equal(doc.statements[4].status, 'under_investigation');
    assert.equal(doc.statements[4].status_notes, 'no decision recorded yet');
    assert.match(
      doc['@id'] as string,
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('is the same text for the same decisions in any order, and another ID for other decisions', () => {
    const a = serializeVexDocument(entries, options('openvex'));
    assert.equal(serializeVexDocument([...entries].reverse(), options('openvex')), a);
    const changed = serializeVexDocument(entries.slice(1), options('openvex'));
    assert.notEqual(JSON.parse(changed)['@id'], JSON.parse(a)['@id']);
    assert.notEqual(contentUuid('a'), contentUuid('b'));
  });

  it('takes the fallback time when no decision is dated', () => {
    const undated = buildVexDocument([entries[2]], {
      ...options('openvex'),
      fallbackTimestamp: '2024-01-01T00:00:00Z',
    });
    assert.equal(undated.timestamp, '2024-01-01T00:00:00Z');
    assert.equal(buildVexDocument([entries[2]], options('openvex')).timestamp, '1970-01-01T00:00:00Z');
  });
});

describe('the CycloneDX VEX document', () => {
  const doc = buildVexDocument(entries, options('cyclonedx')) as Record<string, unknown>;
  const vulns = doc.vulnerabilities as Array<{ id: string; analysis: Record<string, unknown>; affects: unknown[] }>;

  it('is valid against the CycloneDX 1.6 schema', () => {
    assert.ok(validateCycloneDx(doc), JSON.stringify(validateCycloneDx.errors, null, 2));
    const bogus = { ...doc, vulnerabilities: [{ id: 'CVE-1', analysis: { state: 'bogus' } }] };
    assert.equal(validateCycloneDx(bogus), false, 'the schema is applied');
  });

  it('maps statuses and justifications, lists every product as a component', () => {
    const byId = new Map(vulns.map((v) => [v.id, v]));
    assert.deepEqual(byId.get('GHSA-rv95-896h-c2vc')?.analysis, {
      state: 'not_affected',
      justification: 'code_not_reachable',
      detail: 'never called with user input',
      lastUpdated: '2024-03-05T09:30:00Z',
    });
    assert.deepEqual(byId.get('CVE-2021-23337')?.analysis.response, ['will_not_fix']);
    assert.equal(byId.get('CVE-2024-4067')?.analysis.state, 'in_triage');
    assert.equal(byId.get('CVE-2023-0002')?.analysis.state, 'resolved');
    const components = doc.components as Array<Record<string, string>>;
    assert.deepEqual(
      components.map((c) => c['bom-ref']),
      [
        'local-lib',
        'pkg:npm/%40scope/b@2.0.0',
        'pkg:npm/a@1.0.0',
        'pkg:npm/express@4.18.2',
        'pkg:npm/left-pad@1.3.0',
        'pkg:npm/lodash@4.17.20',
        'pkg:npm/micromatch@4.0.5',
      ],
    );
    assert.equal(components[1].group, '@scope');
    assert.equal(components[1].name, 'b');
  });

  it('reads back as the same decisions with the CycloneDX VEX parser', () => {
    const back = parseVexFile('out.vex.cdx.json', serializeVexDocument(entries, options('cyclonedx')));
    assert.deepEqual(back.findings, []);
    const express = back.vex?.find((s) => s.vulnerability === 'GHSA-rv95-896h-c2vc');
    assert.equal(express?.justification, 'vulnerable_code_not_in_execute_path');
    assert.deepEqual(express?.products, ['pkg:npm/express@4.18.2']);
    assert.deepEqual(express?.aliases, ['CVE-2024-29041']);
  });

  it('reads back as OpenVEX too', () => {
    const back = parseVexFile('out.openvex.json', serializeVexDocument(entries, options('openvex')));
    assert.deepEqual(back.findings, []);
    assert.equal(back.vex?.length, 6);
  });
});

describe('vexEntries', () => {
  it('takes the decision of the item or a VEX file for each advisory and package', () => {
    const hits = [
      {
        advisory: { id: 'GHSA-rv95-896h-c2vc', aliases: ['CVE-2024-29041'] },
        name: 'express',
        version: '4.18.2',
        ecosystem: 'npm' as const,
        purl: 'pkg:npm/express@4.18.2',
        itemId: 'SOUP-express',
      },
      {
        advisory: { id: 'CVE-2021-23337', aliases: [] },
        name: 'lodash',
        version: '4.17.20',
        ecosystem: 'npm' as const,
      },
      {
        advisory: { id: 'CVE-2021-23337', aliases: [] },
        name: 'lodash',
        version: '4.17.20',
        ecosystem: 'npm' as const,
      },
    ];
    const soup = statement({ vulnerability: 'CVE-2024-29041', impactStatement: 'never called' });
    const file = statement({
      vulnerability: 'CVE-2021-23337',
      products: ['pkg:npm/lodash@4.17.20'],
      status: 'affected',
      source: 'openvex',
    });
    const other = statement({
      vulnerability: 'CVE-2021-23337',
      products: ['pkg:npm/lodash@4.17.21'],
      source: 'openvex',
    });
    const out = vexEntries(
      hits,
      (id) => (id === 'SOUP-express' ? [soup] : []),
      [other, file],
      DEFAULT_VULNERABILITIES,
      new Date('2024-06-01T00:00:00Z'),
    );
    assert.equal(out.length, 2);
    assert.equal(out[0].statement, soup);
    assert.deepEqual(out[1].products, ['lodash'], 'the name when the package has no purl');
    assert.equal(out[1].statement, file);
  });
});

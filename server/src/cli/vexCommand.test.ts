import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { REPO_ROOT } from '../testing/workspaces';
import { main } from './main';

const SCHEMAS = path.join(REPO_ROOT, 'test/fixtures/vex/schemas');
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
cdx.addSchema({ ...schema('spdx.SNAPSHOT.schema.json'), $id: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json' });
cdx.addSchema({
  ...schema('jsf-0.82.SNAPSHOT.schema.json'),
  $id: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json',
});
const validateCycloneDx = cdx.compile(schema('bom-1.6.SNAPSHOT.schema.json'));

/** Validates without narrowing `doc` (a compiled schema is a type guard). */
const valid = (validate: (d: unknown) => boolean, doc: unknown) => validate(doc);

const temp = mkdtempSync(path.join(tmpdir(), 'seclife-vex-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const ws = path.join(temp, 'pump-bridge');
cpSync(path.join(REPO_ROOT, 'test/fixtures/soup/workspace-check'), ws, { recursive: true });
mkdirSync(path.join(ws, 'vex'));
writeFileSync(
  path.join(ws, 'vex/lodash.openvex.json'),
  JSON.stringify({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://example.com/vex/1',
    author: 'Supplier',
    timestamp: '2024-04-01T00:00:00Z',
    version: 1,
    statements: [
      {
        vulnerability: { name: 'GHSA-29mw-wpgm-hmr9' },
        products: [{ '@id': 'pkg:npm/lodash@4.17.20' }],
        status: 'affected',
        action_statement: 'upgrade to 4.17.21 (RC-004)',
      },
      {
        vulnerability: { name: 'GHSA-35jh-r3h4-6jhm' },
        products: [{ '@id': 'pkg:npm/lodash@4.17.20' }],
        status: 'fixed',
      },
    ],
  }),
);

async function vex(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const status = await main(['vex', ...args], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: temp,
    env,
    isTTY: false,
  });
  return { status, stdout, stderr };
}

describe('seclife vex', () => {
  it('writes OpenVEX that the schema accepts, with the decision of the item or the VEX file', async () => {
    const r = await vex(['pump-bridge']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.ok(valid(validateOpenVex, doc), JSON.stringify(validateOpenVex.errors, null, 2));
    assert.equal(doc.author, 'pump-bridge');
    assert.deepEqual(
      doc.statements.map((s: { vulnerability: { name: string }; status: string }) => [s.vulnerability.name, s.status]),
      [
        ['GHSA-29mw-wpgm-hmr9', 'affected'],
        ['GHSA-35jh-r3h4-6jhm', 'not_affected'],
      ],
      'the VEX file decides the advisory the item leaves open; the item’s undated disposition wins over the file',
    );
    assert.equal(doc.timestamp, '2024-04-01T00:00:00Z', 'the newest decision');
    assert.equal((await vex(['pump-bridge'])).stdout, r.stdout, 'reproducible');
  });

  it('writes CycloneDX 1.6 that the schema accepts, to a file with --output', async () => {
    const r = await vex(['pump-bridge', '--format', 'cyclonedx', '-o', 'out/vex.cdx.json', '--author', 'Example']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /wrote CycloneDX VEX for 2 advisories affecting packages in use to out\/vex\.cdx\.json/);
    const doc = JSON.parse(readFileSync(path.join(temp, 'out/vex.cdx.json'), 'utf8'));
    assert.ok(valid(validateCycloneDx, doc), JSON.stringify(validateCycloneDx.errors, null, 2));
    assert.deepEqual(doc.metadata.authors, [{ name: 'Example' }]);
    assert.deepEqual(
      doc.vulnerabilities.map((v: { analysis: { state: string } }) => v.analysis.state),
      ['exploitable', 'not_affected'],
    );
  });

  it('dates a document without dated decisions by SOURCE_DATE_EPOCH', async () => {
    rmSync(path.join(ws, 'vex/lodash.openvex.json'));
    const r = await vex(['pump-bridge'], { SOURCE_DATE_EPOCH: '1704067200' });
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.timestamp, '2024-01-01T00:00:00Z');
    assert.equal(doc.statements[0].status, 'under_investigation');
    assert.ok(valid(validateOpenVex, doc), JSON.stringify(validateOpenVex.errors, null, 2));
  });

  it('usage errors: one line on stderr, exit 2; --help', async () => {
    for (const [args, expected] of [
      [['--format', 'spdx'], /unknown format 'spdx' \(expected openvex or cyclonedx\)/],
      [['a', 'b'], /vex takes one directory/],
      [['--output', ''], /--output needs a file name/],
      [['no-such-dir'], /cannot read 'no-such-dir'/],
      [['--frob'], /unknown option '--frob'/],
    ] as Array<[string[], RegExp]>) {
      const r = await vex(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, expected);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
    const help = await vex(['--help']);
    assert.match(help.stdout, /^Usage: seclife vex/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_VULNERABILITIES } from '../config';
import { advisoryDataStale, applicableStatement, checkVex, productMatches, severityKey, VexAdvisory } from './vexCheck';
import { VexStatement } from './vexStatement';

let line = 0;
const statement = (over: Partial<VexStatement>): VexStatement => ({
  vulnerability: 'CVE-2024-1',
  aliases: [],
  products: [],
  status: 'not_affected',
  justification: 'component_not_present',
  links: [],
  source: 'openvex',
  file: 'vex/a.openvex.json',
  range: { line: ++line, column: 1, endLine: line, endColumn: 2 },
  ...over,
});
const advisory: VexAdvisory = {
  id: 'GHSA-aaaa-bbbb-cccc',
  aliases: ['CVE-2024-1'],
  package: 'express',
  ecosystem: 'npm',
  version: '4.18.2',
};
const now = new Date('2024-06-01T00:00:00Z');
const run = (statements: VexStatement[], advisories: VexAdvisory[] = [advisory]) =>
  checkVex({ advisories, statements, config: DEFAULT_VULNERABILITIES, now });

describe('checkVex: matching', () => {
  it('matches by alias and by product purl, name and version', () => {
    assert.equal(productMatches('pkg:npm/express@4.18.2', advisory), true);
    assert.equal(productMatches('pkg:npm/express', advisory), true);
    assert.equal(productMatches('pkg:npm/express@4.17.0', advisory), false);
    assert.equal(productMatches('pkg:pypi/express@4.18.2', advisory), false);
    assert.equal(productMatches('Express', advisory), true);
    assert.equal(productMatches('pkg:npm/%40types/node@1', { package: '@types/node', ecosystem: 'npm' }), true);
    assert.equal(productMatches('pkg:maven/org.x/core@1', { package: 'org.x:core', ecosystem: 'maven' }), true);
    const s = statement({ products: ['pkg:npm/lodash@4.17.20'] });
    assert.equal(run([s]).decisions[0].statement, undefined);
    const t = statement({
      vulnerability: 'ghsa-AAAA-bbbb-cccc',
      products: ['pkg:generic/app@1', 'pkg:npm/express@4.18.2'],
    });
    assert.equal(run([s, t]).decisions[0].statement, t);
  });
});

describe('checkVex: precedence', () => {
  it('the latest timestamp wins within a source; undated loses to dated', () => {
    const old = statement({ timestamp: '2024-01-01T00:00:00Z' });
    const undated = statement({});
    const recent = statement({ timestamp: '2024-02-01T00:00:00Z', status: 'fixed' });
    assert.equal(applicableStatement([undated, old, recent]), recent);
    assert.equal(applicableStatement([undated, statement({})]), undated, 'ties keep the first');
  });

  it('a SOUP disposition wins over a VEX file unless both are dated and the file is later', () => {
    const soup = statement({ source: 'soup' });
    const file = statement({ timestamp: '2024-02-01T00:00:00Z' });
    assert.equal(applicableStatement([file, soup]), soup);
    const datedSoup = statement({ source: 'soup', timestamp: '2024-01-01T00:00:00Z' });
    assert.equal(applicableStatement([file, datedSoup]), file);
    assert.equal(applicableStatement([statement({ timestamp: '2023-12-01T00:00:00Z' }), datedSoup]), datedSoup);
    const { decisions } = run([file, datedSoup]);
    assert.deepEqual(decisions[0].overridden, [datedSoup]);
  });
});

describe('checkVex: findings', () => {
  it('vex-justification-missing for a VEX-file not_affected without justification or impact statement', () => {
    const bare = statement({ justification: undefined });
    const withImpact = statement({ justification: undefined, impactStatement: 'never loaded' });
    const soup = statement({ source: 'soup', justification: undefined });
    const { findings } = run([bare, withImpact, soup], []);
    assert.deepEqual(
      findings.map((f) => [f.code, f.line, f.severity]),
      [['vex-justification-missing', bare.range.line, 'warning']],
    );
  });

  it('vex-stale when the advisory changed after the decision', () => {
    const s = statement({ timestamp: '2024-03-01T00:00:00Z' });
    const stale = run([s], [{ ...advisory, modified: '2024-04-01T00:00:00Z' }]);
    assert.deepEqual(
      stale.findings.map((f) => f.code),
      ['vex-stale'],
    );
    assert.match(stale.findings[0].message, /CVE-2024-1 \(GHSA-aaaa-bbbb-cccc\) was modified on 2024-04-01/);
    assert.deepEqual(run([s], [{ ...advisory, modified: '2024-02-01T00:00:00Z' }]).findings, []);
    assert.deepEqual(run([statement({})], [{ ...advisory, modified: '2024-04-01T00:00:00Z' }]).findings, []);
  });

  it('under-investigation-overdue by severity, with the default for the rest', () => {
    const s = statement({ status: 'under_investigation', justification: undefined, timestamp: '2024-05-10T00:00:00Z' });
    const codes = (severity?: string) => run([s], [{ ...advisory, severity }]).findings.map((f) => f.code);
    assert.deepEqual(codes('critical'), ['under-investigation-overdue'], '22 days > 7');
    assert.deepEqual(codes('HIGH'), ['under-investigation-overdue'], '22 days > 14');
    assert.deepEqual(codes('moderate'), [], '22 days ≤ 30');
    assert.deepEqual(codes(undefined), []);
    const old = statement({ status: 'under_investigation', timestamp: '2024-01-01T00:00:00Z' });
    assert.deepEqual(
      run([old], [{ ...advisory, severity: 'unknown' }]).findings.map((f) => f.code),
      ['under-investigation-overdue'],
    );
    const off = checkVex({
      advisories: [{ ...advisory, severity: 'critical' }],
      statements: [s],
      config: { ...DEFAULT_VULNERABILITIES, underInvestigationDays: { critical: 0, default: 30 } },
      now,
    });
    assert.deepEqual(off.findings, []);
  });

  it('reads severities as words or CVSS scores', () => {
    assert.deepEqual(
      ['CRITICAL', 'moderate', 'Low', '9.8', '7.0', '4', '0.1', '0', '11', 'CVSS:3.1/AV:N', undefined].map(severityKey),
      ['critical', 'medium', 'low', 'critical', 'high', 'medium', 'low', 'default', 'default', 'default', 'default'],
    );
  });

  it('advisory-data-stale after maxAdvisoryAgeDays, never with 0 or an unknown time', () => {
    const at = { file: 'audit.json', range: { line: 1, column: 1, endLine: 1, endColumn: 2 } };
    assert.equal(
      advisoryDataStale('2024-04-01T00:00:00Z', DEFAULT_VULNERABILITIES, now, at)?.code,
      'advisory-data-stale',
    );
    assert.equal(advisoryDataStale('2024-05-15T00:00:00Z', DEFAULT_VULNERABILITIES, now, at), undefined);
    assert.equal(
      advisoryDataStale('2020-01-01', { ...DEFAULT_VULNERABILITIES, maxAdvisoryAgeDays: 0 }, now, at),
      undefined,
    );
    assert.equal(advisoryDataStale(undefined, DEFAULT_VULNERABILITIES, now, at), undefined);
    assert.equal(advisoryDataStale('yesterday', DEFAULT_VULNERABILITIES, now, at), undefined);
  });
});

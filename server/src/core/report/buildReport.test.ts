import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor } from '../../testing/workspaces';
import { recordBaseline, serializeBaseline, BASELINE_FILE } from '../review/baseline';
import { buildReportModel } from './buildReport';

const CONTEXT = { tool: { name: 'seclife', version: '0.0.0' }, project: 'demo' };
const FILES: Record<string, string> = {
  'seclife.json': JSON.stringify({ gate: { coverage: { SR: 100 } } }),
  'docs/threats.md': [
    '## TH-001: Credential stuffing',
    'Category: Spoofing',
    'Severity: high',
    'Status: mitigated',
    '',
    '## TH-002: Insider reads <script>alert(1)</script>',
    'Category: Information disclosure',
    'Severity: low',
    'Status: accepted',
    'Accepted-by: CISO',
    'Rationale: audited, low impact',
    '',
    '## RC-001: Lockout',
    'Mitigates: TH-001',
    'Derived-from: SR-001',
    '',
  ].join('\n'),
  'docs/req.md': '## SR-001: Lock accounts\nDerived-from: TH-001\n\n## SR-002: Log logins\n',
  'docs/soup.md':
    '| ID | Title | Version | Supplier | Class | Package | Vulnerabilities |\n|---|---|---|---|---|---|---|\n| SOUP-left | left-pad | 1.3.0 | npm | maintained | left-pad | GHSA-xxxx-yyyy-zzzz not-affected -- not reachable |\n',
  'package.json': JSON.stringify({ name: 'demo', dependencies: { 'left-pad': '1.3.0' } }),
  'src/lock.ts':
    '// @implements SR-001, RC-001\nexport function lock() {}\n// @mitigates TH-001\nexport function throttle() {}\n',
  'src/rand.ts': '// seclife-ignore-next-line js/weak-random -- jitter only\nexport const token = Math.random();\n',
  'test/lock.test.ts': '// @verifies SR-001, RC-001\n',
};

test('the model: matrix rows with links up and down, threats, residual risks, rules, suppressions, SOUP, gate', async () => {
  const engine = await engineFor(FILES);
  const m = buildReportModel(engine, CONTEXT);
  const sr1 = m.items.find((i) => i.id === 'SR-001')!;
  assert.deepEqual(
    { up: sr1.up, down: sr1.down, code: sr1.code, tests: sr1.tests, unmet: sr1.unmet },
    {
      up: ['TH-001'],
      down: ['RC-001'],
      code: [{ file: 'src/lock.ts', line: 1, symbol: 'lock' }],
      tests: [{ file: 'test/lock.test.ts', line: 1 }],
      unmet: [],
    },
  );
  assert.deepEqual(m.items.find((i) => i.id === 'SR-002')!.unmet, ['implemented', 'verified']);
  assert.deepEqual(
    m.threats.map((t) => [t.id, t.category, t.severity, t.status, t.controls.join(' '), t.mitigated]),
    [
      ['TH-001', 'Spoofing', 'high', 'mitigated', '@mitigates src/lock.ts:3 RC-001', true],
      ['TH-002', 'Information disclosure', 'low', 'accepted', '', true],
    ],
  );
  assert.deepEqual(m.residualRisks, [
    {
      id: 'TH-002',
      title: 'Insider reads <script>alert(1)</script>',
      status: 'accepted',
      acceptedBy: 'CISO',
      rationale: 'audited, low impact',
      severity: 'low',
    },
  ]);
  assert.deepEqual(
    m.rules.map((r) => [r.rule, r.cwe, r.findings.map((f) => `${f.file}:${f.line} ${f.suppression}`)]),
    [['js/weak-random', 'CWE-338', ['src/rand.ts:2 jitter only']]],
  );
  assert.deepEqual(m.suppressions, [
    {
      file: 'src/rand.ts',
      line: 1,
      scope: 'next-line',
      rules: ['js/weak-random'],
      justification: 'jitter only',
      silenced: 1,
    },
  ]);
  assert.deepEqual(m.soup, [
    {
      id: 'SOUP-left',
      title: 'left-pad',
      version: '1.3.0',
      supplier: 'npm',
      class: 'maintained',
      dependencies: ['left-pad@1.3.0'],
      indirect: [],
      vulnerabilities: [{ id: 'GHSA-xxxx-yyyy-zzzz', disposition: 'not-affected', note: 'not reachable' }],
      covered: true,
    },
  ]);
  assert.deepEqual(m.unreadDependencyFiles, []);
  assert.deepEqual(m.unownedVulnerabilities, []);
  assert.equal(m.gate.passed, false);
  assert.deepEqual(
    m.gate.checks.map((c) => `${c.name} ${c.passed}`),
    ['failOn true', 'coverage.SR false'],
  );
  assert.deepEqual(m.counts, { error: 0, warning: 2, note: 0, suppressed: 1 });
  assert.equal(m.configText, FILES['seclife.json']);
  assert.equal(m.baseline, false);
  assert.deepEqual(m.suspectLinks, []);
});

test('suspect links are listed with their role and place', async () => {
  const engine = await engineFor(FILES);
  engine.updateFile(BASELINE_FILE, serializeBaseline(recordBaseline(engine.reviewSubject(), undefined).baseline));
  engine.updateFile('docs/req.md', FILES['docs/req.md'].replace('Lock accounts', 'Lock accounts for an hour'));
  const m = buildReportModel(engine, CONTEXT);
  assert.equal(m.baseline, true);
  assert.deepEqual(
    m.suspectLinks.map((s) => `${s.target} ${s.role} ${s.file}:${s.line}`),
    [
      'SR-001 Derived-from of RC-001 docs/threats.md:15',
      'SR-001 implements src/lock.ts:1',
      'SR-001 verifies test/lock.test.ts:1',
    ],
  );
  assert.equal(m.items.find((i) => i.id === 'SR-001')!.suspect, 3);
});

test('the model is the same for the same input', async () => {
  const a = JSON.stringify(buildReportModel(await engineFor(FILES), CONTEXT));
  const b = JSON.stringify(
    buildReportModel(await engineFor(Object.fromEntries(Object.entries(FILES).reverse())), CONTEXT),
  );
  assert.equal(a, b);
});

const VERIFIED: Record<string, string> = {
  'docs/x.md': '## SR-001: Works\n\n## SR-002: Fails\n\n## SR-003: Untested\n',
  'test/a.test.js': "// @verifies SR-001\ntest('works', () => {});\n// @verifies SR-002\ntest('fails', () => {});\n",
  'test-results/junit.xml':
    '<testsuites><testsuite name="a" timestamp="2026-01-01T00:00:00Z" time="0.2">\n<testcase name="works" classname="test" time="0.1"/>\n<testcase name="fails" classname="test" time="0.1"><failure message="no"/></testcase>\n</testsuite></testsuites>\n',
};

test('verification: the result files with the hashes the host passes, and each item its result', async () => {
  const engine = await engineFor(VERIFIED);
  const m = buildReportModel(engine, {
    ...CONTEXT,
    resultFileHashes: new Map([['test-results/junit.xml', 'ab'.repeat(32)]]),
  });
  assert.equal(m.verification.mode, 'results');
  assert.deepEqual(
    m.verification.resultFiles.map(({ dialect: _, ...f }) => f),
    [
      {
        file: 'test-results/junit.xml',
        sha256: 'ab'.repeat(32),
        format: 'junit',
        timestamp: '2026-01-01T00:00:00Z',
        durationMs: 200,
        totals: { passed: 1, failed: 1, errored: 0, skipped: 0, other: 0 },
        cases: 2,
        problems: 0,
        stale: false,
      },
    ],
  );
  assert.deepEqual(m.verification.items, { passed: 1, failed: 1, notRun: 0, annotated: 0, none: 1 });
  assert.deepEqual(
    m.items.map((i) => [i.id, i.verification?.status, i.verification?.counts.tests]),
    [
      ['SR-001', 'passed', 1],
      ['SR-002', 'failed', 1],
      ['SR-003', 'none', 0],
    ],
  );
  // No hash from the host: the entry has none.
  assert.equal(buildReportModel(engine, CONTEXT).verification.resultFiles[0].sha256, undefined);
});

test('verification without result files is annotated only: no result file, items annotated', async () => {
  const { 'test-results/junit.xml': _, ...files } = VERIFIED;
  const m = buildReportModel(await engineFor(files), CONTEXT);
  assert.deepEqual(m.verification, {
    mode: 'annotated-only',
    resultFiles: [],
    items: { passed: 0, failed: 0, notRun: 0, annotated: 2, none: 1 },
  });
  assert.equal(m.items[0].verification?.status, 'annotated');
  // Threats need no verification: no entry.
  const threats = buildReportModel(await engineFor(FILES), CONTEXT).items.filter((i) => i.kind === 'TH');
  assert.ok(threats.length > 0 && threats.every((i) => i.verification === undefined));
});

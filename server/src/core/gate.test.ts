import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor } from '../testing/workspaces';
import { evaluateGate, formatGate, formatPercent, GateInput } from './gate';
import { resolveConfig } from './config';
import { Finding, FindingCode } from './findings';

const finding = (code: string, severity: Finding['severity'], suppressed = false): Finding => ({
  code: code as FindingCode,
  severity,
  message: code,
  file: 'a.ts',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  ...(suppressed ? { suppression: { justification: 'ok', file: 'a.ts', line: 1 } } : {}),
});

function input(
  gate: GateInput['config']['gate'],
  findings: Finding[],
  coverage: GateInput['coverage'],
  failOn?: GateInput['failOn'],
): GateInput {
  return {
    config: { ...resolveConfig({ gate }), gate },
    configured: true,
    findings,
    coverage,
    failOn,
    isKnownCode: (c) => ['not-verified', 'js/sql-concat'].includes(c),
  };
}

test('failOn counts open findings at or above the threshold; suppressed ones do not count', () => {
  const findings = [finding('js/sql-concat', 'error', true), finding('not-verified', 'warning'), finding('x', 'note')];
  assert.equal(evaluateGate(input({ failOn: 'error' }, findings, {})).passed, true);
  const warning = evaluateGate(input({ failOn: 'warning' }, findings, {}));
  assert.equal(warning.passed, false);
  assert.equal(
    warning.checks[0].message,
    'failOn warning: 1 open finding at warning or above (1 warning); the gate allows none',
  );
  const note = evaluateGate(input({ failOn: 'note' }, findings, {}));
  assert.match(note.checks[0].message, /2 open findings at note or above \(1 warning, 1 note\)/);
  assert.equal(evaluateGate(input({ failOn: 'never' }, [finding('a', 'error')], {})).passed, true);
  // The command line's --fail-on replaces gate.failOn.
  assert.equal(evaluateGate(input({ failOn: 'warning' }, findings, {}, 'error')).passed, true);
  assert.equal(evaluateGate(input({}, [finding('a', 'error')], {})).passed, false, 'default failOn is error');
});

test('coverage: exact integer comparison, how many points and items are missing', () => {
  const cov = { SR: { total: 9, covered: 7 }, TH: { total: 3, covered: 3 }, RC: { total: 0, covered: 0 } };
  const r = evaluateGate(input({ coverage: { TH: 100, SR: 100, RC: 90 } }, [], cov));
  assert.deepEqual(
    r.checks.map((c) => [c.name, c.passed]),
    [
      ['failOn', true],
      ['coverage.SR', false],
      ['coverage.TH', true],
      ['coverage.RC', true],
    ],
  );
  assert.equal(
    r.checks[1].message,
    'SR coverage 77.7% (7/9) is below the required 100% by 22.2 points: 2 more items must be covered',
  );
  assert.equal(r.checks[2].message, 'TH coverage 100% (3/3) meets the required 100%');
  assert.equal(r.checks[3].message, 'RC coverage 100% (0/0) meets the required 90% (no items)');
  // 2/3 = 66.67%: meets 66, misses 66.7 (never rounded up into a pass).
  assert.equal(evaluateGate(input({ coverage: { SR: 66 } }, [], { SR: { total: 3, covered: 2 } })).passed, true);
  const near = evaluateGate(input({ coverage: { SR: 66.7 } }, [], { SR: { total: 3, covered: 2 } }));
  assert.equal(near.passed, false);
  assert.match(near.checks[1].message, /1 more item must be covered/);
  assert.equal(formatPercent(2, 3), '66.7%');
  assert.equal(formatPercent(2, 3, true), '66.6%');
  assert.match(near.checks[1].message, /^SR coverage 66\.6% \(2\/3\) is below the required 66\.7%/);
  assert.equal(formatPercent(1, 1), '100%');
});

test('an unknown kind or code fails the gate instead of silently passing', () => {
  const r = evaluateGate(
    input({ coverage: { XX: 50 }, maxFindings: { 'js/sql-concatt': 0 } }, [], { SR: { total: 1, covered: 1 } }),
  );
  assert.equal(r.passed, false);
  assert.match(r.checks[1].message, /^coverage\.XX: no kind 'XX' is configured \(kinds: SR, TH, RC, IF, SOUP, CS\)$/);
  assert.equal(r.checks[2].message, "maxFindings.js/sql-concatt: 'js/sql-concatt' is not a finding code or rule ID");
});

test('maxFindings: open findings per code against the maximum, with the excess', () => {
  const findings = [
    finding('js/sql-concat', 'warning'),
    finding('js/sql-concat', 'warning'),
    finding('js/sql-concat', 'warning', true),
    finding('not-verified', 'warning'),
  ];
  const r = evaluateGate(
    input({ failOn: 'never', maxFindings: { 'js/sql-concat': 1, 'not-verified': 1 } }, findings, {}),
  );
  assert.deepEqual(
    r.checks.map((c) => c.message),
    [
      'failOn never: findings do not fail the gate',
      'js/sql-concat: 2 open findings, at most 1 allowed (1 over)',
      'not-verified: 1 open finding, at most 1 allowed',
    ],
  );
  assert.deepEqual(formatGate(r), [
    'gate FAILED: 1 check of 3 failed',
    '  pass  failOn never: findings do not fail the gate',
    '  FAIL  js/sql-concat: 2 open findings, at most 1 allowed (1 over)',
    '  pass  not-verified: 1 open finding, at most 1 allowed',
  ]);
});

test('the engine evaluates the gate of seclife.json against its findings and coverage', async () => {
  const docs = '## SR-001: Lock accounts\n\n## SR-002: Log in\n';
  const engine = await engineFor({
    'seclife.json': JSON.stringify({
      gate: { failOn: 'error', coverage: { SR: 50 }, maxFindings: { 'not-verified': 1 } },
    }),
    'docs/req.md': docs,
    'src/a.ts': '// @implements SR-001\nexport const a = 1;\n',
    'test/a.test.ts': '// @verifies SR-001\n',
  });
  const gate = engine.gate();
  assert.equal(gate.configured, true);
  assert.deepEqual(
    gate.checks.map((c) => `${c.passed ? 'pass' : 'FAIL'} ${c.name}`),
    ['pass failOn', 'pass coverage.SR', 'pass maxFindings.not-verified'],
  );
  const unconfigured = await engineFor({ 'docs/req.md': docs });
  assert.equal(unconfigured.gate().configured, false);
  assert.equal(unconfigured.gate().passed, true);
  assert.equal(unconfigured.gate('warning').passed, false);
});

/**
 * The release gate (`gate` in `seclife.json`, IEC 81001-5-1 §5.8.1): a severity
 * threshold for open findings, a minimum coverage per kind, and a maximum of open
 * findings per code. `seclife check` and `seclife report` evaluate it; each check
 * says what was measured, what is required and by how much it misses.
 */
import { GateConfig, SeclifeConfig } from './config';
import { Finding, SEVERITY_RANK, Severity } from './findings';

export interface GateCheck {
  /** `failOn`, `coverage.SR`, `maxFindings.js/sql-concat`. */
  name: string;
  passed: boolean;
  /** What was measured and what the gate requires, in one sentence. */
  message: string;
}

export interface GateResult {
  /** Whether `seclife.json` has a `gate` at all. */
  configured: boolean;
  passed: boolean;
  checks: GateCheck[];
}

export type FailOn = Severity | 'never';

export interface GateInput {
  config: Pick<SeclifeConfig, 'gate' | 'kinds'>;
  /** Whether the workspace's `seclife.json` sets `gate` (defaults still give a `failOn: error` check). */
  configured: boolean;
  findings: readonly Finding[];
  coverage: Record<string, { total: number; covered: number }>;
  /** `gate.coverage.verification: "passed"` and how many test-result files were read. */
  verification?: { required: boolean; resultFiles: number };
  /** `--fail-on` given on the command line: replaces `gate.failOn`. */
  failOn?: FailOn;
  /** Whether a `maxFindings` key names a finding code or rule that exists. */
  isKnownCode: (code: string) => boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Percent with at most one decimal (rounded; `floor` rounds down, so a miss never reads as the target). */
export function formatPercent(covered: number, total: number, floor = false): string {
  if (total === 0) return '100%';
  const p = (floor ? Math.floor : Math.round)((covered * 1000) / total) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

function failOnCheck(threshold: FailOn, findings: readonly Finding[]): GateCheck {
  if (threshold === 'never')
    return { name: 'failOn', passed: true, message: 'failOn never: findings do not fail the gate' };
  const rank = SEVERITY_RANK[threshold];
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) if (!f.suppression && SEVERITY_RANK[f.severity] >= rank) bySeverity[f.severity]++;
  const total = bySeverity.error + bySeverity.warning + bySeverity.note;
  const level = threshold === 'error' ? 'error' : `${threshold} or above`;
  if (total === 0) return { name: 'failOn', passed: true, message: `failOn ${threshold}: no open finding at ${level}` };
  const parts = (['error', 'warning', 'note'] as const)
    .filter((s) => bySeverity[s] > 0)
    .map((s) => plural(bySeverity[s], s));
  return {
    name: 'failOn',
    passed: false,
    message: `failOn ${threshold}: ${plural(total, 'open finding')} at ${level} (${parts.join(', ')}); the gate allows none`,
  };
}

function coverageCheck(kind: string, required: number, input: GateInput): GateCheck {
  const name = `coverage.${kind}`;
  const c = input.coverage[kind];
  if (!input.config.kinds[kind] || !c) {
    return {
      name,
      passed: false,
      message: `${name}: no kind '${kind}' is configured (kinds: ${Object.keys(input.config.kinds).join(', ')})`,
    };
  }
  // Integer comparison: covered/total >= required/100 without floating-point rounding.
  const passed = c.covered * 100 >= required * c.total;
  const actual = `${kind} coverage ${formatPercent(c.covered, c.total, !passed)} (${c.covered}/${c.total})`;
  if (passed) {
    return {
      name,
      passed: true,
      message: `${actual} meets the required ${required}%${c.total === 0 ? ' (no items)' : ''}`,
    };
  }
  const short = Math.ceil((required * c.total) / 100 - 1e-9) - c.covered;
  const points = Math.round((required - (c.covered * 100) / c.total) * 10) / 10;
  return {
    name,
    passed: false,
    message: `${actual} is below the required ${required}% by ${points} points: ${plural(short, 'more item')} must be covered`,
  };
}

/** `gate.coverage.verification: "passed"`: verification must come from test results, so some must be read. */
function verificationCheck(resultFiles: number): GateCheck {
  const name = 'coverage.verification';
  if (resultFiles > 0) {
    return {
      name,
      passed: true,
      message: `verification from test results: ${plural(resultFiles, 'result file')} read; only linked tests that passed verify`,
    };
  }
  return {
    name,
    passed: false,
    message:
      'verification from test results is required (gate.coverage.verification "passed"), but no test-result file was read: no item counts as verified (see testResults in docs/verification.md)',
  };
}

function maxFindingsCheck(code: string, max: number, input: GateInput): GateCheck {
  const name = `maxFindings.${code}`;
  if (!input.isKnownCode(code))
    return { name, passed: false, message: `${name}: '${code}' is not a finding code or rule ID` };
  const open = input.findings.filter((f) => f.code === code && !f.suppression).length;
  const passed = open <= max;
  return {
    name,
    passed,
    message: `${code}: ${plural(open, 'open finding')}, at most ${max} allowed${passed ? '' : ` (${open - max} over)`}`,
  };
}

/** Evaluates the gate; checks come in a fixed order (failOn, coverage by kind order, maxFindings by code). */
export function evaluateGate(input: GateInput): GateResult {
  const gate: GateConfig = input.config.gate;
  const checks: GateCheck[] = [failOnCheck(input.failOn ?? gate.failOn ?? 'error', input.findings)];
  const order = Object.keys(input.config.kinds);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const kinds = Object.keys(gate.coverage ?? {}).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  if (input.verification?.required) checks.push(verificationCheck(input.verification.resultFiles));
  for (const kind of kinds) checks.push(coverageCheck(kind, gate.coverage![kind], input));
  for (const code of Object.keys(gate.maxFindings ?? {}).sort())
    checks.push(maxFindingsCheck(code, gate.maxFindings![code], input));
  return { configured: input.configured, passed: checks.every((c) => c.passed), checks };
}

/** The gate as text lines for a terminal or CI log. */
export function formatGate(result: GateResult): string[] {
  const failed = result.checks.filter((c) => !c.passed);
  const head = result.passed
    ? `gate passed${result.configured ? '' : ' (no gate in seclife.json; default failOn error)'}`
    : `gate FAILED: ${plural(failed.length, 'check')} of ${result.checks.length} failed`;
  const lines = [head];
  for (const c of result.checks)
    if (result.configured || !c.passed) lines.push(`  ${c.passed ? 'pass' : 'FAIL'}  ${c.message}`);
  return lines;
}

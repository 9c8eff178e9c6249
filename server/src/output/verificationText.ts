/**
 * The words every output uses for verification (docs/verification.md, Semantics; docs/ci.md,
 * "Text format" and "JSON format"): what it is based on — test-result files, or annotations
 * only — and an item's result. In annotated-only mode nothing is called verified or passed:
 * an annotation is not a test run.
 */
import type { ResultFileSummary } from '../core/testResults/verificationState';
import type { ItemVerification, VerificationMode } from '../core/testResults/verification';
import type { TestResultTotals } from '../core/testResults/model';

/** What the outputs are told about verification: the engine's mode and result files. */
export interface VerificationSummary {
  mode: VerificationMode;
  resultFiles: readonly ResultFileSummary[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Every result file's totals added up. */
export function sumTotals(files: readonly { totals: TestResultTotals }[]): TestResultTotals {
  const t: TestResultTotals = { passed: 0, failed: 0, errored: 0, skipped: 0, other: 0 };
  for (const f of files) for (const k of Object.keys(t) as Array<keyof TestResultTotals>) t[k] += f.totals[k];
  return t;
}

/** `57 tests (50 passed, 3 failed, 4 skipped)`; errored and todo appear only when there are some. */
export function totalsText(t: TestResultTotals): string {
  const tests = t.passed + t.failed + t.errored + t.skipped + t.other;
  const parts = [`${t.passed} passed`, `${t.failed} failed`];
  if (t.errored) parts.push(`${t.errored} errored`);
  parts.push(`${t.skipped} skipped`);
  if (t.other) parts.push(`${t.other} todo`);
  return `${plural(tests, 'test')} (${parts.join(', ')})`;
}

/** The annotated-only sentence, the same in every output. */
export const ANNOTATED_ONLY = 'annotated only — no test-result file was read (see testResults)';

/**
 * What verification is based on, in one line without the result files' names:
 * `2 test-result files, 57 tests (50 passed, 3 failed, 4 skipped)`, or {@link ANNOTATED_ONLY}.
 */
export function basisText(v: VerificationSummary): string {
  if (v.mode === 'annotated-only') return ANNOTATED_ONLY;
  if (v.resultFiles.length === 0)
    return 'from test results (gate.coverage.verification "passed"), but no test-result file was read: no item is verified';
  return `${plural(v.resultFiles.length, 'test-result file')}, ${totalsText(sumTotals(v.resultFiles))}`;
}

/** An item's verification result as a label: `passed`, `failed`, `not run`, `annotated only`, `no test`. */
export function resultLabel(status: ItemVerification['status']): string {
  switch (status) {
    case 'not-run':
      return 'not run';
    case 'annotated':
      return 'annotated only';
    case 'none':
      return 'no test';
    default:
      return status;
  }
}

/**
 * An item's verification result with its counts, for a matrix cell: `passed (2 passed)`,
 * `failed (1 failed, 1 passed)`, `not run (1 not run)`, `annotated only (2 tests)`, `no test`.
 */
export function resultText(v: Pick<ItemVerification, 'status' | 'counts'>): string {
  const c = v.counts;
  if (v.status === 'none') return 'no test';
  if (v.status === 'annotated') return `annotated only (${plural(c.tests, 'test')})`;
  const parts: string[] = [];
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.passed) parts.push(`${c.passed} passed`);
  if (c.notRun) parts.push(`${c.notRun} not run`);
  return parts.length ? `${resultLabel(v.status)} (${parts.join(', ')})` : resultLabel(v.status);
}

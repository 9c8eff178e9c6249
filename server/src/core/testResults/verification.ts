/**
 * What verification an item has (docs/verification.md, Semantics). With test results (any
 * result file in the workspace, or `gate.coverage.verification: "passed"`), an item is verified
 * when at least one linked test passed and none failed; a skipped test, a test without a
 * result, or an annotation that binds to no test verifies nothing. Without results the
 * annotation counts, and every output labels it "annotated only".
 */
import type { Finding, RelatedLocation } from '../findings';
import type { BoundTest, ItemDef, Reference } from '../model';
import { MatchedResult, RefVerification, statusOf, VerificationStatus } from './matching';

export type VerificationMode = 'results' | 'annotated-only';

/** What the trace graph reads: the mode and the evidence per reference and per ID. */
export interface VerificationSource {
  mode(): VerificationMode;
  ofRef(ref: Reference): RefVerification | undefined;
  byProperty(id: string): readonly MatchedResult[];
  /** How many result files were read, for messages. */
  resultFileCount(): number;
}

/** One linked test: an `@verifies` annotation (with its test and results), or results linked by a `verifies` property. */
export interface TestLink {
  /** The annotation (absent for results linked by a property only). */
  ref?: Reference;
  test?: BoundTest;
  /** `annotated`: no results are read (annotated-only mode). */
  status: VerificationStatus | 'annotated';
  results: MatchedResult[];
  reason?: RefVerification['reason'];
}

export type ItemVerificationStatus = 'passed' | 'failed' | 'not-run' | 'annotated' | 'none';

export interface ItemVerification {
  mode: VerificationMode;
  /** passed / failed / not-run (results mode), annotated (annotated-only mode), none (no linked test). */
  status: ItemVerificationStatus;
  tests: TestLink[];
  /** Tests counted for the code lens: each matched result, and each annotation without one. */
  counts: { tests: number; passed: number; failed: number; notRun: number };
  /** Result files read (results mode). */
  resultFiles: number;
}

export const NO_VERIFICATION_SOURCE: VerificationSource = {
  mode: () => 'annotated-only',
  ofRef: () => undefined,
  byProperty: () => [],
  resultFileCount: () => 0,
};

/** The verification of an item from its `@verifies` references (test files only) and its property-linked results. */
export function itemVerification(
  id: string,
  verifies: readonly Reference[],
  source: VerificationSource,
): ItemVerification {
  const mode = source.mode();
  const tests: TestLink[] = [];
  const counts = { tests: 0, passed: 0, failed: 0, notRun: 0 };
  if (mode === 'annotated-only') {
    for (const ref of verifies)
      tests.push({ ref, ...(ref.test ? { test: ref.test } : {}), status: 'annotated', results: [] });
    counts.tests = tests.length;
    return { mode, status: tests.length > 0 ? 'annotated' : 'none', tests, counts, resultFiles: 0 };
  }
  const seen = new Set<string>();
  for (const ref of verifies) {
    const v: RefVerification = source.ofRef(ref) ?? {
      status: 'not-run',
      results: [],
      reason: ref.test ? 'no-result' : 'unbound',
    };
    const link: TestLink = { ref, status: v.status, results: v.results };
    if (ref.test) link.test = ref.test;
    if (v.reason) link.reason = v.reason;
    tests.push(link);
    for (const r of v.results) seen.add(`${r.resultFile}:${r.line}`);
  }
  const extra = source.byProperty(id).filter((r) => !seen.has(`${r.resultFile}:${r.line}`));
  if (extra.length > 0) tests.push({ status: statusOf(extra), results: extra });
  let anyPassed = false;
  let anyFailed = false;
  /** A result two annotations share (a describe and a test inside it) is one test. */
  const counted = new Set<string>();
  for (const t of tests) {
    if (t.results.length === 0) {
      counts.tests++;
      counts.notRun++;
    }
    for (const r of t.results) {
      const key = `${r.resultFile}:${r.line}:${r.column}`;
      if (counted.has(key)) continue;
      counted.add(key);
      counts.tests++;
      if (r.status === 'passed') counts.passed++;
      else if (r.status === 'failed' || r.status === 'errored') counts.failed++;
      else counts.notRun++;
    }
    if (t.status === 'failed') anyFailed = true;
    if (t.status === 'passed') anyPassed = true;
  }
  const status: ItemVerificationStatus =
    tests.length === 0 ? 'none' : anyFailed ? 'failed' : anyPassed ? 'passed' : 'not-run';
  return { mode, status, tests, counts, resultFiles: source.resultFileCount() };
}

/** The test's name for messages: `auth › lockout › locks …`, else the annotation's line. */
export function testLabel(link: TestLink): string {
  if (link.test) return `'${[...link.test.suitePath, link.test.name].join(' › ')}'`;
  return link.results[0] ? `'${link.results[0].name}'` : 'the test';
}

function where(r: MatchedResult): string {
  return `${r.resultFile}:${r.line}`;
}

function resultRelated(r: MatchedResult): RelatedLocation {
  return {
    file: r.resultFile,
    line: r.line,
    column: r.column,
    endLine: r.line,
    endColumn: r.column,
    message: `${r.status}: ${r.name}${r.message ? ` — ${r.message}` : ''}`,
  };
}

/**
 * The findings of an item's verification in results mode: `verification-failed` and
 * `verification-not-run` at each annotation, and one of them on the item when it is not verified.
 * `label`: the item as messages name it. Returns whether the `verified` need is met.
 */
export function verificationFindings(def: ItemDef, label: string, v: ItemVerification, findings: Finding[]): boolean {
  const id = def.id;
  const failedLinks: TestLink[] = [];
  for (const link of v.tests) {
    if (link.status === 'failed') failedLinks.push(link);
    if (!link.ref) continue;
    const at = { file: link.ref.file, ...link.ref.range, itemId: id };
    if (link.status === 'failed') {
      const failed = link.results.filter((r) => r.status === 'failed' || r.status === 'errored');
      const first = failed[0];
      findings.push({
        code: 'verification-failed',
        severity: 'error',
        ...at,
        message: `@verifies ${id}: test ${testLabel(link)} ${first.status} (${where(first)})${first.message ? `: ${first.message}` : ''}${failed.length > 1 ? ` — and ${failed.length - 1} more failed result${failed.length > 2 ? 's' : ''}` : ''}`,
        related: failed.slice(0, 10).map(resultRelated),
      });
    } else if (link.status !== 'passed') {
      findings.push({ code: 'verification-not-run', severity: 'warning', ...at, message: notRunMessage(id, link, v) });
    }
  }
  if (v.status === 'failed') {
    const results = failedLinks.flatMap((l) =>
      l.results.filter((r) => r.status === 'failed' || r.status === 'errored'),
    );
    findings.push({
      code: 'verification-failed',
      severity: 'error',
      file: def.file,
      ...def.idRange,
      itemId: id,
      message: `${label} failed verification: ${results.length} linked test result${results.length === 1 ? '' : 's'} failed (${results
        .slice(0, 3)
        .map((r) => `${r.name} at ${where(r)}`)
        .join('; ')}${results.length > 3 ? '; …' : ''})`,
      related: [
        ...failedLinks
          .filter((l) => l.ref)
          .map((l) => ({ file: l.ref!.file, ...l.ref!.range, message: `@verifies ${id}` })),
        ...results.slice(0, 10).map(resultRelated),
      ],
    });
    return false;
  }
  if (v.status === 'not-run') {
    const skipped = v.counts.notRun;
    findings.push({
      code: 'verification-not-run',
      severity: 'warning',
      file: def.file,
      ...def.idRange,
      itemId: id,
      message:
        v.tests.length === 1
          ? `${label} is not verified: its linked test has no passing result (skipped, or no result)`
          : `${label} is not verified: none of its ${v.tests.length} linked tests has a passing result (${skipped} skipped or without a result)`,
      related: v.tests
        .filter((l) => l.ref)
        .map((l) => ({ file: l.ref!.file, ...l.ref!.range, message: `@verifies ${id}` })),
    });
    return false;
  }
  return v.status === 'passed';
}

function notRunMessage(id: string, link: TestLink, v: ItemVerification): string {
  if (link.reason === 'unbound')
    return `@verifies ${id} binds to no test Seclife can name, so no test result can be matched to it: put it directly above the test (a test(…)/it(…) call, def test_…, a @Test method, TEST(…), func Test…), or record a 'verifies' property in the report`;
  if (link.reason === 'ambiguous')
    return `@verifies ${id}: the results named like test ${testLabel(link)} match tests in several files by name alone and are not counted (see the note on the result file)`;
  if (link.status === 'skipped') {
    const r = link.results.find((x) => x.status === 'skipped' || x.status === 'todo') ?? link.results[0];
    return `@verifies ${id}: test ${testLabel(link)} was ${r.status === 'todo' ? 'marked todo' : 'skipped'} (${where(r)})${r.message ? `: ${r.message}` : ''}; a skipped test verifies nothing`;
  }
  const files = v.resultFiles === 1 ? 'the one test-result file read' : `the ${v.resultFiles} test-result files read`;
  return `@verifies ${id}: test ${testLabel(link)} has no result in ${files} (it did not run, or its report is not one of them)`;
}

/**
 * How the editor names verification from test results (docs/language-server.md, Test
 * results): one set of words for the hover, the code lenses, the completion documentation
 * and the views, read from core ItemView.verification. Without result files the annotation
 * counts but is always labelled "annotated only", never "passed".
 */
import type { Location } from 'vscode-languageserver-types';
import type { MatchedResult } from '../core/testResults/matching';
import type { ItemVerification, TestLink } from '../core/testResults/verification';
import type { ItemView } from '../core/itemView';
import {
  MAX_TEST_RESULTS,
  OPEN_TEST_RESULT_COMMAND,
  TestLinkInfo,
  TestResultEntry,
  VerificationSummary,
} from '../protocol';
import type { ServiceContext } from './context';

export { OPEN_TEST_RESULT_COMMAND };

export const ANNOTATED_ONLY = 'annotated only';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first line of a message, trimmed (messages may hold a whole stack). */
export function firstLine(message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  const line = message
    .trim()
    .split(/\r\n|\r|\n/, 1)[0]
    ?.trim();
  return line ? line : undefined;
}

/** `0.4 ms`, `12 ms`, `1.5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 10) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Math.round(ms / 100) / 10} s`;
}

const isFailure = (r: MatchedResult) => r.status === 'failed' || r.status === 'errored';

/** Results failed first, then in their files' order (what a view lists first is what needs fixing). */
export function resultsInOrder(results: readonly MatchedResult[]): MatchedResult[] {
  return [...results.filter(isFailure), ...results.filter((r) => !isFailure(r))];
}

/** The result a failed test opens: its first failing one. */
export function failingResult(link: TestLink): MatchedResult | undefined {
  return link.results.find(isFailure);
}

/** The location of a result's case (its `<testcase`, test point or object) in its result file. */
export function resultLocation(ctx: ServiceContext, r: MatchedResult): Location {
  const line = Math.max(0, r.line - 1);
  const character = Math.max(0, (r.column ?? 1) - 1);
  return { uri: ctx.uri(r.resultFile), range: { start: { line, character }, end: { line, character } } };
}

/** `auth › lockout › locks …` for a bound test; undefined when the annotation binds to none. */
export function testName(link: TestLink): string | undefined {
  return link.test ? [...link.test.suitePath, link.test.name].join(' › ') : undefined;
}

/** One linked test's status in a few words: `✓ passed`, `✗ failed`, `skipped`, `not run`, `annotated only`. */
export function linkStatusText(link: TestLink): string {
  switch (link.status) {
    case 'passed':
      return '✓ passed';
    case 'failed':
      return '✗ failed';
    case 'skipped':
      return 'skipped';
    case 'annotated':
      return ANNOTATED_ONLY;
    default:
      return link.reason === 'unbound' ? 'no test found' : 'no result';
  }
}

/**
 * The code lens's test part: `3 tests · ✓ 2 passed · ✗ 1 failed · 1 not run` with results,
 * `2 tests · annotated only` without. `annotations`: the count of every verifying link
 * (the lens's figure when no result is counted).
 */
export function verificationCountsText(v: ItemVerification | undefined, annotations: number): string {
  if (!v || v.status === 'none') return plural(annotations, 'test');
  if (v.mode === 'annotated-only') return `${plural(annotations, 'test')} · ${ANNOTATED_ONLY}`;
  const { tests, passed, failed, notRun } = v.counts;
  const parts = [plural(tests, 'test')];
  if (passed) parts.push(`✓ ${passed} passed`);
  if (failed) parts.push(`✗ ${failed} failed`);
  if (notRun) parts.push(`${notRun} not run`);
  return parts.join(' · ');
}

/** The item's verification in one line: `✗ failed — 3 tests · ✓ 2 passed · ✗ 1 failed (1 result file)`. */
export function verificationLine(v: ItemVerification, annotations: number): string {
  if (v.status === 'none') return 'no linked test';
  if (v.mode === 'annotated-only') return `${ANNOTATED_ONLY} — ${plural(annotations, 'test')}, no test results read`;
  const head = v.status === 'passed' ? '✓ passed' : v.status === 'failed' ? '✗ failed' : 'not run';
  return `${head} — ${verificationCountsText(v, annotations)} (${plural(v.resultFiles, 'result file')})`;
}

/** `✓ verified`, `✓ verified (annotated only)`, `✗ verified` for the needs line. */
export function verifiedNeedText(view: ItemView): string {
  const met = view.isMet('verified');
  if (!met) return '✗ verified';
  return view.verification?.mode === 'annotated-only' ? `✓ verified (${ANNOTATED_ONLY})` : '✓ verified';
}

/** A result for the protocol: its location, status, name, first message line, duration. */
export function resultEntry(ctx: ServiceContext, r: MatchedResult): TestResultEntry {
  const entry: TestResultEntry = { location: resultLocation(ctx, r), status: r.status, name: r.name };
  const message = firstLine(r.message);
  if (message) entry.message = message;
  if (r.durationMs !== undefined) entry.durationMs = r.durationMs;
  if (r.flaky) entry.flaky = true;
  return entry;
}

/** A linked test for the protocol (the trace tree): name, status, why no result, its results (failed first, bounded). */
export function testLinkInfo(ctx: ServiceContext, link: TestLink): TestLinkInfo {
  const ordered = resultsInOrder(link.results);
  const info: TestLinkInfo = {
    status: link.status,
    results: ordered.slice(0, MAX_TEST_RESULTS).map((r) => resultEntry(ctx, r)),
  };
  const name = testName(link);
  if (name !== undefined) info.name = name;
  if (link.test) info.line = link.test.line;
  if (link.reason) info.reason = link.reason;
  if (ordered.length > MAX_TEST_RESULTS) info.moreResults = ordered.length - MAX_TEST_RESULTS;
  return info;
}

/** An item's verification for the protocol. */
export function verificationSummary(v: ItemVerification): VerificationSummary {
  return { mode: v.mode, status: v.status, counts: { ...v.counts }, resultFiles: v.resultFiles };
}

/** A `command:` URI for Markdown (hovers): `seclife.openTestResult` at a result's line. */
export function openResultCommandUri(location: Location): string {
  return `command:${OPEN_TEST_RESULT_COMMAND}?${encodeURIComponent(JSON.stringify([location]))}`;
}

/** A `file:` link to a result's line (`#L<line>`, as document links write it). */
export function resultFileLink(ctx: ServiceContext, r: MatchedResult): string {
  return `${ctx.uri(r.resultFile)}#L${r.line}`;
}

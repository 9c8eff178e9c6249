/**
 * The words the views use for test results (docs/vscode.md, Test results), without the
 * `vscode` module so they are unit-tested in Node. The server's words are the same
 * (server/src/service/testStatus.ts): without result files a test is "annotated only",
 * never passed.
 */
import type {
  CoverageResult,
  Location,
  TestLinkInfo,
  TestLinkStatus,
  TestResultEntry,
  TraceTreeItem,
  TraceTreeResult,
  VerificationSummary,
} from '../../server/src/protocol';

export const ANNOTATED_ONLY = 'annotated only';

/** Theme icon IDs and colours per status: passed, failed, not run (skipped, no result), annotated only. */
export const STATUS_ICON: Record<TestLinkStatus | TestResultEntry['status'], { icon: string; color: string }> = {
  passed: { icon: 'pass', color: 'testing.iconPassed' },
  failed: { icon: 'error', color: 'testing.iconFailed' },
  errored: { icon: 'error', color: 'testing.iconErrored' },
  skipped: { icon: 'circle-slash', color: 'testing.iconSkipped' },
  todo: { icon: 'circle-slash', color: 'testing.iconSkipped' },
  'not-run': { icon: 'circle-slash', color: 'testing.iconSkipped' },
  annotated: { icon: 'circle-outline', color: 'testing.iconQueued' },
};

/**
 * An item's icon: a failed or not-run verification first (what needs fixing), then a gap,
 * then annotated only (covered by annotations, not by results), then covered.
 */
export function itemIconId(item: TraceTreeItem): { icon: string; color: string } {
  const status = item.verification?.status;
  if (status === 'failed') return STATUS_ICON.failed;
  if (status === 'not-run') return STATUS_ICON['not-run'];
  if (!item.covered) return { icon: 'warning', color: 'list.warningForeground' };
  if (status === 'annotated') return STATUS_ICON.annotated;
  return STATUS_ICON.passed;
}

export function formatDuration(ms: number): string {
  if (ms < 10) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Math.round(ms / 100) / 10} s`;
}

const STATUS_WORD: Record<TestResultEntry['status'], string> = {
  passed: '✓ passed',
  failed: '✗ failed',
  errored: '✗ errored',
  skipped: 'skipped',
  todo: 'todo',
};

/** A linked test in a few words: `✗ failed — expected 5, got 4`, `✓ passed · 3 ms`, `annotated only`. */
export function testDescription(test: TestLinkInfo): string {
  if (test.status === 'annotated') return `${ANNOTATED_ONLY} (no test results read)`;
  if (test.results.length === 0) {
    if (test.reason === 'unbound') return 'no test found for this annotation';
    if (test.reason === 'ambiguous') return 'not run: only ambiguous results';
    return 'not run: no result';
  }
  const first = test.results[0];
  const count = test.results.length + (test.moreResults ?? 0);
  const head = test.status === 'not-run' ? 'not run' : STATUS_WORD[test.status as TestResultEntry['status']];
  const parts = [head];
  if (count > 1) parts.push(`${count} results`);
  else if (first.durationMs !== undefined) parts.push(formatDuration(first.durationMs));
  const failing = test.results.find((r) => r.status === 'failed' || r.status === 'errored');
  const message = (failing ?? (test.status === 'skipped' ? first : undefined))?.message;
  return parts.join(' · ') + (message ? ` — ${message}` : '');
}

export function resultLabel(r: TestResultEntry): string {
  return `${STATUS_WORD[r.status]}: ${r.name}`;
}

/** `junit.xml:12 · 3 ms — message`. */
export function resultDescription(r: TestResultEntry, where: string): string {
  const parts = [where];
  if (r.flaky) parts.push('flaky');
  if (r.durationMs !== undefined) parts.push(formatDuration(r.durationMs));
  return parts.join(' · ') + (r.message ? ` — ${r.message}` : '');
}

/** An item's verification in one line, for tooltips. */
export function verificationText(v: VerificationSummary): string {
  if (v.status === 'none') return 'no linked test';
  if (v.mode === 'annotated-only') return `${ANNOTATED_ONLY} — no test results read`;
  const { tests, passed, failed, notRun } = v.counts;
  const parts = [`${tests} test${tests === 1 ? '' : 's'}`];
  if (passed) parts.push(`✓ ${passed} passed`);
  if (failed) parts.push(`✗ ${failed} failed`);
  if (notRun) parts.push(`${notRun} not run`);
  const head = v.status === 'passed' ? '✓ passed' : v.status === 'failed' ? '✗ failed' : 'not run';
  return `${head} — ${parts.join(' · ')}`;
}

const isLocation = (v: unknown): v is Location =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Location).uri === 'string' &&
  typeof (v as Location).range?.start?.line === 'number';

/**
 * Where `seclife.openTestResult` opens, from what it is given: a `Location` (hover command
 * links, tree commands), or a Traceability node (the context menu passes the node): a
 * failed test's first failing result, or a result.
 */
export function failureLocation(arg: unknown): Location | undefined {
  if (isLocation(arg)) return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { type?: string; link?: { test?: TestLinkInfo }; result?: TestResultEntry };
  if (node.type === 'result' && node.result && isLocation(node.result.location)) return node.result.location;
  const failing = node.link?.test?.results.find((r) => r.status === 'failed' || r.status === 'errored');
  return failing?.location;
}

/** Every failing result in a trace tree, for the command's quick pick (without arguments). */
export function failingResults(tree: TraceTreeResult): Array<{ itemId: string; result: TestResultEntry }> {
  const out: Array<{ itemId: string; result: TestResultEntry }> = [];
  const seen = new Set<string>();
  for (const folder of tree.folders)
    for (const kind of folder.kinds)
      for (const item of kind.items)
        for (const link of item.links)
          for (const result of link.test?.results ?? []) {
            if (result.status !== 'failed' && result.status !== 'errored') continue;
            const key = `${item.id}\u0000${result.location.uri}:${result.location.range.start.line}`;
            if (seen.has(key)) continue;
            seen.add(key);
            out.push({ itemId: item.id, result });
          }
  return out;
}

/**
 * The status bar's verification: `5/8 passed` with results, `annotated only` without
 * (never a passed figure from annotations); undefined when no item needs verification.
 */
export function verificationStatusText(
  v: CoverageResult['verification'] | undefined,
): { short: string; long: string } | undefined {
  if (!v) return undefined;
  const total = v.passed + v.failed + v.notRun + v.annotated + v.none;
  if (total === 0) return undefined;
  const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
  if (v.mode === 'annotated-only') {
    return {
      short: ANNOTATED_ONLY,
      long: `${ANNOTATED_ONLY} — no test results read; ${items(v.annotated)} of ${total} have an @verifies annotation, none counted as passed`,
    };
  }
  const parts = [`${v.passed} of ${items(total)} passed`];
  if (v.failed) parts.push(`${v.failed} failed`);
  if (v.notRun) parts.push(`${v.notRun} not run`);
  if (v.annotated) parts.push(`${v.annotated} ${ANNOTATED_ONLY} (folders without results)`);
  if (v.none) parts.push(`${v.none} without a test`);
  return {
    short: `${v.passed}/${total} passed`,
    long: `${parts.join(' · ')} (${v.resultFiles} result file${v.resultFiles === 1 ? '' : 's'})`,
  };
}

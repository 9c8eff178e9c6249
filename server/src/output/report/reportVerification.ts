/**
 * The report's "Verification results" section, as text both renderers share (docs/release.md,
 * "The report"): what verification rests on, each result file with its hash, run time,
 * totals, writer, commit and whether it is stale, and the items by result.
 */
import type { ReportResultFile, ReportVerification } from '../../core/report/reportModel';
import { totalsText } from '../verificationText';

/** The annotated-only statement, said plainly where the results would be. */
export const NO_RESULTS_READ =
  'No test results were read: verification below is annotated only — annotations, not test runs.';

/** The one or two sentences that open the section. */
export function verificationIntro(v: ReportVerification): string[] {
  if (v.mode === 'annotated-only') {
    return [
      NO_RESULTS_READ,
      'Keep the JUnit XML, TAP or CTRF report of the test run in the workspace (see testResults in seclife.json) to verify items from test runs.',
    ];
  }
  if (v.resultFiles.length === 0) {
    return [
      'Verification must come from test results (gate.coverage.verification "passed"), but no test-result file was read: no item counts as verified.',
    ];
  }
  const n = v.resultFiles.length;
  return [
    `Verification rests on ${n === 1 ? 'this test-result file' : `these ${n} test-result files`}: an item is verified only when at least one linked test passed and none failed.`,
  ];
}

/** `Items that need verification: 5 passed, 1 failed, 2 not run, 1 without a linked test.` */
export function itemsLine(v: ReportVerification): string {
  const c = v.items;
  const parts =
    v.mode === 'annotated-only'
      ? [`${c.annotated} annotated only`]
      : [`${c.passed} passed`, `${c.failed} failed`, `${c.notRun} not run`];
  parts.push(`${c.none} without a linked test`);
  return `Items that need verification: ${parts.join(', ')}.`;
}

export const RESULT_FILE_HEADERS = ['File', 'Format', 'Run at', 'Duration', 'Tests', 'Commit', 'Stale', 'SHA-256'];

/** `12 ms`, `1.5 s`, `2 min 5 s`: deterministic, from the file's own duration. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms * 10) / 10} ms`;
  const s = ms / 1000;
  if (s < 60) return `${Math.round(s * 10) / 10} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/**
 * The cells of one result file, in {@link RESULT_FILE_HEADERS} order (plain text: the renderer
 * escapes). `headKnown`: whether the report knows the workspace's commit (else staleness
 * could not be checked).
 */
export function resultFileCells(f: ReportResultFile, headKnown: boolean): string[] {
  const problems = f.problems ? `; ${f.problems} problem${f.problems === 1 ? '' : 's'} reading it (see the notes)` : '';
  return [
    f.file,
    f.dialect ? `${f.format} (${f.dialect})` : f.format,
    f.timestamp ?? '',
    formatDuration(f.durationMs),
    `${totalsText(f.totals)}${problems}`,
    f.commit ?? 'not recorded',
    !f.commit ? '' : f.stale ? 'yes (HEAD is another commit)' : headKnown ? 'no' : 'not checked (HEAD unknown)',
    f.sha256 ?? '',
  ];
}

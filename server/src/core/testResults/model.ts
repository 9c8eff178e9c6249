/**
 * The one model every test-result format is parsed into (JUnit XML, TAP, CTRF JSON). The
 * parsers are pure: they take the file's text, never read files, and never throw on bad
 * input — what they cannot read becomes a `problems` entry with its position.
 *
 * Positions (`at`, `problems[].line/column`) are 1-based, columns counted in UTF-16 code
 * units, like the rest of the core (core/findings.ts).
 */

export type TestResultFormat = 'junit' | 'tap' | 'ctrf';

export type TestStatus = 'passed' | 'failed' | 'errored' | 'skipped' | 'todo';

export interface Position {
  line: number;
  column: number;
}

export interface TestResultProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface TestCaseResult {
  /** The test's name as the report writes it (some runners include the describe titles). */
  name: string;
  /** Enclosing suites/describes/subtests, outermost first (empty when the report is flat). */
  suitePath: string[];
  classname?: string;
  /** The source file as written in the report; may be absolute or point outside the workspace. */
  file?: string;
  /**
   * 1-based line in `file`, where the report has one. pytest's xunit1 `line` is 0-based
   * and is normalised to 1-based here.
   */
  line?: number;
  status: TestStatus;
  /** First line of the failure/error/skip message, control characters escaped, at most 300 characters. */
  message?: string;
  durationMs?: number;
  /** Attempts seen (1 + reruns) when the report shows reruns. */
  attempts?: number;
  /** Failed at least once and passed on a rerun. */
  flaky?: boolean;
  /** Properties the report attaches to the case, e.g. `verifies` → ['SR-003'] (pytest record_property, GoogleTest RecordProperty). */
  properties: Record<string, string[]>;
  /** Where the test case is in the RESULT file (its `<testcase`, `ok`/`not ok` line, or test object). */
  at: Position;
}

export interface TestResultTotals {
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  /** Cases with status `todo` (TAP `# TODO`, node:test todo, pytest xfail, CTRF `other`). */
  other: number;
}

export interface TestResultFile {
  file: string;
  format: TestResultFormat;
  /** The writer, when recognised: pytest, node-test, jest-junit, mocha-junit, surefire, gradle, gtest, ctest, gotestsum, go-junit-report, dotnet-junit, node-tap, mocha-tap, jest-ctrf, mocha-ctrf, … */
  dialect?: string;
  /** The commit the run tested, from a `commit`/`git.sha`/`git_commit` property or CTRF `environment.commit`. */
  commit?: string;
  /** As written in the report. */
  timestamp?: string;
  durationMs?: number;
  /** Counted from `cases` (never copied from the report's own counts, which several writers get wrong). */
  totals: TestResultTotals;
  cases: TestCaseResult[];
  problems: TestResultProblem[];
}

/** Bounds of every parser: beyond them a problem, never unbounded memory. */
export const LIMITS = {
  /** Test cases kept per file. */
  maxCases: 200_000,
  /** Element / subtest nesting depth. */
  maxDepth: 256,
  /** Properties kept per case. */
  maxProperties: 1_000,
  /** Characters of a message or element text kept while parsing (before it is cut to its first line). */
  maxTextCapture: 4_096,
  /** Problems kept per file. */
  maxProblems: 100,
  /** Characters of a `message`. */
  maxMessage: 300,
};

/** Property names that carry the commit a run tested (compared case-insensitively). */
export const COMMIT_PROPERTIES = ['commit', 'git.sha', 'git_commit', 'git.commit', 'git_sha'];

export function emptyTotals(): TestResultTotals {
  return { passed: 0, failed: 0, errored: 0, skipped: 0, other: 0 };
}

export function countTotals(cases: readonly TestCaseResult[]): TestResultTotals {
  const t = emptyTotals();
  for (const c of cases) {
    if (c.status === 'todo') t.other++;
    else t[c.status]++;
  }
  return t;
}

/**
 * The first non-empty line of `text`, trimmed, control characters escaped (`\n`, `\t`,
 * `\u001b`, …; also C1 controls and bidirectional overrides), cut to 300 characters.
 * Undefined when there is no such line.
 */
export function normaliseMessage(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let line: string | undefined;
  let start = 0;
  const scanLimit = Math.min(text.length, LIMITS.maxTextCapture * 4);
  while (start <= scanLimit) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > scanLimit) end = scanLimit;
    const candidate = text.slice(start, end).trim();
    if (candidate !== '') {
      line = candidate;
      break;
    }
    if (end >= scanLimit) break;
    start = end + 1;
  }
  if (line === undefined) return undefined;
  const escaped = escapeControls(line.slice(0, LIMITS.maxMessage * 2));
  return escaped.length > LIMITS.maxMessage ? `${escaped.slice(0, LIMITS.maxMessage - 1)}…` : escaped;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeControls(s: string): string {
  return s.replace(CONTROL, (c) => {
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    if (c === '\n') return '\\n';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Seconds as a report writes them (`0.000427`, `0`, `12.5`) to milliseconds; undefined when not a number. */
export function secondsToMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = value.trim().replace(/s$/, '');
  if (!/^[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$|^\.[0-9]+$/.test(s)) return undefined;
  const ms = Number(s) * 1000;
  return Number.isFinite(ms) ? Math.round(ms * 1000) / 1000 : undefined;
}

/**
 * Appends a property value. Keys come from the report, so `__proto__` or `constructor` must
 * be own properties like any other, never the prototype's.
 */
export function pushProperty(properties: Record<string, string[]>, key: string, value: string): void {
  if (!Object.hasOwn(properties, key)) {
    Object.defineProperty(properties, key, { value: [], enumerable: true, writable: true, configurable: true });
  }
  properties[key].push(value);
}

/** Adds a problem unless the file already has {@link LIMITS.maxProblems}. */
export function addProblem(problems: TestResultProblem[], problem: TestResultProblem): void {
  if (problems.length < LIMITS.maxProblems) problems.push(problem);
  else if (problems.length === LIMITS.maxProblems) problems.push({ message: 'more problems not shown' });
}

/**
 * 1-based line/column of character offsets in `text`, for offsets asked in increasing
 * order: each step counts only the characters between the last offset and the next, so a
 * whole file costs one pass and no line table.
 */
export class LineCounter {
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  /** Characters stepped over so far: the work done, which tests compare with the text's length. */
  steps = 0;

  constructor(private readonly text: string) {}

  at(offset: number): Position {
    const target = Math.max(0, Math.min(offset, this.text.length));
    if (target < this.offset) {
      // Backwards (not expected: callers ask in document order): count again from the start.
      this.offset = 0;
      this.line = 1;
      this.lineStart = 0;
    }
    // A character loop, not indexOf: indexOf would scan past `target` to the next newline,
    // quadratic on a one-line file (pytest writes its whole report on one line).
    this.steps += target - this.offset;
    for (let i = this.offset; i < target; i++) {
      if (this.text.charCodeAt(i) === 10) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.offset = target;
    return { line: this.line, column: target - this.lineStart + 1 };
  }
}

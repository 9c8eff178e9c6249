/**
 * An exception inside a rule, a parser or a scanner is never dropped silently: it becomes an
 * `internal-error` finding on the file (docs/findings.md, internal-error) and a note, both
 * naming what failed. The JSON output lists them in `internalErrors` and SARIF as
 * `invocations[0].toolExecutionNotifications` (docs/ci.md).
 */
import { Finding, Range } from './findings';
import { ForwardPositions } from './text';

/** What failed and how; carried on an `internal-error` finding for the outputs. */
export interface InternalFailure {
  /** The rule ID (`js/eval-dynamic`, a custom rule's `id`) or the parser / scanner (`comment-scanner`). */
  component: string;
  /** The exception as `Name: message`: at most 300 characters, control characters escaped. */
  error: string;
}

export interface InternalErrorFinding extends Finding {
  code: 'internal-error';
  failure: InternalFailure;
}

/**
 * An exception caught by a runner, before it is placed in the file. `start`/`end`: the 0-based
 * offsets of the code being checked when it threw (a syntax node), when known.
 */
export interface ComponentFailure {
  component: string;
  error: unknown;
  start?: number;
  end?: number;
  /** How many times the component threw in the file (a rule may throw on every node it visits). */
  count?: number;
  /** What is missing because of it; default: "its results for this file may be missing". */
  missing?: string;
  /**
   * Set when the failure is a known resource limit, not a defect (the TypeScript parser's
   * recursion on code nested thousands of levels deep): why. It is reported as a note that
   * names what was not checked — like a file over `maxFileSize` — not as an `internal-error`.
   */
  limit?: string;
}

const MAX_ERROR = 300;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** C0 and C1 controls, DEL, line/paragraph separators, bidi controls, lone surrogates. */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return (
      NAMED[c] ??
      (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
    );
  });
}

/** An exception in one line for a message: `TypeError: x is undefined`, first 300 characters, controls escaped. */
export function describeError(e: unknown): string {
  let text: string;
  try {
    text = e instanceof Error ? `${e.name}: ${e.message}` : `thrown ${typeof e}: ${String(e)}`;
  } catch {
    text = 'an exception that cannot be printed';
  }
  // Cut before escaping (an escape is never cut in half), between code points.
  if (text.length > MAX_ERROR) {
    let cut = MAX_ERROR - 1;
    const last = text.charCodeAt(cut - 1);
    if (last >= 0xd800 && last <= 0xdbff) cut--;
    text = `${text.slice(0, cut)}…`;
  }
  return escapeControls(text);
}

/** The first character of a file: where a failure is reported when its position is unknown. */
export const FILE_START: Range = { line: 1, column: 1, endLine: 1, endColumn: 2 };

const DEFAULT_MISSING = 'its results for this file may be missing';

/**
 * The `internal-error` finding (severity warning; the engine applies `rules`) for `component`
 * failing on `file`, at `range` (the rule's position) or the file's first line.
 */
export function internalErrorFinding(
  component: string,
  file: string,
  e: unknown,
  range: Range = FILE_START,
  more?: { count?: number; missing?: string },
): InternalErrorFinding {
  const error = describeError(e);
  const times = more?.count && more.count > 1 ? ` (it threw ${more.count} times in this file)` : '';
  return {
    code: 'internal-error',
    severity: 'warning',
    file,
    ...range,
    message: `${component} failed on ${file}: ${error}${times}; ${more?.missing ?? DEFAULT_MISSING} — please report this`,
    failure: { component, error },
  };
}

/** The note that goes with it (notes are listed by file: it names the line). */
export function internalErrorNote(f: InternalErrorFinding): string {
  return `internal error at line ${f.line}: ${f.failure.component} failed (${f.failure.error})`;
}

/**
 * Adds the finding and the note for a failure to a file's index, once per component and
 * file (a second report of the same component — e.g. the comment scanner failing again on
 * the same text — adds nothing). `text`: the file, to place `failure.start`.
 */
export function reportInternalError(
  index: { file: string; findings: Finding[]; notes: string[] },
  failure: ComponentFailure,
  text?: string,
): void {
  if (failure.limit !== undefined) {
    const note = `not checked: ${failure.limit}; ${failure.missing ?? DEFAULT_MISSING}`;
    if (!index.notes.includes(note)) index.notes.push(note);
    return;
  }
  if (index.findings.some((f) => isInternalError(f) && f.failure.component === failure.component)) return;
  let range = FILE_START;
  if (failure.start !== undefined && text !== undefined) {
    const start = Math.min(Math.max(0, failure.start), text.length);
    const positions = new ForwardPositions(text);
    const a = positions.positionAt(start);
    const b = positions.positionAt(Math.min(Math.max(failure.end ?? start, start), text.length));
    range = { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
  const f = internalErrorFinding(failure.component, index.file, failure.error, range, failure);
  index.findings.push(f);
  index.notes.push(internalErrorNote(f));
}

export function isInternalError(f: Finding): f is InternalErrorFinding {
  return f.code === 'internal-error' && typeof (f as Partial<InternalErrorFinding>).failure?.component === 'string';
}

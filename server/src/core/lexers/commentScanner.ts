/**
 * Comment-aware lexical scanner: finds the comments of a source file without
 * being fooled by strings, char literals, template literals or regex literals
 * (docs/formats.md, Annotations in code: annotations are read only inside comments). `scanTokens` also
 * reports the string literals, and `maskNonCode` blanks comments and string
 * contents for lexical secure-coding rules.
 *
 * One pass over the text with `charCodeAt`, no recursion (string interpolation
 * nesting uses an explicit stack), never hangs, and is not meant to throw: an
 * exception is caught, the spans found before it are kept and `onFailure` is told.
 *
 * This is the public entry; the scanners are split by lexical family:
 * - codeScanner.ts: the token loop of the code families (C-like, JS, Python),
 *   with their literal rules in cLikeScanner.ts, jsScanner.ts, pythonScanner.ts
 * - lineCommentScanners.ts: `hash` and `sql`
 * - markupScanner.ts: `html` and `markdown`
 * - stringScanner.ts: string literals and interpolation holes; scanHelpers.ts: shared pieces;
 * spans.ts: the span types
 */
import type { CommentFamily } from './languages';
import { CodeScanner, codeFamily } from './codeScanner';
import { LineCommentScanner } from './lineCommentScanners';
import { MarkupScanner } from './markupScanner';
import { CR, LF, SPACE } from './scanHelpers';
import type { ComponentFailure } from '../internalError';

export type { CommentSpan, StringSpan } from './spans';
import type { CommentSpan, StringSpan } from './spans';

/**
 * A scanner that threw: the comments (and strings) found before `scannedTo` are returned,
 * anything after it is missing. Reported by the caller as an `internal-error` naming
 * {@link COMMENT_SCANNER} (docs/findings.md, internal-error).
 */
export interface ScanFailure {
  error: unknown;
  /** The end of the last comment or string found before the exception (0: none). */
  scannedTo: number;
}

/** The component an `internal-error` of the comment scanner names. */
export const COMMENT_SCANNER = 'comment-scanner';

/**
 * Fault injection for tests only (the product never sets it; core/faults.ts): runs after the
 * family scanner and may cut what it found and throw, as a scanner failing midway would.
 */
export const scannerFaults: {
  afterScan?: (text: string, family: CommentFamily, out: CommentSpan[], strs: StringSpan[] | null) => void;
} = {};

/** Runs the scanner of `family`; `strs` is `null` when only comments are wanted (the fast path). */
function run(
  text: string,
  family: CommentFamily,
  out: CommentSpan[],
  strs: StringSpan[] | null,
  onFailure: ((f: ScanFailure) => void) | undefined,
): void {
  try {
    const code = codeFamily(family);
    if (code !== undefined) new CodeScanner(text, out, strs).scan(code);
    else if (family === 'hash') new LineCommentScanner(text, out, strs).scanHash();
    else if (family === 'sql') new LineCommentScanner(text, out, strs).scanSql();
    else if (family === 'html') new MarkupScanner(text, out, strs).scanHtml();
    else if (family === 'markdown') new MarkupScanner(text, out, strs).scanMarkdown();
    scannerFaults.afterScan?.(text, family, out, strs);
  } catch (error) {
    // Return what was found so far rather than failing the caller, and say so: annotations
    // after that point are missing (an invisible false negative otherwise).
    const last = (list: ReadonlyArray<{ end: number }> | null) =>
      list && list.length ? list[list.length - 1]!.end : 0;
    onFailure?.({ error, scannedTo: Math.max(last(out), last(strs)) });
  }
}

/**
 * The comments of `text`, in order. Strings, char literals, template and regex
 * literals are skipped; Python docstrings (a triple-quoted string that starts a
 * line) are reported as block comments. Never throws: a scanner exception returns the
 * comments found before it and calls `onFailure`.
 */
export function scanComments(text: string, family: CommentFamily, onFailure?: (f: ScanFailure) => void): CommentSpan[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const out: CommentSpan[] = [];
  run(text, family, out, null, onFailure);
  return out;
}

/**
 * The comments (exactly as `scanComments`) and the string literals of `text`, each
 * list in order; comments and strings never overlap. `html` and `markdown` have no
 * strings. Never throws (as `scanComments`).
 */
export function scanTokens(
  text: string,
  family: CommentFamily,
  onFailure?: (f: ScanFailure) => void,
): { comments: CommentSpan[]; strings: StringSpan[] } {
  const comments: CommentSpan[] = [];
  const strings: StringSpan[] = [];
  if (typeof text === 'string' && text.length !== 0) run(text, family, comments, strings, onFailure);
  return { comments, strings };
}

/**
 * `text` with every character of its comments (markers included) and of its string
 * contents replaced by a space, except line breaks (`\n`, `\r`): same length, same
 * offsets and line numbers. Quotes, string prefixes and the code inside interpolation
 * holes stay. For lexical rules that must not match in comments or strings. Never throws:
 * after a scanner exception (`onFailure`) the rest of the text stays unmasked.
 */
export function maskNonCode(text: string, family: CommentFamily, onFailure?: (f: ScanFailure) => void): string {
  if (typeof text !== 'string') return '';
  const { comments, strings } = scanTokens(text, family, onFailure);
  if (comments.length === 0 && strings.length === 0) return text;
  const n = text.length;
  const u = new Uint16Array(n);
  for (let i = 0; i < n; i++) u[i] = text.charCodeAt(i);
  for (const c of comments) blank(u, c.start, c.end);
  for (const s of strings) blank(u, s.contentStart, s.contentEnd);
  const parts: string[] = [];
  for (let i = 0; i < n; i += MASK_CHUNK) {
    parts.push(String.fromCharCode.apply(null, u.subarray(i, Math.min(n, i + MASK_CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}

/** Characters per `String.fromCharCode` call (well below engine argument limits). */
const MASK_CHUNK = 8192;

/** Replaces every code unit of `u[from..to)` but `\n` and `\r` by a space. */
function blank(u: Uint16Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const c = u[i]!;
    if (c !== LF && c !== CR) u[i] = SPACE;
  }
}

/** A scanner failure as an `internal-error` to report at the point where the scan stopped. */
export function commentScannerFailure(f: ScanFailure): ComponentFailure {
  return {
    component: COMMENT_SCANNER,
    error: f.error,
    start: f.scannedTo,
    missing:
      'the comments after this point were not read: annotations and suppressions there are missing, and rules may match inside comments and strings there',
  };
}

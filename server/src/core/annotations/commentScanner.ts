/**
 * Comment-aware lexical scanner: finds the comments of a source file without
 * being fooled by strings, char literals, template literals or regex literals
 * (DESIGN.md §2: annotations are read only inside comments).
 *
 * One pass over the text with `charCodeAt`, no recursion (string interpolation
 * nesting uses an explicit stack), never throws, never hangs.
 *
 * This is the public entry; the scanners are split by lexical family:
 * - codeScanner.ts: the token loop of the code families (C-like, JS, Python),
 *   with their literal rules in cLikeScanner.ts, jsScanner.ts, pythonScanner.ts
 * - lineCommentScanners.ts: `hash` and `sql`
 * - markupScanner.ts: `html` and `markdown`
 * - stringScanner.ts: string literals and interpolation holes; scanHelpers.ts: shared pieces
 */
import type { CommentFamily } from './languages';
import { CodeScanner, codeFamily } from './codeScanner';
import { LineCommentScanner } from './lineCommentScanners';
import { MarkupScanner } from './markupScanner';

export interface CommentSpan {
  /** Offset of the first character of the comment (its opening marker). */
  start: number;
  /** Offset after the comment (after the closing marker; before the line break for line comments). */
  end: number;
  /** Offset after the opening marker (`//`, `///`, `//!`, `/*`, `/**`, `/*!`, `#`, `--`, `<!--`, `"""`, `=begin`). */
  contentStart: number;
  /** Offset of the closing marker (`*\/`, `-->`, `"""`, `=end`), or `end` when there is none. */
  contentEnd: number;
  /** True for block comments (incl. Python docstrings), false for line comments. */
  block: boolean;
}

/**
 * The comments of `text`, in order. Strings, char literals, template and regex
 * literals are skipped; Python docstrings (a triple-quoted string that starts a
 * line) are reported as block comments. Never throws.
 */
export function scanComments(text: string, family: CommentFamily): CommentSpan[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const out: CommentSpan[] = [];
  try {
    const code = codeFamily(family);
    if (code !== undefined) new CodeScanner(text, out).scan(code);
    else if (family === 'hash') new LineCommentScanner(text, out).scanHash();
    else if (family === 'sql') new LineCommentScanner(text, out).scanSql();
    else if (family === 'html') new MarkupScanner(text, out).scanHtml();
    else if (family === 'markdown') new MarkupScanner(text, out).scanMarkdown();
  } catch {
    // Defensive only: return what was found so far rather than failing the caller.
  }
  return out;
}

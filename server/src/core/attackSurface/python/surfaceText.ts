/**
 * The lexical reading the Python and C entry-point detectors share (docs/attack-surface.md,
 * Detectors): one file's text, its masked code (comments and string contents blanked by
 * `maskNonCode`, same offsets), positions, calls with their top-level arguments, and the
 * comment block directly above a statement (where an `@interface` annotation declares it).
 *
 * Everything is linear: calls are found with regexes without nested quantifiers, brackets
 * are matched by the one-pass table of lexicalHelpers.ts, and argument lists are read to a
 * bounded depth.
 */
import type { Range } from '../../findings';
import type { CommentFamily } from '../../lexers/languages';
import { maskNonCode } from '../../lexers/commentScanner';
import { isClosed, matchingParen, splitArgs, type Span } from '../../rules/lexicalHelpers';
import { LineIndex } from '../../text';
import type { FileSurface } from '../entryPoint';

/** A call found in code: `callee` as written (dotted, spaces removed), its `(` and top-level arguments. */
export interface FoundCall {
  callee: string;
  start: number;
  open: number;
  /** Just past the matching `)`. */
  end: number;
  args: Span[];
}

/** Keyword arguments are `name=value`; positional ones have no name. */
export interface Arg extends Span {
  name?: string;
  /** Where the value starts (after `name=`). */
  valueStart: number;
}

/** Calls read at most per file: a generated file with millions of calls is cut with a problem. */
export const MAX_CALLS = 200_000;

export class SurfaceText {
  readonly code: string;
  private lines: LineIndex;
  private codeLines: string[] | undefined;
  private textLines: string[] | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    family: CommentFamily,
    readonly surface: FileSurface,
  ) {
    this.code = maskNonCode(text, family, (f) =>
      this.problem(f.scannedTo, f.scannedTo, 'the comments and strings after this point could not be read'),
    );
    this.lines = new LineIndex(text);
  }

  range(start: number, end: number): Range {
    const a = this.lines.positionAt(start);
    const b = this.lines.positionAt(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  line(offset: number): number {
    return this.lines.positionAt(offset).line;
  }

  problem(start: number, end: number, message: string): void {
    this.surface.problems.push({ message, range: this.range(start, end) });
  }

  /** 0-based line texts of the code and of the original text (split once, on demand). */
  private split(): { code: string[]; text: string[] } {
    this.codeLines ??= this.code.split(/\r\n|\r|\n/);
    this.textLines ??= this.text.split(/\r\n|\r|\n/);
    return { code: this.codeLines, text: this.textLines };
  }

  /** A line (1-based) that holds only a comment: blank once masked, not blank in the text. */
  isCommentLine(line: number): boolean {
    const { code, text } = this.split();
    const c = code[line - 1];
    const t = text[line - 1];
    return c !== undefined && t !== undefined && c.trim() === '' && t.trim() !== '';
  }

  isBlankLine(line: number): boolean {
    const t = this.split().text[line - 1];
    return t === undefined || t.trim() === '';
  }

  /** Lines scanned upwards for a comment block at most (a huge comment is cut there). */
  static readonly MAX_BLOCK = 200;

  /** The first line of the comment block directly above `line` (`line` itself when none; a blank line ends it). */
  commentBlockStart(line: number): number {
    let l = line;
    for (let n = 0; n < SurfaceText.MAX_BLOCK && l > 1 && this.isCommentLine(l - 1); n++) l--;
    return l;
  }

  /** The declaration span of a statement from `start` to `end`: its comment block and its own lines. */
  declared(start: number, end: number): { line: number; endLine: number } {
    const first = this.line(start);
    return { line: this.commentBlockStart(first), endLine: this.line(Math.max(start, end - 1)) };
  }

  /** Calls whose last callee part matches `names` (a regex source of alternatives) in code. */
  calls(names: string, limit = MAX_CALLS): FoundCall[] {
    // Dotted receivers without spaces: every start inside a chain is refused by the
    // lookbehind, so each chain is tried once (linear). `->` for C struct pointers.
    const re = new RegExp(`(?<![\\w.>$])((?:[A-Za-z_]\\w*(?:\\.|->|::))*)(${names})[ \\t]*\\(`, 'g');
    const out: FoundCall[] = [];
    const code = this.code;
    for (let m: RegExpExecArray | null; (m = re.exec(code)); ) {
      if (m.index > 0 && code[m.index - 1] === '-' && m[1] === '') continue;
      const open = m.index + m[0].length - 1;
      if (!isClosed(code, open)) continue;
      const end = matchingParen(code, open);
      out.push({ callee: (m[1] ?? '') + m[2], start: m.index, open, end, args: splitArgs(code, open, end) });
      if (out.length >= limit) {
        this.problem(m.index, end, `more than ${limit} calls: the rest of the file is not read`);
        break;
      }
    }
    return out;
  }

  /** The arguments of a call split into keyword (`name=value`) and positional ones. */
  args(call: FoundCall): Arg[] {
    return call.args.map((a) => {
      const kw = /^([A-Za-z_]\w*)[ \t]*=(?!=)[ \t]*/.exec(this.code.slice(a.start, Math.min(a.end, a.start + 80)));
      return kw ? { ...a, name: kw[1], valueStart: a.start + kw[0].length } : { ...a, valueStart: a.start };
    });
  }

  /** Code text of a span, whitespace collapsed. */
  codeOf(s: { start: number; end: number } | Arg): string {
    const from = 'valueStart' in s ? s.valueStart : s.start;
    return this.code.slice(from, s.end).replace(/\s+/g, ' ').trim();
  }

  /** The top-level comma-separated parts inside the bracket at `open` (a list or tuple literal). */
  items(open: number): Span[] {
    if (!isClosed(this.code, open)) return [];
    const close = matchingParen(this.code, open);
    const items = splitArgs(this.code, open, close);
    if (this.code[open] === '(') return items;
    // splitArgs drops only a `)`: cut the `]` / `}` off the last item
    const last = items[items.length - 1];
    if (last && last.end === close) {
      let e = close - 1;
      while (e > last.start && /\s/.test(this.code[e - 1]!)) e--;
      if (e > last.start) last.end = e;
      else items.pop();
    }
    return items;
  }

  /** Offset just past the bracket opened at `open`. */
  closeOf(open: number): number {
    return matchingParen(this.code, open);
  }

  /** The next offset at or after `from` that is not white space in code (comments count as white space). */
  skipSpace(from: number): number {
    let i = from;
    while (i < this.code.length && /\s/.test(this.code[i]!)) i++;
    return i;
  }
}

/** A number literal (decimal or hex), else undefined. */
export function numberLiteral(s: string): number | undefined {
  const t = s.trim();
  if (/^\d{1,6}$/.test(t)) return Number(t);
  if (/^0[xX][0-9a-fA-F]{1,5}$/.test(t)) return Number.parseInt(t.slice(2), 16);
  return undefined;
}

/** A TCP/UDP port, when `n` is one. */
export function portOf(n: number | undefined): number | undefined {
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
}

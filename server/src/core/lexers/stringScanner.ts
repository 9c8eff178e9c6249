/**
 * String literals, described as data (`StrKind`) and scanned by one routine
 * (`StringScanner.body`), including interpolation holes (`${…}`, `\(…)`, `{…}`):
 * a hole pushes the string kind on an explicit stack, and the code scanner
 * resumes the string when the hole's closing brace or paren comes. `lit` is
 * `body` plus recording the literal (each part between holes separately) as a
 * `StringSpan` when strings are wanted (`scanTokens`).
 */
import { BACKSLASH, CR, DOLLAR, HASH, LBRACE, LF, LPAREN, SpanWriter } from './scanHelpers';

// Interpolation ("hole") syntax inside a string kind.
export const I_NONE = 0,
  I_DOLLAR_BRACE = 1,
  I_BACKSLASH_PAREN = 2,
  I_BRACE = 3;

/** Lexical description of one kind of string literal. */
export interface StrKind {
  /** The quote character. */
  readonly quote: number;
  /** Length of the closing quote run (1, 3, or N for C# raw strings). */
  readonly quotes: number;
  /** A longer run of quotes also closes; the extra quotes are content (Kotlin / C# raw strings). */
  readonly greedy: boolean;
  /** `#` count after the closing quotes (Rust raw, Swift extended); Swift also needs them after `\`. */
  readonly hashes: number;
  /** Backslash escapes. */
  readonly escapes: boolean;
  /** A doubled quote is an escaped quote (C# verbatim, SQL). */
  readonly doubled: boolean;
  /** May span lines; otherwise an unterminated string ends at the end of its line. */
  readonly multiLine: boolean;
  readonly interp: number;
  /** For I_BRACE: number of `{` that open a hole; with 1, `{{` is a literal brace. */
  readonly braces: number;
}

export function kind(quote: number, quotes: number, o: Partial<Omit<StrKind, 'quote' | 'quotes'>> = {}): StrKind {
  return {
    quote,
    quotes,
    greedy: o.greedy ?? false,
    hashes: o.hashes ?? 0,
    escapes: o.escapes ?? false,
    doubled: o.doubled ?? false,
    multiLine: o.multiLine ?? false,
    interp: o.interp ?? I_NONE,
    braces: o.braces ?? 1,
  };
}

/** Single-line, with backslash escapes. */
export const ESC_LINE = { escapes: true };

export class StringScanner extends SpanWriter {
  // Set by body(): how many closing-delimiter characters were consumed (0: unterminated or hole opened),
  // where the literal text of the part ends (at the closing quotes, the hole opener, the line break or
  // the end), and whether a hole (`${`, `\(`, `{`) was opened.
  closeLen = 0;
  partEnd = 0;
  protected opened = false;
  // Open interpolation holes: the string kind to resume and the brace/paren depth at which it resumes.
  protected readonly holeKinds: StrKind[] = [];
  protected readonly holeDepths: number[] = [];
  protected braceDepth = 0;
  protected parenDepth = 0;

  /**
   * `body(k, i)` for a literal (or literal part) that starts at `start` — its prefix and opening
   * quotes, or the `}` / `)` that closed a hole — and records it when strings are wanted.
   */
  lit(start: number, k: StrKind, i: number): number {
    const e = this.body(k, i);
    if (this.strs !== null) this.pushStr(start, e, i, this.partEnd);
    return e;
  }

  /**
   * Scans the body of a string of kind `k` from `i` (just after the opening delimiter,
   * or just after a hole that closed). Returns the offset after the string, the offset
   * of the line break ending an unterminated single-line string, or the offset after a
   * hole opener (then `opened` is set and the hole is on the stack).
   */
  body(k: StrKind, i: number): number {
    const t = this.t,
      n = this.n,
      q = k.quote;
    this.closeLen = 0;
    this.opened = false;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === q) {
        if (k.doubled) {
          if (t.charCodeAt(i + 1) === q) {
            i += 2;
            continue;
          }
          this.closeLen = 1;
          this.partEnd = i;
          return i + 1;
        }
        if (k.quotes === 1 && k.hashes === 0) {
          this.closeLen = 1;
          this.partEnd = i;
          return i + 1;
        }
        // Count the quote run; non-greedy kinds only need `quotes` of it (keeps long runs linear).
        const cap = k.greedy || k.hashes !== 0 ? n : k.quotes;
        let r = 1;
        while (r < cap && t.charCodeAt(i + r) === q) r++;
        if (r < k.quotes) {
          i += r;
          continue;
        }
        if (k.hashes === 0) {
          const len = k.greedy ? r : k.quotes;
          this.closeLen = len;
          this.partEnd = i + len - k.quotes; // extra quotes of a greedy run are content
          return i + len;
        }
        const p = i + r;
        let h = 0;
        while (h < k.hashes && t.charCodeAt(p + h) === HASH) h++;
        if (h === k.hashes) {
          this.closeLen = k.quotes + h;
          this.partEnd = p - k.quotes;
          return p + h;
        }
        i = p;
        continue;
      }
      if (c === BACKSLASH && k.escapes) {
        let j = i + 1;
        if (k.hashes !== 0) {
          let h = 0;
          while (h < k.hashes && t.charCodeAt(j + h) === HASH) h++;
          if (h < k.hashes) {
            i = j; // a plain backslash in a Swift extended string
            continue;
          }
          j += h;
        }
        const d = t.charCodeAt(j);
        if (d === LPAREN && k.interp === I_BACKSLASH_PAREN) {
          this.openHole(k, this.parenDepth);
          this.partEnd = i;
          return j + 1;
        }
        if (d === CR && t.charCodeAt(j + 1) === LF) j++;
        i = j + 1;
        continue;
      }
      if ((c === LF || c === CR) && !k.multiLine) {
        this.partEnd = i;
        return i;
      }
      if (k.interp === I_DOLLAR_BRACE) {
        if (c === DOLLAR && t.charCodeAt(i + 1) === LBRACE) {
          this.openHole(k, this.braceDepth);
          this.partEnd = i;
          return i + 2;
        }
      } else if (k.interp === I_BRACE && c === LBRACE) {
        let r = 1;
        while (t.charCodeAt(i + r) === LBRACE) r++;
        if (k.braces === 1) {
          if (r >= 2) {
            i += 2; // `{{` is a literal brace
            continue;
          }
          this.openHole(k, this.braceDepth);
          this.partEnd = i;
          return i + 1;
        }
        if (r >= k.braces) {
          this.openHole(k, this.braceDepth);
          this.partEnd = i + r - k.braces; // extra braces before the opener are content
          return i + r;
        }
        i += r;
        continue;
      }
      i++;
    }
    this.partEnd = n;
    return n;
  }

  private openHole(k: StrKind, depth: number): void {
    this.holeKinds.push(k);
    this.holeDepths.push(depth);
    this.opened = true;
  }

  /** Ends single-line strings whose hole is still open at a line break. */
  protected closeLineHoles(): void {
    const kinds = this.holeKinds;
    while (kinds.length !== 0) {
      const k = kinds[kinds.length - 1]!;
      if (k.multiLine) return;
      kinds.pop();
      const d = this.holeDepths.pop()!;
      if (k.interp === I_BACKSLASH_PAREN) this.parenDepth = d;
      else this.braceDepth = d;
    }
  }
}

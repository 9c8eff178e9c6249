/**
 * Comment-aware lexical scanner: finds the comments of a source file without
 * being fooled by strings, char literals, template literals or regex literals
 * (DESIGN.md §2: annotations are read only inside comments).
 *
 * One pass over the text with `charCodeAt`, no recursion (string interpolation
 * nesting uses an explicit stack), never throws, never hangs.
 */
import type { CommentFamily } from './languages';

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

// Character codes.
const TAB = 9, LF = 10, VT = 11, FF = 12, CR = 13, SPACE = 32, BANG = 33, DQ = 34, HASH = 35;
const DOLLAR = 36, SQ = 39, LPAREN = 40, RPAREN = 41, STAR = 42, PLUS = 43, MINUS = 45;
const SLASH = 47, LT = 60, EQ = 61, AT = 64, LBRACKET = 91, BACKSLASH = 92, RBRACKET = 93;
const BACKTICK = 96, LBRACE = 123, RBRACE = 125, TILDE = 126;

// Families of the C-like engine, as numbers for cheap dispatch.
const F_C = 1, F_JS = 2, F_PY = 3, F_RUST = 4, F_GO = 5, F_CS = 6, F_JAVA = 7, F_KT = 8, F_SWIFT = 9;
const CODE_FAMILIES: { readonly [k: string]: number | undefined } = {
  c: F_C, js: F_JS, python: F_PY, rust: F_RUST, go: F_GO, csharp: F_CS, java: F_JAVA, kotlin: F_KT, swift: F_SWIFT,
};

// Interpolation ("hole") syntax inside a string kind.
const I_NONE = 0, I_DOLLAR_BRACE = 1, I_BACKSLASH_PAREN = 2, I_BRACE = 3;

/** Lexical description of one kind of string literal. */
interface StrKind {
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

function kind(quote: number, quotes: number, o: Partial<Omit<StrKind, 'quote' | 'quotes'>> = {}): StrKind {
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

const ESC_LINE = { escapes: true };
const C_DQ = kind(DQ, 1, ESC_LINE);
const JS_SQ = kind(SQ, 1, ESC_LINE);
const JS_TEMPLATE = kind(BACKTICK, 1, { escapes: true, multiLine: true, interp: I_DOLLAR_BRACE });
const JAVA_BLOCK = kind(DQ, 3, { escapes: true, multiLine: true });
const KT_DQ = kind(DQ, 1, { escapes: true, interp: I_DOLLAR_BRACE });
const KT_RAW = kind(DQ, 3, { greedy: true, multiLine: true, interp: I_DOLLAR_BRACE });
const GO_RAW = kind(BACKTICK, 1, { multiLine: true });
const RUST_DQ = kind(DQ, 1, { escapes: true, multiLine: true });
const SWIFT_DQ = kind(DQ, 1, { escapes: true, interp: I_BACKSLASH_PAREN });
const SWIFT_MULTI = kind(DQ, 3, { escapes: true, multiLine: true, interp: I_BACKSLASH_PAREN });
const CS_INTERP = kind(DQ, 1, { escapes: true, interp: I_BRACE });
const CS_VERBATIM = kind(DQ, 1, { doubled: true, multiLine: true });
const CS_VERBATIM_INTERP = kind(DQ, 1, { doubled: true, multiLine: true, interp: I_BRACE });
/** Python kinds indexed by [quote === DQ][triple][f-string]. */
const PY_KINDS: readonly StrKind[][][] = [SQ, DQ].map((q) =>
  [false, true].map((triple) =>
    [false, true].map((f) =>
      kind(q, triple ? 3 : 1, { escapes: true, multiLine: triple, interp: f ? I_BRACE : I_NONE }),
    ),
  ),
);
const HASH_DQ = kind(DQ, 1, ESC_LINE);
const HASH_SQ = kind(SQ, 1);
const HASH_DQ3 = kind(DQ, 3, { escapes: true, multiLine: true });
const HASH_SQ3 = kind(SQ, 3, { multiLine: true });
const SQL_STRING = kind(SQ, 1, { doubled: true, multiLine: true });
const SQL_IDENT = kind(DQ, 1, { doubled: true });
const SQL_BACKTICK = kind(BACKTICK, 1, { doubled: true });

const REGEX_KEYWORDS: ReadonlySet<string> = new Set([
  'return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await',
  'instanceof',
]);

// What came before, for the JS regex-vs-division decision.
const K_START = 0, K_PUNCT = 1, K_VALUE = 2, K_WORD = 3;
/** After this many unterminated regex candidates on one line, `/` is division for the rest of it. */
const MAX_REGEX_FAILURES_PER_LINE = 8;
/** Longest code span searched for in Markdown (bounds the work on hostile lines). */
const MAX_CODE_SPAN = 4096;

function isIdentPart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DOLLAR || c >= 128
  );
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === VT || c === FF;
}

function isNewline(c: number): boolean {
  return c === LF || c === CR;
}

/**
 * The comments of `text`, in order. Strings, char literals, template and regex
 * literals are skipped; Python docstrings (a triple-quoted string that starts a
 * line) are reported as block comments. Never throws.
 */
export function scanComments(text: string, family: CommentFamily): CommentSpan[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const scanner = new Scanner(text);
  try {
    const code = CODE_FAMILIES[family];
    if (code !== undefined) scanner.scanCode(code);
    else if (family === 'hash') scanner.scanHash();
    else if (family === 'sql') scanner.scanSql();
    else if (family === 'html') scanner.scanHtml();
    else if (family === 'markdown') scanner.scanMarkdown();
  } catch {
    // Defensive only: return what was found so far rather than failing the caller.
  }
  return scanner.out;
}

class Scanner {
  readonly out: CommentSpan[] = [];
  private readonly n: number;
  private fam = 0;
  // Set by body(): how many closing-delimiter characters were consumed (0: unterminated or hole opened),
  // and whether a hole (`${`, `\(`, `{`) was opened.
  private closeLen = 0;
  private opened = false;
  // Open interpolation holes: the string kind to resume and the brace/paren depth at which it resumes.
  private readonly holeKinds: StrKind[] = [];
  private readonly holeDepths: number[] = [];
  private braceDepth = 0;
  private parenDepth = 0;
  // JS regex heuristic state.
  private last = K_START;
  private lastPunct = 0;
  private lastPunctPos = -1;
  private wordStart = 0;
  private wordEnd = 0;
  private regexFailEol = -1;
  private regexFails = 0;

  constructor(private readonly t: string) {
    this.n = t.length;
  }

  private push(start: number, end: number, contentStart: number, contentEnd: number, block: boolean): void {
    if (contentStart > end) contentStart = end;
    if (contentEnd < contentStart) contentEnd = contentStart;
    if (contentEnd > end) contentEnd = end;
    this.out.push({ start, end, contentStart, contentEnd, block });
  }

  // ---------------------------------------------------------------- shared pieces

  /** A line comment whose marker is `markerLen` long; returns the offset of its line break (or the end). */
  private lineComment(i: number, markerLen: number, continuation: boolean): number {
    const t = this.t, n = this.n;
    let cs = i + markerLen;
    if (markerLen === 2 && t.charCodeAt(i) === SLASH) {
      const c = t.charCodeAt(cs);
      if (c === SLASH || c === BANG) cs++; // `///` and `//!` doc comments
    }
    let j = cs;
    while (j < n) {
      const c = t.charCodeAt(j);
      if (c === LF || c === CR) {
        if (!continuation || t.charCodeAt(j - 1) !== BACKSLASH) break;
        j += c === CR && t.charCodeAt(j + 1) === LF ? 2 : 1;
        continue;
      }
      j++;
    }
    this.push(i, j, cs, j, false);
    return j;
  }

  /** A `/* *\/` comment starting at `i`; returns the offset after it. */
  private blockComment(i: number, nested: boolean): number {
    const t = this.t, n = this.n;
    let cs = i + 2;
    const c2 = t.charCodeAt(cs);
    if ((c2 === STAR || c2 === BANG) && t.charCodeAt(cs + 1) !== SLASH) cs++; // `/**`, `/*!`
    let close = -1;
    if (!nested) {
      close = t.indexOf('*/', i + 2);
    } else {
      let depth = 1;
      let j = i + 2;
      while (j < n) {
        const c = t.charCodeAt(j);
        if (c === SLASH && t.charCodeAt(j + 1) === STAR) {
          depth++;
          j += 2;
        } else if (c === STAR && t.charCodeAt(j + 1) === SLASH) {
          if (--depth === 0) {
            close = j;
            break;
          }
          j += 2;
        } else {
          j++;
        }
      }
    }
    if (close < 0) {
      this.push(i, n, cs, n, true);
      return n;
    }
    this.push(i, close + 2, cs, close, true);
    return close + 2;
  }

  /**
   * Scans the body of a string of kind `k` from `i` (just after the opening delimiter,
   * or just after a hole that closed). Returns the offset after the string, the offset
   * of the line break ending an unterminated single-line string, or the offset after a
   * hole opener (then `opened` is set and the hole is on the stack).
   */
  private body(k: StrKind, i: number): number {
    const t = this.t, n = this.n, q = k.quote;
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
          return i + 1;
        }
        if (k.quotes === 1 && k.hashes === 0) {
          this.closeLen = 1;
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
          return i + len;
        }
        const p = i + r;
        let h = 0;
        while (h < k.hashes && t.charCodeAt(p + h) === HASH) h++;
        if (h === k.hashes) {
          this.closeLen = k.quotes + h;
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
          return j + 1;
        }
        if (d === CR && t.charCodeAt(j + 1) === LF) j++;
        i = j + 1;
        continue;
      }
      if ((c === LF || c === CR) && !k.multiLine) return i;
      if (k.interp === I_DOLLAR_BRACE) {
        if (c === DOLLAR && t.charCodeAt(i + 1) === LBRACE) {
          this.openHole(k, this.braceDepth);
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
          return i + 1;
        }
        if (r >= k.braces) {
          this.openHole(k, this.braceDepth);
          return i + r;
        }
        i += r;
        continue;
      }
      i++;
    }
    return n;
  }

  private openHole(k: StrKind, depth: number): void {
    this.holeKinds.push(k);
    this.holeDepths.push(depth);
    this.opened = true;
  }

  /** Ends single-line strings whose hole is still open at a line break. */
  private closeLineHoles(): void {
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

  /** After a string or the part of a string up to a hole. */
  private afterString(): void {
    if (this.opened) {
      this.last = K_PUNCT;
      this.lastPunct = LBRACE;
      this.lastPunctPos = -1;
    } else {
      this.last = K_VALUE;
    }
  }

  // ---------------------------------------------------------------- C-like families and Python

  scanCode(fam: number): void {
    const t = this.t, n = this.n;
    this.fam = fam;
    const slashComments = fam !== F_PY;
    const nested = fam === F_RUST || fam === F_SWIFT || fam === F_KT;
    const js = fam === F_JS;
    let i = 0;
    if (js && t.charCodeAt(0) === HASH && t.charCodeAt(1) === BANG) {
      while (i < n && !isNewline(t.charCodeAt(i))) i++; // hashbang
    }
    while (i < n) {
      const c = t.charCodeAt(i);
      switch (c) {
        case SPACE:
        case TAB:
        case VT:
        case FF:
          i++;
          continue;
        case LF:
        case CR:
          if (this.holeKinds.length !== 0) this.closeLineHoles();
          i++;
          continue;
        case SLASH:
          if (slashComments) {
            const d = t.charCodeAt(i + 1);
            if (d === SLASH) {
              i = this.lineComment(i, 2, fam === F_C);
              continue;
            }
            if (d === STAR) {
              i = this.blockComment(i, nested);
              continue;
            }
            if (js && this.regexAllowed(i)) {
              const e = this.regex(i);
              if (e >= 0) {
                i = e;
                this.last = K_VALUE;
                continue;
              }
            }
          }
          break;
        case DQ:
          i = this.doubleQuote(i);
          this.afterString();
          continue;
        case SQ: {
          const e = this.singleQuote(i);
          if (e >= 0) {
            i = e;
            this.afterString();
            continue;
          }
          break;
        }
        case BACKTICK: {
          const e = this.backtick(i);
          if (e >= 0) {
            i = e;
            this.afterString();
            continue;
          }
          break;
        }
        case HASH:
          if (fam === F_PY) {
            if (this.holeKinds.length === 0) {
              i = this.lineComment(i, 1, false);
              continue;
            }
          } else if (fam === F_SWIFT) {
            let h = 1;
            while (t.charCodeAt(i + h) === HASH) h++;
            if (t.charCodeAt(i + h) === DQ) {
              i = this.swiftExtended(i + h, h);
              this.afterString();
              continue;
            }
            i += h; // a run of `#` that starts no string
            this.last = K_PUNCT;
            continue;
          }
          break;
        case AT:
          if (fam === F_CS) {
            const d = t.charCodeAt(i + 1);
            if (d === DQ || (d === DOLLAR && t.charCodeAt(i + 2) === DQ)) {
              i = this.csharpString(i);
              this.afterString();
              continue;
            }
          }
          break;
        case DOLLAR:
          if (fam === F_CS) {
            const e = this.csharpString(i);
            if (e >= 0) {
              i = e;
              this.afterString();
              continue;
            }
            while (t.charCodeAt(i) === DOLLAR) i++;
            this.last = K_PUNCT;
            continue;
          }
          i = this.word(i);
          continue;
        case LBRACE:
          this.braceDepth++;
          break;
        case RBRACE: {
          const top = this.holeKinds.length - 1;
          if (
            top >= 0 &&
            this.holeKinds[top]!.interp !== I_BACKSLASH_PAREN &&
            this.holeDepths[top] === this.braceDepth
          ) {
            const k = this.holeKinds.pop()!;
            this.holeDepths.pop();
            i = this.body(k, i + 1);
            this.afterString();
            continue;
          }
          this.braceDepth--;
          break;
        }
        case LPAREN:
          this.parenDepth++;
          break;
        case RPAREN: {
          const top = this.holeKinds.length - 1;
          if (
            top >= 0 &&
            this.holeKinds[top]!.interp === I_BACKSLASH_PAREN &&
            this.holeDepths[top] === this.parenDepth
          ) {
            const k = this.holeKinds.pop()!;
            this.holeDepths.pop();
            i = this.body(k, i + 1);
            this.afterString();
            continue;
          }
          this.parenDepth--;
          this.last = K_VALUE;
          i++;
          continue;
        }
        case RBRACKET:
          this.last = K_VALUE;
          i++;
          continue;
        default:
          if (isIdentPart(c)) {
            i = this.word(i);
            continue;
          }
      }
      this.last = K_PUNCT;
      this.lastPunct = c;
      this.lastPunctPos = i;
      i++;
    }
  }

  /** An identifier, keyword or number at `i` — or a string prefix such as `r#"`, `b"`, `f'`, `u8R"`. */
  private word(i: number): number {
    const t = this.t, n = this.n;
    let j = i + 1;
    while (j < n && isIdentPart(t.charCodeAt(j))) j++;
    if (j - i <= 3) {
      const next = t.charCodeAt(j);
      if (next === DQ || next === SQ || next === HASH) {
        const e = this.prefixedString(i, j, next);
        if (e >= 0) {
          this.afterString();
          return e;
        }
      }
    }
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      this.last = K_VALUE;
    } else {
      this.last = K_WORD;
      this.wordStart = i;
      this.wordEnd = j;
    }
    return j;
  }

  /** A string whose prefix is `t[i..j)` and whose quote (or Rust `#`) is at `j`; -1 if none. */
  private prefixedString(i: number, j: number, next: number): number {
    const t = this.t, fam = this.fam;
    if (fam === F_PY) {
      if (next === HASH) return -1;
      let f = false;
      for (let p = i; p < j; p++) {
        const c = t.charCodeAt(p) | 0x20; // lower case
        if (c === 102 || c === 116) f = true; // f, t
        else if (c !== 114 && c !== 98 && c !== 117) return -1; // r, b, u
      }
      return j - i <= 2 ? this.pythonString(i, j, f) : -1;
    }
    if (fam === F_RUST) {
      const p = t.slice(i, j);
      if (p !== 'r' && p !== 'br' && p !== 'cr') return -1; // b"…", c"…" are ordinary strings
      let h = 0;
      while (t.charCodeAt(j + h) === HASH) h++;
      if (t.charCodeAt(j + h) !== DQ) return -1; // e.g. raw identifier r#type
      return this.body(kind(DQ, 1, { hashes: h, multiLine: true }), j + h + 1);
    }
    if (fam === F_C && next === DQ && t.charCodeAt(j - 1) === 82 /* R */) {
      const p = t.slice(i, j);
      if (p === 'R' || p === 'u8R' || p === 'uR' || p === 'UR' || p === 'LR') return this.cppRawString(j);
    }
    return -1;
  }

  /** C++ raw string `R"delim( … )delim"` whose quote is at `q`; -1 when the delimiter is invalid. */
  private cppRawString(q: number): number {
    const t = this.t, n = this.n;
    let p = q + 1;
    while (p < n && p - q <= 17) {
      const c = t.charCodeAt(p);
      if (c === LPAREN) break;
      if (c === RPAREN || c === BACKSLASH || c <= SPACE) return -1;
      p++;
    }
    if (t.charCodeAt(p) !== LPAREN) return -1;
    const closing = ')' + t.slice(q + 1, p) + '"';
    const e = t.indexOf(closing, p + 1);
    return e < 0 ? n : e + closing.length;
  }

  private doubleQuote(i: number): number {
    const t = this.t;
    const triple = t.charCodeAt(i + 1) === DQ && t.charCodeAt(i + 2) === DQ;
    switch (this.fam) {
      case F_PY:
        return this.pythonString(i, i, false);
      case F_JAVA:
        return triple ? this.body(JAVA_BLOCK, i + 3) : this.body(C_DQ, i + 1);
      case F_KT:
        return triple ? this.body(KT_RAW, i + 3) : this.body(KT_DQ, i + 1);
      case F_SWIFT:
        return triple ? this.body(SWIFT_MULTI, i + 3) : this.body(SWIFT_DQ, i + 1);
      case F_RUST:
        return this.body(RUST_DQ, i + 1);
      case F_CS:
        return this.csharpString(i);
      default:
        return this.body(C_DQ, i + 1); // C, C++, Go, JS
    }
  }

  /** `'` at `i`: a JS/Python string, a char literal, or nothing (-1: Rust lifetimes, C++ digit separators). */
  private singleQuote(i: number): number {
    switch (this.fam) {
      case F_JS:
        return this.body(JS_SQ, i + 1);
      case F_PY:
        return this.pythonString(i, i, false);
      case F_SWIFT:
        return -1;
      default:
        return this.charLiteral(i);
    }
  }

  /** The end of a char literal `'x'`, `'\n'`, `'\u{1F600}'` at `i`, or -1 when `'` starts none. */
  private charLiteral(i: number): number {
    const t = this.t;
    const c1 = t.charCodeAt(i + 1);
    if (c1 === BACKSLASH) {
      const limit = Math.min(this.n, i + 16);
      for (let j = i + 3; j < limit; j++) {
        const c = t.charCodeAt(j);
        if (c === SQ) return j + 1;
        if (c === LF || c === CR) return -1;
      }
      return -1;
    }
    if (c1 !== c1 || c1 === SQ || c1 === LF || c1 === CR) return -1; // NaN: end of text
    let j = i + 2;
    if (c1 >= 0xd800 && c1 <= 0xdbff) {
      const c2 = t.charCodeAt(j);
      if (c2 >= 0xdc00 && c2 <= 0xdfff) j++;
    }
    return t.charCodeAt(j) === SQ ? j + 1 : -1;
  }

  /** `` ` `` at `i`: JS template, Go raw string, Kotlin/Swift quoted identifier; -1 otherwise. */
  private backtick(i: number): number {
    const t = this.t, n = this.n;
    switch (this.fam) {
      case F_JS:
        return this.body(JS_TEMPLATE, i + 1);
      case F_GO:
        return this.body(GO_RAW, i + 1);
      case F_KT:
      case F_SWIFT:
        for (let j = i + 1; j < n; j++) {
          const c = t.charCodeAt(j);
          if (c === BACKTICK) return j + 1;
          if (c === LF || c === CR) return -1;
        }
        return -1;
      default:
        return -1;
    }
  }

  /** Python string with prefix `t[start..q)` and quote at `q`; reports docstrings. */
  private pythonString(start: number, q: number, f: boolean): number {
    const t = this.t;
    const quote = t.charCodeAt(q);
    const triple = t.charCodeAt(q + 1) === quote && t.charCodeAt(q + 2) === quote;
    const k = PY_KINDS[quote === DQ ? 1 : 0]![triple ? 1 : 0]![f ? 1 : 0]!;
    if (!triple) return this.body(k, q + 1);
    if (f || !this.atLineStart(start)) return this.body(k, q + 3);
    const end = this.body(k, q + 3);
    this.push(start, end, q + 3, end - this.closeLen, true);
    return end;
  }

  /** Only whitespace between the start of the line and `i`. */
  private atLineStart(i: number): boolean {
    const t = this.t;
    let p = i - 1;
    while (p >= 0) {
      const c = t.charCodeAt(p);
      if (c === LF || c === CR) return true;
      if (!isSpace(c)) return false;
      p--;
    }
    return true;
  }

  /** C# `"…"`, `@"…"`, `$"…"`, `$@"…"`, `@$"…"`, `"""…"""`, `$$"""…"""` starting at `i`; -1 if none. */
  private csharpString(i: number): number {
    const t = this.t;
    let p = i;
    let dollars = 0;
    let verbatim = false;
    while (t.charCodeAt(p) === DOLLAR) {
      dollars++;
      p++;
    }
    if (t.charCodeAt(p) === AT) {
      verbatim = true;
      p++;
      while (t.charCodeAt(p) === DOLLAR) {
        dollars++;
        p++;
      }
    }
    if (t.charCodeAt(p) !== DQ) return -1;
    if (verbatim) return this.body(dollars !== 0 ? CS_VERBATIM_INTERP : CS_VERBATIM, p + 1);
    let r = 1;
    while (t.charCodeAt(p + r) === DQ) r++;
    if (r >= 3) {
      const raw = kind(DQ, r, {
        greedy: true,
        multiLine: true,
        interp: dollars !== 0 ? I_BRACE : I_NONE,
        braces: Math.max(dollars, 1),
      });
      return this.body(raw, p + r);
    }
    return this.body(dollars !== 0 ? CS_INTERP : C_DQ, p + 1);
  }

  /** Swift `#"…"#`, `##"""…"""##` whose first quote is at `q`, after `hashes` `#`. */
  private swiftExtended(q: number, hashes: number): number {
    const t = this.t;
    const triple = t.charCodeAt(q + 1) === DQ && t.charCodeAt(q + 2) === DQ;
    const k = kind(DQ, triple ? 3 : 1, {
      hashes,
      escapes: true,
      multiLine: triple,
      interp: I_BACKSLASH_PAREN,
    });
    return this.body(k, q + (triple ? 3 : 1));
  }

  /** JS: may a `/` at `i` (not `//`, `/*`) begin a regex literal? */
  private regexAllowed(i: number): boolean {
    if (i < this.regexFailEol && this.regexFails >= MAX_REGEX_FAILURES_PER_LINE) return false;
    switch (this.last) {
      case K_START:
        return true;
      case K_VALUE:
        return false;
      case K_WORD: {
        const len = this.wordEnd - this.wordStart;
        return len >= 2 && len <= 10 && REGEX_KEYWORDS.has(this.t.slice(this.wordStart, this.wordEnd));
      }
      default: {
        const p = this.lastPunct;
        const pos = this.lastPunctPos;
        if ((p === PLUS || p === MINUS) && pos > 0 && this.t.charCodeAt(pos - 1) === p) return false; // a++ / b
        if (p === LT && pos === i - 1) return false; // JSX closing tag `</div>`
        return true;
      }
    }
  }

  /** The end of a regex literal at `i` (flags included), or -1 if it does not end on its line. */
  private regex(i: number): number {
    const t = this.t, n = this.n;
    let inClass = false;
    let j = i + 1;
    while (j < n) {
      const c = t.charCodeAt(j);
      if (c === LF || c === CR) break;
      if (c === BACKSLASH) {
        const d = t.charCodeAt(j + 1);
        if (d === LF || d === CR) {
          j++;
          break;
        }
        j += 2;
        continue;
      }
      if (c === LBRACKET) inClass = true;
      else if (c === RBRACKET) inClass = false;
      else if (c === SLASH && !inClass) {
        j++;
        while (j < n && isIdentPart(t.charCodeAt(j))) j++;
        return j;
      }
      j++;
    }
    if (j > n) j = n;
    if (j === this.regexFailEol) this.regexFails++;
    else {
      this.regexFailEol = j;
      this.regexFails = 1;
    }
    return -1;
  }

  // ---------------------------------------------------------------- `#` family

  /** Shell, YAML, TOML, Ruby, Dockerfile, Makefile. */
  scanHash(): void {
    const t = this.t, n = this.n;
    let i = 0;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === HASH) {
        const p = i === 0 ? LF : t.charCodeAt(i - 1);
        if (p === LF || p === CR || isSpace(p)) {
          i = this.lineComment(i, 1, false);
          continue;
        }
      } else if (c === DQ || c === SQ) {
        // A quote inside a word (`don't`, `it's`) starts no string.
        if (i === 0 || !isWordChar(t.charCodeAt(i - 1))) {
          const triple = t.charCodeAt(i + 1) === c && t.charCodeAt(i + 2) === c;
          if (triple) i = this.body(c === DQ ? HASH_DQ3 : HASH_SQ3, i + 3);
          else i = this.body(c === DQ ? HASH_DQ : HASH_SQ, i + 1);
          continue;
        }
      } else if (c === EQ && (i === 0 || isNewline(t.charCodeAt(i - 1))) && this.wordAt(i, '=begin')) {
        i = this.rubyBlock(i);
        continue;
      }
      i++;
    }
  }

  /** `word` at `i`, followed by whitespace or the end of the text. */
  private wordAt(i: number, word: string): boolean {
    if (!this.t.startsWith(word, i)) return false;
    const c = this.t.charCodeAt(i + word.length);
    return c !== c || isSpace(c) || isNewline(c);
  }

  /** Ruby `=begin … =end` at `i`; the `=end` line is part of the comment. */
  private rubyBlock(i: number): number {
    const t = this.t, n = this.n;
    let from = i + 6;
    for (;;) {
      const k = t.indexOf('=end', from);
      if (k < 0) {
        this.push(i, n, i + 6, n, true);
        return n;
      }
      if (isNewline(t.charCodeAt(k - 1)) && this.wordAt(k, '=end')) {
        let e = k + 4;
        while (e < n && !isNewline(t.charCodeAt(e))) e++;
        this.push(i, e, i + 6, k, true);
        return e;
      }
      from = k + 4;
    }
  }

  // ---------------------------------------------------------------- SQL

  scanSql(): void {
    const t = this.t, n = this.n;
    let i = 0;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === MINUS && t.charCodeAt(i + 1) === MINUS) i = this.lineComment(i, 2, false);
      else if (c === SLASH && t.charCodeAt(i + 1) === STAR) i = this.blockComment(i, true);
      else if (c === SQ) i = this.body(SQL_STRING, i + 1);
      else if (c === DQ) i = this.body(SQL_IDENT, i + 1);
      else if (c === BACKTICK) i = this.body(SQL_BACKTICK, i + 1);
      else i++;
    }
  }

  // ---------------------------------------------------------------- HTML / XML / Markdown

  scanHtml(): void {
    const t = this.t, n = this.n;
    let i = 0;
    while (i < n) {
      const k = t.indexOf('<!', i);
      if (k < 0) return;
      if (t.startsWith('<!--', k)) {
        i = this.htmlComment(k);
      } else if (t.startsWith('<![CDATA[', k)) {
        const e = t.indexOf(']]>', k + 9);
        i = e < 0 ? n : e + 3;
      } else {
        i = k + 2;
      }
    }
  }

  private htmlComment(k: number): number {
    const e = this.t.indexOf('-->', k + 4);
    if (e < 0) {
      this.push(k, this.n, k + 4, this.n, true);
      return this.n;
    }
    this.push(k, e + 3, k + 4, e, true);
    return e + 3;
  }

  /** `<!-- -->` outside fenced code blocks and (single-line) code spans. */
  scanMarkdown(): void {
    const t = this.t, n = this.n;
    let i = 0;
    let lineStart = true;
    while (i < n) {
      if (lineStart) {
        lineStart = false;
        const e = this.fencedBlock(i);
        if (e >= 0) {
          i = e;
          lineStart = true;
          continue;
        }
      }
      const c = t.charCodeAt(i);
      if (c === LF || c === CR) {
        i += c === CR && t.charCodeAt(i + 1) === LF ? 2 : 1;
        lineStart = true;
      } else if (c === LT && t.startsWith('<!--', i)) {
        i = this.htmlComment(i);
      } else if (c === BACKTICK) {
        i = this.codeSpan(i);
      } else if (c === BACKSLASH && !isNewline(t.charCodeAt(i + 1))) {
        i += 2;
      } else {
        i++;
      }
    }
  }

  /** If a fence opens at line start `i`, the offset after its closing line (or the end); else -1. */
  private fencedBlock(i: number): number {
    const t = this.t, n = this.n;
    let p = i;
    while (p - i < 4 && t.charCodeAt(p) === SPACE) p++;
    if (p - i > 3) return -1;
    const f = t.charCodeAt(p);
    if (f !== BACKTICK && f !== TILDE) return -1;
    let r = 0;
    while (t.charCodeAt(p + r) === f) r++;
    if (r < 3) return -1;
    let e = p + r;
    while (e < n && !isNewline(t.charCodeAt(e))) {
      if (f === BACKTICK && t.charCodeAt(e) === BACKTICK) return -1; // not a fence: inline code
      e++;
    }
    // Line by line until a closing fence of the same character, at least as long.
    let line = this.nextLine(e);
    while (line < n) {
      const next = this.nextLine(line);
      let q = line;
      while (q - line < 4 && t.charCodeAt(q) === SPACE) q++;
      if (q - line <= 3) {
        let m = 0;
        while (t.charCodeAt(q + m) === f) m++;
        if (m >= r) {
          let s = q + m;
          while (s < n && isSpace(t.charCodeAt(s))) s++;
          if (s >= n || isNewline(t.charCodeAt(s))) return next;
        }
      }
      line = next;
    }
    return n;
  }

  /** The offset of the start of the line after the one containing `i`. */
  private nextLine(i: number): number {
    const t = this.t, n = this.n;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === LF) return i + 1;
      if (c === CR) return t.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      i++;
    }
    return n;
  }

  /** A code span opening at `i`: the offset after it, or after the backtick run when it is not closed. */
  private codeSpan(i: number): number {
    const t = this.t;
    let r = 1;
    while (t.charCodeAt(i + r) === BACKTICK) r++;
    const limit = Math.min(this.n, i + r + MAX_CODE_SPAN);
    let j = i + r;
    while (j < limit) {
      const c = t.charCodeAt(j);
      if (c === LF || c === CR) break;
      if (c === BACKTICK) {
        let m = 1;
        while (t.charCodeAt(j + m) === BACKTICK) m++;
        if (m === r) return j + m;
        j += m;
        continue;
      }
      j++;
    }
    return i + r;
  }
}

/**
 * The token loop of the code families — C/C++, JS/TS, Python, Rust, Go, C#,
 * Java, Kotlin, Swift: comments, strings and char literals, interpolation
 * holes closed by `}` / `)`, and the previous token (for JS regex literals).
 * The literal rules of each family live in cLikeScanner.ts, jsScanner.ts and
 * pythonScanner.ts; this file dispatches to them by family. String literals
 * (and each literal part of an interpolated string, from its opening quotes or
 * the `}` / `)` that closed a hole) are recorded when strings are wanted.
 */
import {
  AT,
  BACKTICK,
  CR,
  DOLLAR,
  DQ,
  FF,
  HASH,
  LBRACE,
  LF,
  LPAREN,
  RBRACE,
  RBRACKET,
  RPAREN,
  SLASH,
  SPACE,
  SQ,
  STAR,
  TAB,
  VT,
  isIdentPart,
} from './scanHelpers';
import { I_BACKSLASH_PAREN, StringScanner } from './stringScanner';
import {
  C_DQ,
  GO_RAW,
  RUST_DQ,
  charLiteral,
  cppPrefixedString,
  csharpString,
  javaString,
  kotlinString,
  quotedIdentifier,
  rustPrefixedString,
  swiftExtended,
  swiftString,
} from './cLikeScanner';
import { JS_SQ, JS_TEMPLATE, K_PUNCT, K_VALUE, K_WORD, PrevToken, hashbangEnd } from './jsScanner';
import { pythonPrefixedString, pythonString } from './pythonScanner';
import type { CommentFamily } from './languages';

// Families of the code engine, as numbers for cheap dispatch.
const F_C = 1,
  F_JS = 2,
  F_PY = 3,
  F_RUST = 4,
  F_GO = 5,
  F_CS = 6,
  F_JAVA = 7,
  F_KT = 8,
  F_SWIFT = 9;
const CODE_FAMILIES: { readonly [k: string]: number | undefined } = {
  c: F_C,
  js: F_JS,
  python: F_PY,
  rust: F_RUST,
  go: F_GO,
  csharp: F_CS,
  java: F_JAVA,
  kotlin: F_KT,
  swift: F_SWIFT,
};

/** The code-family number of a comment family, or undefined when `CodeScanner` does not handle it. */
export function codeFamily(family: CommentFamily): number | undefined {
  return CODE_FAMILIES[family];
}

export class CodeScanner extends StringScanner {
  private fam = 0;
  private readonly prev = new PrevToken(this.t);

  /** Scans the whole text as code of family `fam` (from `codeFamily`). */
  scan(fam: number): void {
    const t = this.t,
      n = this.n,
      prev = this.prev;
    this.fam = fam;
    const slashComments = fam !== F_PY;
    const nested = fam === F_RUST || fam === F_SWIFT || fam === F_KT;
    const js = fam === F_JS;
    let i = js ? hashbangEnd(t) : 0;
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
            if (js && prev.regexAllowed(i)) {
              const e = prev.regex(i);
              if (e >= 0) {
                i = e;
                prev.last = K_VALUE;
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
              i = swiftExtended(this, i + h, h);
              this.afterString();
              continue;
            }
            i += h; // a run of `#` that starts no string
            prev.last = K_PUNCT;
            continue;
          }
          break;
        case AT:
          if (fam === F_CS) {
            const d = t.charCodeAt(i + 1);
            if (d === DQ || (d === DOLLAR && t.charCodeAt(i + 2) === DQ)) {
              i = csharpString(this, i);
              this.afterString();
              continue;
            }
          }
          break;
        case DOLLAR:
          if (fam === F_CS) {
            const e = csharpString(this, i);
            if (e >= 0) {
              i = e;
              this.afterString();
              continue;
            }
            while (t.charCodeAt(i) === DOLLAR) i++;
            prev.last = K_PUNCT;
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
            let e = i + 1;
            for (let m = 1; m < k.braces && t.charCodeAt(e) === RBRACE; m++) e++; // C# `$$"…{{x}}…"`
            i = this.lit(i, k, e);
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
            i = this.lit(i, k, i + 1);
            this.afterString();
            continue;
          }
          this.parenDepth--;
          prev.last = K_VALUE;
          i++;
          continue;
        }
        case RBRACKET:
          prev.last = K_VALUE;
          i++;
          continue;
        default:
          if (isIdentPart(c)) {
            i = this.word(i);
            continue;
          }
      }
      prev.last = K_PUNCT;
      prev.lastPunct = c;
      prev.lastPunctPos = i;
      i++;
    }
  }

  /** An identifier, keyword or number at `i` — or a string prefix such as `r#"`, `b"`, `f'`, `u8R"`. */
  private word(i: number): number {
    const t = this.t,
      n = this.n,
      prev = this.prev;
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
      prev.last = K_VALUE;
    } else {
      prev.last = K_WORD;
      prev.wordStart = i;
      prev.wordEnd = j;
    }
    return j;
  }

  /** A string whose prefix is `t[i..j)` and whose quote (or Rust `#`) is at `j`; -1 if none. */
  private prefixedString(i: number, j: number, next: number): number {
    switch (this.fam) {
      case F_PY:
        return pythonPrefixedString(this, i, j, next);
      case F_RUST:
        return rustPrefixedString(this, i, j, next);
      case F_C:
        return cppPrefixedString(this, i, j, next);
      default:
        return -1;
    }
  }

  /** `"` at `i`: a string of the family (always one; an unterminated string ends at its line or the text). */
  private doubleQuote(i: number): number {
    switch (this.fam) {
      case F_PY:
        return pythonString(this, i, i, false);
      case F_JAVA:
        return javaString(this, i);
      case F_KT:
        return kotlinString(this, i);
      case F_SWIFT:
        return swiftString(this, i);
      case F_RUST:
        return this.lit(i, RUST_DQ, i + 1);
      case F_CS:
        return csharpString(this, i);
      default:
        return this.lit(i, C_DQ, i + 1); // C, C++, Go, JS
    }
  }

  /** `'` at `i`: a JS/Python string, a char literal, or nothing (-1: Rust lifetimes, C++ digit separators). */
  private singleQuote(i: number): number {
    switch (this.fam) {
      case F_JS:
        return this.lit(i, JS_SQ, i + 1);
      case F_PY:
        return pythonString(this, i, i, false);
      case F_SWIFT:
        return -1;
      default:
        return charLiteral(this, i);
    }
  }

  /** `` ` `` at `i`: JS template, Go raw string, Kotlin/Swift quoted identifier; -1 otherwise. */
  private backtick(i: number): number {
    switch (this.fam) {
      case F_JS:
        return this.lit(i, JS_TEMPLATE, i + 1);
      case F_GO:
        return this.lit(i, GO_RAW, i + 1);
      case F_KT:
      case F_SWIFT:
        return quotedIdentifier(this, i);
      default:
        return -1;
    }
  }

  /** After a string or the part of a string up to a hole. */
  private afterString(): void {
    const prev = this.prev;
    if (this.opened) {
      prev.last = K_PUNCT;
      prev.lastPunct = LBRACE;
      prev.lastPunctPos = -1;
    } else {
      prev.last = K_VALUE;
    }
  }
}

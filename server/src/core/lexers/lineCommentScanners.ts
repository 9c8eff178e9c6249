/**
 * The line-comment families that are not C-like: `hash` (shell, YAML, TOML,
 * Ruby, Dockerfile, Makefile: `#` after whitespace, Ruby `=begin … =end`) and
 * `sql` (`--`, nested `/* *\/`, quoted strings and identifiers).
 */
import {
  AMP,
  BACKTICK,
  CR,
  DQ,
  EQ,
  HASH,
  LF,
  MINUS,
  SLASH,
  SQ,
  STAR,
  isNewline,
  isSpace,
  isWordChar,
} from './scanHelpers';
import { ESC_LINE, StringScanner, kind } from './stringScanner';

const HASH_DQ = kind(DQ, 1, ESC_LINE);
const HASH_SQ = kind(SQ, 1);
const HASH_DQ3 = kind(DQ, 3, { escapes: true, multiLine: true });
const HASH_SQ3 = kind(SQ, 3, { multiLine: true });
const SQL_STRING = kind(SQ, 1, { doubled: true, multiLine: true });
const SQL_IDENT = kind(DQ, 1, { doubled: true });
const SQL_BACKTICK = kind(BACKTICK, 1, { doubled: true });

export class LineCommentScanner extends StringScanner {
  /** Shell, YAML, TOML, Ruby, Dockerfile, Makefile. */
  scanHash(): void {
    const t = this.t,
      n = this.n;
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
          if (triple) i = this.lit(i, c === DQ ? HASH_DQ3 : HASH_SQ3, i + 3);
          else i = this.lit(i, c === DQ ? HASH_DQ : HASH_SQ, i + 1);
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
    const t = this.t,
      n = this.n;
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

  /**
   * SQL: `--` and nested `/* *\/` comments; `'…'`, `"…"` and `` `…` `` with doubled-quote escapes.
   * Only `'…'` (with an `N`/`E`/`B`/`X`/`U&` prefix) is a string; the others are quoted identifiers.
   */
  scanSql(): void {
    const t = this.t,
      n = this.n;
    let i = 0;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === MINUS && t.charCodeAt(i + 1) === MINUS) i = this.lineComment(i, 2, false);
      else if (c === SLASH && t.charCodeAt(i + 1) === STAR) i = this.blockComment(i, true);
      else if (c === SQ) i = this.lit(this.sqlPrefix(i), SQL_STRING, i + 1);
      else if (c === DQ) i = this.body(SQL_IDENT, i + 1);
      else if (c === BACKTICK) i = this.body(SQL_BACKTICK, i + 1);
      else i++;
    }
  }

  /** The start of the `'` literal at `q`: its prefix `N'`, `E'`, `B'`, `X'`, `U&'` when there is one. */
  private sqlPrefix(q: number): number {
    const t = this.t;
    let p = q - 1;
    if (t.charCodeAt(p) === AMP) p--;
    const c = t.charCodeAt(p) | 0x20; // lower case
    const ok = p === q - 1 ? c === 110 || c === 101 || c === 98 || c === 120 : c === 117; // n e b x ; u&
    return ok && (p === 0 || !isWordChar(t.charCodeAt(p - 1))) ? p : q;
  }
}

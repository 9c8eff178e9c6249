/**
 * Shared pieces of the comment scanners: character codes, character classes,
 * and `SpanWriter`, the base of every scanner (the text, the spans found so
 * far, and the `//`-style line and `/* *\/` block comments several families share).
 */
import type { CommentSpan, StringSpan } from './spans';

// Character codes.
export const TAB = 9,
  LF = 10,
  VT = 11,
  FF = 12,
  CR = 13,
  SPACE = 32,
  BANG = 33,
  DQ = 34,
  HASH = 35;
export const DOLLAR = 36,
  AMP = 38,
  SQ = 39,
  LPAREN = 40,
  RPAREN = 41,
  STAR = 42,
  PLUS = 43,
  MINUS = 45;
export const SLASH = 47,
  LT = 60,
  EQ = 61,
  AT = 64,
  LBRACKET = 91,
  BACKSLASH = 92,
  RBRACKET = 93;
export const BACKTICK = 96,
  LBRACE = 123,
  RBRACE = 125,
  TILDE = 126;

export function isIdentPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DOLLAR || c >= 128;
}

export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

export function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === VT || c === FF;
}

export function isNewline(c: number): boolean {
  return c === LF || c === CR;
}

/**
 * The text being scanned and the comments found in it so far; also the string
 * literals when `strs` is given (`null`: comments only, as `scanComments` needs).
 */
export class SpanWriter {
  readonly n: number;

  constructor(
    readonly t: string,
    readonly out: CommentSpan[],
    readonly strs: StringSpan[] | null = null,
  ) {
    this.n = t.length;
  }

  push(start: number, end: number, contentStart: number, contentEnd: number, block: boolean): void {
    if (contentStart > end) contentStart = end;
    if (contentEnd < contentStart) contentEnd = contentStart;
    if (contentEnd > end) contentEnd = end;
    this.out.push({ start, end, contentStart, contentEnd, block });
  }

  /** Records a string literal (or one literal part of an interpolated string) when strings are wanted. */
  pushStr(start: number, end: number, contentStart: number, contentEnd: number): void {
    const strs = this.strs;
    if (strs === null || end <= start) return;
    if (contentStart < start) contentStart = start;
    if (contentStart > end) contentStart = end;
    if (contentEnd < contentStart) contentEnd = contentStart;
    if (contentEnd > end) contentEnd = end;
    strs.push({ start, end, contentStart, contentEnd });
  }

  /** A line comment whose marker is `markerLen` long; returns the offset of its line break (or the end). */
  lineComment(i: number, markerLen: number, continuation: boolean): number {
    const t = this.t,
      n = this.n;
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
  blockComment(i: number, nested: boolean): number {
    const t = this.t,
      n = this.n;
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
}

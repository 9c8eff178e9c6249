/**
 * JavaScript/TypeScript specifics: `'…'` strings, `` `…${…}…` `` templates,
 * the hashbang line, and regex literals — whether a `/` starts one depends on
 * the previous token, which `PrevToken` records for the code scanner.
 */
import {
  BACKSLASH,
  BACKTICK,
  BANG,
  CR,
  HASH,
  LBRACKET,
  LF,
  LT,
  MINUS,
  PLUS,
  RBRACKET,
  SLASH,
  SQ,
  isIdentPart,
  isNewline,
} from './scanHelpers';
import { ESC_LINE, I_DOLLAR_BRACE, kind } from './stringScanner';

export const JS_SQ = kind(SQ, 1, ESC_LINE);
export const JS_TEMPLATE = kind(BACKTICK, 1, { escapes: true, multiLine: true, interp: I_DOLLAR_BRACE });

const REGEX_KEYWORDS: ReadonlySet<string> = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
  'instanceof',
]);

// What came before, for the JS regex-vs-division decision.
export const K_START = 0,
  K_PUNCT = 1,
  K_VALUE = 2,
  K_WORD = 3;
/** After this many unterminated regex candidates on one line, `/` is division for the rest of it. */
const MAX_REGEX_FAILURES_PER_LINE = 8;

/** The offset of the end of the hashbang line at the start of `t`, or 0 if there is none. */
export function hashbangEnd(t: string): number {
  let i = 0;
  if (t.charCodeAt(0) === HASH && t.charCodeAt(1) === BANG) {
    while (i < t.length && !isNewline(t.charCodeAt(i))) i++;
  }
  return i;
}

/** The previous token (kept for every code family) and the regex-literal decision it drives. */
export class PrevToken {
  /** K_START, K_PUNCT, K_VALUE or K_WORD. */
  last = K_START;
  /** For K_PUNCT: the punctuation character and its offset (-1: the `{`/`(` of an interpolation hole). */
  lastPunct = 0;
  lastPunctPos = -1;
  /** For K_WORD: where the word is. */
  wordStart = 0;
  wordEnd = 0;
  // Unterminated regex candidates on the line ending at `regexFailEol`.
  private regexFailEol = -1;
  private regexFails = 0;

  constructor(private readonly t: string) {}

  /** May a `/` at `i` (not `//`, `/*`) begin a regex literal? */
  regexAllowed(i: number): boolean {
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
  regex(i: number): number {
    const t = this.t,
      n = t.length;
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
}

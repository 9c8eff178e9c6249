/**
 * String and char literals of the C-like families: C/C++ (char literals, raw
 * strings `R"d(…)d"`), C# (verbatim, interpolated and raw strings), Java text
 * blocks, Kotlin and Swift (templates, raw/extended strings, quoted
 * identifiers), Go raw strings and Rust (raw strings, lifetimes). The token
 * loop that calls these is `CodeScanner` (codeScanner.ts). Each literal is
 * recorded as a string span (`lit`, `pushStr`) from its prefix on; quoted
 * identifiers are not strings.
 */
import { AT, BACKSLASH, BACKTICK, CR, DOLLAR, DQ, HASH, LF, LPAREN, RPAREN, SPACE, SQ } from './scanHelpers';
import {
  ESC_LINE,
  I_BACKSLASH_PAREN,
  I_BRACE,
  I_DOLLAR_BRACE,
  I_NONE,
  kind,
  type StringScanner,
} from './stringScanner';

/** `"…"` of C, C++, Go, Java and JS: single-line, with backslash escapes. */
export const C_DQ = kind(DQ, 1, ESC_LINE);
const JAVA_BLOCK = kind(DQ, 3, { escapes: true, multiLine: true });
const KT_DQ = kind(DQ, 1, { escapes: true, interp: I_DOLLAR_BRACE });
const KT_RAW = kind(DQ, 3, { greedy: true, multiLine: true, interp: I_DOLLAR_BRACE });
export const GO_RAW = kind(BACKTICK, 1, { multiLine: true });
export const RUST_DQ = kind(DQ, 1, { escapes: true, multiLine: true });
const SWIFT_DQ = kind(DQ, 1, { escapes: true, interp: I_BACKSLASH_PAREN });
const SWIFT_MULTI = kind(DQ, 3, { escapes: true, multiLine: true, interp: I_BACKSLASH_PAREN });
const CS_INTERP = kind(DQ, 1, { escapes: true, interp: I_BRACE });
const CS_VERBATIM = kind(DQ, 1, { doubled: true, multiLine: true });
const CS_VERBATIM_INTERP = kind(DQ, 1, { doubled: true, multiLine: true, interp: I_BRACE });

function tripleQuote(t: string, i: number): boolean {
  return t.charCodeAt(i + 1) === DQ && t.charCodeAt(i + 2) === DQ;
}

/** Java `"…"` or `"""…"""` text block at `i`. */
export function javaString(s: StringScanner, i: number): number {
  return tripleQuote(s.t, i) ? s.lit(i, JAVA_BLOCK, i + 3) : s.lit(i, C_DQ, i + 1);
}

/** Kotlin `"…"` or raw `"""…"""` at `i`, both with `${…}` templates. */
export function kotlinString(s: StringScanner, i: number): number {
  return tripleQuote(s.t, i) ? s.lit(i, KT_RAW, i + 3) : s.lit(i, KT_DQ, i + 1);
}

/** Swift `"…"` or `"""…"""` at `i`, both with `\(…)` interpolation. */
export function swiftString(s: StringScanner, i: number): number {
  return tripleQuote(s.t, i) ? s.lit(i, SWIFT_MULTI, i + 3) : s.lit(i, SWIFT_DQ, i + 1);
}

/**
 * Rust string with prefix `t[i..j)` and `next` (a quote or `#`) at `j`: raw `r#"…"#`, `br"…"`, `cr"…"`,
 * byte / C strings `b"…"`, `c"…"`, byte char `b'x'`; -1 if none.
 */
export function rustPrefixedString(s: StringScanner, i: number, j: number, next: number): number {
  const t = s.t;
  const p = t.slice(i, j);
  if (p === 'b' || p === 'c') {
    if (next === DQ) return s.lit(i, RUST_DQ, j + 1);
    return next === SQ && p === 'b' ? charLiteral(s, j, i) : -1;
  }
  if (p !== 'r' && p !== 'br' && p !== 'cr') return -1;
  let h = 0;
  while (t.charCodeAt(j + h) === HASH) h++;
  if (t.charCodeAt(j + h) !== DQ) return -1; // e.g. raw identifier r#type
  return s.lit(i, kind(DQ, 1, { hashes: h, multiLine: true }), j + h + 1);
}

/** C/C++ string with prefix `t[i..j)` whose quote `next` is at `j`: `R"(…)"`, `u8R"…"`, `L"…"`, `u'x'`, …; -1 if none. */
export function cppPrefixedString(s: StringScanner, i: number, j: number, next: number): number {
  const t = s.t;
  if (next === DQ && t.charCodeAt(j - 1) === 82 /* R */) {
    const p = t.slice(i, j);
    if (p === 'R' || p === 'u8R' || p === 'uR' || p === 'UR' || p === 'LR') return cppRawString(s, i, j);
    return -1;
  }
  const p = t.slice(i, j);
  if (p !== 'L' && p !== 'u' && p !== 'U' && p !== 'u8') return -1;
  if (next === DQ) return s.lit(i, C_DQ, j + 1);
  return next === SQ ? charLiteral(s, j, i) : -1;
}

/** C++ raw string `R"delim( … )delim"` from `start` whose quote is at `q`; -1 when the delimiter is invalid. */
function cppRawString(s: StringScanner, start: number, q: number): number {
  const t = s.t,
    n = s.n;
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
  if (e < 0) {
    s.pushStr(start, n, p + 1, n);
    return n;
  }
  s.pushStr(start, e + closing.length, p + 1, e);
  return e + closing.length;
}

/**
 * The end of a char literal `'x'`, `'\n'`, `'\u{1F600}'` at `i` (recorded as a string from `start`,
 * its prefix), or -1 when `'` starts none.
 */
export function charLiteral(s: StringScanner, i: number, start = i): number {
  const e = charLiteralEnd(s.t, s.n, i);
  if (e >= 0) s.pushStr(start, e, i + 1, e - 1);
  return e;
}

function charLiteralEnd(t: string, n: number, i: number): number {
  const c1 = t.charCodeAt(i + 1);
  if (c1 === BACKSLASH) {
    const limit = Math.min(n, i + 16);
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

/** Kotlin/Swift `` `quoted identifier` `` at `i`: the offset after it, or -1 if it does not end on its line. */
export function quotedIdentifier(s: StringScanner, i: number): number {
  const t = s.t,
    n = s.n;
  for (let j = i + 1; j < n; j++) {
    const c = t.charCodeAt(j);
    if (c === BACKTICK) return j + 1;
    if (c === LF || c === CR) return -1;
  }
  return -1;
}

/** C# `"…"`, `@"…"`, `$"…"`, `$@"…"`, `@$"…"`, `"""…"""`, `$$"""…"""` starting at `i`; -1 if none. */
export function csharpString(s: StringScanner, i: number): number {
  const t = s.t;
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
  if (verbatim) return s.lit(i, dollars !== 0 ? CS_VERBATIM_INTERP : CS_VERBATIM, p + 1);
  let r = 1;
  while (t.charCodeAt(p + r) === DQ) r++;
  if (r >= 3) {
    const raw = kind(DQ, r, {
      greedy: true,
      multiLine: true,
      interp: dollars !== 0 ? I_BRACE : I_NONE,
      braces: Math.max(dollars, 1),
    });
    return s.lit(i, raw, p + r);
  }
  return s.lit(i, dollars !== 0 ? CS_INTERP : C_DQ, p + 1);
}

/** Swift `#"…"#`, `##"""…"""##` whose first quote is at `q`, after `hashes` `#`. */
export function swiftExtended(s: StringScanner, q: number, hashes: number): number {
  const triple = tripleQuote(s.t, q);
  const k = kind(DQ, triple ? 3 : 1, {
    hashes,
    escapes: true,
    multiLine: triple,
    interp: I_BACKSLASH_PAREN,
  });
  return s.lit(q - hashes, k, q + (triple ? 3 : 1));
}

/**
 * Python strings: `'…'`, `"…"`, triple-quoted, with `r`/`b`/`u`/`f`/`t`
 * prefixes (f- and t-strings have `{…}` holes: each literal part is its own
 * string span). A triple-quoted string that starts a line is a docstring and
 * is reported as a block comment, not as a string.
 */
import { CR, DQ, HASH, LF, SQ, isSpace } from './scanHelpers';
import { I_BRACE, I_NONE, kind, type StrKind, type StringScanner } from './stringScanner';

/** Python kinds indexed by [quote === DQ][triple][f-string]. */
const PY_KINDS: readonly StrKind[][][] = [SQ, DQ].map((q) =>
  [false, true].map((triple) =>
    [false, true].map((f) =>
      kind(q, triple ? 3 : 1, { escapes: true, multiLine: triple, interp: f ? I_BRACE : I_NONE }),
    ),
  ),
);

/** A string whose prefix is `t[i..j)` and whose quote (or `#`) is at `j`; -1 if none. */
export function pythonPrefixedString(s: StringScanner, i: number, j: number, next: number): number {
  const t = s.t;
  if (next === HASH) return -1;
  let f = false;
  for (let p = i; p < j; p++) {
    const c = t.charCodeAt(p) | 0x20; // lower case
    if (c === 102 || c === 116)
      f = true; // f, t
    else if (c !== 114 && c !== 98 && c !== 117) return -1; // r, b, u
  }
  return j - i <= 2 ? pythonString(s, i, j, f) : -1;
}

/** Python string with prefix `t[start..q)` and quote at `q`; reports docstrings. */
export function pythonString(s: StringScanner, start: number, q: number, f: boolean): number {
  const t = s.t;
  const quote = t.charCodeAt(q);
  const triple = t.charCodeAt(q + 1) === quote && t.charCodeAt(q + 2) === quote;
  const k = PY_KINDS[quote === DQ ? 1 : 0]![triple ? 1 : 0]![f ? 1 : 0]!;
  if (!triple) return s.lit(start, k, q + 1);
  if (f || !atLineStart(t, start)) return s.lit(start, k, q + 3);
  const end = s.body(k, q + 3);
  s.push(start, end, q + 3, end - s.closeLen, true);
  return end;
}

/** Only whitespace between the start of the line and `i`. */
function atLineStart(t: string, i: number): boolean {
  let p = i - 1;
  while (p >= 0) {
    const c = t.charCodeAt(p);
    if (c === LF || c === CR) return true;
    if (!isSpace(c)) return false;
    p--;
  }
  return true;
}

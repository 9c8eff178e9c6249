import { Call, Span, findCalls } from '../lexicalHelpers';

/** Python-specific pieces of the lexical rules (offsets into the masked `code`). */

/** Python calls of `names` (e.g. `os\\.system|os\\.popen`); not `x.name(`, not `def name(`, not `name` + newline + `(`. */
export function pyCalls(code: string, names: string): Call[] {
  return findCalls(code, names, '[ \\t]*', (c, s) => !/\b(?:def|class)\s+$/.test(c.slice(Math.max(0, s - 12), s)));
}

/**
 * Local names bound by `from <module> import a, b as c` for the given `names`
 * (`module` is a regex source, e.g. `os|posix`); `[]` when none.
 */
export function pyImported(code: string, module: string, names: readonly string[]): string[] {
  const re = new RegExp(`^[ \\t]*from[ \\t]+(?:${module})[ \\t]+import[ \\t]+(\\([^)]*\\)|[^\\n;]*)`, 'gm');
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) {
    for (const part of m[1]!.replace(/[()\\]/g, ' ').split(',')) {
      const b = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      if (b && names.includes(b[1]!)) out.push(b[2] ?? b[1]!);
    }
  }
  return out;
}

/** The Python string literal (with prefix) at `i` in `code` (or masked as a docstring in `text`). */
export function pyStringAt(
  code: string,
  text: string,
  i: number,
): (Span & { prefix: string; contentStart: number; contentEnd: number; holes: boolean }) | undefined {
  const re = /^([rRbBuUfFtT]{0,2})("""|'''|"|')/;
  const m = re.exec(code.slice(i, i + 5));
  if (!m) {
    const d = code[i] === ' ' ? re.exec(text.slice(i, i + 5)) : null;
    if (!d) return undefined;
    const close = text.indexOf(d[2]!, i + d[0].length);
    const ce = close < 0 ? text.length : close;
    return {
      start: i,
      end: Math.min(text.length, ce + d[2]!.length),
      prefix: d[1]!,
      contentStart: i + d[0].length,
      contentEnd: ce,
      holes: false,
    };
  }
  const q = m[2]!,
    cs = i + m[0].length;
  let depth = 0,
    holes = false,
    j = cs;
  for (; j < code.length; j++) {
    if (code[j] === '{') {
      depth++;
      holes = true;
    } else if (code[j] === '}') depth--;
    else if (depth <= 0 && code.startsWith(q, j)) break;
  }
  return { start: i, end: Math.min(code.length, j + q.length), prefix: m[1]!, contentStart: cs, contentEnd: j, holes };
}

/** Whether `code[a..b)` is only Python string literals without `{}` holes (maybe joined by `+`, in parens). */
export function isPyConstString(code: string, text: string, a: number, b: number): boolean {
  let seen = false;
  for (let i = a; i < b; ) {
    if (/[\s()+\\]/.test(code[i]!) && !(code[i] === ' ' && /["']/.test(text[i]!))) {
      i++;
      continue;
    }
    const s = pyStringAt(code, text, i);
    if (!s || s.holes) return false;
    seen = true;
    i = s.end;
  }
  return seen;
}

/** For one text (the last one asked about): its `\n`-separated lines and the `def` enclosing each. */
let lineDefs: { code: string; starts: number[]; defs: Array<string | undefined> } | undefined;

/**
 * The line of `code` holding `offset` (its start) and the name of the function that encloses
 * it by indentation, if any. One forward pass per text with a stack of open blocks, so asking
 * for many calls does not walk back to their `def` once per call (docs/security-model.md).
 */
export function pyLineAt(code: string, offset: number): { lineStart: number; def: string | undefined } {
  if (lineDefs?.code !== code) lineDefs = buildLineDefs(code);
  const { starts, defs } = lineDefs;
  let lo = 0,
    hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { lineStart: starts[lo]!, def: defs[lo] };
}

function buildLineDefs(code: string): { code: string; starts: number[]; defs: Array<string | undefined> } {
  const starts: number[] = [];
  const defs: Array<string | undefined> = [];
  // Open blocks: indentation, and the nearest `def` at or above it.
  const stack: Array<{ indent: number; def: string | undefined }> = [];
  for (let start = 0; start <= code.length; ) {
    let end = code.indexOf('\n', start);
    if (end < 0) end = code.length;
    const line = code.slice(start, end);
    starts.push(start);
    if (line.trim()) {
      const indent = /^[ \t]*/.exec(line)![0].length;
      while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      const outer = stack.length > 0 ? stack[stack.length - 1]!.def : undefined;
      defs.push(outer);
      const d = /^\s*(?:async\s+)?def\s+(\w+)/.exec(line);
      stack.push({ indent, def: d ? d[1] : outer });
    } else defs.push(undefined);
    start = end + 1;
  }
  return { code, starts, defs };
}

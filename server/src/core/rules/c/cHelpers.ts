import { Call, findCalls } from '../lexicalHelpers';

/** C/C++-specific pieces of the lexical rules (offsets into the masked `code`). */

const C_PREFIX_OK = new Set(['return', 'else', 'do', 'case', 'throw', 'co_return', 'co_yield', 'sizeof']);
/** A first "argument" that is a parameter declaration (`char *__restrict dest`, `void`): a prototype. */
const C_PARAM =
  /^(?:const|volatile|struct|enum|unsigned|signed|char|wchar_t|int|long|short|void|size_t|FILE|double|float)\b(?!\s*\()/;
const C_TYPES =
  /^(?:char|wchar_t|int|void|const|unsigned|signed|long|short|double|float|size_t|FILE|auto|TCHAR|LPSTR|LPWSTR)$/;

/**
 * C/C++ calls of `names` (e.g. `strcpy|wcscpy`), optionally `std::`/`::` qualified; not
 * methods (`a.f(`, `p->f(`, `Cls::f(`), declarations (`char *gets(char *);`) or `#define f(`.
 */
export function cCalls(code: string, names: string): Call[] {
  const first = (c: Call) => (c.args[0] ? code.slice(c.args[0].start, c.args[0].end) : '');
  return findCalls(code, `(?:(?:std\\s*)?::\\s*)?(?:${names})`, '\\s*', (c, s) => {
    let j = s - 1;
    while (j >= 0 && /\s/.test(c[j]!)) j--;
    if (c[j] === '.' || (c[j] === '>' && c[j - 1] === '-') || c[j] === ':') return false;
    const word = /[\w$]*$/.exec(c.slice(Math.max(0, j - 40), j + 1))![0];
    if (word && !/^\d/.test(word)) return C_PREFIX_OK.has(word);
    if (c[j] === '*' || c[j] === '&') {
      const before = /([\w$]*)\s*[*&\s]*$/.exec(c.slice(Math.max(0, j - 40), j + 1))![1]!;
      return !C_TYPES.test(before);
    }
    return true;
  }).filter((c) => !C_PARAM.test(first(c)));
}

/**
 * Whether `code[a..b)` is a constant C string: literals (adjacent ones concatenate), `PRIu64`-style
 * and ALL_CAPS macros, `_("…")`-style wrappers; a lower-case name only next to a literal (a macro parameter).
 */
export function isCConstString(code: string, a: number, b: number): boolean {
  const s = code.slice(a, b).replace(/\b(?:_|N_|gettext|_T|TEXT|_TEXT)\s*\(/g, '(');
  if (!/^[\s()]*(?:(?:(?:u8|u|U|L)?R?"[^"]*"|[A-Za-z_]\w*(?![\w"]))[\s()]*)+$/.test(s)) return false;
  const literal = /"/.test(s);
  return (s.match(/(?<!["\w])[A-Za-z_]\w*/g) ?? []).every(
    (id) => literal || /^(?:[A-Z_][A-Z0-9_]*|(?:PRI|SCN)\w+)$/.test(id),
  );
}

/** Sizes already looked up in the file being checked (rules ask for the same buffer once per call). */
let sizeCache: { code: string; sizes: Map<string, number | undefined> } | undefined;

/** The smallest numeric size `N` of a declared character array `name[N]` (`char buf[64]`), if any. */
export function cArraySize(code: string, name: string): number | undefined {
  if (!/^[A-Za-z_]\w*$/.test(name)) return undefined;
  if (sizeCache?.code !== code) sizeCache = { code, sizes: new Map() };
  if (!sizeCache.sizes.has(name)) sizeCache.sizes.set(name, scanArraySize(code, name));
  return sizeCache.sizes.get(name);
}

const CHAR_TYPE = /\b(?:char|wchar_t|TCHAR|WCHAR|CHAR|char8_t|char16_t|char32_t)\s+/g;
/** One declarator before the one looked for: `*p`, `a[4]`, `b = "x"` (a size holds no `[`, `;`, `{`). */
const DECLARATOR = /(?:\*\s*)*\w+\s*(?:\[[^\][;{}]*\]\s*)?(?:=[^,;]*)?/y;
const BLANKS = /\s*/y;

/**
 * `char a, *b = "x", name[N]`: the declarators after a character type are walked one by one
 * with sticky patterns, and the search for the next type goes on after what they read, so
 * each character of the file is read a bounded number of times (one pattern with a repeated
 * group and `\s+` next to `[*\s]*` was quadratic on long runs of blanks; docs/security-model.md).
 */
function scanArraySize(code: string, name: string): number | undefined {
  const target = new RegExp(`${name}\\s*\\[\\s*(\\d+)\\s*\\]`, 'y');
  let min: number | undefined;
  CHAR_TYPE.lastIndex = 0;
  for (let t; (t = CHAR_TYPE.exec(code)); ) {
    let at = t.index + t[0].length;
    for (;;) {
      target.lastIndex = at;
      const m = target.exec(code);
      if (m) {
        min = Math.min(min ?? Infinity, Number(m[1]));
        at = target.lastIndex;
        break;
      }
      DECLARATOR.lastIndex = at;
      if (!DECLARATOR.exec(code)) break;
      at = DECLARATOR.lastIndex;
      if (code[at] !== ',') break;
      BLANKS.lastIndex = at + 1;
      BLANKS.exec(code);
      at = BLANKS.lastIndex;
    }
    CHAR_TYPE.lastIndex = Math.max(CHAR_TYPE.lastIndex, at);
  }
  return min;
}

/** The concatenated contents (as written, escapes kept) of the C string literals in `code[a..b)`; macros in between read as `d`. */
export function cStringValue(code: string, text: string, a: number, b: number): string {
  let out = '';
  const re = /(?:u8|u|U|L)?"([^"]*)"|(?:PRI|SCN)\w+|[A-Z_][A-Z0-9_]*/g;
  re.lastIndex = a;
  for (let m; (m = re.exec(code)) && m.index < b; ) {
    if (m[1] === undefined) out += 'd';
    else out += text.slice(m.index + m[0].length - 1 - m[1].length, m.index + m[0].length - 1);
  }
  return out;
}

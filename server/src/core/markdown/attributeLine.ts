/**
 * One `Key: value` line of an attribute block. Accepted forms (docs/formats.md, Attribute blocks):
 * `Key: value`, `**Key:** value`, `**Key**: value` (also with `__`). Keys are
 * letters, digits, spaces, `-` and `_`, starting with a letter; a key followed by
 * `//` (a URL such as `https://…`) is not a key.
 */
export interface AttributeLine {
  key: string;
  value: string;
  /** 0-based offsets in the line. */
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

// The key part only: the value is the rest of the line without trailing whitespace, cut in
// code. A `(.*?)\s*$` tail was quadratic on a long whitespace run inside the value (every
// lazy step rescanned the run; 40,000 U+FEFF took 3 s: a fuzz fixture in test/fixtures/fuzz).
const PLAIN = /^\s*([A-Za-z][A-Za-z0-9 _-]{0,60}?)\s*:(?!\/\/)[ \t]*/d;
const BOLD_INSIDE = /^\s*(?:\*\*|__)([A-Za-z][A-Za-z0-9 _-]{0,60}?)\s*:\s*(?:\*\*|__)[ \t]*/d;
const BOLD_OUTSIDE = /^\s*(?:\*\*|__)([A-Za-z][A-Za-z0-9 _-]{0,60}?)(?:\*\*|__)\s*:[ \t]*/d;
/** What `.` does not match: a value holding one (before its trailing whitespace) is no value. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

function attributeWith(re: RegExp, line: string): AttributeLine | undefined {
  const m = re.exec(line);
  if (!m?.indices) return undefined;
  const valueStart = m[0].length;
  const value = line.slice(valueStart).trimEnd(); // trimEnd strips what \s matches
  if (LINE_BREAK.test(value)) return undefined;
  const [keyStart, keyEnd] = m.indices[1];
  return { key: m[1], value, keyStart, keyEnd, valueStart, valueEnd: valueStart + value.length };
}

export function parseAttributeLine(line: string): AttributeLine | undefined {
  return attributeWith(BOLD_INSIDE, line) ?? attributeWith(BOLD_OUTSIDE, line) ?? attributeWith(PLAIN, line);
}

/**
 * Strips simple inline Markdown (emphasis, code spans, links) from a title or cell. As in
 * CommonMark, `_` inside a word is not emphasis (`SOUP-a_b_c` stays as written).
 */
export function plainInline(text: string): string {
  // An emphasized span is at most 500 characters: an unclosed `*` or `_` would
  // otherwise be searched for a partner to the end of the text from every one (quadratic),
  // see docs/security-model.md.
  return stripLinks(text)
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(?<![\w])__(\S(?:.{0,500}?\S)?)__(?![\w])/g, '$1')
    .replace(/\*(\S(?:.{0,500}?\S)?)\*/g, '$1')
    .replace(/(?<![\w])_(\S(?:.{0,500}?\S)?)_(?![\w])/g, '$1')
    .trim();
}

/**
 * `[text](target)` → `text`, as `/\[([^\]]*)\]\([^)]*\)/g` does, in one forward pass: that
 * pattern searched the rest of the text for `]` or `)` again from every `[` that starts no link.
 */
function stripLinks(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('['); open >= 0; ) {
    const close = text.indexOf(']', open + 1);
    if (close < 0) break; // no later `[` has a `]` either
    if (text[close + 1] !== '(') {
      open = text.indexOf('[', close + 1); // every `[` before `close` ends at the same `]`
      continue;
    }
    const end = text.indexOf(')', close + 2);
    if (end < 0) break;
    out += text.slice(from, open) + text.slice(open + 1, close);
    from = end + 1;
    open = text.indexOf('[', from);
  }
  return out + text.slice(from);
}

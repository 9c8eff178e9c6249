/**
 * One `Key: value` line of an attribute block. Accepted forms (DESIGN §1.1):
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

const PLAIN = /^\s*([A-Za-z][A-Za-z0-9 _-]{0,60}?)\s*:(?!\/\/)[ \t]*(.*?)\s*$/d;
const BOLD_INSIDE = /^\s*(?:\*\*|__)([A-Za-z][A-Za-z0-9 _-]{0,60}?)\s*:\s*(?:\*\*|__)[ \t]*(.*?)\s*$/d;
const BOLD_OUTSIDE = /^\s*(?:\*\*|__)([A-Za-z][A-Za-z0-9 _-]{0,60}?)(?:\*\*|__)\s*:[ \t]*(.*?)\s*$/d;

export function parseAttributeLine(line: string): AttributeLine | undefined {
  const m = BOLD_INSIDE.exec(line) ?? BOLD_OUTSIDE.exec(line) ?? PLAIN.exec(line);
  if (!m?.indices) return undefined;
  const [keyStart, keyEnd] = m.indices[1];
  const [valueStart, valueEnd] = m.indices[2];
  return { key: m[1], value: m[2], keyStart, keyEnd, valueStart, valueEnd };
}

/**
 * Strips simple inline Markdown (emphasis, code spans, links) from a title or cell. As in
 * CommonMark, `_` inside a word is not emphasis (`SOUP-a_b_c` stays as written).
 */
export function plainInline(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(?<![\w])__(\S(?:.*?\S)?)__(?![\w])/g, '$1')
    .replace(/\*(\S(?:.*?\S)?)\*/g, '$1')
    .replace(/(?<![\w])_(\S(?:.*?\S)?)_(?![\w])/g, '$1')
    .trim();
}

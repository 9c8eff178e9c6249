/**
 * A small TOML reader for manifests (pyproject.toml): tables, array tables, dotted and quoted
 * keys, strings of all four kinds, arrays, inline tables and scalar tokens, with source offsets.
 * Not a validator: numbers, booleans and dates are kept as raw tokens. Malformed statements
 * become problems and reading resumes at the next line that looks like a key or a header.
 */

export interface TomlString {
  type: 'string';
  value: string;
  start: number;
  end: number /** Offset of the first content character when the content is the source text verbatim (no escapes, one line). */;
  verbatimAt?: number;
}
export interface TomlArray {
  type: 'array';
  items: TomlValue[];
  start: number;
  end: number;
}
export interface TomlInlineTable {
  type: 'table';
  entries: TomlEntry[];
  start: number;
  end: number;
}
export interface TomlScalar {
  type: 'scalar';
  raw: string;
  start: number;
  end: number;
}
export type TomlValue = TomlString | TomlArray | TomlInlineTable | TomlScalar;

export interface TomlEntry {
  /** Full path: the table header's keys, then the dotted key (an array table adds its index). */
  path: string[];
  /** Offsets of the key as written (the whole dotted key). */
  keyStart: number;
  keyEnd: number;
  value: TomlValue;
}

export interface TomlHeader {
  path: string[];
  start: number;
  end: number /** Offsets of the header's last key as written. */;
  lastKeyStart: number;
  lastKeyEnd: number;
}

export interface TomlDocument {
  entries: TomlEntry[];
  headers: TomlHeader[];
  problems: Array<{ message: string; start: number; end: number }>;
}

class TomlError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 100;
const BARE_KEY = /[A-Za-z0-9_-]/;
const ESCAPES: Record<string, string> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  e: '\x1b',
  '"': '"',
  '\\': '\\',
};

export function parseToml(text: string): TomlDocument {
  const doc: TomlDocument = { entries: [], headers: [], problems: [] };
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let table: string[] = [];
  const arrayTables = new Map<string, number>();

  const peek = (k = 0) => text[pos + k];
  const fail = (message: string, at = pos): never => {
    throw new TomlError(message, at);
  };
  const skipSpaces = () => {
    while (peek() === ' ' || peek() === '\t') pos++;
  };
  const skipComment = () => {
    if (peek() === '#') while (pos < text.length && peek() !== '\n' && peek() !== '\r') pos++;
  };
  const skipBlank = () => {
    for (;;) {
      skipSpaces();
      skipComment();
      if (peek() === '\n' || peek() === '\r') pos++;
      else return;
    }
  };
  const endOfLine = () => {
    skipSpaces();
    skipComment();
    if (pos < text.length && peek() !== '\n' && peek() !== '\r') fail(`unexpected '${peek()}' after the value`);
  };

  const basicString = (multi: boolean, start: number): string => {
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('unterminated string', start);
      const c = peek();
      if (multi ? text.startsWith('"""', pos) : c === '"') {
        if (!multi) {
          pos++;
          return out;
        }
        let n = 3; // up to two quotes may end the content right before the closing delimiter
        while (n < 5 && peek(n) === '"') n++;
        pos += n;
        return out + '"'.repeat(n - 3);
      }
      if (!multi && (c === '\n' || c === '\r')) fail('unterminated string', start);
      if (c === '\\') {
        const e = peek(1);
        if (multi && (e === '\n' || e === '\r' || e === ' ' || e === '\t')) {
          // Line-ending backslash: trim the whitespace and newlines that follow.
          pos++;
          while (/[ \t\r\n]/.test(peek() ?? '')) pos++;
          continue;
        }
        if (e === 'u' || e === 'U') {
          const n = e === 'u' ? 4 : 8;
          const hex = text.slice(pos + 2, pos + 2 + n);
          if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== n) fail('invalid unicode escape');
          out += String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
          pos += 2 + n;
          continue;
        }
        if (!(e in ESCAPES)) fail(`invalid escape '\\${e ?? ''}'`);
        out += ESCAPES[e];
        pos += 2;
        continue;
      }
      out += c;
      pos++;
    }
  };

  const stringValue = (): TomlString => {
    const start = pos;
    let value: string;
    let verbatim = false;
    if (text.startsWith('"""', pos) || text.startsWith("'''", pos)) {
      const q = peek();
      pos += 3;
      if (peek() === '\r' && peek(1) === '\n') pos += 2;
      else if (peek() === '\n') pos++;
      if (q === '"') value = basicString(true, start);
      else {
        const close = text.indexOf("'''", pos);
        if (close < 0) fail('unterminated string', start);
        let end = close;
        while (text[end + 3] === "'" && end - close < 2) end++;
        value = text.slice(pos, end);
        pos = end + 3;
      }
    } else if (peek() === '"') {
      pos++;
      value = basicString(false, start);
      verbatim = text.slice(start + 1, pos - 1) === value;
    } else {
      pos++;
      const lineEnd = text.slice(pos).search(/[\r\n']/);
      if (lineEnd < 0 || text[pos + lineEnd] !== "'") fail('unterminated string', start);
      value = text.slice(pos, pos + lineEnd);
      pos += lineEnd + 1;
      verbatim = true;
    }
    const s: TomlString = { type: 'string', value, start, end: pos };
    if (verbatim) s.verbatimAt = start + 1;
    return s;
  };

  let lastKey = [0, 0];
  const key = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      skipSpaces();
      lastKey = [pos, pos];
      if (peek() === '"' || peek() === "'") {
        if (text.startsWith('"""', pos) || text.startsWith("'''", pos)) fail('a key cannot be a multi-line string');
        parts.push(stringValue().value);
      } else {
        const from = pos;
        while (pos < text.length && BARE_KEY.test(peek())) pos++;
        if (pos === from)
          fail(peek() === undefined || /[\r\n]/.test(peek()) ? 'expected a key' : `unexpected '${peek()}' in a key`);
        parts.push(text.slice(from, pos));
      }
      lastKey[1] = pos;
      skipSpaces();
      if (peek() !== '.') return parts;
      pos++;
    }
  };

  let depth = 0;
  const value = (): TomlValue => {
    if (depth > MAX_DEPTH) fail('arrays and inline tables are nested too deeply');
    depth++;
    try {
      return valueAt();
    } finally {
      depth--;
    }
  };
  const valueAt = (): TomlValue => {
    const c = peek();
    if (c === '"' || c === "'") return stringValue();
    const start = pos;
    if (c === '[') {
      pos++;
      const items: TomlValue[] = [];
      for (;;) {
        skipBlank();
        if (peek() === ']') break;
        if (pos >= text.length) fail('unterminated array', start);
        items.push(value());
        skipBlank();
        if (peek() === ',') pos++;
        else if (peek() !== ']') fail(pos >= text.length ? 'unterminated array' : `expected ',' or ']' in an array`);
      }
      pos++;
      return { type: 'array', items, start, end: pos };
    }
    if (c === '{') {
      pos++;
      const entries: TomlEntry[] = [];
      for (;;) {
        skipBlank();
        if (peek() === '}') break;
        if (pos >= text.length) fail('unterminated inline table', start);
        entries.push(keyValue([]));
        skipBlank();
        if (peek() === ',') pos++;
        else if (peek() !== '}')
          fail(pos >= text.length ? 'unterminated inline table' : `expected ',' or '}' in an inline table`);
      }
      pos++;
      return { type: 'table', entries, start, end: pos };
    }
    const ahead = text.slice(pos, pos + 64);
    const m =
      /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?/.exec(ahead) ??
      /^[A-Za-z0-9+\-_.:]+/.exec(ahead);
    if (!m) fail(pos >= text.length || /[\r\n#]/.test(c) ? 'expected a value' : `unexpected '${c}'`);
    pos += m![0].length;
    return { type: 'scalar', raw: m![0], start, end: pos };
  };

  const keyValue = (prefix: string[]): TomlEntry => {
    skipSpaces();
    const keyStart = pos;
    const path = key();
    const keyEnd = text.slice(keyStart, pos).trimEnd().length + keyStart;
    if (peek() !== '=') fail(`expected '=' after the key`);
    pos++;
    skipSpaces();
    return { path: [...prefix, ...path], keyStart, keyEnd, value: value() };
  };

  for (;;) {
    skipBlank();
    if (pos >= text.length) break;
    const lineStart = pos;
    try {
      if (peek() === '[') {
        const array = peek(1) === '[';
        pos += array ? 2 : 1;
        const path = key();
        const [lastKeyStart, lastKeyEnd] = lastKey;
        if (array ? !text.startsWith(']]', pos) : peek() !== ']')
          fail(`expected '${array ? ']]' : ']'}' to close the table header`);
        pos += array ? 2 : 1;
        doc.headers.push({ path, start: lineStart, end: pos, lastKeyStart, lastKeyEnd });
        if (array) {
          const id = path.join('\0');
          const n = arrayTables.get(id) ?? 0;
          arrayTables.set(id, n + 1);
          table = [...path, String(n)];
        } else table = path;
        endOfLine();
      } else {
        doc.entries.push(keyValue(table));
        endOfLine();
      }
    } catch (e) {
      if (!(e instanceof TomlError)) throw e;
      doc.problems.push({ message: e.message, start: e.at, end: e.at + 1 });
      // Resume at the next line that starts a header or a key.
      const rest = /[\r\n][ \t]*(?:\[|[A-Za-z0-9_"'-][A-Za-z0-9_."' -]*=)/g;
      rest.lastIndex = Math.max(pos, lineStart + 1) - 1;
      const next = rest.exec(text);
      pos = next ? next.index + 1 : text.length;
    }
  }
  return doc;
}

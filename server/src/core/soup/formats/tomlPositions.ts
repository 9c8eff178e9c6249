/**
 * TOML documents with source positions (docs/development.md: formats locate TOML entries by
 * their key line). The value comes from smol-toml (TOML 1.0, checked against the toml-test
 * corpus in test/fixtures/toml); smol-toml gives no positions, so a single linear scan of the
 * text records where each table header and each `key =` line is, and the formats look their
 * entries up there. A syntax error is one located problem (smol-toml stops at the first one),
 * never a throw.
 */
import { Range } from '../../findings';
import { LineIndex } from '../../text';
import { errorReason, rangeAt } from '../manifestCommon';

/** A TOML date/time value (smol-toml's `TomlDate`, a `Date` that knows its kind). */
export interface TomlDateValue extends Date {
  isDateTime(): boolean;
  isLocal(): boolean;
  isDate(): boolean;
  isTime(): boolean;
}

/** What is used of smol-toml, typed here: its types are ESM-only, its CommonJS build is what `require` loads. */
interface SmolToml {
  parse(toml: string, options?: { integersAsBigInt?: boolean | 'asNeeded' }): { [key: string]: unknown };
  TomlError: new (...args: never[]) => Error & { line: number; column: number };
  TomlDate: new (...args: never[]) => TomlDateValue;
}
const { parse, TomlError, TomlDate } = require('smol-toml') as SmolToml;

/** Whether a parsed value is a TOML date/time. */
export function isTomlDate(v: unknown): v is TomlDateValue {
  return v instanceof TomlDate;
}

/** A parsed TOML table (smol-toml's value: strings, numbers, bigints, booleans, dates, arrays, tables). */
export type TomlTable = { [key: string]: unknown };

export interface TomlProblem {
  /** What is wrong, without the file name (`unfinished string`). */
  message: string;
  range: Range;
}

/** A `[table]` or `[[array]]` header line. */
export interface TomlHeaderLine {
  path: string[];
  array: boolean;
  /** Which element of the nearest enclosing `[[array]]` this header belongs to ({@link TomlKeyLine.element}). */
  element: number;
  /** Offsets of each key segment of the header. */
  segments: Array<{ start: number; end: number }>;
}

/** A `key = value` line (or a key of an inline table is not recorded: only lines). */
export interface TomlKeyLine {
  /** Header path + dotted key path. */
  path: string[];
  /** Index of the element of the nearest `[[array]]` header that encloses it (the 3rd `[[package]]` → 2), -1 if none. */
  element: number;
  /** Offsets of each path segment: the header's first, then the key's own. */
  segments: Array<{ start: number; end: number }>;
  valueStart: number;
  valueEnd: number;
}

/** A top-level item of an array value: its offsets, and for a string where its characters start. */
export interface TomlArrayItem {
  start: number;
  end: number;
  /** For a string whose characters appear verbatim (literal, or basic without escapes): offset of its first character. */
  verbatimAt?: number;
}

export interface TomlDocument {
  text: string;
  lines: LineIndex;
  /** The parsed document; undefined when it is not valid TOML (see {@link problem}). */
  value: TomlTable | undefined;
  problem?: TomlProblem;
  headers: TomlHeaderLine[];
  keys: TomlKeyLine[];
}

/** Parses TOML text: the value via smol-toml, a located problem on a syntax error, and the key lines. */
export function tomlDocument(text: string, options: { integersAsBigInt?: boolean } = {}): TomlDocument {
  const lines = new LineIndex(text);
  const doc: TomlDocument = { text, lines, value: undefined, headers: [], keys: [] };
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    // Integers beyond 2^53 stay exact as bigints; `integersAsBigInt` makes every integer one (tells `1` from `1.0`).
    doc.value = parse(source, { integersAsBigInt: options.integersAsBigInt ? true : 'asNeeded' });
  } catch (e) {
    doc.problem = tomlProblem(lines, e, text.length - source.length);
    return doc;
  }
  try {
    scanLayout(text, doc);
  } catch {
    // The scan only serves ranges: a document it cannot follow keeps its value, ranges fall back to the top.
    doc.headers = [];
    doc.keys = [];
  }
  // Only a literal of 19+ digits (or a long hex/octal/binary one) can be beyond 64 bits.
  const overflow = /\d{19}|0x[\da-fA-F_]{16}|0o[0-7_]{21}|0b[01_]{63}/.test(text)
    ? outOfRange(doc.value, [])
    : undefined;
  if (overflow) {
    // TOML integers are 64-bit; smol-toml's bigints take any size.
    doc.problem = {
      message: `integer '${overflow.join('.')}' is out of the 64-bit range`,
      range: keyRange(doc, overflow) ?? topRange(doc),
    };
    doc.value = undefined;
  }
  return doc;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The path of the first integer beyond 64 bits (iteratively: a deep document cannot exhaust the stack). */
function outOfRange(value: unknown, path: string[]): string[] | undefined {
  const stack: Array<[unknown, string[]]> = [[value, path]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'bigint') {
      if (v < INT64_MIN || v > INT64_MAX) return at;
    } else if (Array.isArray(v)) for (const item of v) stack.push([item, at]);
    else if (v !== null && typeof v === 'object' && !(v instanceof Date))
      for (const [k, item] of Object.entries(v)) stack.push([item, [...at, k]]);
  }
  return undefined;
}

function tomlProblem(lines: LineIndex, e: unknown, shift: number): TomlProblem {
  if (e instanceof TomlError) {
    const message = (e.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '').trim();
    const offset = lines.offsetAt(e.line, e.column) + (e.line === 1 ? shift : 0);
    return { message: message || 'invalid TOML', range: rangeAt(lines, offset, offset + 1) };
  }
  return { message: `could not be read (${errorReason(e)})`, range: rangeAt(lines, 0, 0) };
}

/** The range a {@link TomlDocument.problem} or a lookup falls back to: the first line. */
export function topRange(doc: TomlDocument): Range {
  return rangeAt(doc.lines, 0, Math.max(0, doc.lines.lineText(1).length));
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function startsWith(a: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= a.length && prefix.every((s, i) => s === a[i]);
}

/** The range of the `nth` header whose path is `path` (`[[package]]` number n, `[tool.poetry]`). */
export function headerRange(doc: TomlDocument, path: readonly string[], nth = 0): Range | undefined {
  let seen = 0;
  for (const h of doc.headers) {
    if (!same(h.path, path)) continue;
    if (seen++ === nth) return rangeAt(doc.lines, h.segments[0].start, h.segments[h.segments.length - 1].end);
  }
  return undefined;
}

const keyIndexes = new WeakMap<TomlDocument, Map<string, TomlKeyLine>>();

function keyId(path: readonly string[], element?: number): string {
  return `${element ?? ''}\u0001${path.join('\u0000')}`;
}

/** The key line whose full path is `path` (in the `element`th element of its `[[array]]`, if given). */
export function keyLine(doc: TomlDocument, path: readonly string[], element?: number): TomlKeyLine | undefined {
  let index = keyIndexes.get(doc);
  if (!index) {
    // Built once per document: a lockfile's thousands of lookups stay linear overall.
    index = new Map();
    for (const k of doc.keys) {
      for (const id of [keyId(k.path), keyId(k.path, k.element)]) if (!index.has(id)) index.set(id, k);
    }
    keyIndexes.set(doc, index);
  }
  return index.get(keyId(path, element));
}

/**
 * Where the entry at `path` is written: the key segment naming its last part, on the first
 * key line or header that defines it or something inside it (`requests = "^2"`,
 * `requests.version = …`, `[tool.poetry.dependencies.requests]`).
 */
export function keyRange(doc: TomlDocument, path: readonly string[], element?: number): Range | undefined {
  const exact = keyLine(doc, path, element);
  if (exact) {
    const s = exact.segments[path.length - 1];
    if (s) return rangeAt(doc.lines, s.start, s.end);
  }
  const inElement = (e: number) => element === undefined || e === element;
  const depth = path.length - 1;
  for (const k of doc.keys) {
    if (inElement(k.element) && startsWith(k.path, path)) {
      const s = k.segments[depth];
      if (s) return rangeAt(doc.lines, s.start, s.end);
    }
  }
  for (const h of doc.headers) {
    if (inElement(h.element) && startsWith(h.path, path)) {
      const s = h.segments[depth];
      if (s) return rangeAt(doc.lines, s.start, s.end);
    }
  }
  return undefined;
}

/** The range of the value of the key line at `path` (a whole `name = "x"` line's value). */
export function valueRange(doc: TomlDocument, path: readonly string[], element?: number): Range | undefined {
  const k = keyLine(doc, path, element);
  return k ? rangeAt(doc.lines, k.valueStart, k.valueEnd) : undefined;
}

/**
 * The range of the `name = "x"` line's value inside the `nth` `[[array]]` element whose `key`
 * is that value, e.g. the name of a lockfile's package; falls back to its header.
 */
export function elementRange(
  doc: TomlDocument,
  array: readonly string[],
  nth: number,
  key = 'name',
): Range | undefined {
  return valueRange(doc, [...array, key], nth) ?? headerRange(doc, array, nth);
}

/** The top-level items of the array value on the key line at `path` (strings with where their text starts). */
export function arrayItems(doc: TomlDocument, path: readonly string[], element?: number): TomlArrayItem[] {
  const k = keyLine(doc, path, element);
  if (!k || doc.text.charCodeAt(k.valueStart) !== 0x5b /* [ */) return [];
  const items: TomlArrayItem[] = [];
  skipValue(doc.text, k.valueStart, items);
  return items;
}

// --- the layout scan -------------------------------------------------------------------

/** A bare-key character (TOML 1.0 `A-Za-z0-9_-`; non-ASCII accepted, as smol-toml has already judged the key). */
function isBare(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2d ||
    c > 0xb1
  );
}

function skipWs(text: string, i: number): number {
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09; c = text.charCodeAt(++i));
  return i;
}

/** Skips blanks, comments and line breaks. */
function skipWsNl(text: string, i: number): number {
  for (;;) {
    i = skipWs(text, i);
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) i++;
    else if (c === 0x23 /* # */) i = lineEnd(text, i);
    else return i;
  }
}

function lineEnd(text: string, i: number): number {
  for (let c = text.charCodeAt(i); i < text.length && c !== 0x0a && c !== 0x0d; c = text.charCodeAt(++i));
  return i;
}

const ESCAPES: Record<string, string> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  e: '\u001b',
  '"': '"',
  '\\': '\\',
};

/** Reads a one-line basic or literal string at `i` (a key, or a value); returns its text and end. */
function readQuoted(text: string, i: number): { value: string; end: number; verbatim: boolean } {
  const q = text.charCodeAt(i);
  let j = i + 1;
  // Fast path: up to the closing quote without an escape, sliced once.
  for (let c = text.charCodeAt(j); j < text.length && c !== q && !(q === 0x22 && c === 0x5c); c = text.charCodeAt(++j));
  if (j >= text.length || text.charCodeAt(j) === q) return { value: text.slice(i + 1, j), end: j + 1, verbatim: true };
  const parts: string[] = [text.slice(i + 1, j)];
  while (j < text.length && text.charCodeAt(j) !== q) {
    if (text.charCodeAt(j) === 0x5c) {
      const e = text[j + 1];
      if (e === 'u' || e === 'U' || e === 'x') {
        const n = e === 'u' ? 4 : e === 'U' ? 8 : 2;
        parts.push(String.fromCodePoint(Number.parseInt(text.slice(j + 2, j + 2 + n), 16) || 0xfffd));
        j += 2 + n;
        continue;
      }
      parts.push(ESCAPES[e] ?? e);
      j += 2;
      continue;
    }
    const from = j;
    for (let c = text.charCodeAt(j); j < text.length && c !== q && c !== 0x5c; c = text.charCodeAt(++j));
    parts.push(text.slice(from, j));
  }
  return { value: parts.join(''), end: j + 1, verbatim: false };
}

/** Reads a dotted key at `i`: its segments (text and offsets) and the offset after it. */
function readKey(
  text: string,
  i: number,
): { parts: string[]; segments: Array<{ start: number; end: number }>; end: number } {
  const parts: string[] = [];
  const segments: Array<{ start: number; end: number }> = [];
  for (;;) {
    i = skipWs(text, i);
    const start = i;
    if (text[i] === '"' || text[i] === "'") {
      const q = readQuoted(text, i);
      parts.push(q.value);
      i = q.end;
    } else {
      while (i < text.length && isBare(text.charCodeAt(i))) i++;
      if (i === start) break;
      parts.push(text.slice(start, i));
    }
    segments.push({ start, end: i });
    const after = skipWs(text, i);
    if (text[after] !== '.') return { parts, segments, end: after };
    i = after + 1;
  }
  return { parts, segments, end: i };
}

/** Skips one value at `i` (strings of every kind, arrays, inline tables, scalars); collects array items if asked. */
function skipValue(text: string, i: number, items?: TomlArrayItem[]): number {
  const c = text[i];
  if (c === '"' || c === "'") {
    if (text.startsWith(c.repeat(3), i)) {
      const close = c.repeat(3);
      let j = i + 3;
      for (;;) {
        const k = text.indexOf(close, j);
        if (k < 0) return text.length;
        if (c === '"') {
          let bs = 0;
          for (let b = k - 1; b >= i + 3 && text[b] === '\\'; b--) bs++;
          if (bs % 2 === 1) {
            j = k + 1;
            continue;
          }
        }
        let end = k + 3;
        while (text[end] === c && end < k + 5) end++; // up to two quotes may end the content
        return end;
      }
    }
    return readQuoted(text, i).end;
  }
  if (c === '[' || c === '{') {
    const close = c === '[' ? ']' : '}';
    let j = i + 1;
    for (;;) {
      j = skipWsNl(text, j);
      if (j >= text.length) return j;
      if (text[j] === close) return j + 1;
      if (text[j] === ',') {
        j++;
        continue;
      }
      if (c === '{') {
        const key = readKey(text, j);
        j = skipWs(text, key.end);
        if (text[j] === '=') j = skipWs(text, j + 1);
        if (j === key.end && key.parts.length === 0) j++; // not a key: step on, the scan must progress
        j = skipValue(text, j);
        continue;
      }
      const start = j;
      j = skipValue(text, j);
      if (j <= start) j = start + 1;
      if (items) {
        const item: TomlArrayItem = { start, end: j };
        const q = text[start];
        if ((q === '"' || q === "'") && !text.startsWith(q.repeat(3), start)) {
          const r = readQuoted(text, start);
          if (r.verbatim) item.verbatimAt = start + 1;
        }
        items.push(item);
      }
    }
  }
  // A scalar: up to a delimiter.
  let j = scalarEnd(text, i);
  // A date and time separated by a space (`1979-05-27 07:32:00`).
  if (j - i === 10 && /^\d{4}-\d{2}-\d{2}$/.test(text.slice(i, j)) && text[j] === ' ' && /\d/.test(text[j + 1] ?? ''))
    j = scalarEnd(text, j + 1);
  return j;
}

/** The end of a bare scalar (number, boolean, date): the next `,`, `]`, `}`, `#` or blank. */
function scalarEnd(text: string, i: number): number {
  for (let c = text.charCodeAt(i); i < text.length; c = text.charCodeAt(++i)) {
    if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x23 || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d)
      break;
  }
  return i;
}

function scanLayout(text: string, doc: TomlDocument): void {
  let table: string[] = [];
  let tableSegments: Array<{ start: number; end: number }> = [];
  let element = -1;
  const counts = new Map<string, number>();
  // The nearest `[[array]]` enclosing the current table: its path and element index.
  let arrays: Array<{ path: string[]; element: number }> = [];
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < text.length) {
    i = skipWsNl(text, i);
    if (i >= text.length) break;
    const before = i;
    if (text[i] === '[') {
      const array = text[i + 1] === '[';
      const key = readKey(text, i + (array ? 2 : 1));
      table = key.parts;
      tableSegments = key.segments;
      const id = table.join('\u0000');
      arrays = arrays.filter((a) => startsWith(table, a.path) && !(array && same(a.path, table)));
      if (array) {
        const n = counts.get(id) ?? 0;
        counts.set(id, n + 1);
        // Nested arrays restart their count in each parent element.
        for (const [other] of counts) if (other.startsWith(id + '\u0000')) counts.delete(other);
        arrays.push({ path: table, element: n });
      }
      element = arrays.length > 0 ? arrays[arrays.length - 1].element : -1;
      doc.headers.push({ path: table, array, element, segments: tableSegments });
      i = lineEnd(text, key.end);
    } else {
      const key = readKey(text, i);
      let j = skipWs(text, key.end);
      if (key.parts.length === 0 || text[j] !== '=') {
        i = lineEnd(text, Math.max(j, before + 1));
        continue;
      }
      j = skipWs(text, j + 1);
      const valueEnd = skipValue(text, j);
      doc.keys.push({
        path: [...table, ...key.parts],
        element,
        segments: [...tableSegments, ...key.segments],
        valueStart: j,
        valueEnd,
      });
      i = Math.max(valueEnd, j + 1);
      if (i <= before) i = before + 1;
    }
  }
}

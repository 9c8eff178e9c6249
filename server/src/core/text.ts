import { Position } from './findings';

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

export interface DecodedText {
  text: string;
  /** Why the file was not decoded (binary content); `text` is empty then. */
  skipped?: string;
  /** A note to show with the file (invalid UTF-8 replaced). */
  note?: string;
}

const fatalUtf16 = new TextDecoder('utf-16le', { fatal: true });
const lenientUtf16 = new TextDecoder('utf-16le');

/**
 * Decodes bytes as UTF-8, or as UTF-16 when they start with a UTF-16 byte-order mark
 * (FF FE little-endian, FE FF big-endian; editors on Windows write these). Otherwise a NUL
 * byte in the first 8 KiB marks a binary file (skipped, like git does).
 */
export function decodeText(bytes: Uint8Array | string): DecodedText {
  if (typeof bytes === 'string') return { text: bytes };
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    return decodeUtf16(bytes);
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) if (bytes[i] === 0) return { text: '', skipped: 'binary file' };
  try {
    return { text: fatalDecoder.decode(bytes) };
  } catch {
    return { text: lenientDecoder.decode(bytes), note: 'invalid UTF-8; undecodable bytes were read as U+FFFD' };
  }
}

/** UTF-16 with its BOM (the decoder drops it). Big-endian is swapped to little-endian first (not every ICU build has a UTF-16BE decoder). */
function decodeUtf16(bytes: Uint8Array): DecodedText {
  let le = bytes;
  if (bytes[0] === 0xfe) {
    const swapped = new Uint8Array(le.length);
    for (let i = 0; i + 1 < le.length; i += 2) {
      swapped[i] = le[i + 1];
      swapped[i + 1] = le[i];
    }
    if (le.length % 2) swapped[le.length - 1] = le[le.length - 1];
    le = swapped;
  }
  let text: string;
  let note: string | undefined;
  try {
    text = fatalUtf16.decode(le);
  } catch {
    text = lenientUtf16.decode(le);
    note = 'invalid UTF-16; undecodable units were read as U+FFFD';
  }
  // A NUL character in the first 4 KiB: not text after all (a binary format that happens to start with FF FE).
  const head = text.length > 4096 ? text.slice(0, 4096) : text;
  if (head.includes('\0')) return { text: '', skipped: 'binary file' };
  return note ? { text, note } : { text };
}

/** Offsets ↔ 1-based line/column (UTF-16 columns) for one text; `\n`, `\r\n` and `\r` end lines. */
export class LineIndex {
  readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  offsetAt(line: number, column: number): number {
    const start = this.starts[Math.min(Math.max(line - 1, 0), this.starts.length - 1)];
    return start + column - 1;
  }

  /** Text of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    let end = line < this.starts.length ? this.starts[line] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }
}

/**
 * Offset → line/column for offsets visited mostly in increasing order (annotations found
 * front to back): scans only as far as the last requested offset, jumping with indexOf.
 * Texts with `\r` line breaks use a full {@link LineIndex}.
 */
export class ForwardPositions {
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  /** The first `\n` at or after `offset` (-1: none), kept so that many offsets on one long line do not each search to its end. */
  private next: number;
  private full: LineIndex | undefined;

  constructor(private readonly text: string) {
    if (text.indexOf('\r') >= 0) this.full = new LineIndex(text);
    this.next = this.full ? -1 : text.indexOf('\n');
  }

  positionAt(target: number): Position {
    if (target < this.offset) this.full ??= new LineIndex(this.text);
    if (this.full) return this.full.positionAt(target);
    for (; this.next >= 0 && this.next < target; this.next = this.text.indexOf('\n', this.next + 1)) {
      this.line++;
      this.lineStart = this.next + 1;
    }
    this.offset = target;
    return { line: this.line, column: target - this.lineStart + 1 };
  }
}

/** A lone UTF-16 surrogate (half of a pair without the other half). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `encodeURIComponent` that never throws: a lone surrogate (only JSON escapes and editor
 * buffers carry one) is encoded as U+FFFD instead of raising `URIError`, so a dependency
 * or an advisory with such a name is still checked, not dropped.
 */
export function encodeUriComponentSafe(s: string): string {
  return encodeURIComponent(s.replace(LONE_SURROGATE, '\ufffd'));
}

/**
 * Where a key of a TOML file is, for the Cargo formats (docs/soup.md, Which manifests are
 * read): smol-toml gives values without positions, so the lines are scanned for table
 * headers and `key =` lines. A header's name is compared without spaces and quotes
 * (`[target.'cfg(unix)'.dependencies]` is `target.cfg(unix).dependencies`). The scan is one
 * pass over the lines; every pattern is linear.
 */
import { Range } from '../../findings';
import { LineIndex } from '../../text';
import { errorReason, Problem } from '../manifestCommon';

/** A table name or key as compared: quotes and spaces removed. */
export function tomlName(raw: string): string {
  return raw.replace(/["'\s]/g, '');
}

/**
 * smol-toml's own types describe its ES module, which CommonJS cannot import; its `require`
 * export (the same API) is loaded instead, typed here with the two members used.
 */
const smolToml = require('smol-toml') as {
  parse(text: string, options: { maxDepth: number }): unknown;
  TomlError: abstract new (...args: never[]) => Error & { line: number; column: number };
};

/** smol-toml's `parse`, inline tables and arrays nested at most 64 deep. */
export function parseToml(text: string): Record<string, unknown> {
  return smolToml.parse(text, { maxDepth: 64 }) as Record<string, unknown>;
}

const HEADER = /^\s*\[\[?([^\]\n]*)\]/;
const KEY = /^\s*("[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+)\s*[.=]/;

export class TomlLines {
  private readonly entries = new Map<string, Range>();
  /** The header line of each `[[table]]` element, in order. */
  private readonly arrays = new Map<string, Range[]>();
  readonly lines: LineIndex;

  constructor(text: string) {
    this.lines = new LineIndex(text);
    let table = '';
    for (let line = 1; line <= this.lines.lineCount; line++) {
      const s = this.lines.lineText(line);
      const header = HEADER.exec(s);
      if (header) {
        table = tomlName(header[1]);
        const start = s.indexOf('[') + 1;
        const range = { line, column: start, endLine: line, endColumn: s.indexOf(']', start) + 2 };
        this.remember(table, '', range);
        if (/^\s*\[\[/.test(s)) {
          const list = this.arrays.get(table) ?? this.arrays.set(table, []).get(table)!;
          list.push(range);
        }
        continue;
      }
      const key = KEY.exec(s);
      if (!key) continue;
      const start = key.index + key[0].indexOf(key[1]) + 1;
      this.remember(table, tomlName(key[1]), {
        line,
        column: start,
        endLine: line,
        endColumn: start + key[1].length,
      });
    }
  }

  private remember(table: string, key: string, range: Range): void {
    const id = `${table}\u0000${key}`;
    if (!this.entries.has(id)) this.entries.set(id, range);
  }

  /**
   * The key `key` of table `table` (`dependencies`, `serde`), else the header
   * `[table.key]`, else the table's header, else the file's first line.
   */
  locate(table: string, key = ''): Range {
    const t = tomlName(table);
    const k = tomlName(key);
    return (
      this.entries.get(`${t}\u0000${k}`) ??
      (k ? this.entries.get(`${t}.${k}\u0000`) : undefined) ??
      this.entries.get(`${t}\u0000`) ??
      this.first()
    );
  }

  /** The header of the `index`-th `[[table]]` element. */
  arrayElement(table: string, index: number): Range | undefined {
    return this.arrays.get(tomlName(table))?.[index];
  }

  /** A key of the `index`-th `[[table]]` element (`name = "serde"` of the 3rd `[[package]]`). */
  keyInElement(table: string, index: number, key: string): Range | undefined {
    const header = this.arrayElement(table, index);
    if (!header) return undefined;
    const next = this.arrayElement(table, index + 1)?.line ?? this.lines.lineCount + 1;
    for (let line = header.line + 1; line < next; line++) {
      const s = this.lines.lineText(line);
      if (HEADER.test(s)) break;
      const m = KEY.exec(s);
      if (m && tomlName(m[1]) === key) {
        const start = m.index + m[0].indexOf(m[1]) + 1;
        return { line, column: start, endLine: line, endColumn: start + m[1].length };
      }
    }
    return header;
  }

  first(): Range {
    return { line: 1, column: 1, endLine: 1, endColumn: Math.max(2, this.lines.lineText(1).length + 1) };
  }
}

/** A TOML syntax error as a located problem (smol-toml's `TomlError` knows its line and column). */
export function tomlProblem(file: string, e: unknown, lines: TomlLines): Problem {
  if (e instanceof smolToml.TomlError) {
    const message = e.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
    return {
      message: `${file} is not valid TOML: ${message}; its dependencies are not read`,
      range: { line: e.line, column: e.column, endLine: e.line, endColumn: e.column + 1 },
    };
  }
  return { message: `${file} could not be read: ${errorReason(e)}`, range: lines.first() };
}

/** A plain object (a TOML table), else undefined. */
export function table(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

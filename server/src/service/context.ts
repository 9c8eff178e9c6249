import { Range as LspRange } from 'vscode-languageserver-types';
import { SeclifeEngine } from '../core/engine';
import { Range } from '../core/findings';

/** What every language feature needs from its host: the engine of one workspace folder, texts and URIs. */
export interface ServiceContext {
  readonly engine: SeclifeEngine;
  /** Current text of a workspace-relative file: the open editor buffer, else the file on disk. */
  text(path: string): string | undefined;
  /** URI of a workspace-relative path. */
  uri(path: string): string;
}

/** Engine range (1-based, end exclusive) → LSP range (0-based). */
export function toLspRange(r: Range): LspRange {
  return { start: { line: r.line - 1, character: r.column - 1 }, end: { line: r.endLine - 1, character: r.endColumn - 1 } };
}

/** One 0-based line of a text; `\n`, `\r\n` and `\r` end lines (as everywhere in the core). */
export function lineOf(text: string, line0: number): string {
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let i = 0; i < line0; i++) {
    const m = re.exec(text);
    if (!m) return '';
    start = m.index + m[0].length;
  }
  re.lastIndex = start;
  const end = re.exec(text);
  return text.slice(start, end ? end.index : text.length);
}

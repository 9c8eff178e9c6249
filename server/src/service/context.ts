import { Range as LspRange } from 'vscode-languageserver-types';
import { SeclifeEngine } from '../core/engine';
import { Range } from '../core/findings';
import { describeError } from '../core/internalError';
import type { ScanFailure } from '../core/lexers/commentScanner';

/** Where a feature says what it could not do: the language server's output channel (lsp/project.ts). */
export interface ServiceLog {
  error(message: string): void;
}

/** What every language feature needs from its host: the engine of one workspace folder, texts and URIs. */
export interface ServiceContext {
  readonly engine: SeclifeEngine;
  /** Current text of a workspace-relative file: the open editor buffer, else the file on disk. */
  text(path: string): string | undefined;
  /** URI of a workspace-relative path. */
  uri(path: string): string;
  /** The host's log (the server's output channel); without one, failures go to stderr. */
  readonly log?: ServiceLog;
}

/**
 * A feature that caught an exception answers with less (no quick fix, no completion) but
 * never silently: the exception goes to the host's log, with its stack.
 */
export function logFailure(ctx: Pick<ServiceContext, 'log'>, what: string, e: unknown): void {
  const detail = e instanceof Error && e.stack ? e.stack : describeError(e);
  const message = `seclife: ${what} failed: ${detail}`;
  if (ctx.log) ctx.log.error(message);
  else console.error(message);
}

/** A comment-scanner failure inside a feature (the file's own internal-error finding comes from its parse). */
export function scannerFailureLogger(ctx: Pick<ServiceContext, 'log'>, what: string): (f: ScanFailure) => void {
  return (f) => logFailure(ctx, `the comment scanner (for ${what})`, f.error);
}

/** Engine range (1-based, end exclusive) → LSP range (0-based). */
export function toLspRange(r: Range): LspRange {
  return {
    start: { line: r.line - 1, character: r.column - 1 },
    end: { line: r.endLine - 1, character: r.endColumn - 1 },
  };
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

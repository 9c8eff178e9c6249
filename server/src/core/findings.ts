import type { FindingCode, Severity } from './findingCodes';

/** The finding contract (docs/findings.md): one vocabulary for the CLI, the server, SARIF and the views. */
export type { Severity, SeverityOrOff } from './findingCodes';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units like LSP and SARIF (`columnKind: utf16CodeUnits`). */
  column: number;
}

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedLocation extends Range {
  file: string;
  message: string;
}

export interface Finding extends Range {
  /** A trace code (findingCodes.ts) or a secure-coding rule ID (`js/eval-dynamic`, a custom rule's `id`). */
  code: FindingCode;
  severity: Severity;
  message: string;
  /** Workspace-relative, `/`-separated. */
  file: string;
  itemId?: string;
  /** Other ends of a link, the first definition of a duplicate, … */
  related?: RelatedLocation[];
  /** Present when a suppression comment silences this finding. */
  suppression?: { justification: string; file: string; line: number };
  /** The code a secure-coding finding matched (whitespace collapsed, ≤ 200 chars); keeps fingerprints stable. */
  snippet?: string;
  /** A safe rewrite offered as a quick fix (secure-coding rules). */
  fix?: {
    title: string;
    edits: Array<{ line: number; column: number; endLine: number; endColumn: number; newText: string }>;
  };
}

// The codes and their default severities, summaries and docs live in one table (findingCodes.ts).
export { TRACE_CODES } from './findingCodes';
export type { FindingCode, RuleCode, TraceCode } from './findingCodes';

export const SEVERITY_RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

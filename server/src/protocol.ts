/**
 * Custom requests between the Seclife language server and its clients (the VS Code
 * extension's views). Shared by both sides; plain JSON types only.
 */
export interface LocationRef {
  uri: string;
  /** 0-based, as in LSP. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

/** `seclife/traceTree`: kind → item → links → code and test locations. */
export const TraceTreeRequest = 'seclife/traceTree';
export interface TraceTreeParams {
  /** Only items with an unmet need. */
  gapsOnly?: boolean;
  /** Only these kind prefixes. */
  kinds?: string[];
}
export interface TraceTreeLink {
  /**
   * `implements`, `verifies`, `mitigates`, `interface`, `link` (an attribute), `justification`, `linked-by`,
   * or `manifest` (a SOUP item's dependency entry in package.json, a lockfile, requirements.txt, an SBOM; `symbol` is
   * the package name, `note` its resolved version).
   */
  role: string;
  /** The other item, for document links. */
  itemId?: string;
  /** Attribute name as written, for document links. */
  attribute?: string;
  /** Declaration name the annotation binds to (TS/JS). */
  symbol?: string;
  note?: string;
  location: LocationRef;
}
export interface TraceTreeItem {
  id: string;
  kind: string;
  title: string;
  status?: string;
  needs: string[];
  met: string[];
  covered: boolean;
  location: LocationRef;
  links: TraceTreeLink[];
}
export interface TraceTreeKind {
  prefix: string;
  title: string;
  total: number;
  covered: number;
  items: TraceTreeItem[];
}
export interface TraceTreeResult {
  folders: Array<{ uri: string; name: string; kinds: TraceTreeKind[] }>;
  /** True while the first index of a folder is still running. */
  indexing: boolean;
}

/** `seclife/coverage`: per-kind totals and the list of gaps. */
export const CoverageRequest = 'seclife/coverage';
export interface CoverageGap {
  id: string;
  kind: string;
  title: string;
  /** Unmet needs. */
  missing: string[];
  location: LocationRef;
}
export interface CoverageResult {
  kinds: Array<{ prefix: string; title: string; total: number; covered: number; percent: number }>;
  gaps: CoverageGap[];
  findings: { error: number; warning: number; note: number };
  indexing: boolean;
}

/** `seclife/findings`: every finding of every folder (for the findings view and SARIF export). */
export const FindingsRequest = 'seclife/findings';
export interface FindingsParams {
  /** Include suppressed findings (with their justification). */
  includeSuppressed?: boolean;
}
export interface FindingEntry {
  code: string;
  severity: 'error' | 'warning' | 'note';
  message: string;
  itemId?: string;
  location: LocationRef;
  suppression?: { justification: string };
}
export interface FindingsResult {
  findings: FindingEntry[];
  indexing: boolean;
}

/** `seclife/reindex`: drops the index and indexes every folder again. */
export const ReindexRequest = 'seclife/reindex';

/** `seclife/sarif`: the SARIF 2.1.0 log of one folder (for "Export Findings as SARIF"). */
export const SarifRequest = 'seclife/sarif';
export interface SarifParams {
  /** The folder's URI; the first folder when omitted. */
  folderUri?: string;
}

/** Options the client passes in `initialize`. */
export interface InitializationOptions {
  /** Whether the workspace is trusted; untrusted workspaces run built-in checks only (no custom regex rules). */
  trusted?: boolean;
}

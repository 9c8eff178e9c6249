/**
 * The Seclife language server's custom messages, settings and initialization options: the
 * one module both the server (lsp/server.ts) and the VS Code extension (client/src) import
 * (docs/language-server.md). Every request is a typed `RequestType`, so the method name,
 * parameters and result are written once; locations are LSP's own `Location`.
 *
 * This file imports nothing from the server tree (the client bundles it): plain JSON types
 * and the protocol package only. To add a request: declare its params, result and
 * `RequestType` here, handle it in lsp/server.ts (`connection.onRequest(XRequest, …)`), and
 * call `client.sendRequest(XRequest, params)` in the client (docs/development.md, Recipes).
 */
import { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Location } from 'vscode-languageserver-protocol';
import type { Log as SarifLog } from 'sarif';

export type { Location, Range } from 'vscode-languageserver-protocol';

// --- Settings ---------------------------------------------------------------------------

/** The section of the VS Code settings (`seclife.*`) the server pulls with `workspace/configuration`. */
export const SETTINGS_SECTION = 'seclife';

export type SettingSeverity = 'off' | 'note' | 'warning' | 'error';

/**
 * The `seclife.*` settings (package.json `contributes.configuration`, checked by
 * protocol.test.ts): what the client answers to `workspace/configuration` and the server
 * reads. Non-empty lists override the same keys of seclife.json; `rules` is merged over it.
 */
export interface SeclifeSettings {
  documents: string[];
  sources: string[];
  tests: string[];
  exclude: string[];
  rules: Record<string, SettingSeverity>;
  trace: { server: 'off' | 'messages' | 'verbose' };
}

/** Every setting's default (as package.json declares it). */
export const DEFAULT_SETTINGS: SeclifeSettings = {
  documents: [],
  sources: [],
  tests: [],
  exclude: [],
  rules: {},
  trace: { server: 'off' },
};

/** Options the client passes in `initialize`. */
export interface InitializationOptions {
  /** Whether the workspace is trusted; untrusted workspaces run built-in checks only (no custom regex rules). */
  trusted?: boolean;
}

// --- Verification from test results (docs/language-server.md, Test results) -------------

/**
 * `results`: test-result files were read (or the gate requires passed tests), so a test
 * verifies only when its result passed. `annotated-only`: no result files — the `@verifies`
 * annotation is all there is, and every view labels it "annotated only", never passed.
 */
export type VerificationMode = 'results' | 'annotated-only';
/** An item's verification: `annotated` (annotated-only mode), `none` (no linked test). */
export type ItemVerificationStatus = 'passed' | 'failed' | 'not-run' | 'annotated' | 'none';
/** One linked test: its results' worst status, `not-run` without a result, `annotated` without result files. */
export type TestLinkStatus = 'passed' | 'failed' | 'skipped' | 'not-run' | 'annotated';
/** One test case's result as a result file records it. */
export interface TestResultEntry {
  /** The case's line in the result file. */
  location: Location;
  status: 'passed' | 'failed' | 'errored' | 'skipped' | 'todo';
  /** The name as the report writes it, with its suites (`auth › lockout › locks …`). */
  name: string;
  /** The failure or skip message's first line. */
  message?: string;
  durationMs?: number;
  flaky?: boolean;
}
/** The test an `@verifies` annotation binds to, and its results. */
export interface TestLinkInfo {
  /** The test's name with its suites (`auth › lockout › locks …`), when the annotation binds to one. */
  name?: string;
  /** The test's line (in the annotation's file). */
  line?: number;
  status: TestLinkStatus;
  /** Why there is no result: no test to bind to, only ambiguous matches, or none in the files read. */
  reason?: 'unbound' | 'ambiguous' | 'no-result';
  /** The results, failed ones first (at most {@link MAX_TEST_RESULTS}). */
  results: TestResultEntry[];
  /** Results not listed (over {@link MAX_TEST_RESULTS}). */
  moreResults?: number;
}
/** Results listed per linked test; the rest are counted in `moreResults`. */
export const MAX_TEST_RESULTS = 20;
/** An item's verification for the views (core ItemView.verification). */
export interface VerificationSummary {
  mode: VerificationMode;
  status: ItemVerificationStatus;
  /** Tests counted as the code lens counts them: each matched result, and each annotation without one. */
  counts: { tests: number; passed: number; failed: number; notRun: number };
  /** Result files read. */
  resultFiles: number;
}
/** Items that need `verified`, by verification status. */
export interface VerificationTally {
  passed: number;
  failed: number;
  notRun: number;
  /** Verified by annotation only (no result files read): never counted as passed. */
  annotated: number;
  /** No linked test. */
  none: number;
}

/** The client command that opens a result file at a failing case (arguments: one `Location`). */
export const OPEN_TEST_RESULT_COMMAND = 'seclife.openTestResult';

// --- seclife/traceTree ------------------------------------------------------------------

export interface TraceTreeParams {
  /** Only items with an unmet need. */
  gapsOnly?: boolean;
  /** Only these kind prefixes. */
  kinds?: string[];
}
export interface TraceTreeLink {
  /**
   * An annotation verb (`implements`, `verifies`, `mitigates`, `interface`), `link` (an attribute), `justification`,
   * `linked-by`, or `manifest` (a SOUP item's dependency entry in package.json, a lockfile, requirements.txt, an SBOM;
   * `symbol` is the package name, `note` its resolved version).
   */
  role: string;
  /** The other item, for document links. */
  itemId?: string;
  /** Attribute name as written, for document links. */
  attribute?: string;
  /** Declaration name the annotation binds to (TS/JS). */
  symbol?: string;
  note?: string;
  location: Location;
  /**
   * For `verifies` (an annotation in a test file) and `test-result` (results linked by a
   * `verifies` property, at the result's line): the test and its results.
   */
  test?: TestLinkInfo;
}
export interface TraceTreeItem {
  id: string;
  kind: string;
  title: string;
  status?: string;
  needs: string[];
  met: string[];
  covered: boolean;
  /** What keeps it from being covered: unmet needs, then `valid <Attribute>` per invalid required attribute (empty when covered). */
  missing: string[];
  location: Location;
  links: TraceTreeLink[];
  /** For kinds that need `verified`: its linked tests' results, or "annotated only". */
  verification?: VerificationSummary;
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
/** `seclife/traceTree`: kind → item → links → code and test locations. */
export const TraceTreeRequest = new RequestType<TraceTreeParams | undefined, TraceTreeResult, void>(
  'seclife/traceTree',
);

// --- seclife/coverage -------------------------------------------------------------------

export interface CoverageGap {
  id: string;
  kind: string;
  title: string;
  /** Unmet needs. */
  missing: string[];
  location: Location;
  /** Its verification status, for kinds that need `verified`. */
  verification?: ItemVerificationStatus;
}
export interface CoverageKind {
  prefix: string;
  title: string;
  total: number;
  covered: number;
  percent: number;
  /** For kinds that need `verified`: its items by verification status. */
  verification?: VerificationTally;
}
export interface CoverageResult {
  kinds: CoverageKind[];
  gaps: CoverageGap[];
  /**
   * Over all folders: items that need `verified` by status, the mode (`mixed` when folders
   * differ) and the result files read.
   */
  verification: VerificationTally & { mode: VerificationMode | 'mixed'; resultFiles: number };
  findings: { error: number; warning: number; note: number };
  indexing: boolean;
}
/** `seclife/coverage`: per-kind totals and the list of gaps (no parameters). */
export const CoverageRequest = new RequestType0<CoverageResult, void>('seclife/coverage');

// --- seclife/findings -------------------------------------------------------------------

export interface FindingsParams {
  /** Include suppressed findings (with their justification). */
  includeSuppressed?: boolean;
}
export interface FindingEntry {
  code: string;
  severity: 'error' | 'warning' | 'note';
  message: string;
  itemId?: string;
  location: Location;
  suppression?: { justification: string };
}
export interface FindingsResult {
  findings: FindingEntry[];
  indexing: boolean;
}
/** `seclife/findings`: every finding of every folder (for the findings view and SARIF export). */
export const FindingsRequest = new RequestType<FindingsParams | undefined, FindingsResult, void>('seclife/findings');

// --- seclife/reindex, seclife/sarif -----------------------------------------------------

/** `seclife/reindex`: drops the index and indexes every folder again; answers `null` when done. */
export const ReindexRequest = new RequestType0<null, void>('seclife/reindex');

export interface SarifParams {
  /** The folder's URI; the first folder when omitted. */
  folderUri?: string;
}
/** `seclife/sarif`: the SARIF 2.1.0 log of one folder (for "Export Findings as SARIF"); `null` without a folder. */
export const SarifRequest = new RequestType<SarifParams | undefined, SarifLog | null, void>('seclife/sarif');

// --- seclife/kinds ----------------------------------------------------------------------

export interface KindsParams {
  /** The folder's URI; every folder when omitted. */
  folderUri?: string;
}
/** One attribute line of a new item's template (from the kind's `required`, `links` and `allowed`). */
export interface TemplateAttribute {
  /** The key as documents write it (`Derived-from`). */
  key: string;
  /** The allowed values (a choice), as the workspace writes them. */
  values?: string[];
  /** Text to start with (a link's target prefix: `TH-`); empty when none. */
  placeholder: string;
  /** Whether the kind requires the attribute. */
  required: boolean;
}
export interface KindTemplate {
  attributes: TemplateAttribute[];
  /** Placeholder of the item's description. */
  description: string;
}
export interface KindInfo {
  prefix: string;
  title: string;
  /** What an item of the kind needs to be covered (docs/formats.md). */
  needs: string[];
  /**
   * The document the first item of the kind goes to when no document holds one yet: a path
   * relative to the folder that the folder's `documents` globs select, and its starting text.
   */
  starter: { path: string; content: string };
  template: KindTemplate;
}
export interface KindsResult {
  /** Per folder: its kinds, and the `documents` globs in effect (seclife.json, settings or the defaults). */
  folders: Array<{ uri: string; name: string; documents: string[]; kinds: KindInfo[] }>;
  indexing: boolean;
}
/** `seclife/kinds`: every kind of each folder's configuration (defaults and seclife.json `kinds`), with a template for new items. */
export const KindsRequest = new RequestType<KindsParams | undefined, KindsResult, void>('seclife/kinds');

// --- seclife/vulnerabilities ------------------------------------------------------------

/** Where an advisory stands: no disposition, `under-investigation`, or any other status (docs/vulnerabilities.md). */
export type VulnerabilityState = 'undecided' | 'under-investigation' | 'decided';
export interface VulnerabilityEntry {
  /** The advisory's ID (`GHSA-…`, `CVE-…`) and its aliases. */
  id: string;
  aliases: string[];
  /** The affected package and the version in use. */
  package: string;
  version: string;
  ecosystem: string;
  purl?: string;
  /** For an indirect package: the path from the direct dependency down to its parent (`express@4.21.2`, …). */
  via?: string[];
  severity?: string;
  summary?: string;
  url?: string;
  /** The SOUP item answering for it (absent: no SOUP item can record a disposition). */
  itemId?: string;
  state: VulnerabilityState;
  /** The item's disposition (status as written in Markdown, `not-affected`; the justification after `--`). */
  disposition?: { status: string; justification?: string };
  /** Where the finding is: the item's ID, or the package's lockfile entry for a package without an item. */
  location: Location;
}
export interface VulnerabilitiesResult {
  /** Every advisory affecting a resolved package of every folder, once per SOUP item or orphan package. */
  vulnerabilities: VulnerabilityEntry[];
  indexing: boolean;
}
/** `seclife/vulnerabilities`: one flat list; the client groups it (Undecided, Under investigation, Decided). */
export const VulnerabilitiesRequest = new RequestType0<VulnerabilitiesResult, void>('seclife/vulnerabilities');

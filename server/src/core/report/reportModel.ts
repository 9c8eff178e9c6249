/**
 * The release-evidence report as data (issue 7): what `seclife report` renders as
 * HTML, Markdown and CSV. Built from the engine by `buildReportModel`; every list is
 * sorted so the same input gives the same report, byte for byte.
 */
import { GateResult } from '../gate';
import type { ItemVerification, VerificationMode } from '../testResults/verification';
import type { ResultFileSummary } from '../testResults/verificationState';

export interface ReportLocation {
  file: string;
  line: number;
  /** Declaration the annotation binds to (TS/JS), or the item holding a link attribute. */
  symbol?: string;
}

/** One row of the traceability matrix. */
export interface ReportItem {
  id: string;
  kind: string;
  title: string;
  file: string;
  line: number;
  /** The `Status` attribute, when the item has one. */
  status?: string;
  /** Items this one links to through its attributes (threats, requirements it derives from or mitigates). */
  up: string[];
  /** Items that link to this one (controls, derived requirements, SOUP items that require it). */
  down: string[];
  /** `@implements`, `@interface` and `@mitigates` locations in source files. */
  code: ReportLocation[];
  /** `@verifies` locations in test files. */
  tests: ReportLocation[];
  needs: string[];
  /** Needs not met; empty when the item is covered. */
  unmet: string[];
  /** Links to this item that are suspect (the item changed since they were reviewed). */
  suspect: number;
  /**
   * For kinds that need `verified`: the result over its linked tests — `annotated` when no
   * test results were read (annotated only, never passed) — and the counts behind it.
   */
  verification?: { status: ItemVerification['status']; counts: ItemVerification['counts'] };
}

/** A test-result file the verification is based on: the core's summary, and the SHA-256 of its bytes (hex) when the host could read them. */
export interface ReportResultFile extends ResultFileSummary {
  sha256?: string;
}

export interface ReportVerification {
  /** `results`: from test-result files; `annotated-only`: no result was read, annotations are all there is. */
  mode: VerificationMode;
  resultFiles: ReportResultFile[];
  /** Items that need `verified`, by result. */
  items: { passed: number; failed: number; notRun: number; annotated: number; none: number };
}

export interface ReportThreat {
  id: string;
  title: string;
  file: string;
  line: number;
  category?: string;
  severity?: string;
  status?: string;
  /** Risk controls (and `@mitigates` code) that mitigate it. */
  controls: string[];
  mitigated: boolean;
}

/** An accepted or transferred threat: the residual risk the release carries. */
export interface ReportResidualRisk {
  id: string;
  title: string;
  status: string;
  acceptedBy?: string;
  rationale?: string;
  severity?: string;
}

export interface ReportFinding {
  code: string;
  severity: 'error' | 'warning' | 'note';
  message: string;
  file: string;
  line: number;
  column: number;
  itemId?: string;
  /** Present when a suppression comment silences it. */
  suppression?: string;
}

/** Secure-coding findings of one rule. */
export interface ReportRule {
  rule: string;
  /** `CWE-89`, when the rule names one. */
  cwe?: string;
  title?: string;
  findings: ReportFinding[];
}

export interface ReportSuppression {
  file: string;
  line: number;
  scope: 'next-line' | 'line' | 'file';
  rules: string[];
  justification: string;
  /** How many findings it silences. */
  silenced: number;
}

export interface ReportSoupVulnerability {
  id: string;
  /** The disposition status (`not-affected`, `fixed`, …) or `undispositioned`. */
  disposition: string;
  note?: string;
}

export interface ReportSoupItem {
  id: string;
  title: string;
  version?: string;
  supplier?: string;
  class?: string;
  /** Matching manifest dependencies: `name@version` (the versions resolved). */
  dependencies: string[];
  /** The indirect packages it answers for: `qs@6.13.0 via express@4.21.2`, with the advisories affecting each. */
  indirect: Array<{ package: string; via: string; advisories: string[] }>;
  vulnerabilities: ReportSoupVulnerability[];
  covered: boolean;
}

/** A link whose target changed after the link was reviewed. */
export interface ReportSuspectLink {
  target: string;
  role: string;
  file: string;
  line: number;
  symbol?: string;
}

export interface ReportCoverage {
  kind: string;
  title: string;
  total: number;
  covered: number;
  /** Covered share in percent, one decimal; 100 for a kind without items. */
  percent: number;
}

export interface ReportModel {
  tool: { name: string; version: string };
  /** Folder name of the checked workspace. */
  project: string;
  /** Git commit the report was made from (`HEAD`), when the folder is in a git repository. */
  commit?: { sha: string; ref?: string };
  /** From SOURCE_DATE_EPOCH, when set; otherwise no date, so the report stays reproducible. */
  date?: string;
  /** `seclife.json` exactly as read, or undefined when the workspace has none (defaults apply). */
  configText?: string;
  gate: GateResult;
  coverage: ReportCoverage[];
  /** What verification is based on: the test-result files read, or annotations only. */
  verification: ReportVerification;
  /** Unsuppressed findings by severity, and how many are suppressed. */
  counts: { error: number; warning: number; note: number; suppressed: number };
  items: ReportItem[];
  threats: ReportThreat[];
  residualRisks: ReportResidualRisk[];
  /** Traceability findings (all codes that are not secure-coding rules). */
  traceFindings: ReportFinding[];
  rules: ReportRule[];
  suppressions: ReportSuppression[];
  soup: ReportSoupItem[];
  /** Dependency files the SOUP check did not read (`soup-input-unread`): their dependencies are not checked. */
  unreadDependencyFiles: Array<{ file: string; message: string }>;
  /** Advisories affecting a package no SOUP item answers for (reported at the lockfile entry). */
  unownedVulnerabilities: Array<{ id: string; package: string; via?: string; file: string; line: number }>;
  suspectLinks: ReportSuspectLink[];
  /** Whether a review baseline (`.seclife/baseline.json`) exists. */
  baseline: boolean;
}

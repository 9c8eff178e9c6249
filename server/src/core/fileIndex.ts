/**
 * What the core knows about one file after parsing it, by role: the unit of incremental
 * work. Every role has the common part (items, references, findings, …); each role adds
 * its own payload, and a reader narrows on `role` to get it. The parsers are one table
 * (fileParsers.ts), so a new role is one variant here and one entry there.
 */
import type { Finding } from './findings';
import type { ItemDef, Reference, SectionDef, Suppression } from './model';
import type { ReviewBaseline } from './review/baseline';
import type { Advisory } from './soup/advisory';
import { VexStatement } from './soup/vexStatement';
import type { ManifestIndex } from './soup/dependency';
import type { TestResultFile } from './testResults/model';

/** What every file index has, whatever its role. */
export interface FileIndexCommon {
  file: string;
  isTest: boolean;
  items: ItemDef[];
  sections: SectionDef[];
  refs: Reference[];
  suppressions: Suppression[];
  /** Findings that depend on this file alone (parse problems, unjustified suppressions, …). */
  findings: Finding[];
  /** Why the file was skipped or read with a caveat (binary, too large, invalid UTF-8). */
  notes: string[];
}

/** A lifecycle Markdown document: items and sections. */
export interface DocumentIndex extends FileIndexCommon {
  role: 'document';
}

/** A source or test file: annotations and suppressions (and secure-coding findings). */
export interface SourceIndex extends FileIndexCommon {
  role: 'source';
}

/**
 * A dependency manifest, lockfile or SBOM. `manifest` is absent when the file was not read
 * (skipped, too large, or its parser failed): it then counts as no manifest at all.
 */
export interface ManifestFileIndex extends FileIndexCommon {
  role: 'manifest';
  manifest?: ManifestIndex;
}

/** An advisory file (`npm audit --json`, OSV): known vulnerabilities (absent when not read). */
export interface AdvisoriesIndex extends FileIndexCommon {
  role: 'advisories';
  advisories?: Advisory[];
  /** When the report was made, if it says (a scanner's timestamp): the data's age (`advisory-data-stale`). */
  generatedAt?: string;
}

/** A test-result file (JUnit XML, TAP, CTRF): its cases (absent when it was not read). */
export interface TestResultsIndex extends FileIndexCommon {
  role: 'test-results';
  results?: TestResultFile;
}

/** A VEX document (OpenVEX, CycloneDX VEX, CSAF VEX): vulnerability decisions (absent when not read). */
export interface VexIndex extends FileIndexCommon {
  role: 'vex';
  /** The document's format, told by its content (soup/vexFile.ts); absent when it is none of them. */
  format?: 'openvex' | 'cyclonedx' | 'csaf';
  vex?: VexStatement[];
}

/** A dependency file the SOUP check recognises but does not read (soup/unreadDependencyFiles.ts): one `soup-input-unread`. */
export interface UnreadDependencyIndex extends FileIndexCommon {
  role: 'unread-dependency';
}

/**
 * The review baseline: present when it is valid, and where its text ends (for an edit
 * replacing it) whenever it was read.
 */
export interface BaselineIndex extends FileIndexCommon {
  role: 'baseline';
  baseline?: ReviewBaseline;
  end?: { line: number; column: number };
}

export type FileIndex =
  | DocumentIndex
  | SourceIndex
  | ManifestFileIndex
  | AdvisoriesIndex
  | TestResultsIndex
  | VexIndex
  | UnreadDependencyIndex
  | BaselineIndex;

/** The roles a file can have. */
export type FileRoleName = FileIndex['role'];

/** The index variant of a role. */
export type IndexOf<R extends FileRoleName> = Extract<FileIndex, { role: R }>;

/** An index with the common part empty and no payload (a parser fills it in). */
export function emptyIndex<R extends FileRoleName>(file: string, role: R, isTest = false): IndexOf<R> {
  const index: FileIndexCommon & { role: R } = {
    file,
    role,
    isTest,
    items: [],
    sections: [],
    refs: [],
    suppressions: [],
    findings: [],
    notes: [],
  };
  return index as IndexOf<R>;
}

/** A `config-error` at the first character of `path`. */
export function configErrorAtStart(path: string, message: string): Finding {
  return { code: 'config-error', severity: 'error', file: path, line: 1, column: 1, endLine: 1, endColumn: 2, message };
}

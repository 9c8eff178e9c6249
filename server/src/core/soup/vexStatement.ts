/**
 * A vulnerability decision as VEX knows it (docs/vulnerabilities.md, Dispositions as VEX):
 * read from OpenVEX, CycloneDX VEX and CSAF VEX files (vexFile.ts) or mapped from a SOUP
 * item's `Vulnerabilities` attribute (dispositions.ts).
 */
import { Range } from '../findings';

/** The OpenVEX statuses. */
export const VEX_STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;
export type VexStatus = (typeof VEX_STATUSES)[number];

/** OpenVEX justification labels for `not_affected`. */
export const VEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;
export type VexJustification = (typeof VEX_JUSTIFICATIONS)[number];

export interface VexStatement {
  /** The advisory's ID (CVE, GHSA, …) and its aliases as the document gives them. */
  vulnerability: string;
  aliases: string[];
  /** The packages it is about: package URLs or names (empty: every package the advisory names). */
  products: string[];
  status: VexStatus;
  justification?: VexJustification;
  /** Why not affected (OpenVEX `impact_statement`, CycloneDX `detail`). */
  impactStatement?: string;
  /** What to do when affected (OpenVEX `action_statement`, CycloneDX `response`). */
  actionStatement?: string;
  /** How the status was determined, for the other statuses (OpenVEX `status_notes`). */
  statusNotes?: string;
  author?: string;
  /** ISO 8601 time of the decision. */
  timestamp?: string;
  /** Threat and risk-control IDs the decision refers to. */
  links: string[];
  source: 'openvex' | 'cyclonedx' | 'csaf' | 'soup';
  /** Where the statement is. */
  file: string;
  range: Range;
}

/**
 * The placeholders the editor's "Record VEX" quick fixes write for the reason and the action
 * (docs/vscode.md, Recording a decision). A decision that still holds one is not finished:
 * the SOUP check and the VEX check report it instead of counting it as a reason.
 */
export const DECISION_PLACEHOLDERS = ['<describe why>', '<action statement>'] as const;

/** The placeholder a decision's text still holds, if any. */
export function placeholderIn(...texts: Array<string | undefined>): string | undefined {
  for (const t of texts) for (const p of DECISION_PLACEHOLDERS) if (t?.includes(p)) return p;
  return undefined;
}

/** A located problem of a VEX document (becomes a `config-error` finding, vexFile.ts). */
export interface VexProblem {
  message: string;
  range: Range;
}

/** What a VEX format parser returns: the statements it read and the problems it met. */
export interface VexParseResult {
  statements: VexStatement[];
  problems: VexProblem[];
  notes: string[];
}

/** Whether a string is one of the OpenVEX justification labels. */
export function isVexJustification(text: string): text is VexJustification {
  return (VEX_JUSTIFICATIONS as readonly string[]).includes(text);
}

/**
 * Prefixes of vulnerability and weakness IDs: they name advisories, not items, so they are
 * no links (docs/vulnerabilities.md, Where VEX comes from).
 */
const NOT_ITEM_PREFIXES = new Set([
  'CVE',
  'GHSA',
  'PYSEC',
  'RUSTSEC',
  'GO',
  'GSD',
  'OSV',
  'NPM',
  'SNYK',
  'CWE',
  'CAPEC',
  'CPE',
  'MAL',
  'DSA',
  'DLA',
  'USN',
  'RHSA',
  'ALSA',
  'ELSA',
  'ISO',
  'IEC',
  'UTF',
]);

/**
 * Candidate item IDs in a statement's text (`TH-004`, `RC-12`, `SR-3.1`): a capital letter,
 * capitals or digits, `-`, then letters, digits, `_` or `.`, starting after a non-word
 * character (each match starts at a boundary, so the scan is linear). Advisory IDs (CVE-…,
 * GHSA-…) are left out; the SOUP check resolves the rest against the defined items.
 */
export function vexLinks(...texts: Array<string | undefined>): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const m of text.matchAll(/(?<![A-Za-z0-9_.-])[A-Z][A-Z0-9]*-[0-9A-Za-z_.]+/g)) {
      let end = m[0].length;
      while (end > 0 && m[0][end - 1] === '.') end--;
      const id = m[0].slice(0, end);
      const prefix = id.slice(0, id.indexOf('-'));
      if (NOT_ITEM_PREFIXES.has(prefix) || !/[0-9]/.test(id.slice(prefix.length))) continue;
      out.add(id);
    }
  }
  return [...out];
}

/** A string that is an ISO 8601 date-time (or date) JavaScript can read; else undefined. */
export function isoTimestamp(text: string | undefined): string | undefined {
  if (
    typeof text !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())
  )
    return undefined;
  return Number.isNaN(Date.parse(text.trim())) ? undefined : text.trim();
}

/** The later of two timestamps (by time; an unreadable one counts as absent). */
export function laterTimestamp(a: string | undefined, b: string | undefined): string | undefined {
  const ta = a === undefined ? Number.NaN : Date.parse(a);
  const tb = b === undefined ? Number.NaN : Date.parse(b);
  if (Number.isNaN(ta)) return Number.isNaN(tb) ? undefined : b;
  if (Number.isNaN(tb)) return a;
  return tb > ta ? b : a;
}

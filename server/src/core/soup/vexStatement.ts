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

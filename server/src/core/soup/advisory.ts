import { Range } from '../findings';
import { Ecosystem } from './dependency';

/** Which report format an advisory came from (docs/vulnerabilities.md, Advisory data). */
export type AdvisorySource = 'npm-audit' | 'osv' | 'grype' | 'trivy' | 'pip-audit' | 'fpf' | 'osv-database';

/** A known vulnerability affecting a package (from a vulnerability report or OSV records; nothing is fetched). */
export interface Advisory {
  /** GHSA-…, CVE-…, or the source's ID; all aliases are listed in `aliases`. */
  id: string;
  aliases: string[];
  ecosystem: Ecosystem;
  package: string;
  /**
   * Affected version ranges in the ecosystem's syntax (npm semver range such as `<4.17.21`;
   * PyPI/OSV ranges as `>=1.0,<1.2` strings), or exact versions. Scanner reports that only say
   * "installed X is affected, fixed in Y" give `X` and `>=X <Y` (the nearest fix above X).
   */
  affected: string[];
  severity?: string;
  summary?: string;
  /** Where to read more (the GHSA page, the OSV record's ADVISORY reference, or osv.dev). */
  url?: string;
  /** When the advisory was last changed / first published (ISO 8601), when the report says. */
  modified?: string;
  published?: string;
  /**
   * The analysis recorded in the tool that produced the report (Dependency-Track's
   * `analysis.state`, e.g. `NOT_AFFECTED`, and `isSuppressed`). Informative only: it is not a
   * disposition (those are VEX statements in the repository).
   */
  analysis?: { state?: string; suppressed?: boolean };
  /** Which report format the advisory came from. */
  source?: AdvisorySource;
  /**
   * Workspace-relative path of the advisories file and the range of the record in it. For an
   * OSV database archive (a zip), the archive's path and line 1 (a zip has no lines), with the
   * entry the record was read from in `entry`.
   */
  file?: string;
  range?: Range;
  /** The zip entry of an OSV database archive the record was read from (`PyPI/GHSA-….json`). */
  entry?: string;
}

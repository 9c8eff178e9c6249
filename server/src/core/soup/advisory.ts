import { Range } from '../findings';
import { Ecosystem } from './dependency';

/** A known vulnerability affecting a package (from `npm audit --json` or OSV records; nothing is fetched). */
export interface Advisory {
  /** GHSA-…, CVE-…, or the source's ID; all aliases are listed in `aliases`. */
  id: string;
  aliases: string[];
  ecosystem: Ecosystem;
  package: string;
  /** Affected version ranges in the ecosystem's syntax (npm semver range such as `<4.17.21`; PyPI/OSV ranges as `>=1.0,<1.2` strings), or exact versions. */
  affected: string[];
  severity?: string;
  summary?: string;
  /** Where to read more (the GHSA page, the OSV record's ADVISORY reference, or osv.dev). */
  url?: string;
  /** Which report format the advisory came from. */
  source?: 'npm-audit' | 'osv';
  /** Workspace-relative path of the advisories file and the range of the record in it. */
  file?: string;
  range?: Range;
}

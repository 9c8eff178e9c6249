/**
 * Which vulnerability decision applies to each advisory, and the findings about the
 * decisions' quality and age (docs/vulnerabilities.md, Dispositions as VEX; Findings).
 * Pure: the time is passed in as `now`, never read from the clock.
 *
 * Matching: a statement is about an advisory when its vulnerability or one of its aliases
 * equals the advisory's ID or one of its aliases (case-insensitive), and — when it names
 * products — one of them is the advisory's package (a purl of the same type and name, and of
 * the same version when both have one; or a bare name).
 *
 * Precedence among the statements about one advisory:
 * 1. Within the SOUP items' dispositions, and within the VEX files, the latest timestamp
 *    wins; an undated statement loses to a dated one; ties keep the first (file path, then
 *    position order, as given).
 * 2. Between the two, the SOUP item's disposition wins, unless both are dated and the VEX
 *    file's statement is later: the SOUP document is the project's reviewed record, and a
 *    VEX file overrides it only with a newer, dated decision.
 */
import { VulnerabilitiesConfig } from '../config';
import { TRACE_SEVERITY, TraceCode } from '../findingCodes';
import { Finding, Range } from '../findings';
import { parsePurl } from './cyclonedx';
import { Ecosystem } from './dependency';
import { ecosystemFromPurlType, normalizeName } from './ecosystems';
import { VexStatement, placeholderIn } from './vexStatement';

/** An advisory as the check needs it (structurally a subset of advisory.ts's Advisory). */
export interface VexAdvisory {
  id: string;
  aliases: string[];
  /** The affected package's name. */
  package: string;
  ecosystem?: Ecosystem;
  /** The resolved version of the package in use, when known (matched against a product purl's version). */
  version?: string;
  /** ISO 8601: when the advisory record was last changed (`vex-stale`). */
  modified?: string;
  published?: string;
  /** `critical`, `high`, `moderate`/`medium`, `low`, … (`under-investigation-overdue`). */
  severity?: string;
  /** Where the advisory is (for messages only). */
  file?: string;
  range?: Range;
}

export interface VexDecision<A extends VexAdvisory = VexAdvisory> {
  advisory: A;
  /** The statement that applies; absent when none is about the advisory. */
  statement?: VexStatement;
  /** The other statements about the advisory, which lost by precedence. */
  overridden: VexStatement[];
}

export interface VexCheckInput<A extends VexAdvisory = VexAdvisory> {
  advisories: readonly A[];
  /** Statements from VEX files and from the SOUP items' dispositions (vexFromDispositions.ts), in file path order. */
  statements: readonly VexStatement[];
  config: VulnerabilitiesConfig;
  now: Date;
}

export interface VexCheckResult<A extends VexAdvisory = VexAdvisory> {
  /** One per advisory, in the input order. */
  decisions: VexDecision<A>[];
  /** `vex-justification-missing`, `vex-stale`, `under-investigation-overdue`, each at its statement. */
  findings: Finding[];
}

const DAY = 24 * 60 * 60 * 1000;
const same = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

function finding(code: TraceCode, s: VexStatement, message: string): Finding {
  return { code, severity: TRACE_SEVERITY[code], file: s.file, ...s.range, message };
}

const time = (t: string | undefined): number => (t === undefined ? Number.NaN : Date.parse(t));

/** Whether a product (purl or name) is the advisory's package. */
export function productMatches(
  product: string,
  advisory: Pick<VexAdvisory, 'package' | 'ecosystem' | 'version'>,
): boolean {
  const p = product.trim();
  if (p.startsWith('pkg:')) {
    const purl = parsePurl(p);
    if (!purl) return false;
    const ecosystem = ecosystemFromPurlType(purl.type);
    if (advisory.ecosystem && ecosystem !== 'generic' && ecosystem !== advisory.ecosystem) return false;
    const eco = advisory.ecosystem ?? ecosystem;
    const names = [purl.name];
    if (purl.namespace) {
      names.push(`${purl.namespace}/${purl.name}`);
      if (eco === 'maven') names.push(`${purl.namespace}:${purl.name}`);
    }
    if (!names.some((n) => normalizeName(n, eco) === normalizeName(advisory.package, eco))) return false;
    return purl.version === undefined || advisory.version === undefined || purl.version === advisory.version;
  }
  const eco = advisory.ecosystem ?? 'generic';
  return normalizeName(p, eco) === normalizeName(advisory.package, eco);
}

/** Whether a statement is about an advisory (see the module comment). */
export function statementMatches(s: VexStatement, advisory: VexAdvisory): boolean {
  const ids = [advisory.id, ...advisory.aliases];
  if (![s.vulnerability, ...s.aliases].some((v) => ids.some((id) => same(v, id)))) return false;
  return s.products.length === 0 || s.products.some((p) => productMatches(p, advisory));
}

/** The latest-dated statement (undated ones lose; ties keep the first). */
function latest(list: readonly VexStatement[]): VexStatement | undefined {
  let best: VexStatement | undefined;
  for (const s of list) {
    if (!best) best = s;
    else {
      const t = time(s.timestamp);
      const b = time(best.timestamp);
      if (!Number.isNaN(t) && (Number.isNaN(b) || t > b)) best = s;
    }
  }
  return best;
}

/** The statement that applies among those about one advisory (module comment, Precedence). */
export function applicableStatement(candidates: readonly VexStatement[]): VexStatement | undefined {
  const soup = latest(candidates.filter((s) => s.source === 'soup'));
  const files = latest(candidates.filter((s) => s.source !== 'soup'));
  if (!soup || !files) return soup ?? files;
  const ts = time(soup.timestamp);
  const tf = time(files.timestamp);
  return !Number.isNaN(ts) && !Number.isNaN(tf) && tf > ts ? files : soup;
}

/**
 * `critical`, `high`, `medium` (also `moderate`), `low`, else `default`; a CVSS base score
 * (`9.8`) by the CVSS v3 bands (9.0 critical, 7.0 high, 4.0 medium, 0.1 low).
 */
export function severityKey(severity: string | undefined): string {
  const s = (severity ?? '').trim().toLowerCase();
  if (s === 'moderate') return 'medium';
  if (/^\d{1,2}(?:\.\d)?$/.test(s)) {
    const score = Number(s);
    if (score > 10) return 'default';
    return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : score > 0 ? 'low' : 'default';
  }
  return ['critical', 'high', 'medium', 'low'].includes(s) ? s : 'default';
}

/** Days since a timestamp, whole and rounded down. */
const daysSince = (t: number, now: Date) => Math.floor((now.getTime() - t) / DAY);

/**
 * Decides every advisory and reports: `vex-justification-missing` for each VEX-file
 * statement `not_affected` without justification or impact statement (for a SOUP
 * disposition the SOUP check already reports a missing justification as `malformed-item`);
 * `vex-stale` when the advisory's `modified` is later than the applying statement's
 * timestamp; `under-investigation-overdue` when the applying statement is under_investigation
 * and dated more than `underInvestigationDays[severity]` (else `default`) days before `now`
 * (a value ≤ 0 turns it off; an undated one is never overdue: its age is unknown).
 */
export function checkVex<A extends VexAdvisory>(input: VexCheckInput<A>): VexCheckResult<A> {
  const findings: Finding[] = [];
  for (const s of input.statements) {
    if (s.source === 'soup') continue;
    if (s.status === 'not_affected' && !s.justification && !s.impactStatement?.trim())
      findings.push(
        finding(
          'vex-justification-missing',
          s,
          `${s.vulnerability} is not_affected without a justification or an impact statement: say why the product is not affected`,
        ),
      );
    const placeholder = placeholderIn(s.impactStatement, s.actionStatement, s.statusNotes);
    if (placeholder)
      findings.push(
        finding(
          'vex-justification-missing',
          s,
          `${s.vulnerability}: '${placeholder}' is still the quick fix's placeholder; write the reason or the action there`,
        ),
      );
  }
  const decisions: VexDecision<A>[] = [];
  const reported = new Set<VexStatement>();
  for (const advisory of input.advisories) {
    const candidates = input.statements.filter((s) => statementMatches(s, advisory));
    const statement = applicableStatement(candidates);
    decisions.push({
      advisory,
      ...(statement && { statement }),
      overridden: candidates.filter((s) => s !== statement),
    });
    if (!statement || reported.has(statement)) continue;
    const decided = time(statement.timestamp);
    const modified = time(advisory.modified);
    const label = advisory.id === statement.vulnerability ? advisory.id : `${statement.vulnerability} (${advisory.id})`;
    if (!Number.isNaN(decided) && !Number.isNaN(modified) && modified > decided) {
      reported.add(statement);
      findings.push(
        finding(
          'vex-stale',
          statement,
          `${label} was modified on ${advisory.modified} after the decision '${statement.status}' of ${statement.timestamp}: review it and record it again`,
        ),
      );
    }
    if (statement.status === 'under_investigation' && !Number.isNaN(decided)) {
      const key = severityKey(advisory.severity);
      const limit = input.config.underInvestigationDays[key] ?? input.config.underInvestigationDays.default;
      const age = daysSince(decided, input.now);
      if (typeof limit === 'number' && limit > 0 && age > limit) {
        reported.add(statement);
        findings.push(
          finding(
            'under-investigation-overdue',
            statement,
            `${label} has been under investigation for ${age} days (since ${statement.timestamp}); vulnerabilities.underInvestigationDays allows ${limit} for ${key === 'default' ? 'its severity' : key}: decide it`,
          ),
        );
      }
    }
  }
  return { decisions, findings };
}

/**
 * `advisory-data-stale` when the newest advisory data (`newestAdvisoryTime`, ISO 8601: the
 * time an advisory file records, else its newest record's) is older than
 * `maxAdvisoryAgeDays` (0: never). Located at `at` (the newest advisory file); undefined
 * when fresh or when the time is unknown.
 */
export function advisoryDataStale(
  newestAdvisoryTime: string | undefined,
  config: VulnerabilitiesConfig,
  now: Date,
  at: { file: string; range: Range },
): Finding | undefined {
  const t = time(newestAdvisoryTime);
  if (config.maxAdvisoryAgeDays <= 0 || Number.isNaN(t)) return undefined;
  const age = daysSince(t, now);
  if (age <= config.maxAdvisoryAgeDays) return undefined;
  return {
    code: 'advisory-data-stale',
    severity: TRACE_SEVERITY['advisory-data-stale'],
    file: at.file,
    ...at.range,
    message: `the newest advisory data is from ${newestAdvisoryTime} (${age} days ago; vulnerabilities.maxAdvisoryAgeDays is ${config.maxAdvisoryAgeDays}): regenerate the advisory files`,
  };
}

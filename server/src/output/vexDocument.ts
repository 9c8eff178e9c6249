/**
 * One VEX document for the product: OpenVEX 0.2.0 or CycloneDX 1.6 (docs/vulnerabilities.md,
 * `seclife vex`). Deterministic: statements sorted, the document's ID derived from a hash of
 * its content, its time the newest decision's (never the clock), so the same workspace gives
 * the same bytes.
 */
import { createHash } from 'node:crypto';
import { VulnerabilitiesConfig } from '../core/config';
import { parsePurl } from '../core/soup/cyclonedx';
import { checkVex, VexAdvisory } from '../core/soup/vexCheck';
import { VexJustification, VexStatement, VexStatus } from '../core/soup/vexStatement';

/** One advisory about the packages in use, with the decision that applies (vexCheck.ts). */
export interface VexEntry {
  /** The advisory's ID and its aliases. */
  vulnerability: string;
  aliases: string[];
  /** The packages in use it affects: package URLs (or names when a package has none). */
  products: string[];
  /** The decision; absent: none recorded (written as under_investigation, saying so). */
  statement?: VexStatement;
}

export type VexFormat = 'openvex' | 'cyclonedx';

export interface VexDocumentOptions {
  format: VexFormat;
  /** The document's author (OpenVEX `author`, CycloneDX `metadata.authors`). */
  author: string;
  /** The product the document is about (CycloneDX `metadata.component`). */
  product: string;
  tool: { name: string; version: string };
  /** When no decision is dated: the document's time (e.g. from SOURCE_DATE_EPOCH). */
  fallbackTimestamp?: string;
}

/** Said for an advisory without a decision. */
export const NO_DECISION = 'no decision recorded yet';

/** OpenVEX justification → CycloneDX `analysis.justification` (the inverse of vexCyclonedx.ts, where it is lossy). */
export const OPENVEX_JUSTIFICATION_TO_CDX: Readonly<Record<VexJustification, string>> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

/** OpenVEX status → CycloneDX `analysis.state`. */
export const OPENVEX_STATUS_TO_CDX: Readonly<Record<VexStatus, string>> = {
  not_affected: 'not_affected',
  affected: 'exploitable',
  fixed: 'resolved',
  under_investigation: 'in_triage',
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const uniqueSorted = (list: Iterable<string>) => [...new Set(list)].sort(byText);

/** A normalized, comparable time, or undefined. */
function isoTime(t: string | undefined): string | undefined {
  if (t === undefined) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The decision of an entry as one statement, merged with the others of the same vulnerability and decision. */
interface Grouped {
  vulnerability: string;
  aliases: string[];
  products: string[];
  status: VexStatus;
  justification?: VexJustification;
  impact?: string;
  action?: string;
  notes?: string;
  timestamp?: string;
}

function group(entries: readonly VexEntry[]): Grouped[] {
  const groups = new Map<string, Grouped>();
  for (const e of entries) {
    const s = e.statement;
    const g: Grouped = {
      vulnerability: e.vulnerability,
      aliases: [],
      products: [],
      status: s?.status ?? 'under_investigation',
      ...(s?.justification && { justification: s.justification }),
      ...(s?.impactStatement && { impact: s.impactStatement }),
      ...(s?.actionStatement && { action: s.actionStatement }),
      ...(s ? s.statusNotes && { notes: s.statusNotes } : { notes: NO_DECISION }),
      ...(isoTime(s?.timestamp) && { timestamp: isoTime(s?.timestamp) }),
    };
    const key = JSON.stringify([g.vulnerability, g.status, g.justification, g.impact, g.action, g.notes, g.timestamp]);
    const into = groups.get(key) ?? g;
    groups.set(key, into);
    into.aliases = uniqueSorted([...into.aliases, ...e.aliases, ...(s?.aliases ?? [])]).filter(
      (a) => a.toUpperCase() !== e.vulnerability.toUpperCase(),
    );
    into.products = uniqueSorted([...into.products, ...e.products]);
  }
  return [...groups.values()].sort(
    (a, b) =>
      byText(a.vulnerability, b.vulnerability) ||
      byText(a.products.join('\n'), b.products.join('\n')) ||
      byText(a.status, b.status),
  );
}

/** The newest decision's time, else the fallback, else the Unix epoch. */
function documentTime(groups: readonly Grouped[], fallback: string | undefined): string {
  const times = groups.map((g) => g.timestamp).filter((t): t is string => t !== undefined);
  return times.sort(byText).at(-1) ?? isoTime(fallback) ?? '1970-01-01T00:00:00Z';
}

/** A UUID-shaped ID from the SHA-256 of `content` (version nibble 5 and RFC 4122 variant, like a name-based UUID). */
export function contentUuid(content: string): string {
  const h = createHash('sha256').update(content).digest('hex');
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A product as an IRI: its package URL, or `pkg:generic/NAME` for a package without one (OpenVEX `@id` is an IRI). */
function productIri(product: string): string {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(product) ? product : `pkg:generic/${encodeURIComponent(product)}`;
}

function openVexStatement(g: Grouped): Record<string, unknown> {
  const out: Record<string, unknown> = {
    vulnerability: { name: g.vulnerability, ...(g.aliases.length > 0 && { aliases: g.aliases }) },
    ...(g.timestamp && { timestamp: g.timestamp }),
    products: g.products.map((p) => ({ '@id': productIri(p) })),
    status: g.status,
  };
  const notes: string[] = [];
  if (g.status === 'not_affected') {
    // The schema takes a justification or an impact statement, not both: a labelled
    // decision keeps its text in status_notes.
    if (g.justification) {
      out.justification = g.justification;
      if (g.impact) notes.push(g.impact);
    } else out.impact_statement = g.impact ?? 'no justification recorded';
  } else if (g.impact) notes.push(g.impact);
  if (g.status === 'affected') out.action_statement = g.action ?? 'no action statement recorded';
  else if (g.action) notes.push(g.action);
  if (g.notes) notes.push(g.notes);
  if (notes.length > 0) out.status_notes = notes.join(' ');
  return out;
}

function buildOpenVex(groups: readonly Grouped[], o: VexDocumentOptions): Record<string, unknown> {
  const statements = groups.map(openVexStatement);
  const body = {
    author: o.author,
    timestamp: documentTime(groups, o.fallbackTimestamp),
    version: 1,
    tooling: `${o.tool.name} ${o.tool.version}`,
    statements,
  };
  return {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': `urn:uuid:${contentUuid(JSON.stringify([o.product, body]))}`,
    ...body,
  };
}

/** A CycloneDX component for a package URL (or a name). */
function component(product: string): Record<string, unknown> {
  const purl = product.startsWith('pkg:') ? parsePurl(product) : undefined;
  if (!purl) return { type: 'library', 'bom-ref': product, name: product };
  return {
    type: 'library',
    'bom-ref': product,
    ...(purl.namespace && { group: purl.namespace }),
    name: purl.name,
    ...(purl.version && { version: purl.version }),
    purl: product,
  };
}

/** Where an advisory ID comes from, for `references[].source`. */
function idSource(id: string): Record<string, string> {
  const prefix = id.slice(0, id.indexOf('-')).toUpperCase();
  const names: Record<string, string> = { CVE: 'NVD', GHSA: 'GitHub', PYSEC: 'PyPA', RUSTSEC: 'RustSec', GO: 'Go' };
  return { name: names[prefix] ?? (prefix || id) };
}

function cdxVulnerability(g: Grouped): Record<string, unknown> {
  const detail = [g.impact, g.action, g.notes].filter(Boolean).join(' ');
  const accepted = g.status === 'affected' && /^risk accepted\b/i.test(g.action ?? '');
  const analysis: Record<string, unknown> = {
    state: OPENVEX_STATUS_TO_CDX[g.status],
    ...(g.justification && { justification: OPENVEX_JUSTIFICATION_TO_CDX[g.justification] }),
    ...(accepted && { response: ['will_not_fix'] }),
    ...(detail && { detail }),
    ...(g.timestamp && { lastUpdated: g.timestamp }),
  };
  return {
    id: g.vulnerability,
    source: idSource(g.vulnerability),
    ...(g.aliases.length > 0 && { references: g.aliases.map((id) => ({ id, source: idSource(id) })) }),
    analysis,
    affects: g.products.map((ref) => ({ ref })),
  };
}

function buildCycloneDx(groups: readonly Grouped[], o: VexDocumentOptions): Record<string, unknown> {
  const products = uniqueSorted(groups.flatMap((g) => g.products));
  const body = {
    metadata: {
      timestamp: documentTime(groups, o.fallbackTimestamp),
      tools: { components: [{ type: 'application', name: o.tool.name, version: o.tool.version }] },
      authors: [{ name: o.author }],
      component: { type: 'application', 'bom-ref': `product:${o.product}`, name: o.product },
    },
    components: products.map(component),
    vulnerabilities: groups.map(cdxVulnerability),
  };
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${contentUuid(JSON.stringify(body))}`,
    version: 1,
    ...body,
  };
}

/**
 * One entry as the statement a document of `format` holds: an OpenVEX `statements[]` element
 * or a CycloneDX `vulnerabilities[]` element (the "Record VEX" quick fixes append it to a VEX
 * file of the workspace).
 */
export function vexStatementObject(format: VexFormat, entry: VexEntry): Record<string, unknown> {
  const [g] = group([entry]);
  return format === 'openvex' ? openVexStatement(g) : cdxVulnerability(g);
}

/** The document as an object (see the module comment). */
export function buildVexDocument(entries: readonly VexEntry[], o: VexDocumentOptions): Record<string, unknown> {
  const groups = group(entries.filter((e) => e.products.length > 0));
  return o.format === 'openvex' ? buildOpenVex(groups, o) : buildCycloneDx(groups, o);
}

/** The document as text: two-space JSON and a final newline. */
export function serializeVexDocument(entries: readonly VexEntry[], o: VexDocumentOptions): string {
  return `${JSON.stringify(buildVexDocument(entries, o), null, 2)}\n`;
}

/** An advisory affecting a package in use (the SOUP check's hits): the package, its version and purl, the item answering for it. */
export interface VexHit {
  advisory: Pick<VexAdvisory, 'id' | 'aliases' | 'modified' | 'severity'>;
  name: string;
  version?: string;
  ecosystem: NonNullable<VexAdvisory['ecosystem']>;
  purl?: string;
  itemId?: string;
}

/**
 * The entry of each hit: the decision that applies to it among its SOUP item's dispositions
 * (`itemStatements`, vexFromDispositions.ts) and the VEX files' statements (vexCheck.ts,
 * precedence). One entry per advisory and package.
 */
export function vexEntries(
  hits: readonly VexHit[],
  itemStatements: (itemId: string) => readonly VexStatement[],
  fileStatements: readonly VexStatement[],
  config: VulnerabilitiesConfig,
  now: Date,
): VexEntry[] {
  const seen = new Set<string>();
  const out: VexEntry[] = [];
  for (const hit of hits) {
    const product = hit.purl ?? hit.name;
    const key = `${hit.advisory.id.toUpperCase()}\u0000${product}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const advisory: VexAdvisory = {
      ...hit.advisory,
      package: hit.name,
      ecosystem: hit.ecosystem,
      ...(hit.version !== undefined && { version: hit.version }),
    };
    const statements = [...(hit.itemId ? itemStatements(hit.itemId) : []), ...fileStatements];
    const [decision] = checkVex({ advisories: [advisory], statements, config, now }).decisions;
    out.push({
      vulnerability: hit.advisory.id,
      aliases: [...hit.advisory.aliases],
      products: [product],
      ...(decision?.statement && { statement: decision.statement }),
    });
  }
  return out;
}

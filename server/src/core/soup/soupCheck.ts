import { Finding, Range } from '../findings';
import { ItemDef } from '../model';
import { Advisory } from './advisory';
import { affects } from './advisories';
import { Dependency, ManifestIndex } from './dependency';
import { parseDispositions } from './dispositions';
import { versionCovers } from './versionMatch';

/** What the SOUP check knows about one SOUP item after matching. */
export interface SoupMatch {
  item: ItemDef;
  dependencies: Dependency[];
}

export interface SoupResult {
  findings: Finding[];
  /** SOUP item ID → the manifest dependencies it covers. */
  matches: Map<string, Dependency[]>;
  /** Dependency (file + name) → the SOUP item ID that covers it. */
  byDependency: Map<string, string>;
  /** Whether any manifest was found (without one, SOUP items are not checked against dependencies). */
  hasManifests: boolean;
}

export interface SoupInput {
  items: ItemDef[];
  manifests: ManifestIndex[];
  advisories: Advisory[];
  includeDev: boolean;
}

const attr = (item: ItemDef, name: string) => item.attributes.find((a) => a.name === name);
const norm = (s: string) => s.trim().toLowerCase();
const pep503 = (s: string) => s.trim().toLowerCase().replace(/[-_.]+/g, '-');

export function dependencyKey(d: Dependency): string {
  return `${d.file}\u0000${d.name}`;
}

/** Names a SOUP item claims: its `Package` attribute (comma-separated), its `purl`, else its title. */
function claimedNames(item: ItemDef): { names: Set<string>; purls: Set<string> } {
  const names = new Set<string>();
  const purls = new Set<string>();
  for (const a of item.attributes) {
    if (a.name === 'package' || a.name === 'packages') for (const n of a.value.split(/[,\s]+/)) if (n) names.add(norm(n.replace(/`/g, '')));
    if (a.name === 'purl') for (const p of a.value.split(/[,\s]+/)) if (p) purls.add(p.replace(/`/g, '').replace(/@[^@/]*$/, '').toLowerCase());
  }
  if (names.size === 0 && purls.size === 0 && item.title) names.add(norm(item.title));
  return { names, purls };
}

function nameMatches(item: { names: Set<string>; purls: Set<string> }, d: Dependency): boolean {
  if (item.names.has(norm(d.name)) || (d.ecosystem === 'pypi' && [...item.names].some((n) => pep503(n) === pep503(d.name)))) return true;
  return !!d.purl && item.purls.has(d.purl.replace(/@[^@/]*$/, '').toLowerCase());
}

function finding(code: string, file: string, range: Range, message: string, itemId?: string): Finding {
  return { code, severity: 'warning', file, ...range, message, ...(itemId ? { itemId } : {}) };
}

/**
 * Checks the repository's dependencies against the SOUP items (IEC 81001-5-1 §4.1.5):
 * every direct dependency has an item, versions agree, no item is stale, required items
 * have a compensating requirement, and known vulnerabilities have a disposition.
 */
export function checkSoup(input: SoupInput): SoupResult {
  const findings: Finding[] = [];
  const matches = new Map<string, Dependency[]>();
  const byDependency = new Map<string, string>();
  const claims = input.items.map((item) => ({ item, claim: claimedNames(item) }));
  const deps = input.manifests.flatMap((m) => m.dependencies).filter((d) => d.direct && (input.includeDev || !d.dev) && d.source !== 'workspace');
  const hasManifests = input.manifests.length > 0;

  for (const d of deps) {
    const owner = claims.find((c) => nameMatches(c.claim, d));
    if (!owner) {
      findings.push(finding('soup-missing', d.file, d.range,
        `${d.alias ? `${d.alias} (${d.name})` : d.name}${d.version ? ` ${d.version}` : ''} has no SOUP item: add a row with its version, supplier and class (IEC 81001-5-1 §4.1.5)`));
      continue;
    }
    byDependency.set(dependencyKey(d), owner.item.id);
    const list = matches.get(owner.item.id) ?? [];
    list.push(d);
    matches.set(owner.item.id, list);
  }

  for (const { item } of claims) {
    const matched = matches.get(item.id) ?? [];
    if (hasManifests && matched.length === 0) {
      findings.push(finding('soup-stale', item.file, item.idRange,
        `${item.id} names no dependency of this repository (checked ${input.manifests.map((m) => m.file).join(', ')}): remove it or fix its Package`, item.id));
    }
    const version = attr(item, 'version');
    if (version?.value.trim()) {
      for (const d of matched) {
        if (d.version && !versionCovers(version.value.trim(), d.version, d.ecosystem)) {
          findings.push(finding('soup-version-mismatch', item.file, version.valueRange,
            `${item.id}: Version ${version.value.trim()} does not cover ${d.name} ${d.version} resolved from ${d.file}`, item.id));
          break;
        }
      }
    }
    const cls = attr(item, 'class')?.value.trim().toLowerCase();
    if (cls === 'required' && !attr(item, 'requires')?.value.trim()) {
      findings.push({ ...finding('malformed-item', item.file, item.idRange,
        `${item.id} is class 'required' but has no Requires link to the security requirement that compensates for it`, item.id), severity: 'error' });
    }
    const dispositionAttr = attr(item, 'vulnerabilities');
    const dispositions = dispositionAttr ? parseDispositions(dispositionAttr.value).dispositions : [];
    const seen = new Set<string>();
    for (const adv of input.advisories) {
      if (seen.has(adv.id)) continue;
      const hit = matched.find((d) => d.version && affects(adv, d.name, d.version));
      if (!hit) continue;
      seen.add(adv.id);
      const ids = new Set([adv.id, ...adv.aliases].map((x) => x.toUpperCase()));
      if (dispositions.some((x) => ids.has(x.id.toUpperCase()))) continue;
      findings.push({ ...finding('vulnerability-undispositioned', item.file, item.idRange,
        `${item.id}: ${adv.id}${adv.summary ? ` (${adv.summary})` : ''} affects ${hit.name} ${hit.version} and has no disposition: add 'Vulnerabilities: ${adv.id} not-affected -- <reason>' (or fixed/mitigated/accepted)`, item.id), severity: 'error' });
    }
  }
  return { findings, matches, byDependency, hasManifests };
}

import { errorReason, quoted } from './manifestCommon';
import { Finding, Range, TraceCode } from '../findings';
import { ItemDef } from '../model';
import { Advisory } from './advisory';
import { affects } from './advisories';
import { parsePurl, purlPackageName } from './cyclonedx';
import { Dependency, Ecosystem, ManifestIndex } from './dependency';
import { parseDispositions } from './dispositions';
import { formatOf } from './manifestFormats';
import { exactVersion, isValidVersionSpec, versionCovers } from './versionMatch';

export interface SoupResult {
  findings: Finding[];
  /** SOUP item ID → the manifest dependencies it covers. */
  matches: Map<string, Dependency[]>;
  /** Dependency (file + name) → the SOUP item ID that covers it. */
  byDependency: Map<string, string>;
  /**
   * SOUP item IDs that name a dependency that exists: a matched one, or a package only a
   * lockfile or SBOM knows (a transitive dependency). Covered items (the `in-manifest` need).
   */
  present: Set<string>;
  /** Whether any manifest was found (without one, SOUP items are not checked against dependencies). */
  hasManifests: boolean;
}

export interface SoupInput {
  items: ItemDef[];
  manifests: ManifestIndex[];
  advisories: Advisory[];
  includeDev: boolean;
  /**
   * Packages known to be installed although no selected manifest declares them directly
   * (the `resolved` maps of lockfiles and SBOMs), by ecosystem: a SOUP item naming one is not stale.
   */
  installed?: Array<{ ecosystem: Ecosystem; name: string }>;
  /** Manifests that could not be read completely (syntax errors): soup-stale is not reported while one exists. */
  partial?: string[];
}

const attr = (item: ItemDef, name: string) => item.attributes.find((a) => a.name === name);
const norm = (s: string) => s.trim().toLowerCase();
const pep503 = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
const unquote = (s: string) => s.replace(/`/g, '').trim();

export function dependencyKey(d: Dependency): string {
  return `${d.file}\u0000${d.name}`;
}

/** Whether a dependency needs a SOUP item of its own (a direct, non-workspace one; dev ones only when configured). */
export function needsSoupItem(d: Dependency, includeDev: boolean): boolean {
  return d.direct && (includeDev || !d.dev) && d.source !== 'workspace';
}

/** `type/name` of a package URL for comparison (version, qualifiers and subpath dropped; npm scope kept, PyPI names PEP 503). */
function purlKey(purl: string): string | undefined {
  const p = parsePurl(unquote(purl));
  return p ? `${p.type}/${norm(purlPackageName(p))}` : undefined;
}

/** `type/name` a dependency would have as a package URL. */
function dependencyPurlKey(d: Dependency): string | undefined {
  if (d.purl) return purlKey(d.purl);
  if (d.ecosystem === 'generic') return undefined;
  return `${d.ecosystem}/${d.ecosystem === 'pypi' ? pep503(d.name) : norm(d.name)}`;
}

interface Claim {
  names: Set<string>;
  purls: Set<string>;
}

/** Names a SOUP item claims: its `Package` attribute (comma/space-separated), its `purl`, else its title. */
export function claimedNames(item: ItemDef): Claim {
  const names = new Set<string>();
  const purls = new Set<string>();
  for (const a of item.attributes) {
    if (a.name === 'package' || a.name === 'packages')
      for (const n of a.value.split(/[,\s]+/)) if (unquote(n)) names.add(norm(unquote(n)));
    if (a.name === 'purl') {
      for (const p of a.value.split(/[,\s]+/)) {
        const key = p ? purlKey(p) : undefined;
        if (key) purls.add(key);
      }
    }
  }
  if (names.size === 0 && purls.size === 0 && item.title) names.add(norm(unquote(item.title)));
  return { names, purls };
}

function nameMatches(claim: Claim, name: string, ecosystem: Ecosystem): boolean {
  if (claim.names.has(norm(name))) return true;
  return ecosystem === 'pypi' && [...claim.names].some((n) => pep503(n) === pep503(name));
}

/** Whether a SOUP item's claim covers a dependency (by `Package`/title name, or by package URL). */
export function claimMatches(claim: Claim, d: Dependency): boolean {
  if (nameMatches(claim, d.name, d.ecosystem)) return true;
  if (claim.purls.size === 0) return false;
  const key = dependencyPurlKey(d);
  return !!key && claim.purls.has(key);
}

const NO_RANGE: Range = { line: 1, column: 1, endLine: 1, endColumn: 2 };

function finding(code: TraceCode, file: string, range: Range, message: string, itemId?: string): Finding {
  return { code, severity: 'warning', file, ...range, message, ...(itemId ? { itemId } : {}) };
}

/**
 * Checks one entry (a dependency, a SOUP item): an exception loses only that entry and
 * becomes a `config-error` at it (issue 11, D15; docs/findings.md), not the whole SOUP check.
 */
function checkEntry(
  findings: Finding[],
  file: string,
  range: Range,
  what: () => string,
  check: () => void,
  itemId?: string,
): void {
  try {
    check();
  } catch (e) {
    let label = 'an entry';
    try {
      label = what();
    } catch {
      // keep the generic label
    }
    findings.push({
      ...finding('config-error', file, range, `${label} skipped by the SOUP check: ${errorReason(e)}`, itemId),
      severity: 'error',
    });
  }
}

/**
 * Every name of each advisory, upper-cased: its ID, its aliases, and the names of the other
 * records that share one (npm audit gives GHSA IDs only, OSV records add the CVE aliases).
 */
function advisoryGroups(advisories: Advisory[]): (adv: Advisory) => Set<string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const adv of advisories) {
    const ids = [adv.id, ...adv.aliases].map((x) => x.toUpperCase());
    for (const id of ids) if (!parent.has(id)) parent.set(id, id);
    for (const id of ids.slice(1)) {
      const a = find(ids[0]);
      const b = find(id);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, Set<string>>();
  for (const id of parent.keys()) {
    const root = find(id);
    (groups.get(root) ?? groups.set(root, new Set()).get(root)!).add(id);
  }
  return (adv) => groups.get(find(adv.id.toUpperCase())) ?? new Set([adv.id.toUpperCase()]);
}

function listFiles(files: string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
}

/**
 * Checks the repository's dependencies against the SOUP items (IEC 81001-5-1 §4.1.5):
 * every direct dependency has an item, versions agree, no item is stale, required items
 * have a compensating requirement, and known vulnerabilities have a disposition.
 *
 * Matching considers every dependency the manifests list (dev ones, SBOM components that
 * are not direct); `soup-missing` only those that need an item ({@link needsSoupItem}).
 * A dependency an SBOM lists and a source manifest (package.json, requirements.txt, …)
 * declares too is reported once, in the source manifest.
 */
export function checkSoup(input: SoupInput): SoupResult {
  const findings: Finding[] = [];
  const matches = new Map<string, Dependency[]>();
  const byDependency = new Map<string, string>();
  const present = new Set<string>();
  const claims: Array<{ item: ItemDef; claim: Claim }> = [];
  for (const item of input.items) {
    checkEntry(
      findings,
      item.file,
      item.idRange,
      () => item.id,
      () => claims.push({ item, claim: claimedNames(item) }),
      item.id,
    );
  }
  const hasManifests = input.manifests.length > 0;
  const isSbom = (m: ManifestIndex) => formatOf(m).role === 'sbom';
  const declaredBySource = new Set<string>();
  for (const m of input.manifests) {
    if (isSbom(m)) continue;
    for (const d of m.dependencies) {
      try {
        if (d.direct) declaredBySource.add(`${d.ecosystem}\u0000${norm(d.name)}`);
      } catch {
        // reported by the dependency's own check below
      }
    }
  }

  // Source manifests first: they are where a dependency is declared (and fixed).
  const ordered = [...input.manifests.filter((m) => !isSbom(m)), ...input.manifests.filter(isSbom)];
  for (const m of ordered) {
    for (const d of m.dependencies) {
      checkEntry(
        findings,
        d.file,
        d.range,
        () => `dependency ${quoted(d.name)}`,
        () => {
          if (d.source === 'workspace') return;
          const owner = claims.find((c) => claimMatches(c.claim, d));
          if (!owner) {
            if (!needsSoupItem(d, input.includeDev)) return;
            if (isSbom(m) && declaredBySource.has(`${d.ecosystem}\u0000${norm(d.name)}`)) return;
            findings.push(
              finding(
                'soup-missing',
                d.file,
                d.range,
                `${d.alias ? `${d.alias} (${d.name})` : d.name}${d.version ? ` ${d.version}` : ''} has no SOUP item: add a row with its version, supplier and class (IEC 81001-5-1 §4.1.5)`,
              ),
            );
            return;
          }
          byDependency.set(dependencyKey(d), owner.item.id);
          const list = matches.get(owner.item.id) ?? [];
          list.push(d);
          matches.set(owner.item.id, list);
          present.add(owner.item.id);
        },
      );
    }
  }

  const aliasGroups = advisoryGroups(input.advisories);
  for (const { item, claim } of claims) {
    checkEntry(
      findings,
      item.file,
      item.idRange,
      () => item.id,
      () => {
        const matched = matches.get(item.id) ?? [];
        if (
          hasManifests &&
          matched.length === 0 &&
          (input.installed ?? []).some((p) =>
            claimMatches(claim, { ...p, direct: false, source: 'registry', file: '', range: NO_RANGE }),
          )
        ) {
          present.add(item.id);
        }
        if (hasManifests && !present.has(item.id) && !input.partial?.length) {
          findings.push(
            finding(
              'soup-stale',
              item.file,
              item.idRange,
              `${item.id} names no dependency of this repository (checked ${listFiles(input.manifests.map((m) => m.file))}): remove it or fix its Package`,
              item.id,
            ),
          );
        }
        const version = attr(item, 'version');
        const versionText = version?.value.trim() ?? '';
        if (version && versionText) {
          // The declared (direct) dependencies decide; an SBOM may list older copies deeper in the tree.
          const checked = matched.some((d) => d.direct) ? matched.filter((d) => d.direct) : matched;
          const bad = checked.find((d) => d.ecosystem !== 'generic' && !isValidVersionSpec(versionText, d.ecosystem));
          if (bad) {
            findings.push({
              ...finding(
                'malformed-item',
                item.file,
                version.valueRange,
                `${item.id}: Version '${versionText}' is not a ${bad.ecosystem} version, range or list of versions`,
                item.id,
              ),
              severity: 'error',
            });
          } else {
            const off = checked.find((d) => d.version && !versionCovers(versionText, d.version, d.ecosystem));
            if (off) {
              findings.push(
                finding(
                  'soup-version-mismatch',
                  item.file,
                  version.valueRange,
                  `${item.id}: Version ${versionText} does not cover ${off.name} ${off.version} resolved from ${off.file}`,
                  item.id,
                ),
              );
            }
          }
        }
        const cls = attr(item, 'class')?.value.trim().toLowerCase();
        if (cls === 'required' && !attr(item, 'requires')?.value.trim()) {
          findings.push({
            ...finding(
              'malformed-item',
              item.file,
              item.idRange,
              `${item.id} is class 'required' but has no Requires link to the security requirement that compensates for it`,
              item.id,
            ),
            severity: 'error',
          });
        }
        const dispositionAttr = attr(item, 'vulnerabilities');

        const parsed = dispositionAttr ? parseDispositions(dispositionAttr.value) : { dispositions: [], problems: [] };
        if (dispositionAttr && parsed.problems.length > 0) {
          findings.push({
            ...finding(
              'malformed-item',
              item.file,
              dispositionAttr.valueRange,
              `${item.id}: Vulnerabilities: ${parsed.problems.map((p) => p.message).join('; ')}`,
              item.id,
            ),
            severity: 'error',
          });
        }
        const seen = new Set<string>();
        for (const adv of input.advisories) {
          const ids = [...aliasGroups(adv)];
          if (ids.some((id) => seen.has(id))) continue;
          let hit: { d: Dependency; version: string } | undefined;
          for (const d of matched) {
            // Without a resolved version, the item's own exact Version is the version in use.
            const v = d.version ?? (versionText ? exactVersion(versionText, d.ecosystem) : undefined);
            if (v && affects(adv, d.name, v, d.ecosystem)) {
              hit = { d, version: v };
              break;
            }
          }
          if (!hit) continue;
          for (const id of ids) seen.add(id);
          if (parsed.dispositions.some((x) => ids.includes(x.id.toUpperCase()))) continue;
          findings.push({
            ...finding(
              'vulnerability-undispositioned',
              item.file,
              item.idRange,
              `${item.id}: ${adv.id}${adv.summary ? ` (${adv.summary})` : ''} affects ${hit.d.name} ${hit.version} and has no disposition: add 'Vulnerabilities: ${adv.id} not-affected -- <reason>' (or fixed/mitigated/accepted)`,
              item.id,
            ),
            severity: 'error',
          });
        }
      },
      item.id,
    );
  }
  return { findings, matches, byDependency, present, hasManifests };
}

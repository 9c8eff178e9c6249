import { errorReason, quoted } from './manifestCommon';
import { Finding, Range, TraceCode } from '../findings';
import { ItemDef } from '../model';
import { Advisory } from './advisory';
import { affects } from './advisories';
import { parsePurl, purlPackageName } from './cyclonedx';
import { Dependency, DependencyGraph, Ecosystem, ManifestIndex, ResolvedPackage } from './dependency';
import { packageLabel } from './dependencyGraph';
import { IndirectPackage, indirectPackages } from './indirectPackages';
import { AdvisoryIndex, ClaimIndex } from './soupIndexes';
import { statementMatches } from './vexCheck';
import { VexStatement } from './vexStatement';
import { Disposition, parseDispositions } from './dispositions';
import { dependencyPurl } from './manifestCommon';
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
  /** SOUP item ID → the indirect packages it answers for (under its dependency, or its own), with their advisories. */
  indirect: Map<string, CheckedPackage[]>;
  /** Indirect packages no SOUP item answers for (their direct dependency has none, or the path is unknown). */
  orphans: CheckedPackage[];
  /** Every advisory affecting a package in use, once per SOUP item (or orphan package), decided or not. */
  hits: AdvisoryHit[];
}

/** An advisory affecting a resolved package (docs/vulnerabilities.md): what the Vulnerabilities view and `seclife vex` list. */
export interface AdvisoryHit {
  advisory: Advisory;
  /** Its ID, aliases and the IDs of records sharing one, upper case. */
  ids: string[];
  /** The package and the version in use. */
  name: string;
  version: string;
  ecosystem: Ecosystem;
  purl?: string;
  /** For an indirect package: where it sits and its path. */
  indirect?: IndirectPackage;
  /** The SOUP item answering for it (absent: an orphan package, reported at its lockfile entry). */
  itemId?: string;
  /** The item's disposition of it, when it has one. */
  disposition?: Disposition;
  /**
   * The decision that applies (docs/vulnerabilities.md, precedence): the item's disposition as
   * a VEX statement, or a VEX file's statement; set after the check by the VEX check.
   */
  statement?: VexStatement;
  /** Where the finding about it is (or would be): the item's ID, else the lockfile entry. */
  file: string;
  range: Range;
}

/** An indirect package as checked: where it sits and the advisories affecting it. */
export interface CheckedPackage extends IndirectPackage {
  advisories: Advisory[];
}

export interface SoupInput {
  items: ItemDef[];
  manifests: ManifestIndex[];
  advisories: Advisory[];
  includeDev: boolean;
  /** Manifests that could not be read completely (syntax errors): soup-stale is not reported while one exists. */
  partial?: string[];
  /** The dependency graphs in use (lockfiles and SBOMs), each with the direct dependencies resolved in it. */
  graphs?: Array<{ file: string; graph: DependencyGraph; roots: Dependency[] }>;
  /** `require`: every indirect package needs a SOUP item of its own (docs/soup.md, The whole dependency graph). */
  transitive?: 'ignore' | 'require';
  /** `prepareAdvisories(advisories)`, kept by the caller while the advisory files do not change. */
  prepared?: PreparedAdvisories;
  /** Statements of the VEX files (docs/vulnerabilities.md): a decision like an item's disposition. */
  vex?: readonly VexStatement[];
}

/** The advisories' lookups: by package name, and each one's alias group. */
export interface PreparedAdvisories {
  aliasGroups: (adv: Advisory) => Set<string>;
  advisoryIndex: AdvisoryIndex;
}

export function prepareAdvisories(advisories: Advisory[]): PreparedAdvisories {
  return { aliasGroups: advisoryGroups(advisories), advisoryIndex: new AdvisoryIndex(advisories) };
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
    for (let up = parent.get(r); up !== undefined && up !== r; up = parent.get(r)) r = up;
    // Path compression: every name on the way points at the root.
    for (let y = x, up = parent.get(y); up !== undefined && up !== r; y = up, up = parent.get(y)) parent.set(y, r);
    return r;
  };
  const upperIds = advisories.map((adv) => [adv.id, ...adv.aliases].map((x) => x.toUpperCase()));
  for (const ids of upperIds) {
    for (const id of ids) if (!parent.has(id)) parent.set(id, id);
    const a = find(ids[0]);
    for (const id of ids.slice(1)) {
      const b = find(id);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, Set<string>>();
  for (const id of parent.keys()) {
    const root = find(id);
    const g = groups.get(root);
    if (g) g.add(id);
    else groups.set(root, new Set([id]));
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
  const claimIndex = new ClaimIndex(
    claims,
    (c) => [...c.claim.names, ...c.claim.purls],
    (c, d) => claimMatches(c.claim, d),
  );
  // Package URLs are parsed only when some item claims one (5,000 lockfile packages per run otherwise).
  const anyPurl = claims.some((c) => c.claim.purls.size > 0);
  const ownerOf = (d: Dependency) => {
    const key = anyPurl ? dependencyPurlKey(d) : undefined;
    return claimIndex.find(d, key ? [d.name, key] : [d.name]);
  };
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
          const owner = ownerOf(d);
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

  const { aliasGroups, advisoryIndex } = input.prepared ?? prepareAdvisories(input.advisories);
  const { indirect, orphans, installedOwners } = placeIndirect(input, ownerOf, matches, findings);
  const hits: AdvisoryHit[] = [];
  for (const { item } of claims) {
    checkEntry(
      findings,
      item.file,
      item.idRange,
      () => item.id,
      () => {
        const matched = matches.get(item.id) ?? [];
        if (hasManifests && matched.length === 0 && installedOwners.has(item.id)) present.add(item.id);
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
        // Direct dependencies first, then the indirect packages the item answers for.
        const targets: Target[] = matched.map((d) => ({
          name: d.name,
          ecosystem: d.ecosystem,
          purl: dependencyPurl(d),
          // Without a resolved version, the item's own exact Version is the version in use.
          version: d.version ?? (versionText ? exactVersion(versionText, d.ecosystem) : undefined),
        }));
        for (const p of indirect.get(item.id) ?? [])
          targets.push({
            name: p.pkg.name,
            ecosystem: p.pkg.ecosystem,
            version: p.pkg.version,
            purl: p.pkg.purl,
            via: p,
          });
        const seen = new Set<string>();
        for (const adv of advisoryIndex.candidates(targets.map((t) => t.name))) {
          const ids = [...aliasGroups(adv)];
          if (ids.some((id) => seen.has(id))) continue;
          const hit = targets.find((t) => t.version && affects(adv, t.name, t.version, t.ecosystem));
          if (!hit) continue;
          for (const id of ids) seen.add(id);
          if (hit.via) hit.via.advisories.push(adv);
          const disposition = parsed.dispositions.find((x) => ids.includes(x.id.toUpperCase()));
          const decidedByVex = !disposition && vexDecides(input.vex, ids, hit);
          hits.push({
            advisory: adv,
            ids,
            name: hit.name,
            version: hit.version!,
            ecosystem: hit.ecosystem,
            ...(hit.purl ? { purl: hit.purl } : {}),
            ...(hit.via ? { indirect: hit.via } : {}),
            itemId: item.id,
            ...(disposition ? { disposition } : {}),
            file: item.file,
            range: item.idRange,
          });
          if (disposition || decidedByVex) continue;
          findings.push({
            ...finding(
              'vulnerability-undispositioned',
              item.file,
              item.idRange,
              `${item.id}: ${adv.id}${adv.summary ? ` (${adv.summary})` : ''} affects ${hit.name} ${hit.version}${hit.via ? ` (${indirectLabel(hit.via)})` : ''} and has no disposition: add 'Vulnerabilities: ${adv.id} not-affected -- <reason>' (or fixed/mitigated/accepted)`,
              item.id,
            ),
            severity: 'error',
          });
        }
      },
      item.id,
    );
  }
  checkOrphans(orphans, advisoryIndex, aliasGroups, findings, hits, input.vex);
  return { findings, matches, byDependency, present, hasManifests, indirect, orphans, hits };
}

/** Whether a VEX file's statement is about the advisory (any of `ids`) for this package. */
function vexDecides(
  vex: readonly VexStatement[] | undefined,
  ids: readonly string[],
  p: { name: string; version?: string; ecosystem: Ecosystem },
): boolean {
  if (!vex || vex.length === 0) return false;
  const advisory = { id: ids[0], aliases: ids.slice(1), package: p.name, version: p.version, ecosystem: p.ecosystem };
  return vex.some((s) => statementMatches(s, advisory));
}

/** A package an item's advisories are checked against (`via`: an indirect one). */
interface Target {
  name: string;
  ecosystem: Ecosystem;
  version?: string;
  purl?: string;
  via?: CheckedPackage;
}

/** `an indirect dependency via express@4.21.2 > body-parser@1.20.3` (or why the path is unknown). */
export function indirectLabel(p: IndirectPackage): string {
  if (p.via.length > 0) return `an indirect dependency via ${p.via.map(packageLabel).join(' > ')}`;
  return `an indirect dependency in ${p.file}, which records no dependency edges`;
}

/** A graph package as a dependency (to match SOUP items against it). */
function asDependency(file: string, p: ResolvedPackage): Dependency {
  return {
    name: p.name,
    ecosystem: p.ecosystem,
    ...(p.version !== undefined ? { version: p.version } : {}),
    ...(p.purl ? { purl: p.purl } : {}),
    direct: false,
    source: 'registry',
    file,
    range: p.range,
  };
}

/**
 * Places each indirect package of the graphs in use (docs/soup.md, The whole dependency
 * graph): under its own SOUP item if it has one, else under the item of the direct
 * dependency that brings it in, else among the orphans. Dev-only packages count only with
 * `devDependencies`. With `soup.transitive: "require"`, one without an item of its own is
 * `soup-missing` at its lockfile entry. Also returns the items that claim an installed
 * package (present even when no manifest declares it).
 */
function placeIndirect(
  input: SoupInput,
  ownerOf: (d: Dependency) => { item: ItemDef } | undefined,
  matches: Map<string, Dependency[]>,
  findings: Finding[],
): { indirect: Map<string, CheckedPackage[]>; orphans: CheckedPackage[]; installedOwners: Set<string> } {
  const indirect = new Map<string, CheckedPackage[]>();
  const orphans: CheckedPackage[] = [];
  const installedOwners = new Set<string>();
  const placed = new Set<string>();
  const rootOwner = new Map<Dependency, string>();
  for (const [id, deps] of matches) for (const d of deps) rootOwner.set(d, id);
  for (const { file, graph, roots } of input.graphs ?? []) {
    const owners = new Map<string, string>();
    for (const p of graph.packages) {
      const owner = ownerOf(asDependency(file, p));
      if (!owner) continue;
      installedOwners.add(owner.item.id);
      owners.set(p.key, owner.item.id);
    }
    for (const found of indirectPackages(file, graph, roots)) {
      const { pkg, root } = found;
      if (!input.includeDev && (pkg.dev || root?.dev)) continue;
      const checked: CheckedPackage = { ...found, advisories: [] };
      const own = owners.get(pkg.key);
      const under = own ?? (root ? rootOwner.get(root) : undefined);
      // One place per item and package version (several lockfiles may resolve the same one).
      const place = `${under ?? file}\u0000${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.version ?? ''}`;
      if (placed.has(place)) continue;
      placed.add(place);
      if (under) (indirect.get(under) ?? indirect.set(under, []).get(under)!).push(checked);
      else orphans.push(checked);
      if (input.transitive === 'require' && !own) {
        checkEntry(
          findings,
          file,
          pkg.range,
          () => `package ${quoted(pkg.name)}`,
          () =>
            findings.push(
              finding(
                'soup-missing',
                file,
                pkg.range,
                `${pkg.name}${pkg.version ? ` ${pkg.version}` : ''} (${indirectLabel(found)}) has no SOUP item: "soup.transitive" is "require", so every resolved package needs one (IEC 81001-5-1 §4.1.5)`,
              ),
            ),
        );
      }
    }
  }
  return { indirect, orphans, installedOwners };
}

/**
 * Advisories affecting an indirect package no SOUP item answers for: reported at the
 * package's entry in its lockfile, since no item can record a disposition for it — never a
 * silent pass. The fix is a SOUP item for its direct dependency (or for the package).
 */
function checkOrphans(
  orphans: CheckedPackage[],
  advisories: AdvisoryIndex,
  aliasGroups: (adv: Advisory) => Set<string>,
  findings: Finding[],
  hits: AdvisoryHit[],
  vex: readonly VexStatement[] | undefined,
): void {
  for (const p of orphans) {
    if (!p.pkg.version) continue;
    const seen = new Set<string>();
    for (const adv of advisories.candidates([p.pkg.name])) {
      const ids = [...aliasGroups(adv)];
      if (ids.some((id) => seen.has(id)) || !affects(adv, p.pkg.name, p.pkg.version, p.pkg.ecosystem)) continue;
      for (const id of ids) seen.add(id);
      p.advisories.push(adv);
      hits.push({
        advisory: adv,
        ids,
        name: p.pkg.name,
        version: p.pkg.version,
        ecosystem: p.pkg.ecosystem,
        ...(p.pkg.purl ? { purl: p.pkg.purl } : {}),
        indirect: p,
        file: p.file,
        range: p.pkg.range,
      });
      if (vexDecides(vex, ids, { name: p.pkg.name, version: p.pkg.version, ecosystem: p.pkg.ecosystem })) continue;
      const parent = p.root ? (p.root.alias ?? p.root.name) : undefined;
      findings.push({
        ...finding(
          'vulnerability-undispositioned',
          p.file,
          p.pkg.range,
          `${adv.id}${adv.summary ? ` (${adv.summary})` : ''} affects ${p.pkg.name} ${p.pkg.version} (${indirectLabel(p)}) and no SOUP item can record a disposition for it: ${parent ? `add a SOUP item for ${parent}` : `add a SOUP item for ${p.pkg.name}`} with 'Vulnerabilities: ${adv.id} …'`,
        ),
        severity: 'error',
      });
    }
  }
}

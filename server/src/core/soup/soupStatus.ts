/**
 * What one SOUP check run concluded, per manifest dependency and per SOUP item: the
 * dependency an item matched, the version resolved for it, whether the item's Version
 * covers it, and the advisories affecting it with the item's dispositions. Built once per
 * run (SoupState.recompute); each answer is computed on first use and kept until the next run.
 * The editor's hovers and quick fixes only format it (service/soupFeatures.ts).
 */
import { SeclifeConfig } from '../config';
import { ItemDef } from '../model';
import { Advisory } from './advisory';
import { affects } from './advisories';
import { Dependency, ManifestIndex } from './dependency';
import { Disposition, parseDispositions } from './dispositions';
import { dependencyPurl, dirOf } from './manifestCommon';
import { formatOf } from './manifestFormats';
import { needsSoupItem, SoupResult } from './soupCheck';
import { exactVersion, versionCovers } from './versionMatch';

/**
 * Why a dependency needs no SOUP item: its manifest is not read by the check, it is a
 * package of this workspace, a transitive dependency, or a devDependency (not configured).
 */
export type NotCheckedReason = 'not-selected' | 'workspace' | 'transitive' | 'dev';

/** A known vulnerability of a covered dependency, or a disposition the item records for none of them. */
export interface SoupVulnerability {
  /** The advisory's ID, or the disposition's for one that names no affecting advisory. */
  id: string;
  /** The advisory affecting the version in use (absent: a disposition only). */
  advisory?: Advisory;
  /** The item's disposition for it (matched by ID or alias). */
  disposition?: Disposition;
}

export interface SoupDependencyStatus {
  /** The dependency asked about, as its manifest lists it. */
  dependency: Dependency;
  /** The dependency as checked (version from the lockfile or SBOM; for a lockfile entry next to a declaration, the declared one). */
  resolved: Dependency;
  /** The SOUP item covering it. */
  item?: ItemDef;
  /** Why no item is needed. */
  notChecked?: NotCheckedReason;
  /** With an item that has a Version and a resolved version: whether the Version covers it. */
  versionCovered?: boolean;
  /** With an item: advisories affecting the version in use (file path order, one per ID), then the item's other dispositions. */
  vulnerabilities: SoupVulnerability[];
  /** The package URL of the resolved dependency, when it has or can be given one. */
  purl?: string;
}

export interface SoupItemStatus {
  item: ItemDef;
  /** The item's `in-manifest` need is met (it names a dependency, or there is no manifest). */
  covered: boolean;
  /** The manifest dependencies it covers, each with its status. */
  dependencies: SoupDependencyStatus[];
}

/** A dependency's place: file, name, alias and the position of its entry. */
function keyOf(d: Dependency): string {
  return `${d.file}\u0000${d.name}\u0000${d.alias ?? '\u0001'}\u0000${d.range.line}:${d.range.column}`;
}

const attr = (item: ItemDef, name: string) => item.attributes.find((a) => a.name === name)?.value.trim() ?? '';
const upper = (s: string) => s.toUpperCase();

export class SoupStatus {
  private readonly owner = new Map<string, string>();
  private readonly selected = new Map<string, ManifestIndex>();
  private readonly byDependency = new Map<string, SoupDependencyStatus>();

  /**
   * `manifests`: those the check read (ManifestSelection, versions resolved); `defs`: the
   * SOUP items checked; `advisories`: every advisory in file path order; `parsed`: every
   * manifest read, by file (selected or not).
   */
  constructor(
    private readonly config: SeclifeConfig,
    private readonly manifests: readonly ManifestIndex[],
    private readonly result: SoupResult,
    private readonly defs: ReadonlyMap<string, ItemDef>,
    private readonly advisories: readonly Advisory[],
    private readonly parsed: ReadonlyMap<string, ManifestIndex>,
  ) {
    for (const [id, deps] of result.matches) for (const d of deps) this.owner.set(keyOf(d), id);
    for (const m of manifests) if (!this.selected.has(m.file)) this.selected.set(m.file, m);
  }

  dependency(dependency: Dependency): SoupDependencyStatus {
    const key = keyOf(dependency);
    let status = this.byDependency.get(key);
    if (!status) this.byDependency.set(key, (status = this.compute(dependency)));
    return status;
  }

  item(id: string): SoupItemStatus | undefined {
    const item = this.defs.get(id);
    if (!item) return undefined;
    return {
      item,
      covered: !this.result.hasManifests || this.result.present.has(id),
      dependencies: (this.result.matches.get(id) ?? []).map((d) => this.dependency(d)),
    };
  }

  private compute(dependency: Dependency): SoupDependencyStatus {
    const manifest = this.selected.get(dependency.file);
    if (!manifest) {
      // A lockfile next to a declaration of its ecosystem gives versions; the dependency is checked where it is declared.
      const declared = this.declaredFor(dependency);
      if (declared) return { ...this.dependency(declared), dependency };
    }
    const resolved = manifest?.dependencies.find((d) => keyOf(d) === keyOf(dependency)) ?? dependency;
    const ownerId = this.owner.get(keyOf(dependency));
    const item = ownerId === undefined ? undefined : this.defs.get(ownerId);
    const status: SoupDependencyStatus = { dependency, resolved, vulnerabilities: [] };
    if (item) status.item = item;
    const purl = dependencyPurl(resolved);
    if (purl) status.purl = purl;
    if (!manifest) status.notChecked = 'not-selected';
    else if (resolved.source === 'workspace') status.notChecked = 'workspace';
    else if (!resolved.direct) status.notChecked = 'transitive';
    else if (!needsSoupItem(resolved, this.config.devDependencies)) status.notChecked = 'dev';
    if (item) {
      const version = attr(item, 'version');
      if (version && resolved.version)
        status.versionCovered = versionCovers(version, resolved.version, resolved.ecosystem);
      status.vulnerabilities = this.vulnerabilities(
        item,
        resolved,
        resolved.version ?? (version ? exactVersion(version, resolved.ecosystem) : undefined),
      );
    }
    return status;
  }

  /** The declared dependency a lockfile entry stands for (same name and alias, declaration of its ecosystem in its folder). */
  private declaredFor(dependency: Dependency): Dependency | undefined {
    const lock = this.parsed.get(dependency.file);
    if (!lock || formatOf(lock).role !== 'lockfile') return undefined;
    const { ecosystem } = formatOf(lock);
    const dir = dirOf(dependency.file);
    return this.manifests
      .find((m) => formatOf(m).role === 'declaration' && formatOf(m).ecosystem === ecosystem && dirOf(m.file) === dir)
      ?.dependencies.find((d) => d.name === dependency.name && d.alias === dependency.alias);
  }

  private vulnerabilities(item: ItemDef, d: Dependency, version: string | undefined): SoupVulnerability[] {
    const dispositions = parseDispositions(attr(item, 'vulnerabilities')).dispositions;
    const affecting = version ? this.advisories.filter((adv) => affects(adv, d.name, version, d.ecosystem)) : [];
    const shown = new Set<string>();
    const out: SoupVulnerability[] = [];
    for (const advisory of affecting) {
      if (shown.has(advisory.id)) continue;
      shown.add(advisory.id);
      const ids = new Set([advisory.id, ...advisory.aliases].map(upper));
      const disposition = dispositions.find((x) => ids.has(upper(x.id)));
      out.push({ id: advisory.id, advisory, ...(disposition && { disposition }) });
    }
    for (const x of dispositions) {
      const id = upper(x.id);
      if (![...shown].some((s) => upper(s) === id) && !affecting.some((a) => a.aliases.some((al) => upper(al) === id)))
        out.push({ id: x.id, disposition: x });
    }
    return out;
  }
}

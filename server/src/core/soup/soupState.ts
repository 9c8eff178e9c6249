import { SeclifeConfig } from '../config';
import { Finding } from '../findings';
import { AdvisoriesIndex, FileIndex } from '../fileIndex';
import { ItemDef } from '../model';
import { TraceGraph } from '../traceGraph';
import { Advisory } from './advisory';
import { Dependency, DependencyGraph, Ecosystem, LOCK_PATH_KEY, ManifestIndex } from './dependency';
import { importedPackage } from './dependencyGraph';
import { normalizeName } from './ecosystems';
import { dirOf, globMatcher, ownValue } from './manifestCommon';
import { isPartialManifest } from './manifestFile';
import { formatOf } from './manifestFormats';
import { OwnProject, widenProductStatements } from './vexProductStatements';
import type { ManifestFormat } from './manifestFormats';
import { AdvisoryHit, CheckedPackage, checkSoup, PreparedAdvisories, prepareAdvisories, SoupResult } from './soupCheck';
import { SoupStatus } from './soupStatus';
import { soupInputUnread } from './unreadDependencyFiles';
import { unmatchedGlobFindings } from './unmatchedGlobs';
import { advisoryDataStale, checkVex } from './vexCheck';
import { dispositionStatements } from './vexFromDispositions';
import { VexStatement } from './vexStatement';
import { pushAll } from '../arrays';

const EMPTY_RESULT: SoupResult = {
  findings: [],
  matches: new Map(),
  byDependency: new Map(),
  present: new Set(),
  hasManifests: false,
  indirect: new Map(),
  orphans: [],
  hits: [],
};

/**
 * The SOUP check kept current: it depends on every manifest, advisory file and SOUP item,
 * so a change to any of them marks it dirty and the next query recomputes it (cheap: a
 * few hundred dependencies), reporting which files' findings and which items changed.
 * The status of each dependency and item ({@link status}) is read from the same run.
 */
export class SoupState {
  /** Dirty from the start: a glob that matches nothing is reported even when no file is a manifest or advisory. */
  dirty = true;
  private result: SoupResult = EMPTY_RESULT;
  private byFile = new Map<string, Finding[]>();
  private readonly soupKinds: Set<string>;
  /** What the last run concluded, per dependency and per item (for hovers and quick fixes). */
  status: SoupStatus;
  private lookups: AdvisoryLookups | undefined;
  private now: Date | undefined;
  /** What the last run could not know (a declaration without a lockfile). */
  notes: Array<{ file: string; message: string }> = [];

  constructor(
    private readonly config: SeclifeConfig,
    private readonly configText?: string,
  ) {
    this.soupKinds = new Set(
      Object.values(config.kinds)
        .filter((k) => k.needs.includes('in-manifest'))
        .map((k) => k.prefix),
    );
    this.status = new SoupStatus(config, [], EMPTY_RESULT, new Map(), [], new Map());
  }

  /** Notes a file about to change: dirty when it can affect the SOUP check. */
  touch(index: FileIndex): void {
    if (
      index.role === 'manifest' ||
      (index.role === 'advisories' && index.advisories) ||
      (index.role === 'vex' && index.vex) ||
      index.items.some((i) => this.soupKinds.has(i.kind))
    )
      this.dirty = true;
  }

  covers(id: string): boolean {
    return !this.result.hasManifests || this.result.present.has(id);
  }

  dependenciesOf(id: string): readonly Dependency[] {
    return this.result.matches.get(id) ?? [];
  }

  /** Every advisory affecting a package in use (decided or not), in the order the check met them. */
  hits(): readonly AdvisoryHit[] {
    return this.result.hits;
  }

  /** The indirect packages a SOUP item answers for, with their advisories. */
  indirectOf(id: string): readonly CheckedPackage[] {
    return this.result.indirect.get(id) ?? [];
  }

  /** Indirect packages no SOUP item answers for. */
  orphans(): readonly CheckedPackage[] {
    return this.result.orphans;
  }

  /**
   * The time the vulnerability decisions are judged at (`vex-stale` needs none; ages do).
   * Hosts set it (the core never reads the clock); without it, no finding depends on the date.
   */
  setClock(now: Date | undefined): void {
    if (now?.getTime() === this.now?.getTime()) return;
    this.now = now;
    this.dirty = true;
  }

  /** The time {@link setClock} set, if any. */
  clock(): Date | undefined {
    return this.now;
  }

  /**
   * The decision that applies to each hit (an item's disposition or a VEX file's statement,
   * docs/vulnerabilities.md precedence), and the findings about decisions: the VEX check's
   * (`vex-justification-missing`, `vex-stale`, `under-investigation-overdue`) and
   * `advisory-data-stale` for the newest advisory file.
   */
  private decide(hits: AdvisoryHit[], items: ItemDef[], vex: VexStatement[]): Finding[] {
    const defs = new Map(items.map((d) => [d.id, d]));
    const own = new Map<string, VexStatement[]>();
    const statementsOf = (id: string) => {
      let list = own.get(id);
      if (!list) own.set(id, (list = defs.has(id) ? dispositionStatements(defs.get(id)!) : []));
      return list;
    };
    const out: Finding[] = [];
    const now = this.now ?? new Date(0);
    const vulnerabilities = this.now
      ? this.config.vulnerabilities
      : { ...this.config.vulnerabilities, maxAdvisoryAgeDays: 0, underInvestigationDays: {} };
    // Each hit is judged with its item's statements and the VEX files' (one check per item keeps it linear).
    const byItem = new Map<string, AdvisoryHit[]>();
    for (const h of hits) {
      const key = h.itemId ?? '';
      (byItem.get(key) ?? byItem.set(key, []).get(key)!).push(h);
    }
    const reported = new Set<string>();
    for (const [itemId, list] of byItem) {
      const result = checkVex({
        advisories: list.map((h) => ({
          id: h.advisory.id,
          aliases: h.ids.filter((x) => x !== h.advisory.id.toUpperCase()),
          package: h.name,
          ecosystem: h.ecosystem,
          version: h.version,
          ...(h.advisory.modified ? { modified: h.advisory.modified } : {}),
          ...(h.advisory.severity ? { severity: h.advisory.severity } : {}),
          hit: h,
        })),
        statements: itemId ? [...statementsOf(itemId), ...vex] : vex,
        config: vulnerabilities,
        now,
      });
      for (const d of result.decisions) if (d.statement) d.advisory.hit.statement = d.statement;
      for (const f of result.findings) {
        const key = `${f.code}\u0000${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.message}`;
        if (reported.has(key)) continue;
        reported.add(key);
        out.push(f);
      }
    }
    const newest = this.lookups?.newest;
    if (newest && this.now) {
      const stale = advisoryDataStale(newest.time, this.config.vulnerabilities, this.now, {
        file: newest.file,
        range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
      });
      if (stale) out.push(stale);
    }
    return out;
  }

  /**
   * The advisories and their lookups, rebuilt only when an advisory file changed (a SOUP
   * edit re-runs the check against 20,000 records without re-indexing them).
   */
  private advisoryLookups(indexes: readonly AdvisoriesIndex[]): AdvisoryLookups {
    const files = new Map<string, readonly Advisory[]>();
    for (const f of indexes) if (f.advisories) files.set(f.file, f.advisories);
    const kept = this.lookups;
    if (kept && kept.files.size === files.size && [...files].every(([f, list]) => kept.files.get(f) === list))
      return kept;
    // The age of the data: the newest time any advisory file records (its own, else its newest record's).
    let newest: AdvisoryLookups['newest'];
    for (const f of indexes) {
      if (!f.advisories) continue;
      let t = f.generatedAt;
      if (!t)
        for (const a of f.advisories) if (a.modified && (!t || Date.parse(a.modified) > Date.parse(t))) t = a.modified;
      if (t && !Number.isNaN(Date.parse(t)) && (!newest || Date.parse(t) > Date.parse(newest.time)))
        newest = { time: t, file: f.file };
    }
    const advisories: Advisory[] = [];
    for (const list of files.values()) for (const a of list) advisories.push(a);
    // In file path order (then in-file order), as hovers list them.
    const sortedAdvisories = [...files.keys()].sort().flatMap((f) => files.get(f)!);
    this.lookups = { files, advisories, sortedAdvisories, prepared: prepareAdvisories(advisories), newest };
    return this.lookups;
  }

  allFindings(): Finding[] {
    return this.result.findings;
  }

  findingsIn(file: string): Finding[] {
    return this.byFile.get(file) ?? [];
  }

  recompute(files: Iterable<FileIndex>, graph: TraceGraph): { files: Set<string>; items: Set<string> } {
    this.dirty = false;
    const all = [...files];
    const { manifests, graphs, partial, unread, notes } = selectSoupInputs(all, this.config);
    this.notes = notes;
    const { advisories, sortedAdvisories, prepared } = this.advisoryLookups(
      all.filter((f): f is AdvisoriesIndex => f.role === 'advisories'),
    );
    const ids = new Set(all.flatMap((f) => f.items.filter((i) => this.soupKinds.has(i.kind)).map((i) => i.id)));
    const items: ItemDef[] = [...ids].map((id) => graph.definitions(id)[0]).filter((d): d is ItemDef => !!d);
    const before = this.result;
    const read: VexStatement[] = [];
    for (const f of [...all].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)))
      if (f.role === 'vex' && f.vex) pushAll(read, f.vex);
    const vex = widenProductStatements(read, ownProjects(manifests));
    this.result = checkSoup({
      items,
      manifests,
      advisories,
      includeDev: this.config.devDependencies,
      partial,
      graphs,
      transitive: this.config.soup.transitive,
      prepared,
      vex,
    });
    pushAll(this.result.findings, unmatchedGlobFindings(this.config, this.configText, all));
    pushAll(this.result.findings, this.decide(this.result.hits, items, vex));
    // A manifest read only in part (a syntax error, an unsupported version): its config-error says where.
    for (const file of partial)
      unread.push({
        file,
        why: 'it could not be read completely (see its config-error); what follows the problem is not checked',
      });
    // A manifest that was not parsed at all (binary, over the size limit, not UTF-8): its note says why.
    for (const f of all)
      if (f.role === 'manifest' && !f.manifest)
        unread.push({ file: f.file, why: `it could not be read (${f.notes[0] ?? 'skipped'})` });
    for (const u of unread) {
      this.result.findings.push(
        soupInputUnread(
          u.file,
          `${u.file} is not read by the SOUP check: ${u.why}; its dependencies are not checked against the SOUP items or advisories`,
        ),
      );
    }
    const parsed = new Map<string, ManifestIndex>();
    for (const m of manifestsOf(all)) parsed.set(m.file, m);
    this.status = new SoupStatus(
      this.config,
      manifests,
      this.result,
      new Map(items.map((d) => [d.id, d])),
      sortedAdvisories,
      parsed,
    );
    const changedFiles = new Set<string>([...this.byFile.keys()]);
    this.byFile = new Map();
    for (const f of this.result.findings) {
      changedFiles.add(f.file);
      const list = this.byFile.get(f.file) ?? [];
      list.push(f);
      this.byFile.set(f.file, list);
    }
    const changedItems = new Set<string>();
    for (const id of new Set([...before.present, ...this.result.present, ...ids])) {
      if (before.present.has(id) !== this.result.present.has(id) || before.hasManifests !== this.result.hasManifests) {
        changedItems.add(id);
      }
    }
    return { files: changedFiles, items: changedItems };
  }
}

interface AdvisoryLookups {
  files: Map<string, readonly Advisory[]>;
  advisories: Advisory[];
  sortedAdvisories: Advisory[];
  prepared: PreparedAdvisories;
  /** The newest time the advisory files record, and which file (`advisory-data-stale`). */
  newest?: { time: string; file: string };
}

/** What the SOUP check reads besides the items: the manifests that count and what they imply. */
export interface ManifestSelection {
  manifests: ManifestIndex[];
  /** The dependency graphs in use (lockfiles and SBOMs), each with the direct dependencies resolved in it. */
  graphs: Array<{ file: string; graph: DependencyGraph; roots: Dependency[] }>;
  /** Selected manifests that could not be read completely. */
  partial: string[];
  /** Manifests found but not used (a second lockfile of an ecosystem in one folder): `soup-input-unread`. */
  unread: Array<{ file: string; why: string }>;
  /** What the selection could not know (a declaration without a lockfile: no indirect dependencies). */
  notes: Array<{ file: string; message: string }>;
}

/** The projects the manifests in use belong to (a VEX statement about one of them is about all its packages). */
function ownProjects(manifests: readonly ManifestIndex[]): OwnProject[] {
  const out: OwnProject[] = [];
  for (const m of manifests)
    if (m.project?.name)
      out.push({ name: m.project.name, version: m.project.version, ecosystem: formatOf(m).ecosystem });
  return out;
}

/** The manifests of the parsed files (those that were read). */
function manifestsOf(files: readonly FileIndex[]): ManifestIndex[] {
  const out: ManifestIndex[] = [];
  for (const f of files) if (f.role === 'manifest' && f.manifest) out.push(f.manifest);
  return out;
}

/** A lockfile or SBOM without a graph of its own (an older parser): its `resolved` names as a flat graph. */
function graphOf(m: ManifestIndex): DependencyGraph {
  if (m.graph) return m.graph;
  const ecosystem = formatOf(m).ecosystem;
  const packages: DependencyGraph['packages'] = [];
  for (const [name, version] of Object.entries(m.resolved ?? {}))
    if (!name.startsWith(LOCK_PATH_KEY))
      packages.push({
        key: name,
        name,
        version,
        ecosystem,
        dependsOn: [],
        range: m.dependencies[0]?.range ?? FILE_START,
      });
  return { packages, importers: {}, edges: false };
}

const FILE_START = { line: 1, column: 1, endLine: 1, endColumn: 2 };

/**
 * The version and graph node of a declaration's dependency in a lockfile: where the
 * lockfile's importer for the declaration's folder says (`rel`: that folder relative to the
 * lockfile's), else the format's own lookup ({@link ManifestFormat.lockedVersion}), else by name.
 */
function locked(lock: ManifestIndex, rel: string, d: Dependency): { version?: string; node?: Dependency['node'] } {
  const format = formatOf(lock);
  const graph = lock.graph;
  // The importer of the declaration's folder, else the lockfile's root importer (hoisted).
  const name = d.alias ?? d.name;
  const imported = graph
    ? (importedPackage(graph, rel, name) ?? (rel !== '' ? importedPackage(graph, '', name) : undefined))
    : undefined;
  if (imported) return { version: imported.pkg.version, node: { file: lock.file, key: imported.key } };
  const version = format.lockedVersion ? format.lockedVersion(lock, rel, d) : ownValue(lock.resolved, d.name);
  const pkg = graph ? packageNamed(graph, d.name, version) : undefined;
  return { ...(version !== undefined ? { version } : {}), ...(pkg ? { node: { file: lock.file, key: pkg.key } } : {}) };
}

/**
 * A lockfile above `dir` whose graph has an importer for it: a workspace member that the
 * lockfile itself lists (pnpm `importers`, bun `workspaces`, uv members), whatever declares
 * the workspace (pnpm-workspace.yaml is no manifest).
 */
function importingLock(byDir: Map<string, ManifestIndex>, dir: string): ManifestIndex | undefined {
  for (let up = dir; up !== ''; ) {
    up = dirOf(up);
    const lock = byDir.get(up);
    const rel = up === '' ? dir : dir.slice(up.length + 1);
    if (lock?.graph && Object.hasOwn(lock.graph.importers, rel)) return lock;
  }
  return undefined;
}

/** The first package of a graph with a name (and version, when given). */
function packageNamed(
  graph: DependencyGraph,
  name: string,
  version?: string,
): DependencyGraph['packages'][number] | undefined {
  const ecosystem = graph.packages[0]?.ecosystem ?? 'generic';
  const wanted = normalizeName(name, ecosystem);
  return graph.packages.find(
    (p) => normalizeName(p.name, p.ecosystem) === wanted && (version === undefined || p.version === version),
  );
}

/**
 * The manifests that count (docs/soup.md, Which manifests are read): every manifest,
 * lockfile and SBOM found anywhere in the workspace (excluded folders aside), or those the
 * `manifests` globs select. Each declaration is paired with the lockfile of its ecosystem in
 * its own folder, or — for a workspace member — in its workspace root's folder; else with an
 * SBOM in its folder or at the root. A lockfile paired with a declaration only supplies
 * versions and its graph; a lockfile alone is checked itself. A dependency on a workspace
 * member is the project's own code (`source: 'workspace'`). Roles and ecosystems come from
 * the format table (manifestFormats.ts), not from file names.
 */
export function selectSoupInputs(files: FileIndex[], _config: SeclifeConfig): ManifestSelection {
  const manifests = manifestsOf(files);
  const roleOf = (m: ManifestIndex) => formatOf(m).role;
  const ecosystemOf = (m: ManifestIndex) => formatOf(m).ecosystem;
  const notes: ManifestSelection['notes'] = [];
  const unread: ManifestSelection['unread'] = [];
  // Workspace roots (a declaration listing members, at any depth) and their members' folders.
  const roots = manifests.filter((m) => formatOf(m).workspaces && (m.workspaces?.length ?? 0) > 0);
  const rootOf = (m: ManifestIndex): ManifestIndex | undefined => {
    const dir = dirOf(m.file);
    return roots.find((r) => {
      if (r.kind !== m.kind || r === m) return false;
      const base = dirOf(r.file);
      if (base !== '' && !dir.startsWith(`${base}/`)) return false;
      const rel = base === '' ? dir : dir.slice(base.length + 1);
      return (r.workspaces ?? []).some((g) => globMatcher(g)(rel));
    });
  };
  const ownPackages = new Map<string, Set<string>>();
  for (const m of manifests) {
    if (!formatOf(m).workspaces || !m.project || !(roots.includes(m) || rootOf(m))) continue;
    (ownPackages.get(m.kind) ?? ownPackages.set(m.kind, new Set()).get(m.kind)!).add(m.project.name);
  }
  // Lockfiles by ecosystem and folder: the first (format order) is used, a second one is not read.
  const locks = new Map<Ecosystem, Map<string, ManifestIndex>>();
  for (const m of manifests) {
    if (roleOf(m) !== 'lockfile') continue;
    const byDir = locks.get(ecosystemOf(m)) ?? locks.set(ecosystemOf(m), new Map()).get(ecosystemOf(m))!;
    const had = byDir.get(dirOf(m.file));
    if (!had) byDir.set(dirOf(m.file), m);
    else unread.push({ file: m.file, why: `${had.file} in the same folder is the lockfile the SOUP check uses` });
  }
  const sboms = new Map<string, ManifestIndex>();
  for (const m of manifests) if (roleOf(m) === 'sbom' && !sboms.has(dirOf(m.file))) sboms.set(dirOf(m.file), m);
  const usedLocks = new Set<ManifestIndex>();
  const selected: ManifestIndex[] = [];
  for (const m of manifests) {
    if (roleOf(m) === 'lockfile') continue;
    if (roleOf(m) !== 'declaration') {
      selected.push(m);
      continue;
    }
    const dir = dirOf(m.file);
    const byDir = locks.get(ecosystemOf(m));
    const root = rootOf(m);
    const lock =
      byDir?.get(dir) ?? (root ? byDir?.get(dirOf(root.file)) : undefined) ?? (byDir && importingLock(byDir, dir));
    if (lock) usedLocks.add(lock);
    const lockDir = lock ? dirOf(lock.file) : '';
    const rel = lockDir === '' ? dir : dir === lockDir ? '' : dir.slice(lockDir.length + 1);
    const sbom = sboms.get(dir) ?? sboms.get('');
    const own = ownPackages.get(m.kind);
    let unresolved = 0;
    selected.push({
      ...m,
      dependencies: m.dependencies.map((d) => {
        let out = d;
        if (own && (d.source === 'registry' || d.source === 'file') && own.has(d.name))
          out = { ...out, source: 'workspace' };
        if (out.source === 'workspace') return out;
        if (lock) {
          const found = locked(lock, rel, out);
          if (found.node && !out.node) out = { ...out, node: found.node };
          if (!out.version && found.version) out = { ...out, version: found.version };
        } else if (sbom) {
          const version = out.version ?? ownValue(sbom.resolved, out.name);
          const pkg = sbom.graph ? packageNamed(sbom.graph, out.name, version) : undefined;
          out = {
            ...out,
            ...(version ? { version } : {}),
            ...(pkg && !out.node ? { node: { file: sbom.file, key: pkg.key } } : {}),
          };
        }
        if (out.source === 'registry' && !out.node) unresolved++;
        return out;
      }),
    });
    if (!lock && !sbom && unresolved > 0)
      notes.push({
        file: m.file,
        message: `${m.file}: no lockfile or SBOM next to it, so its ${unresolved} dependenc${unresolved === 1 ? 'y is' : 'ies are'} checked at the declared versions and their indirect dependencies are not known — their advisories are not checked (add the lockfile)`,
      });
  }
  // A lockfile no declaration takes versions from is checked on its own.
  for (const byDir of locks.values()) for (const lock of byDir.values()) if (!usedLocks.has(lock)) selected.push(lock);
  const graphs: ManifestSelection['graphs'] = [];
  const graphFiles = new Set<string>();
  for (const m of [...usedLocks, ...selected]) {
    if (roleOf(m) === 'declaration' || graphFiles.has(m.file)) continue;
    graphFiles.add(m.file);
    const roots: Dependency[] = [];
    // Only direct dependencies start paths: a go.mod `// indirect` entry is an indirect package of the graph.
    for (const s of selected) for (const d of s.dependencies) if (d.direct && d.node?.file === m.file) roots.push(d);
    graphs.push({ file: m.file, graph: graphOf(m), roots });
  }
  return {
    manifests: selected,
    graphs,
    partial: selected.filter(isPartialManifest).map((m) => m.file),
    unread,
    notes,
  };
}

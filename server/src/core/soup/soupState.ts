import { SeclifeConfig } from '../config';
import { Finding } from '../findings';
import { FileIndex } from '../fileIndex';
import { ItemDef } from '../model';
import { TraceGraph } from '../traceGraph';
import { Advisory } from './advisory';
import { Dependency, Ecosystem, LOCK_PATH_KEY, ManifestIndex } from './dependency';
import { dirOf, globMatcher, ownValue, selfAndParents } from './manifestCommon';
import { isPartialManifest } from './manifestFile';
import { formatOf } from './manifestFormats';
import type { ManifestFormat } from './manifestFormats';
import { checkSoup, SoupResult } from './soupCheck';
import { SoupStatus } from './soupStatus';
import { soupInputUnread } from './unreadDependencyFiles';

const EMPTY_RESULT: SoupResult = {
  findings: [],
  matches: new Map(),
  byDependency: new Map(),
  present: new Set(),
  hasManifests: false,
};

/**
 * The SOUP check kept current: it depends on every manifest, advisory file and SOUP item,
 * so a change to any of them marks it dirty and the next query recomputes it (cheap: a
 * few hundred dependencies), reporting which files' findings and which items changed.
 * The status of each dependency and item ({@link status}) is read from the same run.
 */
export class SoupState {
  dirty = false;
  private result: SoupResult = EMPTY_RESULT;
  private byFile = new Map<string, Finding[]>();
  private readonly soupKinds: Set<string>;
  /** What the last run concluded, per dependency and per item (for hovers and quick fixes). */
  status: SoupStatus;

  constructor(private readonly config: SeclifeConfig) {
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
      (index.role === 'manifest' && index.manifest) ||
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

  allFindings(): Finding[] {
    return this.result.findings;
  }

  findingsIn(file: string): Finding[] {
    return this.byFile.get(file) ?? [];
  }

  recompute(files: Iterable<FileIndex>, graph: TraceGraph): { files: Set<string>; items: Set<string> } {
    this.dirty = false;
    const all = [...files];
    const { manifests, installed, partial, unread } = selectSoupInputs(all, this.config);
    const advisories: Advisory[] = [];
    const advisoryFiles = new Map<string, readonly Advisory[]>();
    for (const f of all) {
      if (f.role !== 'advisories' || !f.advisories) continue;
      for (const a of f.advisories) advisories.push(a);
      advisoryFiles.set(f.file, f.advisories);
    }
    const ids = new Set(all.flatMap((f) => f.items.filter((i) => this.soupKinds.has(i.kind)).map((i) => i.id)));
    const items: ItemDef[] = [...ids].map((id) => graph.definitions(id)[0]).filter((d): d is ItemDef => !!d);
    const before = this.result;
    this.result = checkSoup({
      items,
      manifests,
      advisories,
      includeDev: this.config.devDependencies,
      installed,
      partial,
    });
    for (const u of unread) {
      this.result.findings.push(
        soupInputUnread(
          u.file,
          `${u.file} is not read by the SOUP check: ${u.why}; its dependencies are not checked against the SOUP items or advisories`,
        ),
      );
    }
    // Advisories in file path order (then in-file order), as hovers list them.
    const sortedAdvisories = [...advisoryFiles.keys()].sort().flatMap((f) => advisoryFiles.get(f)!);
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

/** What the SOUP check reads besides the items: the manifests that count and what they imply. */
export interface ManifestSelection {
  manifests: ManifestIndex[];
  /** Packages installed according to the lockfiles and SBOMs in use (transitive ones too). */
  installed: Array<{ ecosystem: Ecosystem; name: string }>;
  /** Selected manifests that could not be read completely. */
  partial: string[];
  /** Manifests found but not used (below the root, not a workspace member; a lockfile nothing resolves from): `soup-input-unread`. */
  unread: Array<{ file: string; why: string }>;
}

/** The manifests of the parsed files (those that were read). */
function manifestsOf(files: readonly FileIndex[]): ManifestIndex[] {
  const out: ManifestIndex[] = [];
  for (const f of files) if (f.role === 'manifest' && f.manifest) out.push(f.manifest);
  return out;
}

/**
 * The version installed for a declaration's dependency: from the nearest lockfile of its
 * ecosystem in the declaration's folder or above (the lockfile's format says where in it,
 * {@link ManifestFormat.lockedVersion}).
 */
function lockVersion(locks: Map<string, ManifestIndex>, manifestDir: string, d: Dependency): string | undefined {
  for (const lockDir of selfAndParents(manifestDir)) {
    const lock = locks.get(lockDir);
    if (!lock) continue;
    const rel = lockDir === '' ? manifestDir : manifestDir.slice(lockDir.length + 1);
    const format = formatOf(lock);
    return format.lockedVersion ? format.lockedVersion(lock, rel, d) : ownValue(lock.resolved, d.name);
  }
  return undefined;
}

/**
 * The manifests that count: with `manifests` configured, every manifest file; by default
 * the root's, plus the workspace members' (for a format with workspaces: npm's package.json;
 * a nested package.json that is not a member, such as `examples/x/package.json`, is not read).
 * A declaration's ranges are resolved from the nearest lockfile of its ecosystem (else an SBOM
 * next to it or at the root), and a lockfile next to a selected declaration of its ecosystem
 * is not read twice. A dependency on a workspace member is the project's own code
 * (`source: 'workspace'`). The roles and ecosystems come from the format table
 * (manifestFormats.ts), not from file names.
 */
export function selectSoupInputs(files: FileIndex[], config: SeclifeConfig): ManifestSelection {
  const manifests = manifestsOf(files);
  const roleOf = (m: ManifestIndex) => formatOf(m).role;
  const ecosystemOf = (m: ManifestIndex) => formatOf(m).ecosystem;
  // Workspaces: the root manifest of a format that has them names its member folders.
  const roots = new Map<string, ManifestIndex>();
  for (const m of manifests)
    if (formatOf(m).workspaces && !m.file.includes('/') && !roots.has(m.kind)) roots.set(m.kind, m);
  const memberGlobs = new Map(
    [...roots].map(([kind, root]) => [kind, (root.workspaces ?? []).map((g) => globMatcher(g))]),
  );
  const isMember = (m: ManifestIndex) =>
    m.file.includes('/') && (memberGlobs.get(m.kind)?.some((g) => g(dirOf(m.file))) ?? false);
  const chosen = config.manifests ? manifests : manifests.filter((m) => !m.file.includes('/') || isMember(m));
  const ownPackages = new Map<string, Set<string>>();
  for (const m of manifests) {
    if (!formatOf(m).workspaces || !(roots.get(m.kind) === m || isMember(m)) || !m.project) continue;
    (ownPackages.get(m.kind) ?? ownPackages.set(m.kind, new Set()).get(m.kind)!).add(m.project.name);
  }
  // Lockfiles by ecosystem and folder (every one parsed: a member resolves from the root's).
  const locks = new Map<Ecosystem, Map<string, ManifestIndex>>();
  for (const m of manifests) {
    if (roleOf(m) !== 'lockfile') continue;
    const byDir = locks.get(ecosystemOf(m)) ?? locks.set(ecosystemOf(m), new Map()).get(ecosystemOf(m))!;
    byDir.set(dirOf(m.file), m);
  }
  const sboms = new Map<string, ManifestIndex>();
  for (const m of chosen) if (roleOf(m) === 'sbom' && !sboms.has(dirOf(m.file))) sboms.set(dirOf(m.file), m);
  const declares = (p: ManifestIndex, lock: ManifestIndex) =>
    roleOf(p) === 'declaration' && ecosystemOf(p) === ecosystemOf(lock) && dirOf(p.file) === dirOf(lock.file);
  const usedLocks = new Set<ManifestIndex>();
  const selected = chosen
    .filter((m) => roleOf(m) !== 'lockfile' || !chosen.some((p) => declares(p, m)))
    .map((m) => {
      if (roleOf(m) !== 'declaration') return m;
      const dir = dirOf(m.file);
      const ecosystemLocks = locks.get(ecosystemOf(m));
      if (ecosystemLocks)
        for (const d of selfAndParents(dir)) if (ecosystemLocks.has(d)) usedLocks.add(ecosystemLocks.get(d)!);
      const own = ownPackages.get(m.kind);
      const sbom = sboms.get(dir) ?? sboms.get('');
      return {
        ...m,
        dependencies: m.dependencies.map((d) => {
          let out = d;
          if (own && (d.source === 'registry' || d.source === 'file') && own.has(d.name))
            out = { ...out, source: 'workspace' };
          if (out.version || out.source === 'workspace') return out;
          const version =
            (ecosystemLocks ? lockVersion(ecosystemLocks, dir, d) : undefined) ?? ownValue(sbom?.resolved, d.name);
          return version ? { ...out, version } : out;
        }),
      };
    });
  const installed: ManifestSelection['installed'] = [];
  for (const m of [...usedLocks, ...selected.filter((x) => roleOf(x) === 'lockfile')]) {
    for (const name of Object.keys(m.resolved ?? {}))
      if (!name.startsWith(LOCK_PATH_KEY)) installed.push({ ecosystem: ecosystemOf(m), name });
  }
  const used = new Set([...selected.map((m) => m.file), ...[...usedLocks].map((m) => m.file)]);
  const unread: ManifestSelection['unread'] = [];
  for (const m of manifests) {
    if (used.has(m.file)) continue;
    unread.push({
      file: m.file,
      why:
        roleOf(m) === 'lockfile'
          ? 'it is below the workspace root and no manifest the SOUP check reads takes versions from it (list it in `manifests`)'
          : 'it is below the workspace root and not an npm workspace member (list it in `manifests`)',
    });
  }
  return { manifests: selected, installed, partial: selected.filter(isPartialManifest).map((m) => m.file), unread };
}

import { SeclifeConfig } from '../config';
import { Finding } from '../findings';
import { FileIndex, ItemDef } from '../model';
import { TraceGraph } from '../traceGraph';
import { Advisory } from './advisory';
import { Dependency, Ecosystem, ManifestIndex } from './dependency';
import { globMatcher } from './manifestCommon';
import { isPartialManifest, LOCK_PATH_KEY } from './manifestFile';
import { checkSoup, SoupResult } from './soupCheck';

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * The SOUP check kept current: it depends on every manifest, advisory file and SOUP item,
 * so a change to any of them marks it dirty and the next query recomputes it (cheap: a
 * few hundred dependencies), reporting which files' findings and which items changed.
 */
export class SoupState {
  dirty = false;
  private result: SoupResult = { findings: [], matches: new Map(), byDependency: new Map(), present: new Set(), hasManifests: false };
  private byFile = new Map<string, Finding[]>();
  private readonly soupKinds: Set<string>;

  constructor(private readonly config: SeclifeConfig) {
    this.soupKinds = new Set(Object.values(config.kinds).filter((k) => k.needs.includes('in-manifest')).map((k) => k.prefix));
  }

  /** Notes a file about to change: dirty when it can affect the SOUP check. */
  touch(index: FileIndex): void {
    if (index.manifest || index.advisories || index.items.some((i) => this.soupKinds.has(i.kind))) this.dirty = true;
  }

  covers(id: string): boolean {
    return !this.result.hasManifests || this.result.present.has(id);
  }

  dependenciesOf(id: string): readonly Dependency[] {
    return this.result.matches.get(id) ?? [];
  }

  /** The SOUP item covering a manifest's dependency, if any. */
  itemFor(file: string, name: string): string | undefined {
    return this.result.byDependency.get(`${file}\u0000${name}`);
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
    const { manifests, installed, partial } = selectSoupInputs(all, this.config);
    const advisories: Advisory[] = all.flatMap((f) => f.advisories ?? []);
    const ids = new Set(all.flatMap((f) => f.items.filter((i) => this.soupKinds.has(i.kind)).map((i) => i.id)));
    const items: ItemDef[] = [...ids].map((id) => graph.definitions(id)[0]).filter((d): d is ItemDef => !!d);
    const before = this.result;
    this.result = checkSoup({ items, manifests, advisories, includeDev: this.config.devDependencies, installed, partial });
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
}

const own = (map: Record<string, string> | undefined, key: string): string | undefined =>
  map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;

/** `a/b/c` → [`a/b/c`, `a/b`, `a`, ``]. */
function selfAndParents(dir: string): string[] {
  const out = [dir];
  for (let d = dir; d !== ''; ) out.push((d = dirOf(d)));
  return out;
}

/**
 * The version npm installed for a package.json dependency: from the nearest lockfile in the
 * package's folder or above, looking in the package's own `node_modules` first and then in
 * each parent's, as Node resolves modules (a workspace member may have its own nested copy).
 */
function lockVersion(locks: Map<string, ManifestIndex>, manifestDir: string, installName: string): string | undefined {
  for (const lockDir of selfAndParents(manifestDir)) {
    const lock = locks.get(lockDir);
    if (!lock) continue;
    const rel = lockDir === '' ? manifestDir : manifestDir.slice(lockDir.length + 1);
    for (const dir of selfAndParents(rel)) {
      const v = own(lock.resolved, `${LOCK_PATH_KEY}${dir ? `${dir}/` : ''}node_modules/${installName}`);
      if (v !== undefined) return v;
    }
    return own(lock.resolved, installName);
  }
  return undefined;
}

/**
 * The manifests that count: with `manifests` configured, every manifest file; by default
 * the root's, plus the package.json of npm workspace members (a nested package.json that is
 * not a member, such as `examples/x/package.json`, is not read). package.json ranges are
 * resolved from the nearest package-lock.json (else an SBOM next to it or at the root), and a
 * lockfile next to a selected package.json is not read twice. A dependency on another member
 * of the workspace is the project's own code (`source: 'workspace'`).
 */
export function selectSoupInputs(files: FileIndex[], config: SeclifeConfig): ManifestSelection {
  const manifests = files.map((f) => f.manifest).filter((m): m is ManifestIndex => !!m);
  const root = manifests.find((m) => m.file === 'package.json');
  const globs = (root?.workspaces ?? []).map((g) => globMatcher(g));
  const isMember = (m: ManifestIndex) => m.kind === 'package.json' && m.file.includes('/') && globs.some((g) => g(dirOf(m.file)));
  const chosen = config.manifests ? manifests : manifests.filter((m) => !m.file.includes('/') || isMember(m));
  const ownPackages = new Set(manifests.filter((m) => m.kind === 'package.json' && (m === root || isMember(m)) && m.project).map((m) => m.project!.name));
  const locks = new Map(manifests.filter((m) => m.kind === 'package-lock.json').map((m) => [dirOf(m.file), m]));
  const sboms = new Map<string, ManifestIndex>();
  for (const m of chosen) if (m.kind === 'cyclonedx' && !sboms.has(dirOf(m.file))) sboms.set(dirOf(m.file), m);
  const usedLocks = new Set<ManifestIndex>();
  const selected = chosen
    .filter((m) => m.kind !== 'package-lock.json' || !chosen.some((p) => p.kind === 'package.json' && dirOf(p.file) === dirOf(m.file)))
    .map((m) => {
      if (m.kind !== 'package.json' && m.kind !== 'requirements.txt' && m.kind !== 'pyproject.toml') return m;
      const dir = dirOf(m.file);
      if (m.kind === 'package.json') for (const d of selfAndParents(dir)) if (locks.has(d)) usedLocks.add(locks.get(d)!);
      const sbom = sboms.get(dir) ?? sboms.get('');
      return {
        ...m,
        dependencies: m.dependencies.map((d) => {
          let out = d;
          if (m.kind === 'package.json' && (d.source === 'registry' || d.source === 'file') && ownPackages.has(d.name)) out = { ...out, source: 'workspace' };
          if (out.version || out.source === 'workspace') return out;
          const version = (m.kind === 'package.json' ? lockVersion(locks, dir, d.alias ?? d.name) : undefined) ?? own(sbom?.resolved, d.name);
          return version ? { ...out, version } : out;
        }),
      };
    });
  const installed: ManifestSelection['installed'] = [];
  for (const m of [...usedLocks, ...selected.filter((x) => x.kind === 'package-lock.json')]) {
    for (const name of Object.keys(m.resolved ?? {})) if (!name.startsWith(LOCK_PATH_KEY)) installed.push({ ecosystem: 'npm', name });
  }
  return { manifests: selected, installed, partial: selected.filter(isPartialManifest).map((m) => m.file) };
}

import { Minimatch } from 'minimatch';
import { SeclifeConfig } from '../config';
import { Finding } from '../findings';
import { FileIndex, ItemDef } from '../model';
import { TraceGraph } from '../traceGraph';
import { Advisory } from './advisory';
import { Dependency, ManifestIndex } from './dependency';
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
  private result: SoupResult = { findings: [], matches: new Map(), byDependency: new Map(), hasManifests: false };
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
    return !this.result.hasManifests || (this.result.matches.get(id)?.length ?? 0) > 0;
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
    const manifests = selectManifests(all, this.config);
    const advisories: Advisory[] = all.flatMap((f) => f.advisories ?? []);
    const ids = new Set(all.flatMap((f) => f.items.filter((i) => this.soupKinds.has(i.kind)).map((i) => i.id)));
    const items: ItemDef[] = [...ids].map((id) => graph.definitions(id)[0]).filter((d): d is ItemDef => !!d);
    const before = this.result;
    this.result = checkSoup({ items, manifests, advisories, includeDev: this.config.devDependencies });
    const changedFiles = new Set<string>([...this.byFile.keys()]);
    this.byFile = new Map();
    for (const f of this.result.findings) {
      changedFiles.add(f.file);
      const list = this.byFile.get(f.file) ?? [];
      list.push(f);
      this.byFile.set(f.file, list);
    }
    const changedItems = new Set<string>();
    for (const id of new Set([...before.matches.keys(), ...this.result.matches.keys(), ...ids])) {
      if ((before.matches.get(id)?.length ?? 0) > 0 !== (this.result.matches.get(id)?.length ?? 0) > 0 || before.hasManifests !== this.result.hasManifests) {
        changedItems.add(id);
      }
    }
    return { files: changedFiles, items: changedItems };
  }
}

/**
 * The manifests that count: with `manifests` configured, every manifest file; by default
 * the root's, plus the package.json of npm workspace members, with package.json ranges
 * resolved from the package-lock.json next to them (or the root's).
 */
export function selectManifests(files: FileIndex[], config: SeclifeConfig): ManifestIndex[] {
  const manifests = files.map((f) => f.manifest).filter((m): m is ManifestIndex => !!m);
  const root = manifests.find((m) => m.file === 'package.json');
  const members = (root?.workspaces ?? []).map((g) => new Minimatch(`${g.replace(/\/$/, '')}/package.json`, { dot: true }));
  const chosen = config.manifests
    ? manifests
    : manifests.filter((m) => !m.file.includes('/') || (m.kind === 'package.json' && members.some((g) => g.match(m.file))));
  const locks = new Map(manifests.filter((m) => m.kind === 'package-lock.json').map((m) => [dirOf(m.file), m.resolved ?? {}]));
  return chosen
    .filter((m) => m.kind !== 'package-lock.json' || !chosen.some((p) => p.kind === 'package.json' && dirOf(p.file) === dirOf(m.file)))
    .map((m) => {
      if (m.kind !== 'package.json') return m;
      const lock = locks.get(dirOf(m.file)) ?? locks.get('') ?? {};
      return { ...m, dependencies: m.dependencies.map((d) => (d.version || !lock[d.alias ?? d.name] ? d : { ...d, version: lock[d.alias ?? d.name] })) };
    });
}

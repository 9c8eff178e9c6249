/**
 * The resolved dependency graph of a lockfile or SBOM (docs/soup.md, The whole dependency
 * graph): what formats build ({@link GraphBuilder}) and what the SOUP check asks of it
 * (which packages a direct dependency brings in, and by which path).
 */
import { DependencyGraph, Ecosystem, ResolvedPackage } from './dependency';
import { normalizeName } from './ecosystems';
import { setResolved } from './manifestCommon';

/** Collects a file's packages and edges; {@link build} drops edges to unknown keys and self-edges. */
export class GraphBuilder {
  private readonly packages = new Map<string, ResolvedPackage>();
  private readonly importers: Record<string, Record<string, string>> = Object.create(null);

  constructor(private readonly edges = true) {}

  /** Adds a package (a second one with the same key is ignored); returns the kept one. */
  add(pkg: Omit<ResolvedPackage, 'dependsOn'> & { dependsOn?: string[] }): ResolvedPackage {
    const had = this.packages.get(pkg.key);
    if (had) return had;
    const kept: ResolvedPackage = { ...pkg, dependsOn: pkg.dependsOn ?? [] };
    this.packages.set(pkg.key, kept);
    return kept;
  }

  has(key: string): boolean {
    return this.packages.has(key);
  }

  get(key: string): ResolvedPackage | undefined {
    return this.packages.get(key);
  }

  /** Records an edge `from → to` (keys). */
  depend(from: string, to: string): void {
    const p = this.packages.get(from);
    if (p && from !== to && !p.dependsOn.includes(to)) p.dependsOn.push(to);
  }

  /** A direct dependency of the project (`dir` `''`) or of the workspace member in `dir`. */
  direct(dir: string, name: string, key: string): void {
    if (name === '__proto__' || dir === '__proto__') return;
    const map = this.importers[dir] ?? (this.importers[dir] = Object.create(null));
    map[name] = key;
  }

  build(): DependencyGraph {
    const packages = [...this.packages.values()];
    for (const p of packages) p.dependsOn = p.dependsOn.filter((k) => this.packages.has(k) && k !== p.key);
    return { packages, importers: this.importers, edges: this.edges };
  }
}

/** `resolved` for a graph: each package name → its version (the first one listed wins). */
export function resolvedOf(graph: DependencyGraph, into: Record<string, string> = {}): Record<string, string> {
  for (const p of graph.packages) if (p.version !== undefined) setResolved(into, p.name, p.version, false);
  return into;
}

/** The package a direct dependency resolved to: the member folder's importer, else the file's own. */
export function importedPackage(
  graph: DependencyGraph,
  dir: string,
  name: string,
): { key: string; pkg: ResolvedPackage } | undefined {
  const map = Object.hasOwn(graph.importers, dir) ? graph.importers[dir] : undefined;
  const key = map && Object.hasOwn(map, name) ? map[name] : undefined;
  if (key === undefined) return undefined;
  const pkg = packageIndex(graph).get(key);
  return pkg ? { key, pkg } : undefined;
}

const indexes = new WeakMap<DependencyGraph, Map<string, ResolvedPackage>>();

/** The graph's packages by key (built once per graph). */
export function packageIndex(graph: DependencyGraph): Map<string, ResolvedPackage> {
  let index = indexes.get(graph);
  if (!index) {
    index = new Map(graph.packages.map((p) => [p.key, p]));
    indexes.set(graph, index);
  }
  return index;
}

/** A package reached from a direct dependency, with the shortest path to it (the direct dependency first). */
export interface ReachedPackage {
  pkg: ResolvedPackage;
  /** From the direct dependency down to the package's parent (`[express]` for qs under express). */
  via: ResolvedPackage[];
}

/**
 * Every package a direct dependency brings in (itself excluded), breadth first so each
 * path is a shortest one; cycles are followed once. `limit` bounds the work on a huge graph.
 */
export function reachableFrom(graph: DependencyGraph, rootKey: string, limit = 1_000_000): ReachedPackage[] {
  const index = packageIndex(graph);
  const root = index.get(rootKey);
  if (!root) return [];
  const parent = new Map<string, string>([[rootKey, '']]);
  const out: ReachedPackage[] = [];
  const queue = [rootKey];
  for (let i = 0; i < queue.length && parent.size < limit; i++) {
    const from = index.get(queue[i])!;
    for (const to of from.dependsOn) {
      if (parent.has(to) || !index.has(to)) continue;
      parent.set(to, from.key);
      queue.push(to);
    }
  }
  for (const key of queue.slice(1)) {
    const via: ResolvedPackage[] = [];
    for (let k = parent.get(key)!; k !== ''; k = parent.get(k)!) via.unshift(index.get(k)!);
    out.push({ pkg: index.get(key)!, via });
  }
  return out;
}

/** `express@4.21.2` (a package as a path names it). */
export function packageLabel(p: Pick<ResolvedPackage, 'name' | 'version'>): string {
  return p.version ? `${p.name}@${p.version}` : p.name;
}

/** `qs@6.13.0 via express@4.21.2 > body-parser@1.20.3` (the path names the direct dependency first). */
export function pathLabel(reached: ReachedPackage): string {
  return `${packageLabel(reached.pkg)} via ${reached.via.map(packageLabel).join(' > ')}`;
}

/** The key a package is compared by across files: ecosystem, normalized name, version. */
export function packageIdentity(p: { ecosystem: Ecosystem; name: string; version?: string }): string {
  return `${p.ecosystem}\u0000${normalizeName(p.name, p.ecosystem)}\u0000${p.version ?? ''}`;
}

/**
 * Which direct dependency brings in each indirect package of a lockfile's or SBOM's graph
 * (docs/soup.md, The whole dependency graph). One breadth-first walk per graph from all of
 * its direct dependencies at once gives every package a shortest path; direct dependencies
 * that have a SOUP item are walked first, so a package several of them bring in sits under
 * one that can record a disposition for it.
 */
import { Dependency, DependencyGraph, ResolvedPackage } from './dependency';
import { packageIndex } from './dependencyGraph';

/** The longest path kept for a package (deeper ones show their first steps). */
const MAX_PATH = 32;

/** An indirect package and the direct dependency it is reached from. */
export interface IndirectPackage {
  /** The lockfile or SBOM it is resolved in. */
  file: string;
  pkg: ResolvedPackage;
  /** The path from the direct dependency down to its parent (`[express]` for qs under express); empty when the format records no edges. */
  via: ResolvedPackage[];
  /** The direct dependency at the start of the path (as a manifest declares it), when one is known. */
  root?: Dependency;
}

/**
 * Every package of `graph` that is not itself a direct dependency, with its path.
 * `roots`: the direct dependencies resolved in this graph (their `node.key` in it), in
 * priority order. A graph without edges gives every package an empty path and no root.
 */
export function indirectPackages(
  file: string,
  graph: DependencyGraph,
  roots: readonly Dependency[],
): IndirectPackage[] {
  const index = packageIndex(graph);
  const rootOf = new Map<string, Dependency>();
  for (const d of roots) if (d.node && index.has(d.node.key) && !rootOf.has(d.node.key)) rootOf.set(d.node.key, d);
  // Importers' packages no declaration names (a standalone lockfile's own direct dependencies).
  const seeds = [...rootOf.keys()];
  for (const names of Object.values(graph.importers))
    for (const key of Object.values(names)) if (index.has(key) && !rootOf.has(key)) seeds.push(key);
  const direct = new Set(seeds);
  if (!graph.edges) {
    return graph.packages.filter((p) => !direct.has(p.key)).map((pkg) => ({ file, pkg, via: [] }));
  }
  const parent = new Map<string, string>();
  const seed = new Map<string, string>();
  for (const key of seeds) {
    parent.set(key, '');
    seed.set(key, key);
  }
  const queue = [...seeds];
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i];
    for (const to of index.get(from)!.dependsOn) {
      if (parent.has(to) || !index.has(to)) continue;
      parent.set(to, from);
      seed.set(to, seed.get(from)!);
      queue.push(to);
    }
  }
  // Paths in walk order (a parent's before its children's), at most MAX_PATH long: a deeper
  // package shows the first MAX_PATH steps of its path.
  const out: IndirectPackage[] = [];
  const paths = new Map<string, ResolvedPackage[]>();
  for (const key of queue) {
    const up = parent.get(key)!;
    const above = up === '' ? undefined : paths.get(up)!;
    const path = above === undefined ? [] : above.length < MAX_PATH ? [...above, index.get(up)!] : above;
    paths.set(key, path);
    if (direct.has(key)) continue;
    const root = rootOf.get(seed.get(key)!);
    out.push({ file, pkg: index.get(key)!, via: path, ...(root ? { root } : {}) });
  }
  // Packages no direct dependency reaches (an SBOM's stray component, a pruned edge): no path.
  for (const p of graph.packages) if (!parent.has(p.key)) out.push({ file, pkg: p, via: [] });
  return out;
}

/**
 * What the Python lockfiles (poetry.lock, uv.lock, pdm.lock, Pipfile.lock) share
 * (docs/soup.md, The whole dependency graph): package keys, the direct dependencies taken
 * from a graph, and the roots of a lockfile that does not say which packages are direct.
 */
import { Range } from '../../findings';
import { Dependency, DependencyGraph, ManifestIndex, ResolvedPackage } from '../dependency';
import { GraphBuilder, packageIndex, resolvedOf } from '../dependencyGraph';
import { normalizePypiName, Problem, pypiPurl, readEntry } from '../manifestCommon';
import { entryOf, tableAt } from '../pythonManifest';

/** The key of a locked package: `name@version` (PEP 503 name), or the name alone without a version. */
export function lockKey(name: string, version?: string): string {
  const n = normalizePypiName(name);
  return version ? `${n}@${version}` : n;
}

/** Adds a locked package under {@link lockKey}; returns its key. */
export function addLocked(
  graph: GraphBuilder,
  name: string,
  version: string | undefined,
  range: Range,
  flags: { dev?: boolean; optional?: boolean } = {},
): string {
  const n = normalizePypiName(name);
  const key = lockKey(n, version);
  graph.add({
    key,
    name: n,
    ...(version ? { version } : {}),
    ecosystem: 'pypi',
    ...(version ? { purl: pypiPurl(n, version) } : {}),
    ...(flags.dev ? { dev: true } : {}),
    ...(flags.optional ? { optional: true } : {}),
    range,
  });
  return key;
}

/** Keys by PEP 503 name, in file order: an edge that names no version goes to the first. */
export class KeysByName {
  private readonly keys = new Map<string, string[]>();

  add(name: string, key: string): void {
    const n = normalizePypiName(name);
    const list = this.keys.get(n);
    if (!list) this.keys.set(n, [key]);
    else if (!list.includes(key)) list.push(key);
  }

  /** The key of `name` at `version` if locked, else the first locked `name`. */
  find(name: string, version?: string): string | undefined {
    const list = this.keys.get(normalizePypiName(name));
    if (!list) return undefined;
    if (version !== undefined) {
      const exact = lockKey(name, version);
      if (list.includes(exact)) return exact;
    }
    return list[0];
  }
}

/**
 * The packages a lockfile without a record of its direct dependencies must take as direct:
 * those no other package needs, then one of each cycle nothing outside reaches, so every
 * package is a direct dependency or reachable from one.
 */
export function rootKeys(graph: DependencyGraph): string[] {
  const needed = new Set<string>();
  for (const p of graph.packages) for (const d of p.dependsOn) needed.add(d);
  const roots = graph.packages.filter((p) => !needed.has(p.key)).map((p) => p.key);
  const index = packageIndex(graph);
  const seen = new Set<string>();
  const visit = (start: string) => {
    const stack = [start];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      for (const d of index.get(k)?.dependsOn ?? []) stack.push(d);
    }
  };
  for (const r of roots) visit(r);
  for (const p of graph.packages) {
    if (seen.has(p.key)) continue;
    roots.push(p.key);
    visit(p.key);
  }
  return roots;
}

/** A direct dependency of the lockfile's project that resolved to `pkg`. */
export function lockedDependency(
  file: string,
  pkg: ResolvedPackage,
  flags: { dev?: boolean; optional?: boolean; spec?: string; range?: Range } = {},
): Dependency {
  const dep: Dependency = {
    name: pkg.name,
    ecosystem: 'pypi',
    direct: true,
    source: 'registry',
    file,
    range: flags.range ?? pkg.range,
    node: { file, key: pkg.key },
  };
  if (flags.spec !== undefined) dep.spec = flags.spec;
  if (pkg.version) {
    dep.version = pkg.version;
    dep.purl = pkg.purl ?? pypiPurl(pkg.name, pkg.version);
  }
  if (flags.dev ?? pkg.dev) dep.dev = true;
  if (flags.optional ?? pkg.optional) dep.optional = true;
  return dep;
}

/**
 * Marks as `dev` every package only development dependencies bring in: not reachable from a
 * direct dependency that is not dev (the format records groups for the direct ones only).
 */
export function markDevOnly(graph: DependencyGraph, directs: Array<{ key: string; dev?: boolean }>): void {
  const index = packageIndex(graph);
  const reach = (keys: string[]) => {
    const seen = new Set<string>();
    const stack = [...keys];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      for (const d of index.get(k)?.dependsOn ?? []) stack.push(d);
    }
    return seen;
  };
  const prod = reach(directs.filter((d) => !d.dev).map((d) => d.key));
  const dev = reach(directs.filter((d) => d.dev).map((d) => d.key));
  for (const p of graph.packages) if (dev.has(p.key) && !prod.has(p.key)) p.dev = true;
}

/** Fills `graph` and `resolved` of a lockfile's index. */
export function setGraph(index: ManifestIndex, graph: DependencyGraph): void {
  index.graph = graph;
  index.resolved = resolvedOf(graph);
}

/**
 * For a lockfile that does not record its direct dependencies (poetry.lock, pdm.lock): the
 * roots of its graph become its direct dependencies, with a note saying so.
 */
export function rootsAsDirect(index: ManifestIndex, graph: DependencyGraph, tool: string): void {
  const byKey = packageIndex(graph);
  for (const key of rootKeys(graph)) {
    const pkg = byKey.get(key)!;
    graph.importers[''] ??= Object.create(null) as Record<string, string>;
    if (pkg.name !== '__proto__') graph.importers[''][pkg.name] = key;
    index.dependencies.push(lockedDependency(index.file, pkg));
  }
  (index.notes ??= []).push(
    `${index.file} does not record which packages the project depends on directly: the ones no other ` +
      `locked package needs are taken as direct; next to its ${tool} it only supplies versions and the graph`,
  );
}

/** A `[[package]]` entry the list walk hands to its reader: the table, its name and version, where it is. */
export interface LockPackageEntry {
  table: Record<string, unknown> | undefined;
  name: string;
  version?: string;
  index: number;
  range: () => Range;
}

/**
 * Reads a TOML lockfile's `[[package]]` list (poetry.lock, uv.lock, pdm.lock): each entry
 * guarded by `readEntry`, located at its header, one without a name a problem. `read`
 * returns the entry's graph key (or undefined to leave it out of the graph); the keys come
 * back by position, for the edge pass.
 */
export function readLockPackages(
  list: readonly unknown[],
  problems: Problem[],
  at: (i: number) => Range,
  read: (entry: LockPackageEntry) => string | undefined,
): Array<string | undefined> {
  const keys: Array<string | undefined> = [];
  list.forEach((p, i) => {
    const range = () => at(i);
    readEntry(
      problems,
      () => `package ${i + 1}`,
      range,
      () => {
        const table = tableAt(p);
        const name = entryOf(table, 'name');
        const version = entryOf(table, 'version');
        if (typeof name !== 'string' || name === '') {
          problems.push({ message: `package ${i + 1} has no name`, range: range() });
          return;
        }
        keys[i] = read({ table, name, ...(typeof version === 'string' ? { version } : {}), index: i, range });
      },
    );
  });
  return keys;
}

/**
 * The end of a lockfile that does not say which packages are direct (poetry.lock,
 * pdm.lock): its graph's roots stand in for them (a note says so), dev-only packages are
 * flagged, and the graph and its versions go into the index.
 */
export function finishRootedLock(index: ManifestIndex, graph: GraphBuilder, tool: string): ManifestIndex {
  const built = graph.build();
  rootsAsDirect(index, built, tool);
  markDevOnly(
    built,
    index.dependencies.map((d) => ({ key: d.node!.key, dev: d.dev })),
  );
  setGraph(index, built);
  return index;
}

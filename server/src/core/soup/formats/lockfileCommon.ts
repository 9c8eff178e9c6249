/**
 * Helpers shared by the pnpm, yarn and bun lockfile readers (docs/soup.md, Which manifests
 * are read; The whole dependency graph): the size limit, the dev/optional flags of packages
 * that only one kind of dependency brings in, and a direct dependency built from a lockfile
 * entry.
 */
import { Range } from '../../findings';
import { Dependency, DependencyGraph, ManifestIndex } from '../dependency';
import { packageIndex } from '../dependencyGraph';
import { classifyNpmSpec, NpmSpec } from '../npmManifest';
import { npmPurl, Problem } from '../manifestCommon';

/** Lockfiles larger than this are not read (a problem says so): parsing stays bounded in time and memory. */
export const MAX_LOCKFILE_CHARS = 32 * 1024 * 1024;

/** The problem for a lockfile over {@link MAX_LOCKFILE_CHARS}, else undefined. */
export function tooLarge(file: string, text: string): Problem | undefined {
  if (text.length <= MAX_LOCKFILE_CHARS) return undefined;
  return {
    message: `${file} is too large to read (${text.length} characters, at most ${MAX_LOCKFILE_CHARS}): no dependencies were read from it`,
    range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
  };
}

/** An empty index of a lockfile format (`resolved` and `graph` filled in by the reader). */
export function emptyLockIndex(file: string, kind: string, problems: Problem[] = []): ManifestIndex {
  return { file, kind, dependencies: [], resolved: {}, problems };
}

/**
 * Sets `flag` on every package reached from `others` but not from `required` (following
 * every edge except those `weak` says are not required): a package only dev dependencies
 * bring in is `dev`, one only optional dependencies bring in is `optional`.
 */
export function flagReachedOnlyFrom(
  graph: DependencyGraph,
  flag: 'dev' | 'optional',
  required: Iterable<string>,
  others: Iterable<string>,
  weak?: (from: string, to: string) => boolean,
): void {
  const index = packageIndex(graph);
  const walk = (roots: Iterable<string>, skipWeak: boolean): Set<string> => {
    const seen = new Set<string>();
    const queue: string[] = [];
    for (const r of roots) if (index.has(r) && !seen.has(r)) seen.add(r), queue.push(r);
    for (let i = 0; i < queue.length; i++) {
      for (const to of index.get(queue[i])!.dependsOn) {
        if (seen.has(to) || !index.has(to) || (skipWeak && weak?.(queue[i], to))) continue;
        seen.add(to);
        queue.push(to);
      }
    }
    return seen;
  };
  const requiredSet = walk(required, true);
  for (const key of walk([...requiredSet, ...others], false)) if (!requiredSet.has(key)) index.get(key)![flag] = true;
}

/** What a lockfile says about one direct dependency of the project or of a workspace member. */
export interface LockedDirect {
  /** The name the manifest uses (an alias as written). */
  name: string;
  /** The specifier as written in package.json (`^4.18.2`, `npm:helmet@7.1.0`, `workspace:*`). */
  specifier: string;
  dev: boolean;
  optional: boolean;
  /** The graph key it resolved to, when it is a package. */
  key?: string;
  /** The real package name and version from the lockfile's entry (an alias's target). */
  realName?: string;
  version?: string;
  /** Known to be the project's own code (a workspace member, a linked folder). */
  own?: 'workspace' | 'file';
  range: Range;
}

/** The {@link Dependency} for a lockfile's direct dependency (the npm rules of package.json for its specifier). */
export function lockedDependency(file: string, d: LockedDirect, members?: ReadonlySet<string>): Dependency {
  const s: NpmSpec = classifyNpmSpec(d.name, d.specifier, members);
  const source = d.own ?? s.source;
  const name = d.realName ?? s.name;
  const dep: Dependency = { name, ecosystem: 'npm', spec: s.spec, direct: true, source, file, range: d.range };
  if (name !== d.name) dep.alias = d.name;
  const version = d.version ?? s.version;
  if (version) dep.version = version;
  if (version && (source === 'registry' || source === 'alias')) dep.purl = npmPurl(name, version);
  if (d.dev) dep.dev = true;
  if (d.optional) dep.optional = true;
  if (d.key !== undefined) dep.node = { file, key: d.key };
  return dep;
}

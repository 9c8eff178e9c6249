/**
 * packages.lock.json, NuGet's lockfile (docs/soup.md, Which manifests are read; The whole
 * dependency graph): `{ version: 1|2, dependencies: { "<target framework>": { "<name>": {
 * type, requested, resolved, dependencies: { name: range } } } } }`. `type` is `Direct`
 * (a PackageReference: importers `''`), `Transitive`, `CentralTransitive` (a transitive
 * package pinned in Directory.Packages.props) or `Project` (a ProjectReference: the
 * project's own code, not a package). Every target framework's packages are merged into one
 * graph, a package keyed by lower-case name and version (NuGet names are case-insensitive);
 * a dependency resolves to the package of that name in the same framework.
 */
import { Node as JsonNode } from 'jsonc-parser';
import { Dependency, ManifestIndex } from '../dependency';
import { GraphBuilder, resolvedOf } from '../dependencyGraph';
import {
  child,
  nodeRange,
  ownValue,
  packagePurl,
  parseJsonDocument,
  properties,
  quoted,
  readEntry,
  stringAt,
} from '../manifestCommon';
import { ManifestFormat } from './format';

const key = (name: string, version: string | undefined) => `${name.toLowerCase()}@${version ?? ''}`;

export function parseNugetLock(file: string, text: string): ManifestIndex {
  const index: ManifestIndex = { file, kind: 'packages.lock.json', dependencies: [], resolved: {}, problems: [] };
  const { lines, tree, problems } = parseJsonDocument(file, text, 'JSON');
  for (const p of problems) index.problems.push(p);
  if (!tree) return index;
  const versionNode = child(tree, 'version');
  if (versionNode?.value !== 1 && versionNode?.value !== 2)
    index.problems.push({
      message: `packages.lock.json version ${quoted(String(versionNode?.value ?? 'missing'))} is not known (1 and 2 are read): read like version 2`,
      range: versionNode ? nodeRange(lines, versionNode) : nodeRange(lines, tree),
    });
  const frameworks = child(tree, 'dependencies');
  if (frameworks?.type !== 'object') {
    index.problems.push({
      message: `'dependencies' must be an object of target frameworks; no package is read`,
      range: nodeRange(lines, frameworks ?? tree),
    });
    return index;
  }
  const builder = new GraphBuilder();
  const direct = new Map<string, { name: string; requested?: string; node: JsonNode }>();
  const frameworkEntries: Array<Map<string, { key: string; deps: string[] }>> = [];
  for (const fw of properties(frameworks)) {
    const byName = new Map<string, { key: string; deps: string[] }>();
    frameworkEntries.push(byName);
    for (const p of properties(fw.value)) {
      readEntry(
        index.problems,
        () => `package ${quoted(p.name)} (${fw.name})`,
        () => nodeRange(lines, p.key),
        () => {
          if (p.value?.type !== 'object') {
            index.problems.push({
              message: `package ${quoted(p.name)} must be an object; not read`,
              range: nodeRange(lines, p.key),
            });
            return;
          }
          const type = stringAt(p.value, 'type');
          const resolved = stringAt(p.value, 'resolved');
          const deps = properties(child(p.value, 'dependencies')).map((d) => d.name.toLowerCase());
          if (type === 'Project') return; // a ProjectReference: the project's own code
          const k = key(p.name, resolved);
          byName.set(p.name.toLowerCase(), { key: k, deps });
          builder.add({
            key: k,
            name: p.name,
            ecosystem: 'nuget',
            ...(resolved !== undefined ? { version: resolved, purl: packagePurl('nuget', p.name, resolved) } : {}),
            range: nodeRange(lines, p.key),
          });
          if (type === 'Direct') {
            builder.direct('', p.name, k);
            if (!direct.has(k)) direct.set(k, { name: p.name, requested: stringAt(p.value, 'requested'), node: p.key });
          }
        },
      );
    }
  }
  for (const byName of frameworkEntries)
    for (const { key: from, deps } of byName.values())
      for (const name of deps) {
        const to = byName.get(name);
        if (to) builder.depend(from, to.key);
      }
  index.graph = builder.build();
  resolvedOf(index.graph, index.resolved);
  const packages = new Map(index.graph.packages.map((p) => [p.key, p]));
  for (const [k, d] of direct) {
    const pkg = packages.get(k)!;
    const dep: Dependency = {
      name: d.name,
      ecosystem: 'nuget',
      direct: true,
      source: 'registry',
      file,
      range: nodeRange(lines, d.node),
      node: { file, key: k },
    };
    if (d.requested !== undefined) dep.spec = d.requested;
    if (pkg.version !== undefined) dep.version = pkg.version;
    if (pkg.purl) dep.purl = pkg.purl;
    index.dependencies.push(dep);
  }
  return index;
}

export const nugetLockFormat: ManifestFormat = {
  id: 'packages.lock.json',
  ecosystem: 'nuget',
  role: 'lockfile',
  fileNames: /^packages\.lock\.json$/,
  discovery: { names: /^packages\.lock\.json$/, folders: 'any' },
  parse: parseNugetLock,
  /** NuGet names are case-insensitive: a direct package first, then any of that name. */
  lockedVersion(lock, _dir, dependency) {
    const lower = dependency.name.toLowerCase();
    const direct = lock.graph?.importers[''] ?? {};
    const k = Object.keys(direct).find((n) => n.toLowerCase() === lower);
    const pkg = lock.graph?.packages.find((p) =>
      k !== undefined ? p.key === direct[k] : p.name.toLowerCase() === lower,
    );
    return pkg?.version ?? ownValue(lock.resolved, dependency.name);
  },
};

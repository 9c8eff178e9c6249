/**
 * Cargo.lock (docs/soup.md, Which manifests are read; The whole dependency graph): one
 * `[[package]]` per resolved package (`name`, `version`, `source`, `dependencies`). A
 * dependency is written `name`, `name version` or `name version (source)`, whichever is
 * unambiguous in the file. Packages without a `source` are the workspace's own (its members
 * and path dependencies): they are not packages of the graph, and what they depend on are
 * the direct dependencies. Cargo.lock does not say in which folder a member is, so the direct
 * dependencies of every member are the file's own (importers `''`). Lockfile `version` 3 and
 * 4 are read; a file without one (the older formats 1 and 2) is read the same way, with a note.
 */
import { Range } from '../../findings';
import { Dependency, ManifestIndex } from '../dependency';
import { GraphBuilder, packageIndex, resolvedOf } from '../dependencyGraph';
import { ownValue, packagePurl, quoted, readEntry, shownValue } from '../manifestCommon';
import { ManifestFormat } from './format';
import { parseToml, str, table, TomlLines, tomlProblem } from './tomlLines';

interface LockPackage {
  key: string;
  name: string;
  version?: string;
  source?: string;
  dependsOn: string[];
  range: Range;
}

function sourceKind(source: string): Dependency['source'] {
  if (source.startsWith('registry+') || source.startsWith('sparse+')) return 'registry';
  if (source.startsWith('git+')) return 'git';
  return 'file';
}

export function parseCargoLock(file: string, text: string): ManifestIndex {
  const index: ManifestIndex = { file, kind: 'Cargo.lock', dependencies: [], resolved: {}, problems: [] };
  const lines = new TomlLines(text);
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch (e) {
    index.problems.push(tomlProblem(file, e, lines));
    return index;
  }
  const version = doc.version;
  if (version === undefined) {
    (index.notes ??= []).push(
      'Cargo.lock without a `version` (lockfile format 1 or 2, Cargo before 1.53): read like format 3',
    );
  } else if (version !== 3 && version !== 4) {
    index.problems.push({
      message: `Cargo.lock version ${quoted(shownValue(version))} is not known (3 and 4 are read): read like version 4, some entries may be misread`,
      range: lines.locate('', 'version'),
    });
  }
  const list = Array.isArray(doc.package) ? doc.package : [];
  if (doc.package !== undefined && !Array.isArray(doc.package))
    index.problems.push({
      message: `'package' must be an array of tables; no package is read`,
      range: lines.locate('package'),
    });

  const packages: LockPackage[] = [];
  const byName = new Map<string, LockPackage[]>();
  const keys = new Set<string>();
  list.forEach((raw, i) => {
    const at = () => lines.keyInElement('package', i, 'name') ?? lines.first();
    readEntry(
      index.problems,
      () => `package ${quoted(str(table(raw)?.name) ?? `#${i + 1}`)}`,
      at,
      () => {
        const entry = table(raw);
        const name = str(entry?.name);
        if (!entry || !name) {
          index.problems.push({ message: `a [[package]] without a name is not read`, range: at() });
          return;
        }
        const v = str(entry.version);
        const source = str(entry.source);
        let key = v !== undefined ? `${name} ${v}` : name;
        if (keys.has(key) && source) key = `${key} (${source})`;
        if (keys.has(key)) key = `${key} #${i + 1}`;
        keys.add(key);
        const deps = Array.isArray(entry.dependencies) ? entry.dependencies.filter((d) => typeof d === 'string') : [];
        const p: LockPackage = { key, name, version: v, source, dependsOn: deps as string[], range: at() };
        packages.push(p);
        (byName.get(name) ?? byName.set(name, []).get(name)!).push(p);
      },
    );
  });

  // `name`, `name version` or `name version (source)`.
  const resolve = (ref: string): LockPackage | undefined => {
    const [name, version, ...rest] = ref.trim().split(/\s+/);
    const source = rest.join(' ').replace(/^\(/, '').replace(/\)$/, '');
    return byName
      .get(name)
      ?.find((p) => (version === undefined || p.version === version) && (!source || p.source === source));
  };

  const builder = new GraphBuilder();
  for (const p of packages) {
    if (p.source === undefined) continue;
    builder.add({
      key: p.key,
      name: p.name,
      ...(p.version !== undefined ? { version: p.version, purl: packagePurl('cargo', p.name, p.version) } : {}),
      ecosystem: 'cargo',
      range: p.range,
    });
  }
  const own = packages.filter((p) => p.source === undefined);
  for (const p of packages) {
    for (const ref of p.dependsOn) {
      const to = resolve(ref);
      if (!to || to.source === undefined) continue;
      if (p.source !== undefined) builder.depend(p.key, to.key);
      else builder.direct('', to.name, to.key);
    }
  }
  const graph = builder.build();
  index.graph = graph;
  resolvedOf(graph, index.resolved);

  // The project: the one own package no other own package depends on.
  const dependedOn = new Set(own.flatMap((p) => p.dependsOn.map((r) => resolve(r)?.key)));
  const roots = own.filter((p) => !dependedOn.has(p.key));
  if (roots.length === 1)
    index.project = { name: roots[0].name, ...(roots[0].version ? { version: roots[0].version } : {}) };

  const byKey = packageIndex(graph);
  const lockByKey = new Map(packages.map((p) => [p.key, p]));
  const importers = graph.importers[''] ?? {};
  for (const name of Object.keys(importers)) {
    const pkg = byKey.get(importers[name]);
    const lp = lockByKey.get(importers[name]);
    if (!pkg || !lp) continue;
    const dep: Dependency = {
      name,
      ecosystem: 'cargo',
      direct: true,
      source: sourceKind(lp.source ?? ''),
      file,
      range: pkg.range,
      node: { file, key: pkg.key },
    };
    if (pkg.version !== undefined) dep.version = pkg.version;
    if (pkg.purl) dep.purl = pkg.purl;
    index.dependencies.push(dep);
  }
  return index;
}

export const cargoLockFormat: ManifestFormat = {
  id: 'Cargo.lock',
  ecosystem: 'cargo',
  role: 'lockfile',
  fileNames: /^Cargo\.lock$/,
  discovery: { names: /^Cargo\.lock$/, folders: 'any' },
  parse: parseCargoLock,
  /** The version a workspace member depends on (a crate may be locked at several versions). */
  lockedVersion(lock, _dir, dependency) {
    const key = ownValue(lock.graph?.importers[''], dependency.name);
    const pkg = key !== undefined && lock.graph ? packageIndex(lock.graph).get(key) : undefined;
    return pkg?.version ?? ownValue(lock.resolved, dependency.name);
  },
};

/**
 * uv's uv.lock (docs/soup.md, Which manifests are read): `version = 1`, `[[package]]` entries
 * with `dependencies = [{ name, version?, marker? }]`, `[package.optional-dependencies]` and
 * `[package.dev-dependencies]`. The project and its workspace members are the packages whose
 * `source` is `{ editable = "<dir>" }` or `{ virtual = "<dir>" }`: they are the `project` and
 * the importers, never SOUP, and their dependencies are the direct ones (ranged at their item
 * in the project's list).
 */
import { Dependency, ManifestIndex } from '../dependency';
import { GraphBuilder, packageIndex } from '../dependencyGraph';
import { normalizePypiName, Problem, quoted, rangeAt, shownValue } from '../manifestCommon';
import { entryOf, tableAt, tomlFileProblem } from '../pythonManifest';
import { ManifestFormat } from './format';
import { addLocked, KeysByName, lockedDependency, markDevOnly, readLockPackages, setGraph } from './pythonLock';
import { arrayItems, elementRange, keyRange, TomlTable, tomlDocument, topRange } from './tomlPositions';

interface Member {
  dir: string;
  name: string;
  version?: string;
  table: TomlTable | undefined;
  index: number;
}

/** `.` → ``, `./packages/a/` → `packages/a` (the member's folder relative to the lockfile's). */
function memberDir(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(?:\.\/)+/, '')
    .replace(/^\.$/, '')
    .replace(/(?<!\/)\/+$/, '');
}

interface DepRef {
  name: string;
  version?: string;
  /** Index of the item in its array. */
  at: number;
}

/** The `{ name, version? }` tables of a dependency list. */
function depRefs(v: unknown): DepRef[] {
  if (!Array.isArray(v)) return [];
  const out: DepRef[] = [];
  v.forEach((item, at) => {
    const name = entryOf(tableAt(item), 'name');
    const version = entryOf(tableAt(item), 'version');
    if (typeof name === 'string') out.push(typeof version === 'string' ? { name, version, at } : { name, at });
  });
  return out;
}

export function parseUvLock(file: string, text: string): ManifestIndex {
  const doc = tomlDocument(text);
  const problems: Problem[] = [];
  const index: ManifestIndex = { file, kind: 'uv.lock', dependencies: [], problems };
  if (!doc.value) {
    problems.push(tomlFileProblem(file, doc));
    return index;
  }
  const version = entryOf(doc.value, 'version');
  if (version === undefined || Number(version) !== 1) {
    problems.push({
      message: `${file} has version ${version === undefined ? 'none' : quoted(shownValue(version))}: only uv lockfile version 1 is read, its packages were not`,
      range: keyRange(doc, ['version']) ?? topRange(doc),
    });
    return index;
  }
  const packages = entryOf(doc.value, 'package');
  const list = Array.isArray(packages) ? packages : [];
  const graph = new GraphBuilder();
  const names = new KeysByName();
  const members: Member[] = [];
  const keys = readLockPackages(
    list,
    problems,
    (i) => elementRange(doc, ['package'], i) ?? topRange(doc),
    ({ table: t, name, version: v, index: i, range }) => {
      const source = tableAt(entryOf(t, 'source'));
      const local = entryOf(source, 'editable') ?? entryOf(source, 'virtual');
      if (typeof local === 'string') {
        const member: Member = { dir: memberDir(local), name: normalizePypiName(name), table: t, index: i };
        if (v !== undefined) member.version = v;
        members.push(member);
        return undefined;
      }
      const key = addLocked(graph, name, v, range());
      names.add(name, key);
      return key;
    },
  );
  list.forEach((p, i) => {
    const from = keys[i];
    if (from === undefined) return;
    const t = tableAt(p);
    const refs = [
      ...depRefs(entryOf(t, 'dependencies')),
      ...Object.values(tableAt(entryOf(t, 'optional-dependencies')) ?? {}).flatMap(depRefs),
    ];
    for (const r of refs) {
      const to = names.find(r.name, r.version);
      if (to !== undefined) graph.depend(from, to);
    }
  });
  const built = graph.build();
  const byKey = packageIndex(built);
  const directs: Array<{ key: string; dev?: boolean }> = [];
  const listed = new Set<string>();
  for (const m of members) {
    if (m.dir === '') index.project = m.version ? { name: m.name, version: m.version } : { name: m.name };
    const groups: Array<{ refs: DepRef[]; path: string[]; dev?: boolean; optional?: boolean }> = [
      { refs: depRefs(entryOf(m.table, 'dependencies')), path: ['package', 'dependencies'] },
      ...Object.entries(tableAt(entryOf(m.table, 'optional-dependencies')) ?? {}).map(([extra, v]) => ({
        refs: depRefs(v),
        path: ['package', 'optional-dependencies', extra],
        optional: true,
      })),
      ...Object.entries(tableAt(entryOf(m.table, 'dev-dependencies')) ?? {}).map(([group, v]) => ({
        refs: depRefs(v),
        path: ['package', 'dev-dependencies', group],
        dev: true,
      })),
    ];
    for (const g of groups) {
      const items = arrayItems(doc, g.path, m.index);
      for (const r of g.refs) {
        const key = names.find(r.name, r.version);
        const pkg = key !== undefined ? byKey.get(key) : undefined;
        if (!pkg) continue; // a workspace member or a package the lock leaves out
        const importer = (built.importers[m.dir] ??= Object.create(null) as Record<string, string>);
        if (pkg.name !== '__proto__' && importer[pkg.name] === undefined) importer[pkg.name] = pkg.key;
        directs.push({ key: pkg.key, dev: g.dev });
        const id = `${pkg.key}\u0000${g.dev ? 'dev' : ''}`;
        if (listed.has(id)) continue;
        listed.add(id);
        // Ranged at its item in the project's list, else at the project's entry.
        const item = items[r.at];
        const flags: { dev?: boolean; optional?: boolean; range?: Dependency['range'] } = {
          range: item
            ? rangeAt(doc.lines, item.start, item.end)
            : (elementRange(doc, ['package'], m.index) ?? pkg.range),
        };
        if (g.dev) flags.dev = true;
        if (g.optional) flags.optional = true;
        index.dependencies.push(lockedDependency(file, pkg, flags));
      }
    }
  }
  if (members.length === 0)
    (index.notes ??= []).push(
      `${file} names no project (no package with source editable or virtual): its packages are listed, none as direct`,
    );
  markDevOnly(built, directs);
  setGraph(index, built);
  return index;
}

export const uvLockFormat: ManifestFormat = {
  id: 'uv.lock',
  ecosystem: 'pypi',
  role: 'lockfile',
  fileNames: /^uv\.lock$/,
  discovery: { names: /^uv\.lock$/, folders: 'any' },
  parse: (path, text) => parseUvLock(path, text),
};

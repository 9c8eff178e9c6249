/**
 * pipenv's Pipfile.lock (JSON; docs/soup.md, Which manifests are read): `_meta.pipfile-spec`
 * 6, `default` (installed) and `develop` (as `dev: true`) maps of package → `{ version:
 * "==x", hashes, markers }` or a git/path/file entry. It records no edges (`edges: false`)
 * and lists every installed package without saying which are direct: each is taken as direct
 * (a note says so); next to its Pipfile it only supplies versions.
 */
import { ManifestIndex } from '../dependency';
import { GraphBuilder, packageIndex } from '../dependencyGraph';
import {
  child,
  nodeRange,
  normalizePypiName,
  parseJsonDocument,
  Problem,
  properties,
  quoted,
  readEntry,
  stringAt,
  shownValue,
} from '../manifestCommon';
import { ManifestFormat } from './format';
import { addLocked, lockedDependency, lockKey, setGraph } from './pythonLock';

export function parsePipfileLock(file: string, text: string): ManifestIndex {
  const { lines, tree, problems } = parseJsonDocument(file, text, 'JSON');
  const index: ManifestIndex = { file, kind: 'Pipfile.lock', dependencies: [], problems: problems as Problem[] };
  if (!tree) return index;
  const meta = child(tree, '_meta');
  const spec = child(meta, 'pipfile-spec');
  if (spec?.type !== 'number' || spec.value !== 6) {
    index.problems.push({
      message: `${file} has pipfile-spec ${spec ? quoted(shownValue(spec.value)) : 'none'}: only pipfile-spec 6 is read, its packages were not`,
      range: nodeRange(lines, spec ?? meta ?? tree),
    });
    return index;
  }
  const graph = new GraphBuilder(false);
  const dev = new Set<string>();
  for (const section of ['default', 'develop'] as const) {
    for (const p of properties(child(tree, section))) {
      readEntry(
        index.problems,
        () => `package ${quoted(p.name)}`,
        () => nodeRange(lines, p.key),
        () => {
          const pin = /^={2,3}\s*(\S+)$/.exec(stringAt(p.value, 'version') ?? '');
          const version = pin?.[1];
          const key = lockKey(p.name, version);
          if (graph.has(key)) return; // in both sections: installed for production
          addLocked(graph, p.name, version, nodeRange(lines, p.key));
          if (section === 'develop') dev.add(key);
        },
      );
    }
  }
  const built = graph.build();
  const byKey = packageIndex(built);
  for (const p of built.packages) {
    if (dev.has(p.key)) p.dev = true;
    const importer = (built.importers[''] ??= Object.create(null) as Record<string, string>);
    if (p.name !== '__proto__') importer[normalizePypiName(p.name)] = p.key;
    index.dependencies.push(lockedDependency(file, byKey.get(p.key)!));
  }
  (index.notes ??= []).push(
    `${file} lists every installed package without saying which the project needs directly or which needs which: each is taken as direct`,
  );
  setGraph(index, built);
  return index;
}

export const pipfileLockFormat: ManifestFormat = {
  id: 'Pipfile.lock',
  ecosystem: 'pypi',
  role: 'lockfile',
  fileNames: /^Pipfile\.lock$/,
  discovery: { names: /^Pipfile\.lock$/, folders: 'any' },
  parse: (path, text) => parsePipfileLock(path, text),
};

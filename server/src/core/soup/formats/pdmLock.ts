/**
 * PDM's pdm.lock (docs/soup.md, Which manifests are read): `[metadata] lock_version` 4.x,
 * `[[package]]` entries with `dependencies = ["name>=1", …]` (PEP 508 strings: edges by name)
 * and `groups = ["default", "dev"]`; an entry with `extras` is the same package with its
 * extras' dependencies. The file does not say which packages the project needs directly: the
 * graph's roots stand in for them (a note says so), and next to its pyproject.toml it only
 * supplies versions and the graph.
 */
import { ManifestIndex } from '../dependency';
import { GraphBuilder } from '../dependencyGraph';
import { Problem, quoted } from '../manifestCommon';
import { entryOf, parsePep508, tableAt, tomlFileProblem } from '../pythonManifest';
import { ManifestFormat } from './format';
import { addLocked, finishRootedLock, KeysByName, lockKey, readLockPackages } from './pythonLock';
import { elementRange, keyRange, tomlDocument, topRange } from './tomlPositions';

const SUPPORTED = /^4(?:\.\d+)*$/;

export function parsePdmLock(file: string, text: string): ManifestIndex {
  const doc = tomlDocument(text);
  const problems: Problem[] = [];
  const index: ManifestIndex = { file, kind: 'pdm.lock', dependencies: [], problems };
  if (!doc.value) {
    problems.push(tomlFileProblem(file, doc));
    return index;
  }
  const lockVersion = entryOf(tableAt(entryOf(doc.value, 'metadata')), 'lock_version');
  if (typeof lockVersion !== 'string' || !SUPPORTED.test(lockVersion)) {
    problems.push({
      message: `${file} has lock_version ${typeof lockVersion === 'string' ? quoted(lockVersion) : 'none'}: only PDM lock_version 4.x is read, its packages were not`,
      range: keyRange(doc, ['metadata', 'lock_version']) ?? topRange(doc),
    });
    return index;
  }
  const packages = entryOf(doc.value, 'package');
  const list = Array.isArray(packages) ? packages : [];
  const graph = new GraphBuilder();
  const names = new KeysByName();
  const keys = readLockPackages(
    list,
    problems,
    (i) => elementRange(doc, ['package'], i) ?? topRange(doc),
    ({ table: t, name, version: v, range }) => {
      const groups = entryOf(t, 'groups');
      const dev = Array.isArray(groups) && groups.length > 0 && !groups.includes('default');
      // The `extras` entry of a package is the package itself: its edges join the plain entry's.
      const key = graph.has(lockKey(name, v)) ? lockKey(name, v) : addLocked(graph, name, v, range(), { dev });
      names.add(name, key);
      return key;
    },
  );
  list.forEach((p, i) => {
    const from = keys[i];
    const deps = entryOf(tableAt(p), 'dependencies');
    if (from === undefined || !Array.isArray(deps)) return;
    for (const d of deps) {
      const req = typeof d === 'string' ? parsePep508(d) : undefined;
      const to = req ? names.find(req.name, req.version) : undefined;
      if (to !== undefined) graph.depend(from, to);
    }
  });
  return finishRootedLock(index, graph, 'pyproject.toml');
}

export const pdmLockFormat: ManifestFormat = {
  id: 'pdm.lock',
  ecosystem: 'pypi',
  role: 'lockfile',
  fileNames: /^pdm\.lock$/,
  discovery: { names: /^pdm\.lock$/, folders: 'any' },
  parse: (path, text) => parsePdmLock(path, text),
};

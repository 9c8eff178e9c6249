/**
 * Poetry's poetry.lock (docs/soup.md, Which manifests are read): `[[package]]` entries with
 * `[package.dependencies]` (edges by name), `[package.extras]`, 1.x `category = "dev"` and
 * 2.x `groups = [...]`; `[metadata] lock-version` 1.x and 2.x are read. The file does not say
 * which packages the project needs directly: the graph's roots stand in for them (a note says
 * so), and next to its pyproject.toml it only supplies versions and the graph.
 */
import { ManifestIndex } from '../dependency';
import { GraphBuilder } from '../dependencyGraph';
import { Problem, quoted } from '../manifestCommon';
import { entryOf, tableAt, tomlFileProblem } from '../pythonManifest';
import { ManifestFormat } from './format';
import { addLocked, finishRootedLock, KeysByName, readLockPackages } from './pythonLock';
import { elementRange, keyRange, tomlDocument, topRange } from './tomlPositions';

const SUPPORTED = /^[12]\.\d+$/;

export function parsePoetryLock(file: string, text: string): ManifestIndex {
  const doc = tomlDocument(text);
  const problems: Problem[] = [];
  const index: ManifestIndex = { file, kind: 'poetry.lock', dependencies: [], problems };
  if (!doc.value) {
    problems.push(tomlFileProblem(file, doc));
    return index;
  }
  const metadata = tableAt(entryOf(doc.value, 'metadata'));
  const lockVersion = entryOf(metadata, 'lock-version');
  if (typeof lockVersion === 'string' && !SUPPORTED.test(lockVersion)) {
    problems.push({
      message: `${file} has lock-version ${quoted(lockVersion)}: only Poetry lock-version 1.x and 2.x are read, its packages were not`,
      range: keyRange(doc, ['metadata', 'lock-version']) ?? topRange(doc),
    });
    return index;
  }
  if (typeof lockVersion !== 'string')
    (index.notes ??= []).push(`${file} has no [metadata] lock-version: read as a Poetry 2.x lockfile`);
  const packages = entryOf(doc.value, 'package');
  const list = Array.isArray(packages) ? packages : [];
  const graph = new GraphBuilder();
  const names = new KeysByName();
  const keys = readLockPackages(
    list,
    problems,
    (i) => elementRange(doc, ['package'], i) ?? topRange(doc),
    ({ table: t, name, version, range }) => {
      const groups = entryOf(t, 'groups');
      const dev =
        entryOf(t, 'category') === 'dev' || (Array.isArray(groups) && groups.length > 0 && !groups.includes('main'));
      const key = addLocked(graph, name, version, range(), { dev, optional: entryOf(t, 'optional') === true });
      names.add(name, key);
      return key;
    },
  );
  list.forEach((p, i) => {
    const from = keys[i];
    if (from === undefined) return;
    for (const dep of Object.keys(tableAt(entryOf(tableAt(p), 'dependencies')) ?? {})) {
      const to = names.find(dep);
      if (to !== undefined) graph.depend(from, to);
    }
  });
  return finishRootedLock(index, graph, 'pyproject.toml');
}

export const poetryLockFormat: ManifestFormat = {
  id: 'poetry.lock',
  ecosystem: 'pypi',
  role: 'lockfile',
  fileNames: /^poetry\.lock$/,
  discovery: { names: /^poetry\.lock$/, folders: 'any' },
  parse: (path, text) => parsePoetryLock(path, text),
};

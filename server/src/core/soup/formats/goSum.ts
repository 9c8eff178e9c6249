/**
 * go.sum, the checksums of the Go modules a build downloaded (docs/soup.md, Which manifests
 * are read; The whole dependency graph): `module version h1:hash` is a module's code,
 * `module version/go.mod h1:hash` only its go.mod (read for version selection, its code is
 * not built: skipped). go.sum records no edges and not which modules are direct (go.mod
 * says): the graph is flat and has no importers. A module may be listed at several versions.
 */
import { LineIndex } from '../../text';
import { Dependency, ManifestIndex } from '../dependency';
import { GraphBuilder, resolvedOf } from '../dependencyGraph';
import { ownValue, packagePurl, quoted } from '../manifestCommon';
import { ManifestFormat } from './format';

/** `v1.2.3-pre+incompatible` → comparable parts (major, minor, patch, release before pre-release). */
function versionKey(v: string): [number, number, number, number, string] {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(-[^+]*)?/.exec(v);
  if (!m) return [-1, -1, -1, -1, v];
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ? 0 : 1, m[4] ?? ''];
}

export function compareGoVersions(a: string, b: string): number {
  const x = versionKey(a);
  const y = versionKey(b);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x[4] < y[4] ? -1 : x[4] > y[4] ? 1 : 0;
}

const LINE = /^(\S+)[ \t]+(\S+)[ \t]+(\S+)[ \t]*$/;

export function parseGoSum(file: string, text: string): ManifestIndex {
  const index: ManifestIndex = { file, kind: 'go.sum', dependencies: [], resolved: {}, problems: [] };
  const lines = new LineIndex(text);
  const builder = new GraphBuilder(false);
  for (let line = 1; line <= lines.lineCount; line++) {
    const s = lines.lineText(line);
    if (s.trim() === '') continue;
    const m = LINE.exec(s);
    const range = { line, column: 1, endLine: line, endColumn: Math.max(2, (m?.[1].length ?? s.length) + 1) };
    if (!m || !m[3].includes(':')) {
      if (index.problems.length < 20)
        index.problems.push({ message: `not a go.sum line ('module version hash'): ${quoted(s)}; not read`, range });
      continue;
    }
    const [, path, version] = m;
    if (version.endsWith('/go.mod')) continue;
    builder.add({
      key: `${path}@${version}`,
      name: path,
      version,
      ecosystem: 'golang',
      purl: packagePurl('golang', path, version),
      range,
    });
  }
  index.graph = builder.build();
  resolvedOf(index.graph, index.resolved);
  return index;
}

export const goSumFormat: ManifestFormat = {
  id: 'go.sum',
  ecosystem: 'golang',
  role: 'lockfile',
  fileNames: /^go\.sum$/,
  discovery: { names: /^go\.sum$/, folders: 'any' },
  parse: parseGoSum,
  /** The version go.mod requires when go.sum has its code, else the highest version go.sum lists. */
  lockedVersion(lock, _dir, dependency: Dependency) {
    const versions = (lock.graph?.packages ?? []).filter((p) => p.name === dependency.name).map((p) => p.version!);
    if (versions.length === 0) return ownValue(lock.resolved, dependency.name);
    const wanted = dependency.version ?? dependency.spec;
    if (wanted !== undefined && versions.includes(wanted)) return wanted;
    return versions.sort(compareGoVersions)[versions.length - 1];
  },
};

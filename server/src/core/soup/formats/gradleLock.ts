/**
 * gradle.lockfile, Gradle's dependency lock state (docs/soup.md, Which manifests are read;
 * The whole dependency graph): one line per locked module,
 * `group:artifact:version=configuration1,configuration2`, `#` comments, and an `empty=` line
 * naming the locked configurations that resolve to nothing. It records no edges and not
 * which modules are direct (build.gradle says): the graph is flat and has no importers. A
 * module locked only in test configurations (`testCompileClasspath`, …) is dev.
 */
import { LineIndex } from '../../text';
import { ManifestIndex } from '../dependency';
import { GraphBuilder, resolvedOf } from '../dependencyGraph';
import { ownValue, packagePurl, quoted } from '../manifestCommon';
import { ManifestFormat } from './format';
import { TEST_CONFIGURATION } from './gradleBuild';

const LINE = /^([^\s:=#]+):([^\s:=]+):([^\s:=]+)=([^\s]*)$/;

export function parseGradleLock(file: string, text: string): ManifestIndex {
  const index: ManifestIndex = { file, kind: 'gradle.lockfile', dependencies: [], resolved: {}, problems: [] };
  const lines = new LineIndex(text);
  const builder = new GraphBuilder(false);
  for (let line = 1; line <= lines.lineCount; line++) {
    const s = lines.lineText(line).trim();
    if (s === '' || s.startsWith('#') || s.startsWith('empty=')) continue;
    const m = LINE.exec(s);
    const range = { line, column: 1, endLine: line, endColumn: Math.max(2, s.indexOf('=') + 1 || s.length + 1) };
    if (!m) {
      if (index.problems.length < 20)
        index.problems.push({
          message: `not a gradle.lockfile line ('group:artifact:version=configurations'): ${quoted(s)}; not read`,
          range,
        });
      continue;
    }
    const [, group, artifact, version, configurations] = m;
    const name = `${group}:${artifact}`;
    const confs = configurations.split(',').filter(Boolean);
    builder.add({
      key: `${name}:${version}`,
      name,
      version,
      ecosystem: 'maven',
      purl: packagePurl('maven', name, version),
      ...(confs.length > 0 && confs.every((c) => TEST_CONFIGURATION.test(c)) ? { dev: true } : {}),
      range,
    });
  }
  index.graph = builder.build();
  resolvedOf(index.graph, index.resolved);
  return index;
}

export const gradleLockFormat: ManifestFormat = {
  id: 'gradle.lockfile',
  ecosystem: 'maven',
  role: 'lockfile',
  fileNames: /^gradle\.lockfile$/,
  discovery: { names: /^gradle\.lockfile$/, folders: 'any' },
  parse: parseGradleLock,
  /** A module may be locked at another version in test configurations only: the runtime one first. */
  lockedVersion(lock, _dir, dependency) {
    const same = (lock.graph?.packages ?? []).filter((p) => p.name.toLowerCase() === dependency.name.toLowerCase());
    return (same.find((p) => !p.dev) ?? same[0])?.version ?? ownValue(lock.resolved, dependency.name);
  },
};

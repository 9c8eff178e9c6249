/**
 * An `advisories`, `manifests` or `vex` glob in seclife.json that matches no file is a
 * `config-error` at the glob (docs/configuration.md): the advisories or dependencies it was
 * meant to bring in are not checked, and nothing else would say so.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { SeclifeConfig } from '../config';
import { CONFIG_FILE } from '../configLoader';
import { FileIndex, FileRoleName } from '../fileIndex';
import { Finding } from '../findings';
import { GlobList } from '../globs';
import { LineIndex } from '../text';

const KEYS: ReadonlyArray<{ key: 'advisories' | 'manifests' | 'vex'; roles: FileRoleName[]; what: string }> = [
  { key: 'advisories', roles: ['advisories'], what: 'no advisories from it are checked' },
  { key: 'manifests', roles: ['manifest'], what: 'no dependencies from it are checked' },
  { key: 'vex', roles: ['vex'], what: 'no vulnerability decisions are read from it' },
];

/** The configured globs of those keys that match none of the files of their role. */
export function unmatchedGlobFindings(
  config: SeclifeConfig,
  configText: string | undefined,
  files: readonly FileIndex[],
): Finding[] {
  const out: Finding[] = [];
  let tree: ReturnType<typeof parseTree> | undefined;
  let lines: LineIndex | undefined;
  for (const { key, roles, what } of KEYS) {
    const globs = config[key];
    if (!globs || globs.length === 0) continue;
    const paths = files.filter((f) => roles.includes(f.role)).map((f) => f.file);
    globs.forEach((glob, i) => {
      const list = new GlobList([glob]);
      if (paths.some((p) => list.matches(p))) return;
      if (configText !== undefined && tree === undefined) {
        try {
          tree = parseTree(configText) ?? undefined;
        } catch {
          tree = undefined;
        }
        lines = new LineIndex(configText);
      }
      const node = tree ? findNodeAtLocation(tree, [key, i]) : undefined;
      const start = node && lines ? lines.positionAt(node.offset) : { line: 1, column: 1 };
      const end = node && lines ? lines.positionAt(node.offset + node.length) : { line: 1, column: 2 };
      out.push({
        code: 'config-error',
        severity: 'error',
        file: CONFIG_FILE,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        message: `${key}[${i}] "${glob}" matches no file: ${what} (fix the glob, or add the file)`,
      });
    });
  }
  return out;
}

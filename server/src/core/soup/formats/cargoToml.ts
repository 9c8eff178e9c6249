/**
 * Cargo.toml, a Rust package's or workspace's manifest (docs/soup.md, Which manifests are
 * read): `[dependencies]`, `[dev-dependencies]` (dev), `[build-dependencies]`, each also under
 * `[target.'cfg(…)'.…]`; a dependency is a version requirement string or a table (`version`,
 * `path`, `git`, `package` for a rename, `optional`, `workspace = true`). `[workspace] members`
 * are the workspace's member globs, `[workspace.dependencies]` what `workspace = true` refers
 * to. Versions come from Cargo.lock (cargoLock.ts); only an `=1.2.3` requirement is a version.
 */
import { Dependency, ManifestIndex } from '../dependency';
import { packagePurl, quoted, readEntry } from '../manifestCommon';
import { ManifestFormat } from './format';
import { parseToml, str, table, TomlLines, tomlProblem } from './tomlLines';

const SECTIONS = ['dependencies', 'dev-dependencies', 'build-dependencies'] as const;

/** An exact Cargo requirement (`=1.2.3`), as a version. */
function exactVersion(spec: string): string | undefined {
  return /^\s*=\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\s*$/.exec(spec)?.[1];
}

export function parseCargoToml(file: string, text: string): ManifestIndex {
  const index: ManifestIndex = { file, kind: 'Cargo.toml', dependencies: [], problems: [] };
  const lines = new TomlLines(text);
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch (e) {
    index.problems.push(tomlProblem(file, e, lines));
    return index;
  }
  const pkg = table(doc.package);
  const name = str(pkg?.name);
  if (name) {
    const version = str(pkg?.version);
    index.project = { name, ...(version ? { version } : {}) };
  }
  const workspace = table(doc.workspace);
  if (workspace) {
    const members = workspace.members;
    if (Array.isArray(members)) index.workspaces = members.filter((m): m is string => typeof m === 'string');
    else if (members !== undefined)
      index.problems.push({
        message: `'workspace.members' must be an array of globs; the members are not read`,
        range: lines.locate('workspace', 'members'),
      });
  }
  const shared = table(workspace?.dependencies) ?? {};
  let inherited = 0;

  const read = (deps: unknown, tableName: string, dev: boolean) => {
    const entries = table(deps);
    if (!entries) {
      if (deps !== undefined)
        index.problems.push({
          message: `[${tableName}] must be a table; it is not read`,
          range: lines.locate(tableName),
        });
      return;
    }
    for (const key of Object.keys(entries)) {
      readEntry(
        index.problems,
        () => `dependency ${quoted(key)}`,
        () => lines.locate(tableName, key),
        () => {
          let value = entries[key];
          const range = lines.locate(tableName, key);
          let spec = typeof value === 'string' ? value : undefined;
          let entry = table(value);
          if (entry?.workspace === true) {
            // Inherited from [workspace.dependencies] (of this file when it is the root).
            const base = shared[key];
            if (base === undefined) inherited++;
            const merged = table(base) ?? (typeof base === 'string' ? { version: base } : {});
            value = { ...merged, ...entry };
            entry = table(value);
            spec = undefined;
          }
          if (!entry && spec === undefined) {
            index.problems.push({
              message: `dependency ${quoted(key)}: expected a version string or a table; it is not read`,
              range,
            });
            return;
          }
          const real = str(entry?.package) ?? key;
          spec ??= str(entry?.version);
          const path = str(entry?.path);
          const git = str(entry?.git);
          const source: Dependency['source'] = path !== undefined ? 'file' : git !== undefined ? 'git' : 'registry';
          const version = source === 'registry' && spec !== undefined ? exactVersion(spec) : undefined;
          const dep: Dependency = {
            name: real,
            ecosystem: 'cargo',
            direct: true,
            source,
            file,
            range,
          };
          if (real !== key) dep.alias = key;
          const written = source === 'file' ? path : source === 'git' ? git : spec;
          if (written !== undefined) dep.spec = written;
          if (version) {
            dep.version = version;
            dep.purl = packagePurl('cargo', real, version);
          }
          if (dev) dep.dev = true;
          if (entry?.optional === true) dep.optional = true;
          index.dependencies.push(dep);
        },
      );
    }
  };

  for (const section of SECTIONS) read(doc[section], section, section === 'dev-dependencies');
  const targets = table(doc.target);
  if (targets)
    for (const cfg of Object.keys(targets)) {
      const t = table(targets[cfg]);
      if (!t) continue;
      for (const section of SECTIONS) read(t[section], `target.${cfg}.${section}`, section === 'dev-dependencies');
    }
  if (inherited > 0)
    (index.notes ??= []).push(
      `${inherited} ${inherited === 1 ? 'dependency takes its' : 'dependencies take their'} version requirement from the workspace root's [workspace.dependencies] (\`workspace = true\`): the version installed comes from Cargo.lock`,
    );
  return index;
}

export const cargoTomlFormat: ManifestFormat = {
  id: 'Cargo.toml',
  ecosystem: 'cargo',
  role: 'declaration',
  fileNames: /^Cargo\.toml$/,
  discovery: { names: /^Cargo\.toml$/, folders: 'any' },
  parse: parseCargoToml,
  workspaces: true,
};

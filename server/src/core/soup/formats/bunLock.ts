/**
 * bun's text lockfile bun.lock (bun 1.2 and later; docs/soup.md, Which manifests are read;
 * The whole dependency graph): JSON with trailing commas. `workspaces` lists the project
 * (`""`) and each member by folder with its declared dependencies; `packages` maps each
 * install path (`express`, `express/debug` for a copy nested under express, a member's own
 * copy under the member's name) to `[ "name@version", registry, { dependencies… }, integrity ]`.
 * A dependency resolves as Node resolves modules: the nested path first, then each parent's.
 * The binary bun.lockb is not read (docs/soup.md).
 */
import { Node as JsonNode } from 'jsonc-parser';
import { ManifestIndex } from '../dependency';
import { GraphBuilder, resolvedOf } from '../dependencyGraph';
import {
  child,
  exactNpmVersion,
  nodeRange,
  npmPurl,
  parseJsonDocument,
  properties,
  quoted,
  rangeAt,
  readEntry,
  stringAt,
} from '../manifestCommon';
import { ManifestFormat } from './format';
import { emptyLockIndex, flagReachedOnlyFrom, LockedDirect, lockedDependency, tooLarge } from './lockfileCommon';

/** The text lockfile versions bun has written (0: bun 1.1 `--save-text-lockfile`, 1: bun 1.2, 2: bun 1.3). */
const SUPPORTED_VERSIONS = new Set([0, 1, 2]);
const WORKSPACE_SECTIONS = ['dependencies', 'optionalDependencies', 'devDependencies'] as const;

/** `express/debug` → [`express`, `debug`]; `@a/b/c` → [`@a/b`, `c`] (a scoped name is two segments). */
export function bunPathNames(path: string): string[] {
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (segments[i].startsWith('@') && i + 1 < segments.length) out.push(`${segments[i]}/${segments[++i]}`);
    else out.push(segments[i]);
  }
  return out;
}

/** `name@version` → its parts (`@scope/name@1.0.0`; `name@workspace:packages/x`; `name@github:…`). */
function splitIdent(ident: string): { name: string; version: string } {
  const at = ident.indexOf('@', 1);
  return at > 0 ? { name: ident.slice(0, at), version: ident.slice(at + 1) } : { name: ident, version: '' };
}

interface BunEntry {
  path: string;
  key: JsonNode;
  name: string;
  version: string;
  /** The object of metadata (dependencies…), wherever it is in the array. */
  meta: JsonNode | undefined;
  registry: boolean;
}

export const bunLockFormat: ManifestFormat = {
  id: 'bun.lock',
  ecosystem: 'npm',
  role: 'lockfile',
  fileNames: /^bun\.lock$/,
  discovery: { names: /^bun\.lock$/, folders: 'any' },
  parse: parseBunLock,
};

/** Reads a bun.lock: direct dependencies of every workspace, every package with its edges. */
export function parseBunLock(file: string, text: string): ManifestIndex {
  const big = tooLarge(file, text);
  const index = emptyLockIndex(file, 'bun.lock', big ? [big] : []);
  if (big) return index;
  const { lines, tree, problems } = parseJsonDocument(file, text, 'JSON', { lenient: true });
  index.problems = problems;
  if (!tree) return index;
  const versionNode = child(tree, 'lockfileVersion');
  const version = versionNode?.type === 'number' ? (versionNode.value as number) : undefined;
  if (version === undefined || !SUPPORTED_VERSIONS.has(version)) {
    problems.push({
      message: `${file}: lockfileVersion ${versionNode ? JSON.stringify(versionNode.value) : '(missing)'} is not supported (0, 1 and 2 are read); read where it fits`,
      range: versionNode ? nodeRange(lines, versionNode) : rangeAt(lines, 0, 0),
    });
  }

  // Packages by install path; workspace members (`name@workspace:folder`) are the project's own.
  const entries = new Map<string, BunEntry>();
  const memberDirByName = new Map<string, string>();
  for (const p of properties(child(tree, 'packages'))) {
    readEntry(
      problems,
      () => `package ${quoted(p.name)}`,
      () => nodeRange(lines, p.key),
      () => {
        const items = p.value?.type === 'array' ? (p.value.children ?? []) : [];
        const ident = items[0]?.type === 'string' ? (items[0].value as string) : undefined;
        if (ident === undefined) {
          problems.push({
            message: `${file}: package ${quoted(p.name)} is not an array starting with "name@version"; it was not read`,
            range: nodeRange(lines, p.key),
          });
          return;
        }
        const { name, version } = splitIdent(ident);
        if (version.startsWith('workspace:')) {
          memberDirByName.set(name, version.slice('workspace:'.length).replace(/^\.\/?/, ''));
          return;
        }
        entries.set(p.name, {
          path: p.name,
          key: p.key,
          name,
          version,
          meta: items.find((n) => n.type === 'object'),
          registry: items[1]?.type === 'string' && exactNpmVersion(version) !== undefined,
        });
      },
    );
  }

  const builder = new GraphBuilder();
  for (const e of entries.values()) {
    const exact = exactNpmVersion(e.version);
    builder.add({
      key: e.path,
      name: e.name,
      ecosystem: 'npm',
      ...(exact ? { version: exact } : {}),
      ...(exact && e.registry ? { purl: npmPurl(e.name, exact) } : {}),
      range: nodeRange(lines, e.key),
    });
  }
  // Node's resolution from an install path: its own nested copy, then each parent's.
  const resolve = (fromNames: string[], name: string): string | undefined => {
    for (let n = fromNames.length; n >= 0; n--) {
      const candidate = [...fromNames.slice(0, n), name].join('/');
      if (entries.has(candidate)) return candidate;
    }
    return undefined;
  };
  const optionalEdges = new Set<string>();
  for (const e of entries.values()) {
    const from = bunPathNames(e.path);
    const optionalPeers = new Set(
      (child(e.meta, 'optionalPeers')?.children ?? []).filter((n) => n.type === 'string').map((n) => n.value),
    );
    for (const section of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      for (const d of properties(child(e.meta, section))) {
        if (section === 'peerDependencies' && optionalPeers.has(d.name)) continue;
        const to = resolve(from, d.name);
        if (to === undefined) continue;
        builder.depend(e.path, to);
        if (section === 'optionalDependencies') optionalEdges.add(`${e.path}\u0000${to}`);
      }
    }
  }

  // Workspaces: the project `""` and each member folder, with their declared dependencies.
  const memberNames = new Set(memberDirByName.keys());
  const memberDirs = new Set(memberDirByName.values());
  const directs: LockedDirect[] = [];
  const workspaces = child(tree, 'workspaces');
  for (const ws of properties(workspaces)) {
    const dir = ws.name.replace(/^\.\/?/, '');
    const ownName = stringAt(ws.value, 'name');
    const base = dir !== '' && ownName ? [ownName] : [];
    if (dir === '' && ownName) {
      const v = stringAt(ws.value, 'version');
      index.project = v ? { name: ownName, version: v } : { name: ownName };
    }
    for (const section of WORKSPACE_SECTIONS) {
      for (const d of properties(child(ws.value, section))) {
        readEntry(
          problems,
          () => `dependency ${quoted(d.name)}`,
          () => nodeRange(lines, d.key),
          () => {
            const specifier = d.value?.type === 'string' ? (d.value.value as string) : '';
            const direct: LockedDirect = {
              name: d.name,
              specifier,
              dev: section === 'devDependencies',
              optional: section === 'optionalDependencies',
              range: nodeRange(lines, d.key),
            };
            const memberDir = memberDirByName.get(d.name);
            const key = memberDir === undefined ? resolve(base, d.name) : undefined;
            const pkg = key !== undefined ? builder.get(key) : undefined;
            if (memberDir !== undefined && memberDirs.has(memberDir)) direct.own = 'workspace';
            else if (pkg) {
              direct.key = pkg.key;
              direct.realName = pkg.name;
              if (pkg.version) direct.version = pkg.version;
              builder.direct(dir, d.name, pkg.key);
            }
            directs.push(direct);
          },
        );
      }
    }
  }
  index.graph = builder.build();
  const keysOf = (ds: LockedDirect[]) => ds.filter((d) => d.key !== undefined).map((d) => d.key!);
  // bun.lock has no dev/optional flags: a package only dev (optional) dependencies bring in is dev (optional).
  flagReachedOnlyFrom(index.graph, 'dev', keysOf(directs.filter((d) => !d.dev)), keysOf(directs.filter((d) => d.dev)));
  flagReachedOnlyFrom(
    index.graph,
    'optional',
    keysOf(directs.filter((d) => !d.optional)),
    keysOf(directs.filter((d) => d.optional)),
    (from, to) => optionalEdges.has(`${from}\u0000${to}`),
  );
  index.dependencies = directs.map((d) => lockedDependency(file, d, memberNames));
  index.resolved = resolvedOf(index.graph);
  return index;
}

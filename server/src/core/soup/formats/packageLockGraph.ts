/**
 * The dependency graph of an npm lockfile (docs/soup.md, The whole dependency graph). v2/v3
 * (`packages` map): each `node_modules/…` entry is a package keyed by its path. v1
 * (`dependencies` tree): each nested entry is keyed by the same install path. A package's
 * dependencies resolve as Node resolves modules (its own `node_modules` first, then each
 * parent's). Workspace members and `file:` folders (link entries) are the project's own
 * code: their dependencies are importers of the member's folder.
 */
import { Node as JsonNode } from 'jsonc-parser';
import { LineIndex } from '../../text';
import { DependencyGraph } from '../dependency';
import { GraphBuilder } from '../dependencyGraph';
import { child, nodeRange, npmPurl, properties, stringAt } from '../manifestCommon';

const NODE_MODULES = 'node_modules/';
const RUNTIME_SECTIONS = ['dependencies', 'optionalDependencies', 'peerDependencies'];
const IMPORTER_SECTIONS = [...RUNTIME_SECTIONS, 'devDependencies'];

interface LockEntry {
  node: JsonNode;
  key: JsonNode;
  /** The names it depends on (v2 sections; v1 `requires`). */
  dependsOn: string[];
}

/** The folder an install path is in (`a/node_modules/b` → `a`, `node_modules/b` → ``). */
function parentOf(path: string): string {
  const i = path.lastIndexOf(`/${NODE_MODULES}`);
  return i >= 0 ? path.slice(0, i) : '';
}

function namesIn(node: JsonNode, sections: readonly string[]): string[] {
  const out: string[] = [];
  for (const section of sections) {
    const map = child(node, section);
    if (map?.type === 'object') for (const d of properties(map)) out.push(d.name);
  }
  return out;
}

function buildGraph(entries: Map<string, LockEntry>, lines: LineIndex): DependencyGraph {
  const builder = new GraphBuilder();
  const isLink = (e: LockEntry | undefined) => !!e && child(e.node, 'link')?.value === true;
  // A link entry (a workspace member, a `file:` folder) stands for its target folder.
  const target = (path: string): string => {
    const e = entries.get(path);
    const to = isLink(e) ? stringAt(e!.node, 'resolved') : undefined;
    return to !== undefined && entries.has(to) ? to : path;
  };
  const isPackage = (path: string) => path.includes(NODE_MODULES) && !isLink(entries.get(path));
  for (const [path, e] of entries) {
    if (!isPackage(path)) continue;
    const name = stringAt(e.node, 'name') ?? path.slice(path.lastIndexOf(NODE_MODULES) + NODE_MODULES.length);
    const raw = stringAt(e.node, 'version');
    // v1 aliases: `"version": "npm:helmet@7.1.0"`.
    const version = raw?.startsWith('npm:') ? raw.slice(raw.lastIndexOf('@') + 1) : raw;
    const realName = raw?.startsWith('npm:') ? raw.slice(4, raw.lastIndexOf('@')) : name;
    builder.add({
      key: path,
      name: realName,
      ecosystem: 'npm',
      ...(version !== undefined ? { version, purl: npmPurl(realName, version) } : {}),
      ...(child(e.node, 'dev')?.value === true ? { dev: true } : {}),
      ...(child(e.node, 'optional')?.value === true || child(e.node, 'devOptional')?.value === true
        ? { optional: true }
        : {}),
      range: nodeRange(lines, e.key),
    });
  }
  // Node's resolution from a folder: its own node_modules, then each parent's.
  const resolve = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = parentOf(dir)) {
      const candidate = `${dir ? `${dir}/` : ''}${NODE_MODULES}${name}`;
      if (entries.has(candidate)) return target(candidate);
      if (dir === '') return undefined;
    }
  };
  for (const [path, e] of entries) {
    const own = isPackage(path);
    if (!own && path.includes(NODE_MODULES)) continue;
    for (const name of e.dependsOn) {
      const to = resolve(path, name);
      if (to === undefined) continue;
      if (own) builder.depend(path, to);
      else if (isPackage(to)) builder.direct(path, name, to);
    }
  }
  return builder.build();
}

/** v2/v3: the `packages` map. */
export function packageLockGraph(packages: JsonNode, lines: LineIndex): DependencyGraph {
  const entries = new Map<string, LockEntry>();
  for (const p of properties(packages)) {
    if (p.value?.type !== 'object') continue;
    const sections = p.name.includes(NODE_MODULES) ? RUNTIME_SECTIONS : IMPORTER_SECTIONS;
    entries.set(p.name, { node: p.value, key: p.key, dependsOn: namesIn(p.value, sections) });
  }
  return buildGraph(entries, lines);
}

/**
 * v1: the nested `dependencies` tree (`requires` lists a package's dependencies by name;
 * the root's direct dependencies are the top-level entries that are not `dev`-only
 * transitive ones — v1 does not say, so every top-level entry counts as reached from the root).
 */
export function packageLockV1Graph(root: JsonNode, lines: LineIndex): DependencyGraph {
  const entries = new Map<string, LockEntry>();
  const topLevel: string[] = [];
  const walk = (deps: JsonNode, base: string, depth: number) => {
    if (depth > 64) return;
    for (const p of properties(deps)) {
      if (p.value?.type !== 'object') continue;
      const path = `${base ? `${base}/` : ''}${NODE_MODULES}${p.name}`;
      entries.set(path, { node: p.value, key: p.key, dependsOn: namesIn(p.value, ['requires']) });
      if (!base) topLevel.push(p.name);
      const nested = child(p.value, 'dependencies');
      if (nested?.type === 'object') walk(nested, path, depth + 1);
    }
  };
  const deps = child(root, 'dependencies');
  if (deps?.type === 'object') walk(deps, '', 0);
  entries.set('', { node: root, key: root, dependsOn: topLevel });
  return buildGraph(entries, lines);
}

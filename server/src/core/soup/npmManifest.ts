/** package.json and package-lock.json (v1–v3) → dependencies with exact ranges (pure: text in, data out). */
import { Node as JsonNode } from 'jsonc-parser';
import { LineIndex } from '../text';
import { Dependency, ManifestIndex } from './dependency';
import { packageLockGraph, packageLockV1Graph } from './formats/packageLockGraph';
import {
  child,
  exactNpmVersion,
  globMatcher,
  JsonProperty,
  nodeRange,
  npmPurl,
  parseJsonDocument,
  properties,
  property,
  quoted,
  readEntry,
  setResolved,
  stringAt,
} from './manifestCommon';

export interface NpmParseOptions {
  /** Report `devDependencies` too (with `dev: true`). */
  includeDev?: boolean;
  /** Names of the workspace's own packages: a dependency on one of them is `source: 'workspace'`. */
  workspacePackages?: Iterable<string>;
}

/** What a dependency value means (`"h": "npm:helmet@^7"` → name helmet, alias h, spec ^7, source alias). */
export interface NpmSpec {
  name: string;
  alias?: string;
  spec: string;
  source: Dependency['source'];
  /** Set when the spec pins one version (`4.18.2`, `=4.18.2`, `npm:zod@3.23.8`). */
  version?: string;
}

const GIT = /^(?:git\+[a-z]+:|git:|github:|gitlab:|bitbucket:|gist:)/i;
const GIT_HTTP = /^https?:\/\/[^#]+\.git(?:#.*)?$/i;
const GIT_SHORTHAND = /^[A-Za-z0-9][\w.-]*\/[\w.-]+(?:#.*)?$/;
const FILE = /^(?:file:|link:|\.{1,2}(?:[/\\]|$)|[/\\]|~[/\\]|[A-Za-z]:[/\\])/;
const TARBALL_PATH = /\.(?:tgz|tar\.gz|tar)$/i;

/** Classifies a dependency value the way npm reads it (registry range, alias, git, file, URL, workspace). */
export function classifyNpmSpec(key: string, value: string, workspacePackages?: ReadonlySet<string>): NpmSpec {
  const spec = value.trim();
  if (spec.startsWith('npm:')) {
    const rest = spec.slice(4);
    const at = rest.indexOf('@', 1);
    const name = at > 0 ? rest.slice(0, at) : rest;
    const range = at > 0 ? rest.slice(at + 1) : '*';
    const out: NpmSpec = { name, spec: range || '*', source: 'alias', version: exactNpmVersion(range) };
    if (name !== key) out.alias = key;
    return out;
  }
  if (spec.startsWith('workspace:')) return { name: key, spec, source: 'workspace' };
  if (FILE.test(spec)) return { name: key, spec, source: 'file' };
  if (GIT.test(spec) || GIT_HTTP.test(spec)) return { name: key, spec, source: 'git' };
  if (/^https?:\/\//i.test(spec)) return { name: key, spec, source: 'url' };
  if (GIT_SHORTHAND.test(spec)) return { name: key, spec, source: 'git' };
  if (TARBALL_PATH.test(spec)) return { name: key, spec, source: 'file' };
  if (workspacePackages?.has(key)) return { name: key, spec, source: 'workspace' };
  return { name: key, spec, source: 'registry', version: exactNpmVersion(spec) };
}

function hasPurl(source: Dependency['source']): boolean {
  return source === 'registry' || source === 'alias';
}

type Section = 'dependencies' | 'optionalDependencies' | 'devDependencies';
const SECTIONS: Section[] = ['dependencies', 'optionalDependencies', 'devDependencies'];

/** The dependency entries of a package object, de-duplicated the way npm does (optional overrides, prod beats dev). */
function declared(
  pkg: JsonNode,
  includeDev: boolean,
  lines: LineIndex,
  problems: ManifestIndex['problems'],
): Array<{ p: JsonProperty; spec: string; dev: boolean }> {
  const byName = new Map<string, { p: JsonProperty; spec: string; dev: boolean }>();
  for (const section of SECTIONS) {
    const dev = section === 'devDependencies';
    if (dev && !includeDev) continue;
    const map = child(pkg, section);
    if (!map) continue;
    if (map.type !== 'object') {
      problems.push({ message: `'${section}' must be an object`, range: nodeRange(lines, map) });
      continue;
    }
    for (const p of properties(map)) {
      if (p.value?.type !== 'string') {
        problems.push({
          message: `'${section}.${p.name}' must be a string`,
          range: nodeRange(lines, p.value ?? p.key),
        });
        continue;
      }
      if (dev && byName.has(p.name)) continue;
      byName.set(p.name, { p, spec: p.value.value as string, dev });
    }
  }
  return [...byName.values()];
}

function projectOf(node: JsonNode | undefined): ManifestIndex['project'] {
  const name = stringAt(node, 'name');
  if (!name) return undefined;
  const version = stringAt(node, 'version');
  return version ? { name, version } : { name };
}

/**
 * Reads a package.json: `dependencies`, `optionalDependencies` (and `devDependencies` with
 * `dev: true` when asked) ranged at their keys, and `workspaces` (array or `{packages}`).
 * Malformed JSON is a problem; what could be read is still returned.
 */
export function parsePackageJson(file: string, text: string, options: NpmParseOptions = {}): ManifestIndex {
  const { lines, tree, problems } = parseJsonDocument(file, text, 'JSON');
  const index: ManifestIndex = { file, kind: 'package.json', dependencies: [], problems };
  if (!tree) return index;
  const project = projectOf(tree);
  if (project) index.project = project;
  const members = new Set(options.workspacePackages ?? []);
  for (const { p, spec, dev } of declared(tree, options.includeDev === true, lines, problems)) {
    readEntry(
      problems,
      () => `dependency ${quoted(p.name)}`,
      () => nodeRange(lines, p.key),
      () => {
        const s = classifyNpmSpec(p.name, spec, members);
        const dep: Dependency = {
          name: s.name,
          ecosystem: 'npm',
          spec: s.spec,
          direct: true,
          source: s.source,
          file,
          range: nodeRange(lines, p.key),
        };
        if (s.alias) dep.alias = s.alias;
        if (s.version) dep.version = s.version;
        if (s.version && hasPurl(s.source)) dep.purl = npmPurl(s.name, s.version);
        if (dev) dep.dev = true;
        index.dependencies.push(dep);
      },
    );
  }
  const ws = property(tree, 'workspaces');
  if (ws?.value) {
    const list = ws.value.type === 'object' ? child(ws.value, 'packages') : ws.value;
    if (list?.type === 'array') {
      index.workspaces = [];
      for (const item of list.children ?? []) {
        if (item.type === 'string') index.workspaces.push(item.value as string);
        else problems.push({ message: `'workspaces' entries must be strings`, range: nodeRange(lines, item) });
      }
    } else if (!(ws.value.type === 'object' && !list)) {
      problems.push({
        message: `'workspaces' must be an array of globs or { "packages": [...] }`,
        range: nodeRange(lines, list ?? ws.value),
      });
    }
  }
  return index;
}

/**
 * Reads a package-lock.json / npm-shrinkwrap.json. v2/v3 (`packages` map): `resolved` maps the
 * install name of every top-level `node_modules/<name>` entry to its version (the alias for an
 * aliased package: look up `resolved[dep.alias ?? dep.name]`), and `dependencies` lists the direct
 * dependencies of the root and of the workspace members with the versions npm resolved for them,
 * ranged at their `"node_modules/<name>"` key. v1 (`dependencies` tree): versions only, plus a problem.
 */
export function parsePackageLock(file: string, text: string, options: NpmParseOptions = {}): ManifestIndex {
  const { lines, tree, problems } = parseJsonDocument(file, text, 'JSON');
  const index: ManifestIndex = { file, kind: 'package-lock.json', dependencies: [], resolved: {}, problems };
  if (!tree) return index;
  const project = projectOf(tree);
  if (project) index.project = project;
  const packages = child(tree, 'packages');
  if (packages?.type === 'object') {
    readPackages(file, packages, lines, index, options);
    index.graph = packageLockGraph(packages, lines);
  } else if (child(tree, 'dependencies')?.type === 'object') {
    // docs/soup.md, npm: a v1 lockfile is read as v1 (a note, not an error).
    (index.notes ??= []).push(
      'lockfile v1 (npm 6): read as v1 — versions and `requires` edges, no workspaces; `npm install` with npm 7 or later upgrades it',
    );
    readV1(child(tree, 'dependencies')!, index.resolved!);
    index.graph = packageLockV1Graph(tree, lines);
  } else if (problems.length === 0) {
    problems.push({
      message: `${file} has neither a 'packages' nor a 'dependencies' map`,
      range: nodeRange(lines, child(tree, 'lockfileVersion') ?? tree),
    });
  }
  return index;
}

const NODE_MODULES = 'node_modules/';

function readPackages(
  file: string,
  packages: JsonNode,
  lines: LineIndex,
  index: ManifestIndex,
  options: NpmParseOptions,
): void {
  const entries = new Map<string, JsonProperty>();
  for (const p of properties(packages)) entries.set(p.name, p);
  const versionOf = (entry: JsonProperty | undefined): string | undefined => {
    if (!entry?.value) return undefined;
    if (entry.value.type === 'object' && child(entry.value, 'link')?.value === true) {
      const target = stringAt(entry.value, 'resolved');
      return target !== undefined ? stringAt(entries.get(target)?.value, 'version') : undefined;
    }
    return stringAt(entry.value, 'version');
  };
  for (const [path, entry] of entries) {
    if (!path.startsWith(NODE_MODULES)) continue;
    const installName = path.slice(NODE_MODULES.length);
    if (installName.includes('/node_modules/')) continue;
    readEntry(
      index.problems,
      () => `package ${quoted(path)}`,
      () => nodeRange(lines, entry.key),
      () => {
        const version = versionOf(entry);
        if (version !== undefined) setResolved(index.resolved!, installName, version);
      },
    );
  }

  const root = entries.get('')?.value;
  if (!root) return;
  if (!index.project) {
    const project = projectOf(root);
    if (project) index.project = project;
  }
  // Workspace members: link targets that the root's `workspaces` globs match.
  const globs = (child(root, 'workspaces')?.children ?? [])
    .filter((n) => n.type === 'string')
    .map((n) => globMatcher(n.value as string));
  const memberPaths: string[] = [];
  const memberNames = new Set<string>();
  for (const [path, entry] of entries) {
    if (!path.startsWith(NODE_MODULES) || entry.value?.type !== 'object' || child(entry.value, 'link')?.value !== true)
      continue;
    const target = stringAt(entry.value, 'resolved');
    if (target === undefined || !globs.some((g) => g(target))) continue;
    memberPaths.push(target);
    memberNames.add(path.slice(path.lastIndexOf(NODE_MODULES) + NODE_MODULES.length));
  }
  const seen = new Set<string>();
  for (const base of ['', ...memberPaths]) {
    const pkg = entries.get(base)?.value;
    if (!pkg) continue;
    for (const { p, spec, dev } of declared(pkg, options.includeDev === true, lines, index.problems)) {
      readEntry(
        index.problems,
        () => `dependency ${quoted(p.name)}`,
        () => nodeRange(lines, p.key),
        () => {
          const ownPath = `${base ? base + '/' : ''}${NODE_MODULES}${p.name}`;
          const own = entries.get(ownPath);
          const entryPath = own ? ownPath : NODE_MODULES + p.name;
          const entry = entries.get(entryPath);
          const s = classifyNpmSpec(p.name, spec, memberNames);
          const name = s.source === 'alias' ? (stringAt(entry?.value, 'name') ?? s.name) : s.name;
          const version = versionOf(entry) ?? s.version;
          const key = `${name}\0${p.name}\0${version ?? spec}\0${dev}`;
          if (seen.has(key)) return;
          seen.add(key);
          const dep: Dependency = {
            name,
            ecosystem: 'npm',
            spec: s.spec,
            direct: true,
            source: s.source,
            file,
            range: nodeRange(lines, (entry ?? p).key),
          };
          if (s.alias) dep.alias = s.alias;
          if (version) dep.version = version;
          if (version && hasPurl(s.source)) dep.purl = npmPurl(name, version);
          if (dev) dep.dev = true;
          if (entry && child(entry.value!, 'link')?.value !== true) dep.node = { file, key: entryPath };
          index.dependencies.push(dep);
        },
      );
    }
  }
}

/** v1 `dependencies` tree: top-level entries give the versions (`npm:helmet@7.1.0` → 7.1.0; git/file entries none). */
function readV1(deps: JsonNode, resolved: Record<string, string>): void {
  for (const p of properties(deps)) {
    const raw = stringAt(p.value, 'version');
    if (raw === undefined) continue;
    const version = exactNpmVersion(raw.startsWith('npm:') ? raw.slice(raw.lastIndexOf('@') + 1) : raw);
    if (version) setResolved(resolved, p.name, version);
  }
}

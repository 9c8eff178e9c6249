/**
 * yarn's yarn.lock (docs/soup.md, Which manifests are read; The whole dependency graph):
 * classic (yarn 1, `# yarn lockfile v1`) and berry (yarn 2 and later, YAML with
 * `__metadata.version`). Each entry is keyed by the descriptors that resolved to it
 * (`"ms@2.1.3, ms@^2.1.3":`; berry `"ms@npm:2.1.3, ms@npm:^2.1.3":`; an alias
 * `"h@npm:helmet@7.1.0":`) and lists its dependencies as descriptors, which give the edges.
 * yarn.lock has no importers: a package.json next to it declares the direct dependencies, and
 * {@link yarnLockFormat}.lockedVersion resolves each declared `name@spec` to its entry. Berry's
 * `workspace:` entries (the project and its members) are the project's own code, not packages;
 * their dependencies are listed as the file's direct ones (yarn.lock does not say which are
 * dev ones; classic lists no workspaces, so none). A `patch:` entry is a package (the patched
 * copy of its base).
 */
import { parseSyml } from '@yarnpkg/parsers';
import { Range } from '../../findings';
import { Dependency, DependencyGraph, ManifestIndex } from '../dependency';
import { GraphBuilder, packageIndex, resolvedOf } from '../dependencyGraph';
import { exactNpmVersion, npmPurl, Problem, quoted, readEntry } from '../manifestCommon';
import { classifyNpmSpec } from '../npmManifest';
import { ManifestFormat } from './format';
import { emptyLockIndex, LockedDirect, lockedDependency, tooLarge } from './lockfileCommon';

/** Berry's `__metadata.version`s read (yarn 2: 4, yarn 3: 6, yarn 4: 8 and later 10). */
const BERRY_VERSIONS = new Set([4, 5, 6, 7, 8, 9, 10]);
const CLASSIC_HEADER = /^# yarn lockfile v1\r?$/m;
const EDGE_SECTIONS = ['dependencies', 'optionalDependencies'] as const;
const FIRST_LINE: Range = { line: 1, column: 1, endLine: 1, endColumn: 2 };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Json, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `@scope/name@npm:^1.0.0` → name `@scope/name`, range `npm:^1.0.0`. */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', 1);
  return at > 0 ? { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) } : { name: descriptor, range: '' };
}

/** The descriptors of a key (`"a@^1", "a@^1.1"` classic, `"a@npm:^1, a@npm:^1.1"` berry), unquoted. */
export function keyDescriptors(key: string): string[] {
  return key
    .split(', ')
    .map((d) => d.trim().replace(/^"/, '').replace(/"$/, ''))
    .filter((d) => d !== '');
}

/**
 * The range of each descriptor's key line: an entry's key is a line at column 1 that is no
 * comment and ends with `:` (one pass over the text, linear).
 */
function keyLineRanges(text: string): Map<string, Range> {
  const out = new Map<string, Range>();
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const first = text.charCodeAt(start);
    if (first !== 0x20 && first !== 0x09 && first !== 0x23 && end > start) {
      const content = text.slice(start, end).trimEnd();
      if (content.endsWith(':')) {
        const key = content.slice(0, -1);
        const range: Range = { line, column: 1, endLine: line, endColumn: key.length + 1 };
        for (const d of keyDescriptors(key)) if (!out.has(d)) out.set(d, range);
      }
    }
    start = end + 1;
  }
  return out;
}

interface YarnEntry {
  descriptors: string[];
  data: Json;
  range: Range;
  /** Berry `workspace:` entries: the member's folder (`''` for the project). */
  workspaceDir?: string;
  name: string;
}

/** The package name of an entry: berry's `resolution`, else the descriptor's (an alias's target). */
function entryName(descriptor: string, data: Json): string {
  const resolution = str(own(data, 'resolution'));
  if (resolution) return splitDescriptor(resolution).name;
  const { name, range } = splitDescriptor(descriptor);
  return range.startsWith('npm:') && range.indexOf('@', 5) > 0 ? splitDescriptor(range.slice(4)).name : name;
}

export const yarnLockFormat: ManifestFormat = {
  id: 'yarn.lock',
  ecosystem: 'npm',
  role: 'lockfile',
  fileNames: /^yarn\.lock$/,
  discovery: { names: /^yarn\.lock$/, folders: 'any' },
  parse: parseYarnLock,
  /**
   * The declared `name@spec` descriptor's entry (yarn hoists: the folder does not matter),
   * else the only version installed under that name.
   */
  lockedVersion(lock, _dir, dependency) {
    const key = yarnDependencyKey(lock, dependency);
    if (key !== undefined) return lock.graph ? packageIndex(lock.graph).get(key)?.version : undefined;
    return undefined;
  },
};

const descriptorIndexes = new WeakMap<DependencyGraph, Map<string, string>>();

/** Every descriptor of the lock's graph → the key of its entry (built once per graph). */
function descriptorIndex(graph: DependencyGraph): Map<string, string> {
  let index = descriptorIndexes.get(graph);
  if (!index) {
    index = new Map();
    for (const p of graph.packages) for (const d of keyDescriptors(p.key)) index.set(d, p.key);
    descriptorIndexes.set(graph, index);
  }
  return index;
}

/**
 * The graph key of the yarn.lock entry that a package.json dependency `name: spec` resolves to
 * (`name` as written, an alias's own name; `spec` as written, `npm:helmet@7.1.0` for an alias):
 * the exact descriptor (classic `name@spec`, berry `name@npm:spec`), else the only entry under
 * that name. Undefined for a workspace member or when nothing matches. The SOUP check uses it
 * to set `Dependency.node` when it pairs package.json with yarn.lock.
 */
export function yarnDescriptorKey(lock: ManifestIndex, name: string, spec: string): string | undefined {
  const graph = lock.graph;
  if (!graph) return undefined;
  const byDescriptor = descriptorIndex(graph);
  for (const d of [`${name}@${spec}`, `${name}@npm:${spec}`]) {
    const key = byDescriptor.get(d);
    if (key !== undefined) return key;
  }
  // By name: the entries whose descriptors use `name`; only when one version is installed.
  const keys = new Set<string>();
  const versions = new Set<string | undefined>();
  const index = packageIndex(graph);
  for (const [d, key] of byDescriptor) {
    if (splitDescriptor(d).name !== name || keys.has(key)) continue;
    keys.add(key);
    versions.add(index.get(key)?.version);
  }
  return keys.size >= 1 && versions.size === 1 ? [...keys][0] : undefined;
}

/** {@link yarnDescriptorKey} for a package.json {@link Dependency} (its alias and spec as written). */
export function yarnDependencyKey(lock: ManifestIndex, dependency: Dependency): string | undefined {
  const name = dependency.alias ?? dependency.name;
  const spec =
    dependency.source === 'alias'
      ? `npm:${dependency.name}${dependency.spec && dependency.spec !== '*' ? `@${dependency.spec}` : ''}`
      : (dependency.spec ?? '*');
  return yarnDescriptorKey(lock, name, spec);
}

/** The located problem for an exception of the yarn parsers (js-yaml `mark`, the classic grammar's `location`). */
function parseProblem(file: string, e: unknown): Problem {
  const err = e as {
    mark?: { line?: unknown; column?: unknown };
    location?: { start?: { line?: unknown; column?: unknown } };
  };
  let range = FIRST_LINE;
  if (typeof err?.mark?.line === 'number' && typeof err.mark.column === 'number') {
    const line = err.mark.line + 1;
    range = { line, column: err.mark.column + 1, endLine: line, endColumn: err.mark.column + 2 };
  } else if (typeof err?.location?.start?.line === 'number' && typeof err.location.start.column === 'number') {
    const { line, column } = err.location.start as { line: number; column: number };
    range = { line, column, endLine: line, endColumn: column + 1 };
  }
  // The grammar's own message ("Expected ':' but '\"' found."), not an exception's class name.
  const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300);
  return {
    message: `${file} could not be read as a yarn lockfile: ${reason}; no dependencies were read from it`,
    range,
  };
}

/** Reads a yarn.lock (classic or berry): every package with its edges; berry's workspaces' dependencies. */
export function parseYarnLock(file: string, text: string): ManifestIndex {
  const big = tooLarge(file, text);
  const index = emptyLockIndex(file, 'yarn.lock', big ? [big] : []);
  if (big) return index;
  const problems = index.problems;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = parseSyml(source);
  } catch (e) {
    problems.push(parseProblem(file, e));
    return index;
  }
  if (!isObject(data)) return index;
  const ranges = keyLineRanges(text);
  const metadata = own(data, '__metadata');
  const classic = CLASSIC_HEADER.test(source.slice(0, 4096));
  if (isObject(metadata)) {
    const v = Number(str(own(metadata, 'version')) ?? own(metadata, 'version'));
    if (!BERRY_VERSIONS.has(v)) {
      problems.push({
        message: `${file}: __metadata version ${quoted(String(own(metadata, 'version')))} is not supported (yarn classic and berry versions 4–10 are read); read where it fits`,
        range: ranges.get('__metadata') ?? FIRST_LINE,
      });
    }
  } else if (!classic) {
    problems.push({
      message: `${file} has neither the "# yarn lockfile v1" header nor a __metadata version; read where it fits`,
      range: FIRST_LINE,
    });
  }

  // Entries: classic gives each descriptor its own key (sharing one object), berry one key for all.
  const entries: YarnEntry[] = [];
  const byObject = new Map<Json, YarnEntry>();
  for (const [key, value] of Object.entries(data)) {
    if (key === '__metadata') continue;
    readEntry(
      problems,
      () => `entry ${quoted(key)}`,
      () => ranges.get(keyDescriptors(key)[0]) ?? FIRST_LINE,
      () => {
        const descriptors = keyDescriptors(key);
        const range = ranges.get(descriptors[0]) ?? FIRST_LINE;
        if (!isObject(value) || descriptors.length === 0) {
          problems.push({ message: `${file}: entry ${quoted(key)} is not a mapping; it was not read`, range });
          return;
        }
        const had = byObject.get(value);
        if (had) {
          for (const d of descriptors) had.descriptors.push(d);
          return;
        }
        const entry: YarnEntry = { descriptors, data: value, range, name: entryName(descriptors[0], value) };
        const resolution = str(own(value, 'resolution')) ?? '';
        const ws = splitDescriptor(resolution).range;
        if (ws.startsWith('workspace:')) entry.workspaceDir = ws.slice('workspace:'.length).replace(/^\.\/?/, '');
        byObject.set(value, entry);
        entries.push(entry);
      },
    );
  }

  const builder = new GraphBuilder();
  const keyOf = new Map<string, string>(); // descriptor → graph key (workspace descriptors → '')
  for (const e of entries) {
    const key = e.descriptors.join(', ');
    for (const d of e.descriptors) keyOf.set(d, e.workspaceDir !== undefined ? '' : key);
    if (e.workspaceDir !== undefined) {
      if (e.workspaceDir === '') index.project = { name: e.name };
      continue;
    }
    const version = str(own(e.data, 'version'));
    const exact = version !== undefined ? exactNpmVersion(version) : undefined;
    const range = splitDescriptor(str(own(e.data, 'resolution')) ?? e.descriptors[0]).range;
    const source = classifyNpmSpec(e.name, range).source;
    const registry = range.startsWith('npm:') || range.startsWith('patch:') || source === 'registry';
    builder.add({
      key,
      name: e.name,
      ecosystem: 'npm',
      ...(version !== undefined ? { version: exact ?? version } : {}),
      ...(exact !== undefined && registry ? { purl: npmPurl(e.name, exact) } : {}),
      range: e.range,
    });
  }
  /** An entry's dependency `name: range` → its entry (berry `__metadata` 6 writes `^1.0.0` for `npm:^1.0.0`). */
  const resolve = (name: string, range: unknown): string | undefined => {
    const r = str(range);
    return r === undefined ? undefined : (keyOf.get(`${name}@${r}`) ?? keyOf.get(`${name}@npm:${r}`));
  };
  for (const e of entries) {
    if (e.workspaceDir !== undefined) continue;
    const from = e.descriptors.join(', ');
    for (const section of EDGE_SECTIONS) {
      const deps = own(e.data, section);
      if (!isObject(deps)) continue;
      for (const [name, range] of Object.entries(deps)) {
        const to = resolve(name, range);
        if (to) builder.depend(from, to);
      }
    }
  }

  // Berry: the workspaces' dependencies are the file's direct ones (yarn.lock does not say which are dev).
  const directs: LockedDirect[] = [];
  for (const e of entries) {
    if (e.workspaceDir === undefined) continue;
    const deps = own(e.data, 'dependencies');
    const meta = own(e.data, 'dependenciesMeta');
    if (!isObject(deps)) continue;
    for (const [name, range] of Object.entries(deps)) {
      readEntry(
        problems,
        () => `dependency ${quoted(name)}`,
        () => e.range,
        () => {
          const spec = str(range) ?? '';
          const m = isObject(meta) ? own(meta, name) : undefined;
          const d: LockedDirect = {
            name,
            specifier: spec.startsWith('npm:') && spec.indexOf('@', 5) < 0 ? spec.slice(4) : spec,
            dev: false,
            optional: isObject(m) && (own(m, 'optional') === true || own(m, 'optional') === 'true'),
            range: e.range,
          };
          const key = resolve(name, range);
          if (key === '') d.own = 'workspace';
          else if (key !== undefined) {
            const pkg = builder.get(key)!;
            d.key = key;
            d.realName = pkg.name;
            d.range = pkg.range;
            if (pkg.version) d.version = pkg.version;
          }
          directs.push(d);
        },
      );
    }
  }
  index.graph = builder.build();
  index.dependencies = directs.map((d) => lockedDependency(file, d));
  index.resolved = resolvedOf(index.graph);
  return index;
}

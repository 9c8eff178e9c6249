/**
 * pnpm's pnpm-lock.yaml (docs/soup.md, Which manifests are read; The whole dependency graph).
 * lockfileVersion 9.0: `importers` (the project `.` and each workspace member by folder),
 * `packages` (metadata by `name@version`) and `snapshots` (the installed packages, keyed
 * with their peer-dependency suffix, `react-dom@18.2.0(react@18.2.0)`, with their
 * dependencies). lockfileVersion 6.x: `importers` (or top-level `dependencies` for a single
 * project) and `packages` keyed `/name@version` (5.x: `/name/version`) with `dev`/`optional`
 * flags. A `link:` dependency is a workspace member or a linked folder: the project's own
 * code, not a package. Another lockfileVersion is a problem; what fits is still read.
 */
import { isMap, isScalar, LineCounter, parseDocument, YAMLMap } from 'yaml';
import { Range } from '../../findings';
import { ManifestIndex } from '../dependency';
import { GraphBuilder, resolvedOf } from '../dependencyGraph';
import { exactNpmVersion, npmPurl, Problem, quoted, readEntry } from '../manifestCommon';
import { ManifestFormat } from './format';

/** Top-level sections whose nested keys are located (an importer's dependency keys). */
const IMPORTER_PREFIXES = [
  'importers\u0000',
  'dependencies\u0000',
  'devDependencies\u0000',
  'optionalDependencies\u0000',
];
import { emptyLockIndex, flagReachedOnlyFrom, LockedDirect, lockedDependency, tooLarge } from './lockfileCommon';

/** YAML aliases expanded at most this many times (an alias bomb is a problem, not a hang). */
const MAX_ALIAS_COUNT = 10_000;
const IMPORTER_SECTIONS = ['dependencies', 'optionalDependencies', 'devDependencies'] as const;
const PACKAGE_SECTIONS = ['dependencies', 'optionalDependencies'] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Json, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

/** Ranges of a YAML map's keys, and of the keys of the maps nested under them (path joined by `\0`). */
class KeyRanges {
  private readonly ranges = new Map<string, Range>();

  constructor(
    private readonly lines: LineCounter,
    root: unknown,
  ) {
    this.collect(root, '', 0);
  }

  /** Every top-level key and each package key; below that only the importers' dependency keys. */
  private collect(node: unknown, prefix: string, depth: number): void {
    if (!isMap(node) || depth > 3) return;
    if (depth >= 2 && !IMPORTER_PREFIXES.some((p) => prefix.startsWith(p))) return;
    for (const pair of (node as YAMLMap).items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const path = prefix + String(pair.key.value);
      const [start, end] = pair.key.range;
      this.ranges.set(path, this.range(start, end));
      this.collect(pair.value, `${path}\u0000`, depth + 1);
    }
  }

  range(start: number, end: number): Range {
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(Math.max(end, start + 1));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  at(...path: string[]): Range {
    return this.atPath(path);
  }

  /** The range of the deepest located key on the path. */
  atPath(path: readonly string[]): Range {
    for (let n = path.length; n > 0; n--) {
      const r = this.ranges.get(path.slice(0, n).join('\u0000'));
      if (r) return r;
    }
    return { line: 1, column: 1, endLine: 1, endColumn: 2 };
  }
}

/**
 * A package key's name and version: `/@scope/name@1.0.0(peer@2.0.0)` (6.x), `name@1.0.0`
 * (9.0), `/name/1.0.0_peer@2.0.0` (5.x). The version may be no version (`file:…`, a URL).
 */
export function parsePnpmKey(key: string): { name: string; version: string } | undefined {
  let base = key.startsWith('/') ? key.slice(1) : key;
  const paren = base.indexOf('(', 1);
  if (paren > 0) base = base.slice(0, paren);
  // The name ends at `@` (6.x, 9.0) or at `/` (5.x) after its scope's `/`.
  const scopeSlash = base.startsWith('@') ? base.indexOf('/') : -1;
  if (base.startsWith('@') && scopeSlash < 0) return undefined;
  let end = scopeSlash + 1;
  while (end < base.length && base[end] !== '@' && base[end] !== '/') end++;
  if (end >= base.length - 1 || end === scopeSlash + 1) return undefined;
  let version = base.slice(end + 1);
  if (base[end] === '/' && version.indexOf('_') > 0) version = version.slice(0, version.indexOf('_'));
  return { name: base.slice(0, end), version };
}

/** `packages/app` + `../lib` → `packages/lib` (a `link:` target relative to the lockfile's folder). */
function joinDir(dir: string, rel: string): string {
  const out = dir ? dir.split('/') : [];
  for (const seg of rel.replace(/\\/g, '/').split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

interface Layout {
  /** The graph's entries: 9.0 `snapshots` (else `packages`), 6.x `packages`. */
  nodes: Json;
  nodeSection: string;
  /** 9.0 metadata by key without the peer suffix. */
  meta: Json;
  v9: boolean;
}

/** The key a dependency reference points at (`4.21.2`, `helmet@7.1.0`, `/helmet@7.1.0`, `18.2.0(react@18.2.0)`). */
function referenceKey(layout: Layout, name: string, ref: string): string | undefined {
  const candidates = layout.v9
    ? [`${name}@${ref}`, ref]
    : [`/${name}@${ref}`, ref, `/${name}/${ref}`, `${name}@${ref}`];
  return candidates.find((k) => Object.hasOwn(layout.nodes, k));
}

function versionString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export const pnpmLockFormat: ManifestFormat = {
  id: 'pnpm-lock.yaml',
  ecosystem: 'npm',
  role: 'lockfile',
  fileNames: /^pnpm-lock\.yaml$/,
  discovery: { names: /^pnpm-lock\.yaml$/, folders: 'any' },
  parse: parsePnpmLock,
};

/** Reads a pnpm-lock.yaml: direct dependencies of every importer, every package with its edges. */
export function parsePnpmLock(file: string, text: string): ManifestIndex {
  const big = tooLarge(file, text);
  const index = emptyLockIndex(file, 'pnpm-lock.yaml', big ? [big] : []);
  if (big) return index;
  const problems = index.problems;
  const lines = new LineCounter();
  let data: unknown;
  let keys: KeyRanges;
  try {
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    keys = new KeyRanges(lines, doc.contents);
    const error = doc.errors[0];
    if (error) {
      problems.push({
        message: `${file} is not valid YAML: ${error.message.split('\n')[0]}`,
        range: keys.range(error.pos[0], error.pos[1]),
      });
    }
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    problems.push({
      message: /alias/i.test(message)
        ? `${file} expands YAML aliases too many times (at most ${MAX_ALIAS_COUNT}): no dependencies were read from it`
        : `${file} could not be read as YAML: ${message.split('\n')[0]}`,
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
    });
    return index;
  }
  if (!isObject(data)) {
    if (problems.length === 0)
      problems.push({
        message: `${file} must contain a YAML mapping`,
        range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
      });
    return index;
  }
  readLock(file, data, keys, index);
  return index;
}

function readLock(file: string, data: Json, keys: KeyRanges, index: ManifestIndex): void {
  const problems = index.problems;
  const raw = versionString(own(data, 'lockfileVersion'));
  const major = raw !== undefined ? Number.parseInt(raw, 10) : Number.NaN;
  const snapshots = own(data, 'snapshots');
  const packages = own(data, 'packages');
  const v9 = major >= 9 || (!(major === 6 || major === 5) && isObject(snapshots));
  if (major !== 6 && major !== 9) {
    problems.push({
      message: `${file}: lockfileVersion ${raw === undefined ? '(missing)' : quoted(raw)} is not supported (6.x and 9.0 are read); read as the ${v9 ? '9.0' : '6.x'} layout where it fits`,
      range: keys.at('lockfileVersion'),
    });
  }
  const layout: Layout = v9
    ? {
        nodes: isObject(snapshots) ? snapshots : isObject(packages) ? packages : {},
        nodeSection: isObject(snapshots) ? 'snapshots' : 'packages',
        meta: isObject(packages) ? packages : {},
        v9,
      }
    : { nodes: isObject(packages) ? packages : {}, nodeSection: 'packages', meta: {}, v9 };
  const builder = buildGraph(file, layout, keys, problems);

  // Importers: `importers` by folder, else (6.x single project) the top-level sections.
  const importers: Array<{ dir: string; entry: Json; path: string[] }> = [];
  const importerMap = own(data, 'importers');
  if (isObject(importerMap)) {
    for (const [dir, entry] of Object.entries(importerMap))
      if (isObject(entry))
        importers.push({ dir: dir === '.' ? '' : joinDir('', dir), entry, path: ['importers', dir] });
  } else {
    importers.push({ dir: '', entry: data, path: [] });
  }
  const memberDirs = new Set(importers.map((i) => i.dir));
  const directs: LockedDirect[] = [];
  for (const imp of importers) {
    const specifiers = own(imp.entry, 'specifiers'); // 5.x
    for (const section of IMPORTER_SECTIONS) {
      const deps = own(imp.entry, section);
      if (!isObject(deps)) continue;
      for (const [name, value] of Object.entries(deps)) {
        const range = keys.atPath([...imp.path, section, name]);
        readEntry(
          problems,
          () => `dependency ${quoted(name)}`,
          () => range,
          () => {
            const ref = isObject(value) ? versionString(own(value, 'version')) : versionString(value);
            const specifier =
              (isObject(value) ? versionString(own(value, 'specifier')) : undefined) ??
              (isObject(specifiers) ? versionString(own(specifiers, name)) : undefined) ??
              ref ??
              '';
            const d: LockedDirect = {
              name,
              specifier,
              dev: section === 'devDependencies',
              optional: section === 'optionalDependencies',
              range,
            };
            if (ref?.startsWith('link:')) {
              d.own = memberDirs.has(joinDir(imp.dir, ref.slice(5))) ? 'workspace' : 'file';
            } else if (ref !== undefined) {
              const key = referenceKey(layout, name, ref);
              const pkg = key !== undefined ? builder.get(key) : undefined;
              if (pkg) {
                d.key = pkg.key;
                d.realName = pkg.name;
                if (pkg.version) d.version = pkg.version;
                builder.direct(imp.dir, name, pkg.key);
              }
            }
            directs.push(d);
          },
        );
      }
    }
  }
  index.graph = builder.build();
  if (v9) {
    // 9.0 has no `dev` flags: a package only devDependencies bring in is dev.
    flagReachedOnlyFrom(
      index.graph,
      'dev',
      directs.filter((d) => !d.dev && d.key).map((d) => d.key!),
      directs.filter((d) => d.dev && d.key).map((d) => d.key!),
    );
  }
  index.dependencies = directs.map((d) => lockedDependency(file, d));
  index.resolved = resolvedOf(index.graph);
}

function buildGraph(file: string, layout: Layout, keys: KeyRanges, problems: Problem[]): GraphBuilder {
  const builder = new GraphBuilder();
  const entries = Object.entries(layout.nodes);
  for (const [key, entry] of entries) {
    readEntry(
      problems,
      () => `package ${quoted(key)}`,
      () => keys.at(layout.nodeSection, key),
      () => {
        const parsed = parsePnpmKey(key);
        if (!parsed) {
          problems.push({
            message: `${file}: package key ${quoted(key)} names no package and version; it was not read`,
            range: keys.at(layout.nodeSection, key),
          });
          return;
        }
        const e = isObject(entry) ? entry : {};
        const metaKey = key.indexOf('(', 1) > 0 ? key.slice(0, key.indexOf('(', 1)) : key;
        const meta = layout.v9 && isObject(own(layout.meta, metaKey)) ? (own(layout.meta, metaKey) as Json) : e;
        const exact = exactNpmVersion(parsed.version);
        const version = exact ?? versionString(own(meta, 'version'));
        const name = versionString(own(meta, 'name')) ?? parsed.name;
        builder.add({
          key,
          name,
          ecosystem: 'npm',
          ...(version !== undefined ? { version } : {}),
          ...(exact !== undefined ? { purl: npmPurl(name, exact) } : {}),
          ...(own(e, 'dev') === true ? { dev: true } : {}),
          ...(own(e, 'optional') === true ? { optional: true } : {}),
          range: keys.at(layout.nodeSection, key),
        });
      },
    );
  }
  for (const [key, entry] of entries) {
    if (!isObject(entry) || !builder.has(key)) continue;
    for (const section of PACKAGE_SECTIONS) {
      const deps = own(entry, section);
      if (!isObject(deps)) continue;
      for (const [name, ref] of Object.entries(deps)) {
        const r = versionString(ref);
        if (r === undefined || r.startsWith('link:')) continue;
        const to = referenceKey(layout, name, r);
        if (to !== undefined) builder.depend(key, to);
      }
    }
  }
  return builder;
}

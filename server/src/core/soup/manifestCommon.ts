/** Helpers shared by the manifest parsers: ranges, JSON trees with located errors, package URLs. */
import { Node as JsonNode, ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { Range } from '../findings';
import { compileGlob, Glob, GlobError } from '../globs';
import { encodeUriComponentSafe, LineIndex } from '../text';
import { Dependency, Ecosystem, ManifestIndex } from './dependency';

export type Problem = ManifestIndex['problems'][number];

/** An exception in a few words for a message (`URIError: URI malformed`). */
export function errorReason(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** A name for a message, quoted and escaped (a lone surrogate or a control character stays visible). */
export function quoted(name: string): string {
  const q = JSON.stringify(name.length > 80 ? `${name.slice(0, 79)}…` : name);
  return q.replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Reads one entry of a manifest (a dependency, a lockfile package, an SBOM component): an
 * exception loses only that entry and becomes a problem at it — "<what> skipped: <reason>"
 * (issue 11, D15; docs/findings.md, config-error) — instead of losing the whole file.
 */
export function readEntry(problems: Problem[], what: () => string, range: () => Range, read: () => void): void {
  try {
    read();
  } catch (e) {
    let at: Range;
    try {
      at = range();
    } catch {
      at = { line: 1, column: 1, endLine: 1, endColumn: 2 };
    }
    let label: string;
    try {
      label = what();
    } catch {
      label = 'an entry';
    }
    problems.push({ message: `${label} skipped: ${errorReason(e)}`, range: at });
  }
}

/** The range of [start, end) offsets (at least one character wide). */
export function rangeAt(lines: LineIndex, start: number, end: number): Range {
  const a = lines.positionAt(start);
  const b = lines.positionAt(Math.max(end, start + 1));
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

export function nodeRange(lines: LineIndex, node: JsonNode): Range {
  return rangeAt(lines, node.offset, node.offset + node.length);
}

export interface JsonDocument {
  lines: LineIndex;
  /** The parse tree; jsonc-parser recovers from errors, so a broken file can still have one. */
  tree: JsonNode | undefined;
  problems: Problem[];
}

/**
 * Parses JSON keeping offsets. The first syntax error (later ones are usually its echoes)
 * becomes a problem; a UTF-8 byte-order mark is read as whitespace so offsets stay put.
 * `lenient`: comments and trailing commas allowed (bun.lock, as bun's own reader allows them).
 */
export function parseJsonDocument(
  file: string,
  text: string,
  what: string,
  options: { lenient?: boolean } = {},
): JsonDocument {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const problems: Problem[] = [];
  let tree: JsonNode | undefined;
  try {
    const lenient = options.lenient === true;
    tree = parseTree(source, errors, {
      disallowComments: !lenient,
      allowTrailingComma: lenient,
      allowEmptyContent: true,
    });
  } catch {
    // jsonc-parser recurses per nesting level: hostile nesting exhausts the stack.
    problems.push({ message: `${file} is nested too deeply to read`, range: rangeAt(lines, 0, 0) });
    return { lines, tree: undefined, problems };
  }
  if (errors.length > 0) {
    const e = errors[0];
    problems.push({
      message: `${file} is not valid ${what}: ${printParseErrorCode(e.error)}`,
      range: rangeAt(lines, e.offset, e.offset + e.length),
    });
  } else if (!tree) {
    problems.push({ message: `${file} is empty`, range: rangeAt(lines, 0, 0) });
  }
  if (tree && tree.type !== 'object') {
    problems.push({ message: `${file} must contain a JSON object`, range: nodeRange(lines, tree) });
    return { lines, tree: undefined, problems };
  }
  return { lines, tree, problems };
}

/** The key and value nodes of an object's property. */
export interface JsonProperty {
  name: string;
  key: JsonNode;
  value: JsonNode | undefined;
}

/** Properties of an object node in order (nothing for other nodes). */
export function properties(node: JsonNode | undefined): JsonProperty[] {
  if (!node || node.type !== 'object') return [];
  const out: JsonProperty[] = [];
  for (const p of node.children ?? []) {
    const key = p.children?.[0];
    if (p.type !== 'property' || !key || typeof key.value !== 'string') continue;
    out.push({ name: key.value, key, value: p.children?.[1] });
  }
  return out;
}

export function property(node: JsonNode | undefined, name: string): JsonProperty | undefined {
  let found: JsonProperty | undefined;
  for (const p of properties(node)) if (p.name === name) found = p; // JSON.parse semantics: the last one wins
  return found;
}

export function child(node: JsonNode | undefined, name: string): JsonNode | undefined {
  return property(node, name)?.value;
}

export function stringAt(node: JsonNode | undefined, name: string): string | undefined {
  const v = child(node, name);
  return v?.type === 'string' ? (v.value as string) : undefined;
}

function encodeSegment(s: string): string {
  return encodeUriComponentSafe(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** `pkg:npm/%40scope/name@1.2.3` (purl spec: the scope is the namespace, `@` encoded). */
export function npmPurl(name: string, version?: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  const path =
    slash > 0 ? `${encodeSegment(name.slice(0, slash))}/${encodeSegment(name.slice(slash + 1))}` : encodeSegment(name);
  return `pkg:npm/${path}${version ? '@' + encodeSegment(version) : ''}`;
}

/** PEP 503 normalized name: lowercase, runs of `-`, `_`, `.` become one `-`. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `pkg:pypi/name@1.2.3` with the PEP 503 normalized name. */
export function pypiPurl(name: string, version?: string): string {
  return `pkg:pypi/${encodeSegment(normalizePypiName(name))}${version ? '@' + encodeSegment(version) : ''}`;
}

/** An exact npm version (`1.2.3`, `=1.2.3`, `v1.2.3-rc.1+build`) without the `=`/`v` prefix, else undefined. */
export function exactNpmVersion(spec: string): string | undefined {
  const m = /^\s*(?:=\s*)?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\s*$/.exec(spec);
  return m?.[1];
}

/**
 * Converts a workspaces glob (`packages/*`, `apps/**`) into a matcher for `/`-separated
 * paths, matched in bounded time like every glob Seclife reads (docs/security-model.md);
 * a glob over a limit matches nothing.
 */
export function globMatcher(glob: string): (path: string) => boolean {
  const clean = (p: string) => p.replace(/^\.\//, '').replace(/(?<!\/)\/+$/, ''); // a run of `/` matched from its start only
  let compiled: Glob | undefined;
  try {
    compiled = compileGlob(clean(glob));
  } catch (e) {
    if (!(e instanceof GlobError)) throw e;
  }
  return (path) => compiled?.matches(clean(path)) ?? false;
}

/** Records a resolved version (own properties only; `__proto__` is never a key). */
export function setResolved(map: Record<string, string>, name: string, version: string, overwrite = true): void {
  if (name === '__proto__') return;
  if (overwrite || !Object.hasOwn(map, name)) map[name] = version;
}

/** A map's own value at `key` (never an inherited property). */
export function ownValue(map: Record<string, string> | undefined, key: string): string | undefined {
  return map && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** The folder of a workspace-relative path (`''` at the root). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** `a/b/c` → [`a/b/c`, `a/b`, `a`, ``]. */
export function selfAndParents(dir: string): string[] {
  const out = [dir];
  for (let d = dir; d !== ''; ) out.push((d = dirOf(d)));
  return out;
}

/** The package URL of a registry dependency at its resolved version (its own `purl` first). */
export function dependencyPurl(
  d: Pick<Dependency, 'purl' | 'version' | 'source' | 'ecosystem' | 'name'>,
): string | undefined {
  if (d.purl) return d.purl;
  if (!d.version || (d.source !== 'registry' && d.source !== 'alias')) return undefined;
  return packagePurl(d.ecosystem, d.name, d.version);
}

/**
 * The package URL of a package of an ecosystem (`pkg:cargo/serde@1.0.1`,
 * `pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1`, `pkg:golang/golang.org/x/net@v0.1.0`);
 * none for `generic`.
 */
export function packagePurl(ecosystem: Ecosystem, name: string, version?: string): string | undefined {
  const at = version ? `@${encodeSegment(version)}` : '';
  const path = (segments: string[]) => segments.map(encodeSegment).join('/');
  switch (ecosystem) {
    case 'npm':
      return npmPurl(name, version);
    case 'pypi':
      return pypiPurl(name, version);
    case 'golang':
      return `pkg:golang/${path(name.split('/'))}${at}`;
    case 'maven': {
      const colon = name.indexOf(':');
      return colon > 0 ? `pkg:maven/${path([name.slice(0, colon), name.slice(colon + 1)])}${at}` : undefined;
    }
    case 'cargo':
    case 'nuget':
      return `pkg:${ecosystem}/${encodeSegment(name)}${at}`;
    default:
      return undefined;
  }
}

/** A value from a parsed file shown in a message: scalars as text, anything else by its kind (never a throw). */
export function shownValue(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean')
    return String(v);
  if (v === null) return 'null';
  return Array.isArray(v) ? '(a list)' : typeof v === 'object' ? '(a table)' : `(${typeof v})`;
}

/** CycloneDX JSON SBOMs (spec 1.4–1.6) → dependencies (pure: text in, data out). */
import { Node as JsonNode } from 'jsonc-parser';
import { LineIndex } from '../text';
import { Dependency, Ecosystem, ManifestIndex } from './dependency';
import { ecosystemFromPurlType } from './ecosystems';
import {
  child,
  nodeRange,
  normalizePypiName,
  parseJsonDocument,
  quoted,
  readEntry,
  setResolved,
  stringAt,
} from './manifestCommon';

/** Cheap test for a CycloneDX JSON document: a `"bomFormat": "CycloneDX"` property. */
export function isCycloneDx(text: string): boolean {
  for (let at = text.indexOf('"bomFormat"'); at >= 0; at = text.indexOf('"bomFormat"', at + 1)) {
    if (/^"bomFormat"\s*:\s*"CycloneDX"/.test(text.slice(at, at + 64))) return true;
  }
  return false;
}

export interface PackageUrl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers: Record<string, string>;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Splits a package URL (`pkg:npm/%40scope/name@1.2.3?q=v#sub`); undefined when it is not one. */
export function parsePurl(purl: string): PackageUrl | undefined {
  const m = /^pkg:\/*([A-Za-z][A-Za-z0-9.+-]*)\/([^?#]+)(?:\?([^#]*))?(?:#.*)?$/.exec(purl.trim());
  if (!m) return undefined;
  let path = m[2].replace(/(?<!\/)\/+$/, '');
  let version: string | undefined;
  const at = path.lastIndexOf('@');
  if (at > path.lastIndexOf('/') && at > 0) {
    version = decode(path.slice(at + 1));
    path = path.slice(0, at);
  }
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map(decode);
  const name = segments.pop();
  if (!name) return undefined;
  const qualifiers: Record<string, string> = {};
  for (const pair of (m[3] ?? '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) qualifiers[pair.slice(0, eq).toLowerCase()] = decode(pair.slice(eq + 1));
  }
  const out: PackageUrl = { type: m[1].toLowerCase(), name, qualifiers };
  if (segments.length > 0) out.namespace = segments.join('/');
  if (version) out.version = version;
  return out;
}

function ecosystemOf(type: string | undefined): Ecosystem {
  return type ? ecosystemFromPurlType(type) : 'generic';
}

/** The ecosystem's name for a purl: `@scope/name` for npm, the PEP 503 name for PyPI, `namespace/name` else. */
export function purlPackageName(p: PackageUrl): string {
  if (p.type === 'pypi') return normalizePypiName(p.name);
  if (p.type === 'maven' && p.namespace) return `${p.namespace}:${p.name}`;
  return p.namespace ? `${p.namespace}/${p.name}` : p.name;
}

interface Found {
  node: JsonNode;
  topLevel: boolean;
}

function collect(
  list: JsonNode | undefined,
  depth: number,
  out: Found[],
  lines: LineIndex,
  problems: ManifestIndex['problems'],
): void {
  if (!list) return;
  if (depth > 64) {
    problems.push({
      message: 'components are nested too deeply; the deeper ones are skipped',
      range: nodeRange(lines, list),
    });
    return;
  }
  if (list.type !== 'array') {
    problems.push({ message: `'components' must be an array`, range: nodeRange(lines, list) });
    return;
  }
  for (const node of list.children ?? []) {
    if (node.type !== 'object') {
      problems.push({ message: 'a component must be an object', range: nodeRange(lines, node) });
      continue;
    }
    out.push({ node, topLevel: depth === 0 });
    collect(child(node, 'components'), depth + 1, out, lines, problems);
  }
}

/**
 * Reads a CycloneDX JSON BOM. Every component (nested ones too) is a dependency; the
 * `metadata.component` is the project itself. Direct = named by the root's `dependsOn` when the
 * BOM has a dependency graph for the root, else the top-level components. The range is the
 * component's `"name"` value (its `purl`, or the component itself, when it has none).
 */
export function parseCycloneDx(file: string, text: string): ManifestIndex {
  const { lines, tree, problems } = parseJsonDocument(file, text, 'JSON');
  const index: ManifestIndex = { file, kind: 'cyclonedx', dependencies: [], resolved: {}, problems };
  if (!tree) return index;
  const format = child(tree, 'bomFormat');
  if (format?.value !== 'CycloneDX') {
    problems.push({
      message: `${file} is not a CycloneDX BOM ('bomFormat' must be "CycloneDX")`,
      range: nodeRange(lines, format ?? tree),
    });
    return index;
  }
  const root = child(child(tree, 'metadata'), 'component');
  const rootName = stringAt(root, 'name');
  if (rootName) {
    const group = stringAt(root, 'group');
    const version = stringAt(root, 'version');
    index.project = { name: group ? `${group}/${rootName}` : rootName, ...(version ? { version } : {}) };
  }
  const rootRef = stringAt(root, 'bom-ref');
  let directRefs: Set<string> | undefined;
  const graph = child(tree, 'dependencies');
  if (rootRef !== undefined && graph?.type === 'array') {
    const entry = graph.children?.find((d) => stringAt(d, 'ref') === rootRef);
    if (entry)
      directRefs = new Set(
        (child(entry, 'dependsOn')?.children ?? []).filter((n) => n.type === 'string').map((n) => n.value as string),
      );
  }

  const found: Found[] = [];
  collect(child(tree, 'components'), 0, found, lines, problems);
  const rank: number[] = [];
  for (const { node, topLevel } of found) {
    // One component is one entry: an exception loses only that component (issue 11, D15).
    readEntry(
      problems,
      () => `component ${quoted(stringAt(node, 'name') ?? stringAt(node, 'purl') ?? '?')}`,
      () => nodeRange(lines, node),
      () => {
        const purlText = stringAt(node, 'purl');
        const purl = purlText !== undefined ? parsePurl(purlText) : undefined;
        const rawName = stringAt(node, 'name');
        const group = stringAt(node, 'group');
        const name = purl
          ? purlPackageName(purl)
          : rawName !== undefined
            ? group
              ? `${group}/${rawName}`
              : rawName
            : undefined;
        const where = child(node, 'name') ?? child(node, 'purl') ?? node;
        if (!name) {
          problems.push({ message: 'a component without a name or purl', range: nodeRange(lines, where) });
          return;
        }
        if (purlText !== undefined && !purl)
          problems.push({ message: `not a package URL: '${purlText}'`, range: nodeRange(lines, child(node, 'purl')!) });
        const ref = stringAt(node, 'bom-ref');
        const direct = directRefs ? ref !== undefined && directRefs.has(ref) : topLevel;
        const version = stringAt(node, 'version') ?? purl?.version;
        const source: Dependency['source'] = purl?.qualifiers.vcs_url
          ? 'git'
          : purl?.qualifiers.download_url
            ? 'url'
            : 'registry';
        const dep: Dependency = {
          name,
          ecosystem: ecosystemOf(purl?.type),
          direct,
          source,
          file,
          range: nodeRange(lines, where),
        };
        if (version) dep.version = version;
        if (purlText !== undefined) dep.purl = purlText;
        index.dependencies.push(dep);
        rank.push(direct ? 0 : topLevel ? 1 : 2);
      },
    );
  }
  // Resolved versions: direct components first, then top-level ones, then the rest (first one wins).
  const order = index.dependencies.map((d, i) => ({ d, r: rank[i] })).sort((a, b) => a.r - b.r);
  for (const { d } of order) if (d.version) setResolved(index.resolved!, d.name, d.version, false);
  return index;
}

/** CycloneDX JSON SBOMs (spec 1.4–1.6) → dependencies and their graph (pure: text in, data out). */
import { Node as JsonNode } from 'jsonc-parser';
import { LineIndex } from '../text';
import { ManifestIndex } from './dependency';
import { badPurlMessage, componentIdentity, SbomComponent, SbomEdge, sbomIndex } from './formats/sbomComponents';
import { child, nodeRange, parseJsonDocument, quoted, readEntry, stringAt } from './manifestCommon';

// Package URLs are read by every SBOM format (formats/packageUrl.ts); kept here for their users.
export type { PackageUrl } from './formats/packageUrl';
export { parsePurl, purlPackageName } from './formats/packageUrl';

/** Cheap test for a CycloneDX JSON document: a `"bomFormat": "CycloneDX"` property. */
export function isCycloneDx(text: string): boolean {
  for (let at = text.indexOf('"bomFormat"'); at >= 0; at = text.indexOf('"bomFormat"', at + 1)) {
    if (/^"bomFormat"\s*:\s*"CycloneDX"/.test(text.slice(at, at + 64))) return true;
  }
  return false;
}

interface Found {
  node: JsonNode;
  topLevel: boolean;
}

/** The CycloneDX spec versions read (docs/soup.md, Which manifests are read). */
export const CYCLONEDX_VERSIONS: readonly string[] = ['1.4', '1.5', '1.6'];

/** The problem of a spec version that is not read, or undefined when it is read. */
export function cycloneDxVersionProblem(file: string, version: string): string | undefined {
  return CYCLONEDX_VERSIONS.includes(version)
    ? undefined
    : `${file}: CycloneDX spec version ${quoted(version)} is not read (Seclife reads CycloneDX ${CYCLONEDX_VERSIONS[0]}–${CYCLONEDX_VERSIONS[CYCLONEDX_VERSIONS.length - 1]}); its components are not checked`;
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

/** The property npm's and cyclonedx-npm's SBOMs set on a devDependency (CycloneDX's npm taxonomy). */
export const NPM_DEVELOPMENT_PROPERTY = 'cdx:npm:package:development';

/**
 * `scope`: `excluded` is not shipped (a development or build dependency), `optional` may be
 * absent; the npm taxonomy's development property marks a devDependency too.
 */
export function scopeFlags(scope: string | undefined, development = false): { dev?: true; optional?: true } {
  return scope === 'excluded' || development ? { dev: true } : scope === 'optional' ? { optional: true } : {};
}

function isDevelopment(component: JsonNode): boolean {
  return (child(component, 'properties')?.children ?? []).some(
    (p) => stringAt(p, 'name') === NPM_DEVELOPMENT_PROPERTY && stringAt(p, 'value') === 'true',
  );
}

/**
 * The `dependencies` graph: each `ref` → its `dependsOn` bom-refs. Undefined when the BOM
 * has none (then it is flat: every component is installed, which one brings it in is unknown).
 */
function readGraph(
  graph: JsonNode | undefined,
  lines: LineIndex,
  problems: ManifestIndex['problems'],
): SbomEdge[] | undefined {
  if (!graph) return undefined;
  if (graph.type !== 'array') {
    problems.push({
      message: `'dependencies' must be an array; the dependency graph is not read`,
      range: nodeRange(lines, graph),
    });
    return undefined;
  }
  const edges: SbomEdge[] = [];
  for (const entry of graph.children ?? []) {
    const ref = stringAt(entry, 'ref');
    if (ref === undefined) {
      problems.push({ message: `a 'dependencies' entry without a 'ref'`, range: nodeRange(lines, entry) });
      continue;
    }
    const on = child(entry, 'dependsOn');
    if (on && on.type !== 'array') {
      problems.push({ message: `'dependsOn' must be an array`, range: nodeRange(lines, on) });
      continue;
    }
    for (const to of on?.children ?? []) if (to.type === 'string') edges.push({ from: ref, to: to.value as string });
  }
  return edges;
}

/**
 * Reads a CycloneDX JSON BOM (1.4–1.6). Every component (nested ones too) is a dependency
 * and a package of the graph keyed by its bom-ref; the `metadata.component` is the project
 * itself. Direct = named by the root's `dependsOn` when the BOM has a dependency graph for
 * the root, else the top-level components. The range is the component's `"name"` value
 * (its `purl`, or the component itself, when it has none).
 */
export function parseCycloneDx(file: string, text: string): ManifestIndex {
  const { lines, tree, problems } = parseJsonDocument(file, text, 'JSON');
  const empty: ManifestIndex = { file, kind: 'cyclonedx', dependencies: [], resolved: {}, problems };
  if (!tree) return empty;
  const format = child(tree, 'bomFormat');
  if (format?.value !== 'CycloneDX') {
    problems.push({
      message: `${file} is not a CycloneDX BOM ('bomFormat' must be "CycloneDX")`,
      range: nodeRange(lines, format ?? tree),
    });
    return empty;
  }
  const specVersion = child(tree, 'specVersion');
  if (specVersion?.type === 'string') {
    const unsupported = cycloneDxVersionProblem(file, specVersion.value as string);
    if (unsupported) {
      problems.push({ message: unsupported, range: nodeRange(lines, specVersion) });
      return empty;
    }
  }
  const root = child(child(tree, 'metadata'), 'component');
  let project: ManifestIndex['project'];
  const rootName = stringAt(root, 'name');
  if (rootName) {
    const group = stringAt(root, 'group');
    const version = stringAt(root, 'version');
    project = { name: group ? `${group}/${rootName}` : rootName, ...(version ? { version } : {}) };
  }
  const rootRef = stringAt(root, 'bom-ref');
  const edges = readGraph(child(tree, 'dependencies'), lines, problems);
  const rootEntry =
    rootRef !== undefined
      ? child(tree, 'dependencies')?.children?.find((d) => stringAt(d, 'ref') === rootRef)
      : undefined;
  const directKeys = rootEntry && edges ? edges.filter((e) => e.from === rootRef).map((e) => e.to) : undefined;

  const found: Found[] = [];
  collect(child(tree, 'components'), 0, found, lines, problems);
  const components: SbomComponent[] = [];
  found.forEach(({ node, topLevel }, i) => {
    // One component is one entry: an exception loses only that component (issue 11, D15).
    readEntry(
      problems,
      () => `component ${quoted(stringAt(node, 'name') ?? stringAt(node, 'purl') ?? '?')}`,
      () => nodeRange(lines, node),
      () => {
        const purlText = stringAt(node, 'purl');
        const rawName = stringAt(node, 'name');
        const group = stringAt(node, 'group');
        const named = rawName !== undefined ? (group ? `${group}/${rawName}` : rawName) : undefined;
        const id = componentIdentity(named, stringAt(node, 'version'), purlText);
        const where = child(node, 'name') ?? child(node, 'purl') ?? node;
        if (!id.name) {
          problems.push({ message: 'a component without a name or purl', range: nodeRange(lines, where) });
          return;
        }
        if (id.badPurl)
          problems.push({ message: badPurlMessage(purlText!), range: nodeRange(lines, child(node, 'purl')!) });
        components.push({
          key: stringAt(node, 'bom-ref') ?? `component #${i + 1}`,
          name: id.name,
          ecosystem: id.ecosystem,
          source: id.source,
          range: nodeRange(lines, where),
          topLevel,
          ...(id.version !== undefined ? { version: id.version } : {}),
          ...(purlText !== undefined ? { purl: purlText } : {}),
          ...scopeFlags(stringAt(node, 'scope'), isDevelopment(node)),
        });
      },
    );
  });
  return sbomIndex({
    file,
    kind: 'cyclonedx',
    components,
    edges,
    projectKeys: new Set(rootRef !== undefined ? [rootRef] : []),
    directKeys,
    project,
    problems,
  });
}

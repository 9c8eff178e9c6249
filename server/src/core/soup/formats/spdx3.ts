/**
 * SPDX 3.0 JSON-LD SBOMs (`"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"`,
 * usually `*.spdx.jsonld` or `*.spdx.json`), recognized by content under any name
 * (docs/soup.md, Which manifests are read). The `@graph` holds the elements:
 * - `software_Package` (also `ai_AIPackage`, `dataset_DatasetPackage`): a component keyed by
 *   its `spdxId`, with `name`, `software_packageVersion` and the purl of
 *   `software_packageUrl` or an `externalIdentifier` of type `packageUrl`;
 * - `Relationship` / `LifecycleScopedRelationship`: `from` → each of `to`; `dependsOn` and
 *   `contains` are edges (a `development`/`build`/`test` scope marks them dev),
 *   `hasOptionalDependency`/`hasOptionalComponent` optional ones, `describes` names the project;
 * - `SpdxDocument` / `software_Sbom`: its `rootElement` packages are the project.
 * Compact JSON-LD as SPDX's own context writes it is read; other JSON-LD shapes (expanded
 * IRIs, nested elements) are not.
 */
import { Node as JsonNode } from 'jsonc-parser';
import { ManifestIndex } from '../dependency';
import { child, nodeRange, parseJsonDocument, quoted, readEntry, stringAt } from '../manifestCommon';
import { ManifestFormat } from './format';
import { badPurlMessage, componentIdentity, SbomComponent, SbomEdge, sbomIndex } from './sbomComponents';
import { directOf } from './spdxRelationships';

const CONTEXT = /^https:\/\/spdx\.org\/rdf\/(3\.\d+(?:\.\d+)?)\/spdx-context\.jsonld$/;
const READ_VERSIONS = /^3\.0(?:\.\d+)?$/;
const PACKAGE_TYPES = new Set(['software_Package', 'ai_AIPackage', 'dataset_DatasetPackage']);
const RELATIONSHIP_TYPES = new Set(['Relationship', 'LifecycleScopedRelationship']);
const DOCUMENT_TYPES = new Set(['SpdxDocument', 'software_Sbom', 'Bundle', 'Bom']);
const EDGES: Record<string, { optional?: boolean }> = {
  dependsOn: {},
  contains: {},
  hasOptionalDependency: { optional: true },
  hasOptionalComponent: { optional: true },
  hasProvidedDependency: {},
};
const DEV_SCOPES = new Set(['development', 'build', 'test']);

/** Cheap test for an SPDX 3 JSON-LD document: SPDX's 3.x context near the start. */
export function isSpdx3(text: string): boolean {
  const head = text.length > 16384 ? text.slice(0, 16384) : text;
  return head.includes('"@context"') && /spdx\.org\/rdf\/3\.[0-9]/.test(head);
}

function strings(node: JsonNode | undefined): string[] {
  if (node?.type === 'string') return [node.value as string];
  if (node?.type !== 'array') return [];
  return (node.children ?? []).filter((n) => n.type === 'string').map((n) => n.value as string);
}

/** The context's SPDX version (`3.0.1`), the `@context` a string or an array holding it. */
function contextVersion(context: JsonNode | undefined): string | undefined {
  for (const c of strings(context)) {
    const m = CONTEXT.exec(c);
    if (m) return m[1];
  }
  return undefined;
}

function purlOf(element: JsonNode): JsonNode | undefined {
  const direct = child(element, 'software_packageUrl');
  if (direct?.type === 'string') return direct;
  for (const id of child(element, 'externalIdentifier')?.children ?? []) {
    if (stringAt(id, 'externalIdentifierType') !== 'packageUrl') continue;
    const value = child(id, 'identifier');
    if (value?.type === 'string') return value;
  }
  return undefined;
}

export function parseSpdx3(file: string, text: string): ManifestIndex {
  const { lines, tree, problems } = parseJsonDocument(file, text, 'JSON');
  const empty: ManifestIndex = { file, kind: 'spdx3', dependencies: [], resolved: {}, problems };
  if (!tree) return empty;
  const contextNode = child(tree, '@context');
  const graphNode = child(tree, '@graph');
  const version = contextVersion(contextNode);
  if (version === undefined || graphNode?.type !== 'array') {
    problems.push({
      message: `${file} is not an SPDX 3 JSON-LD document (no SPDX 3 "@context" and "@graph" array)`,
      range: nodeRange(lines, (version === undefined ? contextNode : graphNode) ?? tree),
    });
    return empty;
  }
  const elements = graphNode.children ?? [];
  const creation = elements.find((e) => stringAt(e, 'type') === 'CreationInfo');
  const specVersion = stringAt(creation, 'specVersion') ?? version;
  if (!READ_VERSIONS.test(version) || !READ_VERSIONS.test(specVersion)) {
    const shown = READ_VERSIONS.test(version) ? specVersion : version;
    problems.push({
      message: `${file}: SPDX version ${quoted(shown)} is not read (Seclife reads SPDX 3.0 JSON-LD); its packages are not checked`,
      range: nodeRange(lines, READ_VERSIONS.test(version) ? child(creation, 'specVersion')! : contextNode!),
    });
    return empty;
  }

  const components: SbomComponent[] = [];
  const names = new Map<string, { name: string; version?: string }>();
  const edges: SbomEdge[] = [];
  const described: string[] = [];
  const roots = new Map<string, string[]>();
  const relationships: JsonNode[] = [];
  elements.forEach((element, i) => {
    const type = stringAt(element, 'type') ?? stringAt(element, '@type');
    if (type === undefined) return;
    const spdxId = stringAt(element, 'spdxId') ?? stringAt(element, '@id');
    if (RELATIONSHIP_TYPES.has(type)) relationships.push(element);
    else if (DOCUMENT_TYPES.has(type) && spdxId !== undefined)
      roots.set(spdxId, strings(child(element, 'rootElement')));
    if (!PACKAGE_TYPES.has(type)) return;
    readEntry(
      problems,
      () => `package ${quoted(stringAt(element, 'name') ?? '?')}`,
      () => nodeRange(lines, element),
      () => {
        const purlNode = purlOf(element);
        const purlText = purlNode?.value as string | undefined;
        const rawName = stringAt(element, 'name');
        const rawVersion = stringAt(element, 'software_packageVersion');
        const id = componentIdentity(rawName, rawVersion, purlText);
        const where = child(element, 'name') ?? purlNode ?? element;
        if (spdxId === undefined)
          problems.push({
            message: 'a package without an spdxId: it is in no relationship',
            range: nodeRange(lines, where),
          });
        if (!id.name) {
          problems.push({ message: 'a package without a name or purl', range: nodeRange(lines, where) });
          return;
        }
        if (id.badPurl) problems.push({ message: badPurlMessage(purlText!), range: nodeRange(lines, purlNode!) });
        if (spdxId !== undefined && rawName)
          names.set(spdxId, { name: rawName, ...(rawVersion ? { version: rawVersion } : {}) });
        components.push({
          key: spdxId ?? `package #${i + 1}`,
          name: id.name,
          ecosystem: id.ecosystem,
          source: id.source,
          range: nodeRange(lines, where),
          topLevel: true,
          ...(id.version !== undefined ? { version: id.version } : {}),
          ...(purlText !== undefined ? { purl: purlText } : {}),
        });
      },
    );
  });
  const packages = new Set(components.map((c) => c.key));
  for (const r of relationships) {
    const from = stringAt(r, 'from');
    const kind = stringAt(r, 'relationshipType');
    const to = strings(child(r, 'to'));
    if (from === undefined || kind === undefined) {
      problems.push({
        message: `a relationship without 'from' and 'relationshipType' strings`,
        range: nodeRange(lines, r),
      });
      continue;
    }
    if (kind === 'describes') {
      for (const t of to) described.push(t);
      continue;
    }
    const edge = Object.hasOwn(EDGES, kind) ? EDGES[kind] : undefined;
    if (!edge || !packages.has(from)) continue;
    const dev = DEV_SCOPES.has(stringAt(r, 'scope') ?? '');
    for (const t of to)
      if (packages.has(t))
        edges.push({ from, to: t, ...(dev ? { dev: true } : {}), ...(edge.optional ? { optional: true } : {}) });
  }
  // The project: the packages a document or SBOM names as its root (an SBOM named by the
  // document's root stands for its own roots), and those `describes` names.
  const projectKeys = new Set<string>();
  const visit = (id: string, depth: number) => {
    if (packages.has(id)) projectKeys.add(id);
    else if (depth < 8) for (const r of roots.get(id) ?? []) visit(r, depth + 1);
  };
  for (const list of roots.values()) for (const id of list) visit(id, 0);
  for (const id of described) visit(id, 0);
  const projectKey = [...projectKeys][0];
  return sbomIndex({
    file,
    kind: 'spdx3',
    components,
    edges: edges.length > 0 ? edges : undefined,
    projectKeys,
    directKeys: directOf(packages, edges, projectKeys),
    ...(projectKey !== undefined && names.has(projectKey) ? { project: names.get(projectKey) } : {}),
    problems,
  });
}

export const spdx3Format: ManifestFormat = {
  id: 'spdx3',
  ecosystem: 'generic',
  role: 'sbom',
  sniff: isSpdx3,
  discovery: { names: /\.spdx\.jsonld$/, folders: 'any' },
  parse: parseSpdx3,
};

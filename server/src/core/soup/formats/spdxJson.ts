/**
 * SPDX 2.2/2.3 JSON SBOMs (`"spdxVersion": "SPDX-2.3"`), recognized by content under any
 * name (docs/soup.md, Which manifests are read): each package (its SPDXID the key, name,
 * `versionInfo`, the purl of its `externalRefs`) is a component, `relationships` the graph
 * (spdxRelationships.ts), the described package (`documentDescribes`, `DESCRIBES`) the project.
 */
import { Node as JsonNode } from 'jsonc-parser';
import { ManifestIndex } from '../dependency';
import { child, nodeRange, parseJsonDocument, quoted, readEntry, stringAt } from '../manifestCommon';
import { ManifestFormat } from './format';
import { badPurlMessage, componentIdentity, jsonStringProperty, SbomComponent } from './sbomComponents';
import { Spdx2Relationship, spdx2Index, spdx2VersionProblem } from './spdxRelationships';

/** Cheap test for an SPDX 2 JSON document: a `"spdxVersion": "SPDX-2…"` property. */
export function isSpdxJson(text: string): boolean {
  return jsonStringProperty(text, 'spdxVersion')?.startsWith('SPDX-') ?? false;
}

/** The purl among a package's `externalRefs` (category PACKAGE-MANAGER, type purl). */
function purlOf(pkg: JsonNode): JsonNode | undefined {
  for (const ref of child(pkg, 'externalRefs')?.children ?? []) {
    const category = stringAt(ref, 'referenceCategory');
    if (stringAt(ref, 'referenceType') !== 'purl') continue;
    if (category !== undefined && category !== 'PACKAGE-MANAGER' && category !== 'PACKAGE_MANAGER') continue;
    const locator = child(ref, 'referenceLocator');
    if (locator?.type === 'string') return locator;
  }
  return undefined;
}

export function parseSpdxJson(file: string, text: string): ManifestIndex {
  const { lines, tree, problems } = parseJsonDocument(file, text, 'JSON');
  const empty: ManifestIndex = { file, kind: 'spdx-json', dependencies: [], resolved: {}, problems };
  if (!tree) return empty;
  const versionNode = child(tree, 'spdxVersion');
  if (versionNode?.type !== 'string') {
    problems.push({
      message: `${file} is not an SPDX 2 JSON document (no "spdxVersion")`,
      range: nodeRange(lines, versionNode ?? tree),
    });
    return empty;
  }
  const unsupported = spdx2VersionProblem(file, versionNode.value as string);
  if (unsupported) {
    problems.push({ message: unsupported, range: nodeRange(lines, versionNode) });
    return empty;
  }
  const documentId = stringAt(tree, 'SPDXID') ?? 'SPDXRef-DOCUMENT';
  const list = child(tree, 'packages');
  if (list && list.type !== 'array')
    problems.push({ message: `'packages' must be an array`, range: nodeRange(lines, list) });
  const components: SbomComponent[] = [];
  const projectInfo = new Map<string, { name: string; version?: string }>();
  (list?.type === 'array' ? (list.children ?? []) : []).forEach((node, i) => {
    readEntry(
      problems,
      () => `package ${quoted(stringAt(node, 'name') ?? '?')}`,
      () => nodeRange(lines, node),
      () => {
        if (node.type !== 'object') {
          problems.push({ message: 'a package must be an object', range: nodeRange(lines, node) });
          return;
        }
        const purlNode = purlOf(node);
        const purlText = purlNode?.value as string | undefined;
        const rawName = stringAt(node, 'name');
        const rawVersion = stringAt(node, 'versionInfo');
        const version = rawVersion === 'NOASSERTION' || rawVersion === '' ? undefined : rawVersion;
        const id = componentIdentity(rawName, version, purlText);
        const where = child(node, 'name') ?? purlNode ?? node;
        const key = stringAt(node, 'SPDXID');
        if (key === undefined)
          problems.push({
            message: `a package without an SPDXID: it is in no relationship`,
            range: nodeRange(lines, where),
          });
        if (!id.name) {
          problems.push({ message: 'a package without a name or purl', range: nodeRange(lines, where) });
          return;
        }
        if (id.badPurl) problems.push({ message: badPurlMessage(purlText!), range: nodeRange(lines, purlNode!) });
        if (key !== undefined && rawName) projectInfo.set(key, { name: rawName, ...(version ? { version } : {}) });
        components.push({
          key: key ?? `package #${i + 1}`,
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
  const relationships: Spdx2Relationship[] = [];
  const rels = child(tree, 'relationships');
  if (rels && rels.type !== 'array')
    problems.push({
      message: `'relationships' must be an array; the dependency graph is not read`,
      range: nodeRange(lines, rels),
    });
  for (const r of rels?.type === 'array' ? (rels.children ?? []) : []) {
    const from = stringAt(r, 'spdxElementId');
    const type = stringAt(r, 'relationshipType');
    const to = stringAt(r, 'relatedSpdxElement');
    if (from === undefined || type === undefined || to === undefined) {
      problems.push({
        message: `a relationship without 'spdxElementId', 'relationshipType' and 'relatedSpdxElement' strings`,
        range: nodeRange(lines, r),
      });
      continue;
    }
    relationships.push({ from, type, to });
  }
  const describes = (child(tree, 'documentDescribes')?.children ?? [])
    .filter((n) => n.type === 'string')
    .map((n) => n.value as string);
  return spdx2Index({
    file,
    kind: 'spdx-json',
    components,
    relationships,
    describes: describes,
    documentId,
    projectInfo,
    problems,
  });
}

export const spdxJsonFormat: ManifestFormat = {
  id: 'spdx-json',
  ecosystem: 'generic',
  role: 'sbom',
  sniff: isSpdxJson,
  discovery: { names: /\.spdx\.json$/, folders: 'any' },
  parse: parseSpdxJson,
};

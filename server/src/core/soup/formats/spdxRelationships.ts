/**
 * What the relationships of an SPDX 2.2/2.3 document (JSON or tag-value) say about the
 * dependency graph (docs/soup.md, The whole dependency graph): the described package is the
 * project, `A DEPENDS_ON B` and `A CONTAINS B` are edges A → B, `A DEPENDENCY_OF B` (and the
 * typed `DEV_`, `OPTIONAL_`, `BUILD_`, `TEST_`, `RUNTIME_`, `PROVIDED_DEPENDENCY_OF`) are
 * edges B → A, development/build/test ones marked `dev`, optional ones `optional`.
 */
import { ManifestIndex } from '../dependency';
import { SbomComponent, SbomEdge, sbomIndex } from './sbomComponents';

/** The SPDX 2 versions read. */
export const SPDX2_VERSIONS: readonly string[] = ['SPDX-2.2', 'SPDX-2.3'];

/** The problem of an `spdxVersion` that is not read, or undefined when it is read. */
export function spdx2VersionProblem(file: string, version: string): string | undefined {
  if (SPDX2_VERSIONS.includes(version)) return undefined;
  const shown = version.length > 40 ? `${version.slice(0, 39)}…` : version;
  return `${file}: SPDX version '${shown}' is not read (Seclife reads SPDX-2.2 and SPDX-2.3 here, SPDX 3.0 as JSON-LD); its packages are not checked`;
}

export interface Spdx2Relationship {
  from: string;
  type: string;
  to: string;
}

/** `type` → how it reads: `forward` A → B, `inverse` B → A, with flags. */
const EDGE_TYPES: Record<string, { inverse: boolean; dev?: boolean; optional?: boolean }> = {
  DEPENDS_ON: { inverse: false },
  CONTAINS: { inverse: false },
  CONTAINED_BY: { inverse: true },
  DEPENDENCY_OF: { inverse: true },
  RUNTIME_DEPENDENCY_OF: { inverse: true },
  PROVIDED_DEPENDENCY_OF: { inverse: true },
  DEV_DEPENDENCY_OF: { inverse: true, dev: true },
  BUILD_DEPENDENCY_OF: { inverse: true, dev: true },
  TEST_DEPENDENCY_OF: { inverse: true, dev: true },
  OPTIONAL_DEPENDENCY_OF: { inverse: true, optional: true },
  OPTIONAL_COMPONENT_OF: { inverse: true, optional: true },
};

export interface Spdx2Graph {
  edges: SbomEdge[];
  /** The described packages. */
  projectKeys: Set<string>;
  /** The project's direct dependencies, when the document says. */
  directKeys?: string[];
}

/**
 * The graph of a document's relationships among its packages (`packages`: their SPDXIDs);
 * `describes` are the document's `documentDescribes`. Direct: what the described package
 * depends on or contains; without such edges, the packages no other package depends on.
 */
export function spdx2Graph(
  packages: ReadonlySet<string>,
  relationships: readonly Spdx2Relationship[],
  describes: readonly string[],
  documentId: string,
): Spdx2Graph {
  const projectKeys = new Set(describes.filter((k) => packages.has(k)));
  for (const r of relationships) {
    if (r.type === 'DESCRIBES' && r.from === documentId && packages.has(r.to)) projectKeys.add(r.to);
    if (r.type === 'DESCRIBED_BY' && r.to === documentId && packages.has(r.from)) projectKeys.add(r.from);
  }
  const edges: SbomEdge[] = [];
  for (const r of relationships) {
    const kind = Object.hasOwn(EDGE_TYPES, r.type) ? EDGE_TYPES[r.type] : undefined;
    if (!kind || !packages.has(r.from) || !packages.has(r.to)) continue;
    const [from, to] = kind.inverse ? [r.to, r.from] : [r.from, r.to];
    edges.push({ from, to, ...(kind.dev ? { dev: true } : {}), ...(kind.optional ? { optional: true } : {}) });
  }
  return { edges, projectKeys, directKeys: directOf(packages, edges, projectKeys) };
}

/** The project's direct dependencies: its edges' targets, else the packages nothing depends on. */
export function directOf(
  packages: ReadonlySet<string>,
  edges: readonly SbomEdge[],
  projectKeys: ReadonlySet<string>,
): string[] | undefined {
  const fromProject = edges.filter((e) => projectKeys.has(e.from) && !projectKeys.has(e.to)).map((e) => e.to);
  if (fromProject.length > 0) return fromProject;
  if (edges.length === 0) return undefined;
  const reached = new Set(edges.map((e) => e.to));
  return [...packages].filter((k) => !projectKeys.has(k) && !reached.has(k));
}

/**
 * The index of an SPDX 2 document (JSON or tag-value) from what its reader collected: the
 * relationship graph among the components, the described package as the project.
 */
export function spdx2Index(doc: {
  file: string;
  kind: string;
  components: SbomComponent[];
  relationships: readonly Spdx2Relationship[];
  describes: readonly string[];
  documentId: string;
  projectInfo: ReadonlyMap<string, { name: string; version?: string }>;
  problems: ManifestIndex['problems'];
}): ManifestIndex {
  const graph = spdx2Graph(new Set(doc.components.map((c) => c.key)), doc.relationships, doc.describes, doc.documentId);
  const projectKey = [...graph.projectKeys][0];
  const project = projectKey !== undefined ? doc.projectInfo.get(projectKey) : undefined;
  return sbomIndex({
    file: doc.file,
    kind: doc.kind,
    components: doc.components,
    edges: graph.edges.length > 0 ? graph.edges : undefined,
    projectKeys: graph.projectKeys,
    directKeys: graph.directKeys,
    ...(project ? { project } : {}),
    problems: doc.problems,
  });
}

/**
 * What every SBOM reader (CycloneDX JSON and XML, SPDX 2 JSON and tag-value, SPDX 3
 * JSON-LD) hands over — its components, the edges between them and which element is the
 * project — and the one place that turns that into a {@link ManifestIndex} (docs/soup.md,
 * The whole dependency graph): every component is a dependency, direct when the project
 * depends on it, and a package of the graph.
 */
import { Range } from '../../findings';
import { Dependency, Ecosystem, ManifestIndex } from '../dependency';
import { GraphBuilder } from '../dependencyGraph';
import { ecosystemFromPurlType } from '../ecosystems';
import { packagePurl, setResolved } from '../manifestCommon';
import { parsePurl, purlPackageName } from './packageUrl';

export interface SbomComponent {
  /** The format's own id (a CycloneDX bom-ref, an SPDXID, an SPDX 3 spdxId); unique in the file. */
  key: string;
  name: string;
  version?: string;
  /** As written in the file. */
  purl?: string;
  ecosystem: Ecosystem;
  source: Dependency['source'];
  /** The component's entry in the file. */
  range: Range;
  dev?: boolean;
  optional?: boolean;
  /** Listed at the top level (not nested in another component): direct when the file does not say. */
  topLevel: boolean;
}

/** One edge of the file's graph: `from` depends on (or contains) `to`. */
export interface SbomEdge {
  from: string;
  to: string;
  /** A development/build/test-only dependency (SPDX `DEV_DEPENDENCY_OF`, an SPDX 3 development scope). */
  dev?: boolean;
  optional?: boolean;
}

export interface SbomContent {
  file: string;
  /** The format id (`kind`). */
  kind: string;
  components: SbomComponent[];
  /** The graph; undefined when the file records none (a flat SBOM). */
  edges?: SbomEdge[];
  /** Keys of the project's own elements (CycloneDX `metadata.component`, the SPDX described package). */
  projectKeys: ReadonlySet<string>;
  /** The project's direct dependencies when the file says which (else: the top-level components). */
  directKeys?: readonly string[];
  project?: { name: string; version?: string };
  problems: ManifestIndex['problems'];
  notes?: string[];
}

/** A component's name, version, ecosystem and source from its purl (its own `name` when it has none). */
export function componentIdentity(
  name: string | undefined,
  version: string | undefined,
  purlText: string | undefined,
): { name?: string; version?: string; ecosystem: Ecosystem; source: Dependency['source']; badPurl: boolean } {
  const purl = purlText !== undefined ? parsePurl(purlText) : undefined;
  return {
    name: purl ? purlPackageName(purl) : name,
    version: version ?? purl?.version,
    ecosystem: purl ? ecosystemFromPurlType(purl.type) : 'generic',
    source: purl?.qualifiers.vcs_url ? 'git' : purl?.qualifiers.download_url ? 'url' : 'registry',
    badPurl: purlText !== undefined && !purl,
  };
}

/** `not a package URL: '…'` (a problem at the purl). */
export function badPurlMessage(purl: string): string {
  return `not a package URL: '${purl.length > 80 ? `${purl.slice(0, 79)}…` : purl}'`;
}

/**
 * Keys every path from the project reaches only through edges with the flag (a package
 * only a development dependency brings in is itself one).
 */
function onlyThrough(edges: readonly SbomEdge[], starts: readonly string[], flag: 'dev' | 'optional'): Set<string> {
  const out = new Map<string, SbomEdge[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  const walk = (follow: (e: SbomEdge) => boolean, from: readonly string[]) => {
    const seen = new Set<string>(from);
    const queue = [...from];
    for (let i = 0; i < queue.length; i++)
      for (const e of out.get(queue[i]) ?? [])
        if (follow(e) && !seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
    return seen;
  };
  const plain = walk((e) => !e[flag], starts);
  const all = walk(() => true, starts);
  return new Set([...all].filter((k) => !plain.has(k)));
}

/**
 * The index of an SBOM: components (the project's own left out) are the dependencies and
 * the graph's packages; direct = {@link SbomContent.directKeys} when given, else the
 * top-level components. `resolved`: direct components first, then top-level ones, then the
 * rest (the first version of a name wins).
 */
export function sbomIndex(content: SbomContent): ManifestIndex {
  const { file, components, projectKeys } = content;
  const index: ManifestIndex = { file, kind: content.kind, dependencies: [], resolved: {}, problems: content.problems };
  if (content.project) index.project = content.project;
  if (content.notes && content.notes.length > 0) index.notes = content.notes;
  const builder = new GraphBuilder(content.edges !== undefined);
  const own = components.filter((c) => !projectKeys.has(c.key));
  const known = new Set(own.map((c) => c.key));
  const direct = new Set(
    content.directKeys
      ? content.directKeys.filter((k) => known.has(k))
      : own.filter((c) => c.topLevel).map((c) => c.key),
  );
  const edges = content.edges ?? [];
  // Paths start at the project's own elements (at the direct components when nothing leaves them).
  const fromProject = edges.some((e) => projectKeys.has(e.from));
  const starts = fromProject ? [...projectKeys] : [...direct];
  const devOnly = edges.some((e) => e.dev) ? onlyThrough(edges, starts, 'dev') : new Set<string>();
  const optionalOnly = edges.some((e) => e.optional) ? onlyThrough(edges, starts, 'optional') : new Set<string>();
  const rank: number[] = [];
  for (const c of own) {
    const dev = c.dev || devOnly.has(c.key);
    const optional = c.optional || optionalOnly.has(c.key);
    const purl = c.purl ?? packagePurl(c.ecosystem, c.name, c.version);
    builder.add({
      key: c.key,
      name: c.name,
      ecosystem: c.ecosystem,
      ...(c.version !== undefined ? { version: c.version } : {}),
      ...(purl !== undefined ? { purl } : {}),
      ...(dev ? { dev: true } : {}),
      ...(optional ? { optional: true } : {}),
      range: c.range,
    });
    const dep: Dependency = {
      name: c.name,
      ecosystem: c.ecosystem,
      direct: direct.has(c.key),
      source: c.source,
      file,
      range: c.range,
      node: { file, key: c.key },
    };
    if (c.version !== undefined) dep.version = c.version;
    if (purl !== undefined) dep.purl = purl;
    if (dev) dep.dev = true;
    if (optional) dep.optional = true;
    index.dependencies.push(dep);
    rank.push(dep.direct ? 0 : c.topLevel ? 1 : 2);
  }
  for (const e of edges) if (!projectKeys.has(e.from)) builder.depend(e.from, e.to);
  for (const key of direct) builder.direct('', builder.get(key)!.name, key);
  index.graph = builder.build();
  const order = index.dependencies.map((d, i) => ({ d, r: rank[i] })).sort((a, b) => a.r - b.r);
  for (const { d } of order) if (d.version) setResolved(index.resolved!, d.name, d.version, false);
  return index;
}

/**
 * The first `"<property>": "<value>"` of a JSON text, found without parsing it (a cheap
 * look at a file's kind): each occurrence of the quoted property name is tested once.
 */
export function jsonStringProperty(text: string, property: string, limit = text.length): string | undefined {
  const quotedName = `"${property}"`;
  const head = limit < text.length ? text.slice(0, limit) : text;
  for (let at = head.indexOf(quotedName); at >= 0; at = head.indexOf(quotedName, at + 1)) {
    const m = /^\s*:\s*"([^"\\]{0,200})"/.exec(head.slice(at + quotedName.length, at + quotedName.length + 240));
    if (m) return m[1];
  }
  return undefined;
}

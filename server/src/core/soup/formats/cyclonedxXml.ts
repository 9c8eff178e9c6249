/**
 * CycloneDX XML SBOMs (spec 1.4–1.6, namespace `http://cyclonedx.org/schema/bom/1.x`),
 * recognized by content under any name and found by default as `bom.xml`, `sbom.xml` or
 * `*.cdx.xml` in any folder (docs/soup.md, Which manifests are read): the
 * components (nested ones too) with their bom-ref, name, group, version, purl and scope,
 * the `<dependencies>` graph and `<metadata><component>` as the project.
 *
 * XML is read with saxes, a strict streaming parser (as the JUnit reader does,
 * testResults/junit.ts): a well-formedness error is a located problem and ends the parse
 * (the components read before it are kept). saxes skips a DOCTYPE's internal subset and
 * knows only the five predefined entities, so an entity a DOCTYPE declares (billion laughs)
 * or an external entity is never expanded or read: its use is an `undefined entity` problem.
 */
import { SaxesParser } from 'saxes';
import { LineIndex } from '../../text';
import { cycloneDxVersionProblem, NPM_DEVELOPMENT_PROPERTY, scopeFlags } from '../cyclonedx';
import { ManifestIndex } from '../dependency';
import { rangeAt } from '../manifestCommon';
import { ManifestFormat } from './format';
import { badPurlMessage, componentIdentity, SbomComponent, SbomEdge, sbomIndex } from './sbomComponents';

const NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/;
/** Characters handed to the parser at a time, so a parse that must stop stops soon. */
const CHUNK = 1 << 16;
const MAX_DEPTH = 256;
const MAX_COMPONENT_DEPTH = 64;
/** Characters kept of one element's text (a name, a version, a purl). */
const MAX_TEXT = 4096;

/** Cheap test for a CycloneDX XML document: a `bom` element in the CycloneDX namespace near the start. */
export function isCycloneDxXml(text: string): boolean {
  const head = text.length > 16384 ? text.slice(0, 16384) : text;
  return head.includes('http://cyclonedx.org/schema/bom/') && /<(?:[A-Za-z_][\w.-]*:)?bom[\s>]/.test(head);
}

/** The fields of a component kept while its element is open. */
interface OpenComponent {
  fields: Record<string, string>;
  attrs: Record<string, string>;
  range: ManifestIndex['problems'][number]['range'];
  topLevel: boolean;
  /** The metadata component (the project), not a dependency. */
  isProject: boolean;
  /** 1-based order in the file, for a key when it has no bom-ref. */
  ordinal: number;
  /** Its `<properties>` say it is an npm devDependency. */
  development: boolean;
  /** Its place in {@link components}, kept at its start tag so that a parent precedes its children. */
  slot: number;
}

const FIELDS = new Set(['name', 'group', 'version', 'purl', 'scope']);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function parseCycloneDxXml(file: string, text: string): ManifestIndex {
  const problems: ManifestIndex['problems'] = [];
  const lines = new LineIndex(text);
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const empty = (): ManifestIndex => ({ file, kind: 'cyclonedx-xml', dependencies: [], resolved: {}, problems });
  const at = (offset: number) => rangeAt(lines, offset, offset + 1);
  const slots: Array<SbomComponent | undefined> = [];
  const edges: SbomEdge[] = [];
  let sawGraph = false;
  /** The refs of the graph's entries (an entry with no children still says "depends on nothing"). */
  const graphRefs = new Set<string>();
  let project: ManifestIndex['project'];
  let projectRef: string | undefined;
  let rootSeen = false;
  /** The root is no CycloneDX `<bom>` or its version is not read: nothing is. */
  let unsupported = false;
  let stopped = false;
  let bomPrefix = '';
  /** Per open element: its CycloneDX local name ('' for another namespace's) and default namespace. */
  const stack: Array<{ local: string; ns: string | undefined }> = [];
  const open: OpenComponent[] = [];
  let dependencyRef: string | undefined;
  let textTarget: { component: OpenComponent; field: string } | undefined;
  let tagStart = 0;
  let ordinal = 0;

  if (text.trim() === '' || text === '\ufeff') {
    problems.push({ message: `${file} is empty`, range: at(0) });
    return empty();
  }
  const parser = new SaxesParser({ position: true, xmlns: false });
  const stop = (message: string, offset: number) => {
    if (stopped) return;
    problems.push({ message, range: at(offset) });
    stopped = true;
  };
  const position = () => base + parser.position;

  parser.on('error', (e) => {
    let offset = Math.max(position() - 1, 0);
    let message = e.message.replace(/^(?:[^\n]*?:)?\d+:\d+: /, '');
    if (message === 'undefined entity.') {
      const amp = text.lastIndexOf('&', position() - 1);
      if (amp >= 0 && position() - amp <= 64) {
        message = `undefined entity ${text.slice(amp, position())}: only the five predefined XML entities and character references are read (entities a DOCTYPE declares are never expanded)`;
        offset = amp;
      }
    }
    stop(`${file} is not valid XML: ${message}`, offset);
  });
  parser.on('doctype', (doctype) => {
    if (doctype.includes('['))
      problems.push({
        message: 'the DOCTYPE declares an internal subset; it is ignored (declared entities are never expanded)',
        range: at(Math.max(text.indexOf('<!DOCTYPE'), 0)),
      });
  });
  parser.on('opentagstart', () => {
    tagStart = Math.max(text.lastIndexOf('<', position() - 1), 0);
  });
  parser.on('opentag', (tag) => {
    if (stopped) return;
    const attrs = tag.attributes as Record<string, string>;
    const colon = tag.name.indexOf(':');
    const prefix = colon >= 0 ? tag.name.slice(0, colon) : '';
    const localName = colon >= 0 ? tag.name.slice(colon + 1) : tag.name;
    const parentNs = stack.length > 0 ? stack[stack.length - 1].ns : undefined;
    const ns = Object.hasOwn(attrs, 'xmlns') ? attrs.xmlns : parentNs;
    if (!rootSeen) {
      rootSeen = true;
      const declared = prefix ? attrs[`xmlns:${prefix}`] : attrs.xmlns;
      const version = declared !== undefined ? NAMESPACE.exec(declared)?.[1] : undefined;
      if (localName !== 'bom' || version === undefined) {
        unsupported = true;
        stop(`${file} is not a CycloneDX XML BOM (its root must be a <bom> in the CycloneDX namespace)`, tagStart);
        return;
      }
      const problem = cycloneDxVersionProblem(file, version);
      if (problem) {
        unsupported = true;
        stop(problem, tagStart);
        return;
      }
      bomPrefix = prefix;
    }
    const ours = prefix ? prefix === bomPrefix : ns !== undefined && NAMESPACE.test(ns);
    const local = ours ? localName : '';
    const path = stack.map((s) => s.local);
    stack.push({ local, ns });
    if (stack.length > MAX_DEPTH) {
      stop(`elements nested deeper than ${MAX_DEPTH}: the rest of the file is not read`, tagStart);
      return;
    }
    const parent = path[path.length - 1];
    const grand = path[path.length - 2];
    if (local === 'component') {
      const isProject = path.length === 2 && parent === 'metadata';
      // bom > components > component (> components > component)*: not tools' components in metadata.
      const inBom = parent === 'components' && (path.length === 2 || (grand === 'component' && open.length > 0));
      if (isProject || inBom) {
        if (open.length >= MAX_COMPONENT_DEPTH) {
          problems.push({
            message: 'components are nested too deeply; the deeper ones are skipped',
            range: at(tagStart),
          });
          stack[stack.length - 1].local = '';
          return;
        }
        open.push({
          fields: Object.create(null),
          attrs,
          range: rangeAt(lines, tagStart, position()),
          topLevel: path.length === 2,
          isProject,
          ordinal: ++ordinal,
          development: false,
          slot: isProject ? -1 : slots.push(undefined) - 1,
        });
      } else stack[stack.length - 1].local = '';
    } else if (FIELDS.has(local) && parent === 'component' && open.length > 0) {
      textTarget = { component: open[open.length - 1], field: local };
      open[open.length - 1].fields[local] = '';
    } else if (
      local === 'property' &&
      parent === 'properties' &&
      grand === 'component' &&
      open.length > 0 &&
      attrs.name === NPM_DEVELOPMENT_PROPERTY
    ) {
      textTarget = { component: open[open.length - 1], field: 'development' };
      open[open.length - 1].fields.development = '';
    } else if (local === 'dependencies' && path.length === 1) {
      sawGraph = true;
    } else if (local === 'dependency' && parent === 'dependencies' && path.length === 2) {
      dependencyRef = attrs.ref;
      if (dependencyRef !== undefined) graphRefs.add(dependencyRef);
      else
        problems.push({
          message: 'a <dependency> without a ref attribute',
          range: rangeAt(lines, tagStart, position()),
        });
    } else if (local === 'dependency' && parent === 'dependency' && path.length === 3) {
      if (dependencyRef !== undefined && attrs.ref !== undefined) edges.push({ from: dependencyRef, to: attrs.ref });
    }
  });
  const onText = (t: string) => {
    if (stopped || !textTarget) return;
    const fields = textTarget.component.fields;
    if (fields[textTarget.field].length < MAX_TEXT) fields[textTarget.field] += t.slice(0, MAX_TEXT);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (stopped) return;
    const closed = stack.pop();
    textTarget = undefined;
    if (closed?.local === 'component' && open.length > 0) finish(open.pop()!);
  });

  const finish = (c: OpenComponent) => {
    const f = c.fields;
    const trim = (s: string | undefined) => (s === undefined ? undefined : s.trim());
    const rawName = trim(f.name);
    const group = trim(f.group);
    const named = rawName ? (group ? `${group}/${rawName}` : rawName) : undefined;
    if (c.isProject) {
      projectRef = c.attrs['bom-ref'];
      const version = trim(f.version);
      if (named) project = { name: named, ...(version ? { version } : {}) };
      return;
    }
    const purlText = trim(f.purl) || undefined;
    const id = componentIdentity(named, trim(f.version) || undefined, purlText);
    if (!id.name) {
      problems.push({ message: 'a component without a name or purl', range: c.range });
      return;
    }
    if (id.badPurl) problems.push({ message: badPurlMessage(purlText!), range: c.range });
    slots[c.slot] = {
      key: c.attrs['bom-ref'] ?? `component #${c.ordinal}`,
      name: id.name,
      ecosystem: id.ecosystem,
      source: id.source,
      range: c.range,
      topLevel: c.topLevel,
      ...(id.version !== undefined ? { version: id.version } : {}),
      ...(purlText !== undefined ? { purl: purlText } : {}),
      ...scopeFlags(trim(f.scope), trim(f.development) === 'true'),
    };
  };

  // saxes reads a lone high surrogate and the next character as one code point: the text is
  // read up to the first lone surrogate, which is a problem.
  const surrogate = (text as { isWellFormed?: () => boolean }).isWellFormed?.()
    ? -1
    : (LONE_SURROGATE.exec(text)?.index ?? -1);
  const end = surrogate >= 0 ? surrogate : text.length;
  try {
    for (let i = base; i < end && !stopped; i += CHUNK) parser.write(text.slice(i, Math.min(i + CHUNK, end)));
    if (!stopped && surrogate >= 0)
      stop(
        `${file} is not valid XML: a lone UTF-16 surrogate (not a Unicode character): the rest is not read`,
        surrogate,
      );
    if (!stopped) parser.close();
  } catch (e) {
    // saxes reports through the error handler; anything else is a bug kept to this file.
    stop(`${file} is not valid XML: ${e instanceof Error ? e.message : String(e)}`, position());
  }
  if (unsupported || !rootSeen) return empty();
  // The root's own entry in the graph says which components are direct (an empty one: none).
  const fromRoot = projectRef !== undefined ? edges.filter((e) => e.from === projectRef) : [];
  const rootListed = projectRef !== undefined && graphRefs.has(projectRef);
  const components = slots.filter((c): c is SbomComponent => c !== undefined);
  return sbomIndex({
    file,
    kind: 'cyclonedx-xml',
    components,
    edges: sawGraph ? edges : undefined,
    projectKeys: new Set(projectRef !== undefined ? [projectRef] : []),
    directKeys: sawGraph && rootListed ? fromRoot.map((e) => e.to) : undefined,
    project,
    problems,
  });
}

export const cycloneDxXmlFormat: ManifestFormat = {
  id: 'cyclonedx-xml',
  ecosystem: 'generic',
  role: 'sbom',
  sniff: isCycloneDxXml,
  discovery: { names: /^(?:bom|sbom)\.xml$|\.cdx\.xml$/, folders: 'any' },
  parse: parseCycloneDxXml,
};

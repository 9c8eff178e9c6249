/**
 * pom.xml, a Maven project (docs/soup.md, Which manifests are read): the `<dependency>`s of
 * `<dependencies>` (and of a `<profile>`'s, as optional), named `groupId:artifactId`.
 * `${property}` is read from `<properties>` and the project's own coordinates
 * (`${project.version}`, `${project.groupId}`, `${project.parent.version}`, …); a dependency
 * without a version takes it from `<dependencyManagement>`. `<scope>test</scope>` is dev,
 * `system` a local file; `provided` is still run (the container supplies it). A Maven
 * version is the version used (a soft requirement); a range (`[1.0,2.0)`) is left to what
 * resolves it. What a parent pom or an imported BOM defines is not in this file: a version
 * that stays unresolved is kept as written, without a version, and a note says why.
 * `<modules>` are the member folders of a multi-module build.
 */
import { Dependency, ManifestIndex } from '../dependency';
import { packagePurl, quoted, readEntry } from '../manifestCommon';
import { ManifestFormat } from './format';
import { childNamed, childrenNamed, childText, parseXmlElements, XmlElement } from './xmlElements';

/**
 * One round of `${name}` → its property (unknown ones kept). A scan, not a regex: a run of
 * `${` without a closing `}` on its line is skipped once, so the work stays linear.
 */
function replacePlaceholders(text: string, properties: Map<string, string>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open < 0) break;
    const close = text.indexOf('}', open + 2);
    const newline = text.indexOf('\n', open + 2);
    if (close < 0 || (newline >= 0 && newline < close)) {
      // No placeholder closes on this line: copy up to the line's end.
      const end = newline < 0 ? text.length : newline + 1;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const name = text.slice(open + 2, close);
    out += text.slice(i, open) + (properties.get(name.trim()) ?? text.slice(open, close + 1));
    i = close + 1;
  }
  return out + text.slice(i);
}

/** `${name}` replaced from `properties`, a few rounds deep (a property may use another). */
function expand(value: string, properties: Map<string, string>): string {
  let out = value;
  for (let round = 0; round < 10 && out.includes('${'); round++) {
    const next = replacePlaceholders(out, properties);
    if (next === out) break;
    out = next;
  }
  return out;
}

/** A Maven version range (`[1.0,2.0)`, `(,1.0]`) rather than one version. */
function isRange(version: string): boolean {
  return /[[\](),]/.test(version);
}

export function parsePomXml(file: string, text: string): ManifestIndex {
  const index: ManifestIndex = { file, kind: 'pom.xml', dependencies: [], problems: [] };
  const doc = parseXmlElements(file, text);
  for (const p of doc.problems) index.problems.push(p);
  const root = doc.root;
  if (!root) return index;
  if (root.name !== 'project') {
    index.problems.push({
      message: `not a Maven POM: the root element is <${root.name}>, not <project>`,
      range: root.range,
    });
    return index;
  }
  const notes = new Set<string>();
  const parent = childNamed(root, 'parent');
  const parentId = parent
    ? `${childText(parent, 'groupId') ?? '?'}:${childText(parent, 'artifactId') ?? '?'}`
    : undefined;
  const parentVersion = childText(parent, 'version');
  const groupId = childText(root, 'groupId') ?? childText(parent, 'groupId');
  const artifactId = childText(root, 'artifactId');
  const rawVersion = childText(root, 'version') ?? parentVersion;

  const properties = new Map<string, string>();
  for (const p of childNamed(root, 'properties')?.children ?? []) properties.set(p.name, p.text);
  const builtIn: Array<[string, string | undefined]> = [
    ['project.groupId', groupId],
    ['project.artifactId', artifactId],
    ['project.version', rawVersion],
    ['project.parent.groupId', childText(parent, 'groupId')],
    ['project.parent.artifactId', childText(parent, 'artifactId')],
    ['project.parent.version', parentVersion],
  ];
  for (const [k, v] of builtIn)
    if (v !== undefined) {
      properties.set(k, v);
      properties.set(k.replace(/^project\./, 'pom.'), v);
    }
  if (rawVersion !== undefined) properties.set('version', rawVersion);
  const version = rawVersion !== undefined ? expand(rawVersion, properties) : undefined;
  if (groupId && artifactId)
    index.project = {
      name: `${expand(groupId, properties)}:${expand(artifactId, properties)}`,
      ...(version && !version.includes('${') ? { version } : {}),
    };
  const modules = childrenNamed(childNamed(root, 'modules'), 'module')
    .map((m) => m.text)
    .filter(Boolean);
  if (modules.length > 0) index.workspaces = modules;

  // <dependencyManagement>: versions (and scopes) for dependencies that give none.
  const managed = new Map<string, { version?: string; scope?: string }>();
  const boms: string[] = [];
  for (const d of childrenNamed(childNamed(childNamed(root, 'dependencyManagement'), 'dependencies'), 'dependency')) {
    const g = childText(d, 'groupId');
    const a = childText(d, 'artifactId');
    if (!g || !a) continue;
    const name = `${expand(g, properties)}:${expand(a, properties)}`;
    const v = childText(d, 'version');
    const scope = childText(d, 'scope');
    if (scope === 'import') boms.push(`${name}${v ? `:${expand(v, properties)}` : ''}`);
    else managed.set(name, { ...(v ? { version: expand(v, properties) } : {}), ...(scope ? { scope } : {}) });
  }

  const read = (list: XmlElement | undefined, inProfile: boolean) => {
    for (const d of childrenNamed(list, 'dependency')) {
      readEntry(
        index.problems,
        () => `dependency ${quoted(`${childText(d, 'groupId') ?? '?'}:${childText(d, 'artifactId') ?? '?'}`)}`,
        () => d.range,
        () => {
          const g = childText(d, 'groupId');
          const a = childText(d, 'artifactId');
          const range = childNamed(d, 'artifactId')?.range ?? d.range;
          if (!g || !a) {
            index.problems.push({ message: 'a <dependency> without groupId or artifactId is not read', range });
            return;
          }
          const name = `${expand(g, properties)}:${expand(a, properties)}`;
          const own = childText(d, 'version');
          const fromManagement = managed.get(name);
          const spec = own !== undefined ? expand(own, properties) : fromManagement?.version;
          const scope = childText(d, 'scope') ?? fromManagement?.scope;
          const dep: Dependency = {
            name,
            ecosystem: 'maven',
            direct: true,
            source: scope === 'system' ? 'file' : 'registry',
            file,
            range,
          };
          if (spec !== undefined) {
            dep.spec = spec;
            if (spec.includes('${'))
              notes.add(
                `${name}: the version ${spec} uses a property this file does not define${parentId ? ` (it may come from the parent ${parentId}, which is not read)` : ''}: kept as written, without a version`,
              );
            else if (!isRange(spec)) {
              dep.version = spec;
              dep.purl = packagePurl('maven', name, spec);
            }
          } else if (parentId || boms.length > 0) {
            notes.add(
              `${name} has no version here: it comes from ${parentId ? `the parent ${parentId}` : `the imported BOM ${boms.join(', ')}`}, which is not read`,
            );
          } else {
            index.problems.push({
              message: `${quoted(name)} has no <version> and no <dependencyManagement>, parent or imported BOM gives one: Maven cannot resolve it`,
              range,
            });
          }
          if (scope === 'test') dep.dev = true;
          if (childText(d, 'optional') === 'true' || inProfile) dep.optional = true;
          index.dependencies.push(dep);
        },
      );
    }
  };
  read(childNamed(root, 'dependencies'), false);
  for (const profile of childrenNamed(childNamed(root, 'profiles'), 'profile'))
    read(childNamed(profile, 'dependencies'), true);
  if (notes.size > 0) index.notes = [...notes];
  return index;
}

export const pomXmlFormat: ManifestFormat = {
  id: 'pom.xml',
  ecosystem: 'maven',
  role: 'declaration',
  fileNames: /^pom\.xml$/,
  discovery: { names: /^pom\.xml$/, folders: 'any' },
  parse: parsePomXml,
  workspaces: true,
};

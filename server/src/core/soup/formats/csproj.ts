/**
 * MSBuild project files, *.csproj / *.fsproj / *.vbproj (docs/soup.md, Which manifests are
 * read): `<PackageReference Include="X" Version="1.2.3" />`, the version also as a
 * `<Version>` child element, `VersionOverride`, `PrivateAssets="all"` (a development-only
 * package: analyzers, build tools) as dev. `$(Property)` in a version is read from the file's
 * own `<PropertyGroup>`s. With Central Package Management a reference has no version: it is
 * in Directory.Packages.props (`<PackageVersion Include= Version=>`, read by
 * {@link parseCentralPackageVersions}), else packages.lock.json gives it.
 * NuGet resolves `Version="1.2.3"` (at least 1.2.3) to the lowest version that matches,
 * 1.2.3 itself, so a plain version and `[1.2.3]` are the version; ranges and floating
 * versions (`1.*`) are left to the lockfile.
 */
import { Range } from '../../findings';
import { Dependency, ManifestIndex } from '../dependency';
import { packagePurl, quoted, readEntry } from '../manifestCommon';
import { ManifestFormat } from './format';
import { childrenNamed, parseXmlElements, XmlElement } from './xmlElements';

/** An attribute or a child element's text (MSBuild metadata may be written either way). */
function metadata(el: XmlElement, name: string): string | undefined {
  const attr = Object.keys(el.attrs).find((k) => k.toLowerCase() === name.toLowerCase());
  if (attr !== undefined) return el.attrs[attr];
  const child = el.children.find((c) => c.name.toLowerCase() === name.toLowerCase());
  return child?.text;
}

/** The version NuGet installs for a version as written, when the text alone says. */
export function nugetExactVersion(spec: string): string | undefined {
  const s = spec.trim();
  const m = /^(\[?)(\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)(\]?)$/.exec(s);
  return m && (m[1] === '') === (m[3] === '') ? m[2] : undefined;
}

/** `$(Name)` replaced from `properties` (case-insensitive, as MSBuild's), a few rounds deep. */
function expand(value: string, properties: Map<string, string>): string {
  let out = value;
  for (let round = 0; round < 8 && out.includes('$('); round++) {
    const next = out.replace(
      /\$\(([A-Za-z_][\w.-]*)\)/g,
      (all, name: string) => properties.get(name.toLowerCase()) ?? all,
    );
    if (next === out) break;
    out = next;
  }
  return out;
}

function propertiesOf(root: XmlElement): Map<string, string> {
  const properties = new Map<string, string>();
  for (const group of childrenNamed(root, 'PropertyGroup'))
    for (const p of group.children) properties.set(p.name.toLowerCase(), p.text);
  return properties;
}

/** The `<PackageVersion>`s of a Directory.Packages.props: lower-case name → version and where. */
export function parseCentralPackageVersions(
  file: string,
  text: string,
): { versions: Map<string, { version: string; range: Range }>; problems: ManifestIndex['problems'] } {
  const doc = parseXmlElements(file, text);
  const versions = new Map<string, { version: string; range: Range }>();
  if (!doc.root) return { versions, problems: doc.problems };
  const properties = propertiesOf(doc.root);
  for (const group of childrenNamed(doc.root, 'ItemGroup'))
    for (const pv of childrenNamed(group, 'PackageVersion')) {
      const name = metadata(pv, 'Include');
      const version = metadata(pv, 'Version');
      if (name && version) versions.set(name.toLowerCase(), { version: expand(version, properties), range: pv.range });
    }
  return { versions, problems: doc.problems };
}

export function parseCsproj(file: string, text: string): ManifestIndex {
  const index: ManifestIndex = { file, kind: 'csproj', dependencies: [], problems: [] };
  const doc = parseXmlElements(file, text);
  for (const p of doc.problems) index.problems.push(p);
  const root = doc.root;
  if (!root) return index;
  if (root.name !== 'Project') {
    index.problems.push({
      message: `not an MSBuild project: the root element is <${root.name}>, not <Project>`,
      range: root.range,
    });
    return index;
  }
  const properties = propertiesOf(root);
  const stem = file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const projectName = properties.get('packageid') || properties.get('assemblyname') || stem;
  const projectVersion = properties.get('version');
  index.project = {
    name: expand(projectName, properties),
    ...(projectVersion ? { version: expand(projectVersion, properties) } : {}),
  };
  let central = 0;
  for (const group of childrenNamed(root, 'ItemGroup')) {
    for (const ref of childrenNamed(group, 'PackageReference')) {
      readEntry(
        index.problems,
        () => `PackageReference ${quoted(metadata(ref, 'Include') ?? '?')}`,
        () => ref.range,
        () => {
          const include = metadata(ref, 'Include');
          if (include === undefined) {
            if (metadata(ref, 'Update') === undefined)
              index.problems.push({ message: 'a PackageReference without Include is not read', range: ref.range });
            return; // `Update` changes a reference made elsewhere (Directory.Build.props)
          }
          const written = metadata(ref, 'VersionOverride') ?? metadata(ref, 'Version');
          const spec = written !== undefined ? expand(written, properties) : undefined;
          const privateAssets = metadata(ref, 'PrivateAssets');
          const dev = privateAssets !== undefined && /(?:^|;)\s*all\s*(?:;|$)/i.test(privateAssets);
          for (const name of include
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean)) {
            const dep: Dependency = {
              name,
              ecosystem: 'nuget',
              direct: true,
              source: 'registry',
              file,
              range: ref.range,
            };
            if (spec !== undefined && spec !== '') {
              dep.spec = spec;
              const version = spec.includes('$(') ? undefined : nugetExactVersion(spec);
              if (version) {
                dep.version = version;
                dep.purl = packagePurl('nuget', name, version);
              }
            } else central++;
            if (dev) dep.dev = true;
            index.dependencies.push(dep);
          }
        },
      );
    }
  }
  if (central > 0)
    (index.notes ??= []).push(
      `${central} PackageReference${central === 1 ? ' has' : 's have'} no version: with Central Package Management it is in Directory.Packages.props; the version installed comes from packages.lock.json`,
    );
  const unresolved = index.dependencies.filter((d) => d.spec?.includes('$('));
  if (unresolved.length > 0)
    (index.notes ??= []).push(
      `the version of ${unresolved.map((d) => quoted(d.name)).join(', ')} uses an MSBuild property this file does not define (${unresolved[0].spec}): kept as written, without a version`,
    );
  return index;
}

export const csprojFormat: ManifestFormat = {
  id: 'csproj',
  ecosystem: 'nuget',
  role: 'declaration',
  fileNames: /\.(?:cs|fs|vb)proj$/,
  discovery: { names: /\.(?:cs|fs|vb)proj$/, folders: 'any' },
  parse: parseCsproj,
};

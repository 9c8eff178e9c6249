/**
 * Trivy JSON reports (`trivy fs|image|sbom --format json`) → advisories (docs/vulnerabilities.md,
 * Advisory data). A report is `{ SchemaVersion: 2, CreatedAt, ArtifactName, Results: [ { Target,
 * Class, Type, Vulnerabilities: [...] } ] }`; each vulnerability says that the installed
 * `PkgName`@`InstalledVersion` is affected by `VulnerabilityID`, fixed in `FixedVersion` (one
 * version or a comma-separated list, one per release line). The ecosystem comes from
 * `PkgIdentifier.PURL`, else from the result's `Type` (`npm`, `pip`, `poetry`, `cargo`, `gomod`,
 * `jar`, `nuget`, …). `VendorIDs` are the aliases. Reports before schema 2 (a bare array of
 * results) are read the same way.
 */
import { Node } from 'jsonc-parser';
import { Ecosystem } from './dependency';
import { ecosystemFromName } from './ecosystems';
import {
  firstLine,
  fixVersions,
  isObject,
  isoTimestamp,
  packageIdentity,
  prop,
  Reader,
  scannerAffected,
  severityLabel,
  str,
  nodeValue,
} from './advisoryReader';

/** Trivy's result types (language analyzers) of the ecosystems we know; OS packages are generic. */
const TRIVY_TYPES: Record<string, Ecosystem> = {
  npm: 'npm',
  yarn: 'npm',
  pnpm: 'npm',
  bun: 'npm',
  'node-pkg': 'npm',
  pip: 'pypi',
  pipenv: 'pypi',
  poetry: 'pypi',
  uv: 'pypi',
  'python-pkg': 'pypi',
  cargo: 'cargo',
  'rust-binary': 'cargo',
  gomod: 'golang',
  gobinary: 'golang',
  jar: 'maven',
  pom: 'maven',
  gradle: 'maven',
  sbt: 'maven',
  nuget: 'nuget',
  'dotnet-core': 'nuget',
  'packages-props': 'nuget',
};

/**
 * Whether a document is a Trivy report: `SchemaVersion` with `Results` or `ArtifactName` (a clean
 * scan may have no `Results`), `ArtifactName` with `Results`, or the old bare array of results.
 */
export function isTrivyReport(root: Node): boolean {
  if (root.type === 'array') {
    const first = root.children?.[0];
    return first !== undefined && prop(first, 'Target') !== undefined && prop(first, 'id') === undefined;
  }
  const results = prop(root, 'Results') !== undefined;
  const artifact = prop(root, 'ArtifactName') !== undefined;
  return (prop(root, 'SchemaVersion') !== undefined && (results || artifact)) || (artifact && results);
}

/** The report's own timestamp (`CreatedAt`). */
export function trivyTimestamp(root: Node): string | undefined {
  return isoTimestamp(nodeValue(prop(root, 'CreatedAt')));
}

export function readTrivy(reader: Reader, root: Node): void {
  const version = nodeValue(prop(root, 'SchemaVersion'));
  if (version !== undefined && version !== 2)
    reader.problem(
      `Trivy report schema ${JSON.stringify(version)} is not 2; read as schema 2`,
      prop(root, 'SchemaVersion'),
    );
  const results = root.type === 'array' ? root : prop(root, 'Results');
  if (results === undefined || nodeValue(results) === null) return; // nothing scanned
  if (results.type !== 'array') {
    reader.problem("Trivy 'Results' must be an array", results);
    return;
  }
  for (const result of results.children ?? []) {
    const type = str(nodeValue(prop(result, 'Type')))?.toLowerCase() ?? '';
    const ecosystem = TRIVY_TYPES[type] ?? ecosystemFromName(type);
    const list = prop(result, 'Vulnerabilities');
    if (list === undefined || nodeValue(list) === null) continue;
    if (list.type !== 'array') {
      reader.problem("Trivy 'Vulnerabilities' must be an array", list);
      continue;
    }
    for (const item of list.children ?? [])
      reader.entry('a Trivy vulnerability', item, () => readVulnerability(reader, item, ecosystem));
  }
}

function readVulnerability(reader: Reader, node: Node, typeEcosystem: Ecosystem): void {
  const v = nodeValue(node);
  const id = isObject(v) ? str(v.VulnerabilityID) : undefined;
  if (!isObject(v) || !id) {
    reader.problem("a Trivy vulnerability without a 'VulnerabilityID'", node);
    return;
  }
  const identifier = isObject(v.PkgIdentifier) ? v.PkgIdentifier : {};
  const pkg = packageIdentity(identifier.PURL, v.PkgName, typeEcosystem);
  if (!pkg) {
    reader.problem(`Trivy vulnerability ${id} names no package ('PkgName')`, node);
    return;
  }
  const aliases = [
    ...new Set(
      (Array.isArray(v.VendorIDs) ? v.VendorIDs : [])
        .map((a) => str(a))
        .filter((a): a is string => a !== undefined && a !== id),
    ),
  ];
  const severity = severityLabel(v.Severity);
  const summary = str(v.Title) ?? (str(v.Description) ? firstLine(v.Description as string) : undefined);
  const dataSource = isObject(v.DataSource) ? v.DataSource : {};
  const url = str(v.PrimaryURL) ?? str(dataSource.URL);
  const modified = isoTimestamp(v.LastModifiedDate);
  const published = isoTimestamp(v.PublishedDate);
  reader.add(
    {
      id,
      aliases,
      ecosystem: pkg.ecosystem,
      package: pkg.name,
      affected: scannerAffected(str(v.InstalledVersion), fixVersions(v.FixedVersion), pkg.ecosystem),
      ...(severity && severity !== 'unknown' && { severity }),
      ...(summary && { summary }),
      ...(url && { url }),
      ...(modified && { modified }),
      ...(published && { published }),
      source: 'trivy',
    },
    node,
  );
}

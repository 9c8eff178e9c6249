/**
 * Grype JSON reports (`grype <target> -o json`) → advisories (docs/vulnerabilities.md,
 * Advisory data). A report is `{ matches: [ { vulnerability, relatedVulnerabilities,
 * matchDetails, artifact } ], source, distro, descriptor }`: each match says that one
 * installed artifact (`name`, `version`, `type`, `purl`) is affected by `vulnerability.id`,
 * fixed in `vulnerability.fix.versions`. The affected ranges are the installed version and
 * the versions up to the nearest fix (see `scannerAffected`). `relatedVulnerabilities` give
 * the aliases (a GHSA match's CVE). `descriptor.timestamp` is when the report was made.
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

/** Grype's artifact types (syft package types) of the ecosystems we know; others are generic. */
const GRYPE_TYPES: Record<string, Ecosystem> = {
  npm: 'npm',
  python: 'pypi',
  'java-archive': 'maven',
  'jenkins-plugin': 'maven',
  'go-module': 'golang',
  'rust-crate': 'cargo',
  dotnet: 'nuget',
};

/** Whether a JSON document is a Grype report: a `matches` array, and Grype's descriptor or match shape. */
export function isGrypeReport(root: Node): boolean {
  const matches = prop(root, 'matches');
  if (matches?.type !== 'array') return false;
  const name = nodeValue(prop(prop(root, 'descriptor'), 'name'));
  if (name === 'grype') return true;
  const first = matches.children?.[0];
  return first === undefined
    ? prop(root, 'descriptor') !== undefined
    : prop(first, 'vulnerability') !== undefined && prop(first, 'artifact') !== undefined;
}

/** The report's own timestamp (`descriptor.timestamp`). */
export function grypeTimestamp(root: Node): string | undefined {
  return isoTimestamp(nodeValue(prop(prop(root, 'descriptor'), 'timestamp')));
}

export function readGrype(reader: Reader, root: Node): void {
  for (const match of prop(root, 'matches')?.children ?? [])
    reader.entry('a Grype match', match, () => readMatch(reader, match));
}

function readMatch(reader: Reader, match: Node): void {
  const vulnerability = nodeValue(prop(match, 'vulnerability'));
  const artifact = nodeValue(prop(match, 'artifact'));
  const id = isObject(vulnerability) ? str(vulnerability.id) : undefined;
  if (!isObject(vulnerability) || !id) {
    reader.problem("a Grype match without a 'vulnerability.id'", prop(match, 'vulnerability') ?? match);
    return;
  }
  if (!isObject(artifact)) {
    reader.problem(`Grype match ${id} has no 'artifact'`, match);
    return;
  }
  const type = str(artifact.type)?.toLowerCase() ?? '';
  const metadata = isObject(artifact.metadata) ? artifact.metadata : {};
  const pkg = packageIdentity(
    artifact.purl,
    artifact.name,
    GRYPE_TYPES[type] ?? ecosystemFromName(type),
    metadata.pomGroupID,
  );
  if (!pkg) {
    reader.problem(`Grype match ${id} names no package`, prop(match, 'artifact'));
    return;
  }
  const related = nodeValue(prop(match, 'relatedVulnerabilities'));
  const aliases = [
    ...new Set(
      (Array.isArray(related) ? related : [])
        .map((r) => (isObject(r) ? str(r.id) : undefined))
        .filter((a): a is string => a !== undefined && a !== id),
    ),
  ];
  const fix = isObject(vulnerability.fix) ? vulnerability.fix : {};
  const severity = severityLabel(vulnerability.severity);
  const description = str(vulnerability.description);
  const url =
    str(vulnerability.dataSource) ?? (Array.isArray(vulnerability.urls) ? str(vulnerability.urls[0]) : undefined);
  reader.add(
    {
      id,
      aliases,
      ecosystem: pkg.ecosystem,
      package: pkg.name,
      affected: scannerAffected(str(artifact.version), fixVersions(fix.versions), pkg.ecosystem),
      ...(severity && severity !== 'unknown' && { severity }),
      ...(description && { summary: firstLine(description) }),
      ...(url && { url }),
      source: 'grype',
    },
    match,
  );
}

/**
 * Known-vulnerability reports → {@link Advisory} values (nothing is fetched; the files are
 * produced offline by the team's tools and checked in or passed to the CLI). Reads:
 * - `npm audit --json`, npm 7+ (`auditReportVersion: 2`, a `vulnerabilities` map whose `via`
 *   objects are the advisories; `via` strings point at other entries and are skipped; the GHSA
 *   ID is taken from the `url`) and, for old reports, npm 6 (an `advisories` map);
 * - OSV: one record, an array of records, `{ "vulns": [...] }` (OSV API), or osv-scanner's
 *   `{ "results": [ { "packages": [ { "package", "vulnerabilities": [...] } ] } ] }`;
 * - scanner reports, each in its own file: Grype (advisoriesGrype.ts), Trivy
 *   (advisoriesTrivy.ts), pip-audit (advisoriesPipAudit.ts), Dependency-Track FPF
 *   (advisoriesFpf.ts). OSV database archives (zip) are read by advisoriesArchive.ts.
 * Each format is recognized by its content, not its file name (docs/vulnerabilities.md,
 * Advisory data). Malformed input becomes a located problem, never a throw.
 */
import { getNodeValue, Node, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import { Advisory } from './advisory';
import { AdvisoryProblem, isObject, prop, Reader } from './advisoryReader';
import { readFpf, fpfTimestamp, isFpfReport } from './advisoriesFpf';
import { grypeTimestamp, isGrypeReport, readGrype } from './advisoriesGrype';
import { osvToAdvisories } from './advisoriesOsv';
import { isPipAuditReport, readPipAudit } from './advisoriesPipAudit';
import { isTrivyReport, readTrivy, trivyTimestamp } from './advisoriesTrivy';
import { Ecosystem } from './dependency';
import { normalizeName } from './ecosystems';
import { compareVersions, isValidVersionSpec, versionCovers } from './versionMatch';

export type { AdvisoryProblem } from './advisoryReader';

export type AdvisoryFormat =
  | 'npm-audit'
  | 'npm-audit-v6'
  | 'osv'
  | 'osv-scanner'
  | 'grype'
  | 'trivy'
  | 'pip-audit'
  | 'fpf'
  | 'osv-database';

export interface ParsedAdvisories {
  advisories: Advisory[];
  problems: AdvisoryProblem[];
  /** The format recognized, when one was. */
  format?: AdvisoryFormat;
  /**
   * When the report was made, ISO 8601, when it says (Grype `descriptor.timestamp`, Trivy
   * `CreatedAt`, Dependency-Track `meta.timestamp`); the SOUP check's `advisory-data-stale`.
   */
  generatedAt?: string;
  /** Things read but not advisories (a dependency pip-audit could not audit). */
  notes?: string[];
}
const GHSA = /GHSA(?:-[0-9a-z]{4}){3}/i;

/** The GHSA ID in an advisory URL (`https://github.com/advisories/GHSA-jf85-cpcp-j695`), canonical case. */
export function ghsaFromUrl(url: unknown): string | undefined {
  const m = typeof url === 'string' ? GHSA.exec(url) : null;
  return m ? `GHSA${m[0].slice(4).toLowerCase()}` : undefined;
}

/** The name a package is compared by: PEP 503 for PyPI (`Foo_Bar` = `foo-bar`), lower case otherwise. */
export function normalizePackageName(name: string, ecosystem: Ecosystem): string {
  return normalizeName(name, ecosystem);
}

/** The advisory's ID and aliases (for matching dispositions). */
export function advisoryIds(advisory: Advisory): string[] {
  return [advisory.id, ...advisory.aliases];
}

function isValidVersion(version: string, ecosystem: Ecosystem): boolean {
  return compareVersions(version, version, ecosystem) !== undefined;
}

/**
 * Whether an advisory concerns a package at a version. Pre-releases count (`<4.17.21` affects
 * `4.17.21-rc.1`). Conservative where it cannot tell: an unknown or unparsable version, or an
 * advisory without version information, is affected. With `ecosystem`, an advisory of another
 * ecosystem never applies (`generic` advisories apply to any).
 */
export function affects(advisory: Advisory, name: string, version?: string, ecosystem?: Ecosystem): boolean {
  if (ecosystem && advisory.ecosystem !== 'generic' && ecosystem !== 'generic' && ecosystem !== advisory.ecosystem)
    return false;
  if (normalizePackageName(advisory.package, advisory.ecosystem) !== normalizePackageName(name, advisory.ecosystem))
    return false;
  if (version === undefined || version.trim() === '' || advisory.affected.length === 0) return true;
  if (!isValidVersion(version, advisory.ecosystem)) return true;
  return advisory.affected.some((spec) =>
    versionCovers(spec, version, advisory.ecosystem, { includePrerelease: true, plainOrder: true }),
  );
}

/** An OSV record's `modified`/`published` timestamps (osvToAdvisories leaves them out). */
export function osvDates(record: unknown): Pick<Advisory, 'modified' | 'published'> {
  const at = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const modified = isObject(record) ? at(record.modified) : undefined;
  const published = isObject(record) ? at(record.published) : undefined;
  return { ...(modified && { modified }), ...(published && { published }) };
}

function readOsvRecord(reader: Reader, node: Node): void {
  const record = getNodeValue(node) as unknown;
  const result = osvToAdvisories(record);
  const dates = osvDates(record);
  for (const message of result.problems) reader.problem(message, node);
  for (const advisory of result.advisories) reader.add({ ...advisory, ...dates }, node);
}

function readOsvArray(reader: Reader, node: Node | undefined, what: string): void {
  if (node?.type !== 'array') {
    reader.problem(`${what} must be an array of OSV records`, node);
    return;
  }
  for (const record of node.children ?? []) reader.entry('an OSV record', record, () => readOsvRecord(reader, record));
}

function readNpmAudit(reader: Reader, vulnerabilities: Node): void {
  for (const entry of vulnerabilities.children ?? [])
    reader.entry('an npm audit entry', entry.children?.[0], () => readNpmAuditEntry(reader, entry));
}

function readNpmAuditEntry(reader: Reader, entry: Node): void {
  const key = String(entry.children?.[0]?.value ?? '');
  const value = entry.children?.[1];
  const via = prop(value, 'via');
  if (value?.type !== 'object' || via?.type !== 'array') {
    reader.problem(`npm audit entry '${key}' has no 'via' list`, entry.children?.[0]);
    return;
  }
  const entryRange = getNodeValue(prop(value, 'range') ?? value) as unknown;
  for (const item of via.children ?? []) {
    if (item.type === 'string') continue; // a transitive pointer to another entry
    const v = getNodeValue(item) as unknown;
    if (!isObject(v)) {
      reader.problem(`npm audit entry '${key}': a 'via' item that is neither an advisory nor a package name`, item);
      continue;
    }
    const name = typeof v.name === 'string' && v.name ? v.name : key;
    const id =
      ghsaFromUrl(v.url) ??
      (typeof v.source === 'number' || typeof v.source === 'string' ? `npm-${v.source}` : undefined);
    if (!id) {
      reader.problem(`npm audit entry '${key}': an advisory without a 'url' or 'source'`, item);
      continue;
    }
    const range =
      typeof v.range === 'string' && v.range.trim()
        ? v.range.trim()
        : typeof entryRange === 'string'
          ? entryRange
          : '*';
    if (!isValidVersionSpec(range, 'npm'))
      reader.problem(`npm audit entry '${key}': '${range}' is not a valid npm range`, prop(item, 'range') ?? item);
    reader.add(
      {
        id,
        aliases: [],
        ecosystem: 'npm',
        package: name,
        affected: [range],
        ...(typeof v.severity === 'string' && { severity: v.severity }),
        ...(typeof v.title === 'string' && { summary: v.title }),
        ...(typeof v.url === 'string' && { url: v.url }),
        source: 'npm-audit',
      },
      item,
    );
  }
}

function readNpmAuditV6(reader: Reader, advisories: Node): void {
  for (const entry of advisories.children ?? [])
    reader.entry('an npm audit advisory', entry.children?.[0], () => readNpmAuditV6Entry(reader, entry));
}

function readNpmAuditV6Entry(reader: Reader, entry: Node): void {
  const node = entry.children?.[1];
  const v = node ? (getNodeValue(node) as unknown) : undefined;
  if (!node || !isObject(v) || typeof v.module_name !== 'string') {
    reader.problem("npm audit advisory without a 'module_name'", entry.children?.[0]);
    return;
  }
  const id =
    (typeof v.github_advisory_id === 'string' && v.github_advisory_id) ||
    ghsaFromUrl(v.url) ||
    `npm-${v.id ?? entry.children?.[0]?.value}`;
  const range =
    typeof v.vulnerable_versions === 'string' && v.vulnerable_versions.trim() ? v.vulnerable_versions.trim() : '*';
  const aliases = Array.isArray(v.cves) ? v.cves.filter((c): c is string => typeof c === 'string' && c !== id) : [];
  reader.add(
    {
      id,
      aliases,
      ecosystem: 'npm',
      package: v.module_name,
      affected: [range],
      ...(typeof v.severity === 'string' && { severity: v.severity }),
      ...(typeof v.title === 'string' && { summary: v.title }),
      ...(typeof v.url === 'string' && { url: v.url }),
      source: 'npm-audit',
    },
    node,
  );
}

function readOsvScanner(reader: Reader, results: Node): void {
  for (const result of results.children ?? []) {
    if (result.type === 'object' && (result.children ?? []).length === 0) continue; // `{}`: nothing known for a query
    const vulns = prop(result, 'vulns'); // OSV API batch responses: { results: [ { vulns } ] }
    if (vulns) readOsvArray(reader, vulns, "'vulns'");
    const packages = prop(result, 'packages');
    if (!vulns && packages?.type !== 'array') {
      reader.problem("an osv-scanner result without a 'packages' list", result);
      continue;
    }
    for (const pkg of packages?.children ?? []) {
      const list = prop(pkg, 'vulnerabilities');
      if (list) readOsvArray(reader, list, "'vulnerabilities'");
    }
  }
}

/** Reads an advisories file (see the module comment). `file` is the workspace-relative path. */
export function parseAdvisories(file: string, text: string): ParsedAdvisories {
  try {
    return read(file, text);
  } catch (error) {
    // jsonc-parser and getNodeValue recurse: absurd nesting exhausts the stack.
    const reason = error instanceof RangeError ? 'it is nested too deeply' : String(error);
    return {
      advisories: [],
      problems: [{ message: `${file} could not be read: ${reason}`, line: 1, column: 1, endLine: 1, endColumn: 2 }],
    };
  }
}

function read(file: string, text: string): ParsedAdvisories {
  const reader = new Reader(file, text);
  const notes: string[] = [];
  const done = (format?: AdvisoryFormat, generatedAt?: string): ParsedAdvisories => ({
    advisories: reader.advisories,
    problems: reader.problems,
    ...(format && { format }),
    ...(generatedAt && { generatedAt }),
    ...(notes.length > 0 && { notes }),
  });
  if (text.trim() === '') {
    reader.problem(`${file} is empty`);
    return done();
  }
  const errors: ParseError[] = [];
  const root = parseTree(text.replace(/^\uFEFF/, ' '), errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    reader.problemAt(
      `${file} is not valid JSON: ${e ? printParseErrorCode(e.error) : 'no value'}`,
      e?.offset ?? 0,
      e?.length ?? 1,
    );
    return done();
  }
  if (root.type === 'array' && isTrivyReport(root)) {
    readTrivy(reader, root);
    return done('trivy');
  }
  if (root.type === 'array' && isPipAuditReport(root)) {
    readPipAudit(reader, root, notes);
    return done('pip-audit');
  }
  if (root.type === 'array') {
    readOsvArray(reader, root, 'the file');
    return done('osv');
  }
  if (root.type !== 'object') {
    reader.problem(`${file} is neither an npm audit report nor OSV data`, root);
    return done();
  }
  if (isGrypeReport(root)) {
    readGrype(reader, root);
    return done('grype', grypeTimestamp(root));
  }
  if (isTrivyReport(root)) {
    readTrivy(reader, root);
    return done('trivy', trivyTimestamp(root));
  }
  if (isFpfReport(root)) {
    readFpf(reader, root);
    return done('fpf', fpfTimestamp(root));
  }
  if (isPipAuditReport(root)) {
    readPipAudit(reader, root, notes);
    return done('pip-audit');
  }
  const error = prop(root, 'error');
  if (error && !prop(root, 'vulnerabilities')) {
    const v = getNodeValue(error) as unknown;
    // not String(v): getNodeValue builds prototype-less objects, which have no toString (`"error": [{}]` threw; a fuzz fixture)
    const summary = isObject(v)
      ? [v.code, v.summary].filter((s) => typeof s === 'string' && s).join(': ')
      : typeof v === 'string'
        ? v
        : (JSON.stringify(v) ?? '').slice(0, 200);
    reader.problem(`npm audit reported an error instead of a report: ${summary || 'unknown error'}`, error);
    return done('npm-audit');
  }
  const vulnerabilities = prop(root, 'vulnerabilities');
  if (vulnerabilities?.type === 'object') {
    readNpmAudit(reader, vulnerabilities);
    return done('npm-audit');
  }
  const v6 = prop(root, 'advisories');
  if (v6?.type === 'object') {
    readNpmAuditV6(reader, v6);
    return done('npm-audit-v6');
  }
  const vulns = prop(root, 'vulns');
  if (vulns) {
    readOsvArray(reader, vulns, "'vulns'");
    return done('osv');
  }
  const results = prop(root, 'results');
  if (results?.type === 'array') {
    readOsvScanner(reader, results);
    return done('osv-scanner');
  }
  if (prop(root, 'id') && (prop(root, 'affected') || prop(root, 'modified') || prop(root, 'schema_version'))) {
    readOsvRecord(reader, root);
    return done('osv');
  }
  if (prop(root, 'auditReportVersion') || prop(root, 'metadata')) return done('npm-audit'); // no vulnerabilities
  if ((root.children ?? []).length === 0) return done('osv'); // the OSV API answers `{}` when nothing is known
  reader.problem(
    `${file} is none of the advisory formats read: npm audit, OSV, osv-scanner, Grype, Trivy, pip-audit, Dependency-Track FPF`,
    root,
  );
  return done();
}

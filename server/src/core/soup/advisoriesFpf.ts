/**
 * Dependency-Track Finding Packaging Format (FPF: a project's findings exported from
 * Dependency-Track, `GET /api/v1/finding/project/{uuid}/export`) → advisories
 * (docs/vulnerabilities.md, Advisory data). A file is `{ "version": "1.x", "meta": {
 * application, version, timestamp, baseUrl }, "project": {...}, "findings": [ { component: {
 * name, group, version, purl }, vulnerability: { vulnId, source, aliases: [ { cveId, ghsaId, … } ],
 * severity, title, description, published, affectedVersions? }, analysis: { state,
 * isSuppressed } } ] }`. Each finding says the component's version is affected; with
 * `affectedVersions` (EXACT versions and RANGE bounds) those are used as well. The analysis
 * recorded in Dependency-Track is kept on the advisory (`analysis`) but is not a disposition:
 * decisions are recorded as VEX in the repository.
 */
import { Node } from 'jsonc-parser';
import { encodeUriComponentSafe } from '../text';
import { Advisory } from './advisory';
import { Ecosystem } from './dependency';
import {
  firstLine,
  isObject,
  isoTimestamp,
  Json,
  packageIdentity,
  prop,
  Reader,
  scannerAffected,
  severityLabel,
  str,
  nodeValue,
} from './advisoryReader';
import { isValidVersionSpec } from './versionMatch';

/** Whether a document is an FPF export: a `findings` array with FPF's `meta`/`project`/`version`. */
export function isFpfReport(root: Node): boolean {
  const findings = prop(root, 'findings');
  if (findings === undefined || (findings.type !== 'array' && nodeValue(findings) !== null)) return false;
  if (nodeValue(prop(prop(root, 'meta'), 'application')) === 'Dependency-Track') return true;
  const first = findings.children?.[0];
  return first === undefined
    ? prop(root, 'project') !== undefined
    : prop(first, 'component') !== undefined && prop(first, 'vulnerability') !== undefined;
}

/** The export's own timestamp (`meta.timestamp`). */
export function fpfTimestamp(root: Node): string | undefined {
  return isoTimestamp(nodeValue(prop(prop(root, 'meta'), 'timestamp')));
}

export function readFpf(reader: Reader, root: Node): void {
  const version = nodeValue(prop(root, 'version'));
  if (version !== undefined && !(typeof version === 'string' && /^1\.\d+$/.test(version)))
    reader.problem(`FPF version ${JSON.stringify(version)} is not 1.x; read as 1.x`, prop(root, 'version'));
  const baseUrl = str(nodeValue(prop(prop(root, 'meta'), 'baseUrl')));
  for (const finding of prop(root, 'findings')?.children ?? [])
    reader.entry('a Dependency-Track finding', finding, () => readFinding(reader, finding, baseUrl));
}

function readFinding(reader: Reader, node: Node, baseUrl: string | undefined): void {
  const component = nodeValue(prop(node, 'component'));
  const vulnerability = nodeValue(prop(node, 'vulnerability'));
  const id = isObject(vulnerability) ? str(vulnerability.vulnId) : undefined;
  if (!isObject(vulnerability) || !id) {
    reader.problem("a Dependency-Track finding without a 'vulnerability.vulnId'", prop(node, 'vulnerability') ?? node);
    return;
  }
  const pkg = isObject(component)
    ? // without a purl, an `@scope` group is an npm scope
      packageIdentity(
        component.purl,
        component.name,
        str(component.group)?.startsWith('@') ? 'npm' : 'generic',
        component.group,
      )
    : undefined;
  if (!isObject(component) || !pkg) {
    reader.problem(`Dependency-Track finding ${id} names no component`, prop(node, 'component') ?? node);
    return;
  }
  const aliases = new Set<string>();
  for (const alias of Array.isArray(vulnerability.aliases) ? vulnerability.aliases : []) {
    if (!isObject(alias)) continue;
    for (const value of Object.values(alias)) {
      const a = str(value);
      if (a && a !== id) aliases.add(a);
    }
  }
  const source = str(vulnerability.source)?.toUpperCase();
  const affected = scannerAffected(str(component.version), [], pkg.ecosystem).filter((a) => a !== '*' && a !== '>=0');
  for (const spec of affectedVersions(vulnerability.affectedVersions, pkg.ecosystem)) affected.push(spec);
  if (affected.length === 0) affected.push(pkg.ecosystem === 'pypi' ? '>=0' : '*');
  const severity = severityLabel(vulnerability.severity);
  const summary =
    str(vulnerability.title) ??
    (str(vulnerability.description) ? firstLine(vulnerability.description as string) : undefined);
  const url = urlOf(id, source, baseUrl);
  const published = isoTimestamp(vulnerability.published);
  const analysis = analysisOf(nodeValue(prop(node, 'analysis')));
  const advisory: Advisory = {
    id,
    aliases: [...aliases],
    ecosystem: pkg.ecosystem,
    package: pkg.name,
    affected: [...new Set(affected)],
    ...(severity && severity !== 'unassigned' && severity !== 'unknown' && { severity }),
    ...(summary && { summary }),
    ...(url && { url }),
    ...(published && { published }),
    ...(analysis && { analysis }),
    source: 'fpf',
  };
  reader.add(advisory, node);
}

/** FPF `affectedVersions` (Dependency-Track 4.x): EXACT versions and RANGE bounds → range strings. */
function affectedVersions(list: unknown, ecosystem: Ecosystem): string[] {
  const out: string[] = [];
  for (const entry of Array.isArray(list) ? list : []) {
    if (!isObject(entry)) continue;
    const exact = str(entry.version);
    if (entry.versionType === 'EXACT' && exact) {
      out.push(exact);
      continue;
    }
    const parts = [
      bound('>=', entry.versionStartIncluding),
      bound('>', entry.versionStartExcluding),
      bound('<=', entry.versionEndIncluding),
      bound('<', entry.versionEndExcluding),
    ].filter((p): p is string => p !== undefined);
    if (parts.length === 0) continue;
    const spec = parts.join(ecosystem === 'pypi' ? ',' : ' ');
    if (ecosystem === 'generic' || isValidVersionSpec(spec, ecosystem)) out.push(spec);
  }
  return out;
}

function bound(op: string, v: unknown): string | undefined {
  const s = str(v);
  return s ? `${op}${s}` : undefined;
}

function urlOf(id: string, source: string | undefined, baseUrl: string | undefined): string | undefined {
  const encoded = encodeUriComponentSafe(id);
  if (source === 'NVD' && /^CVE-/i.test(id)) return `https://nvd.nist.gov/vuln/detail/${encoded}`;
  if (source === 'GITHUB' && /^GHSA-/i.test(id)) return `https://github.com/advisories/${encoded}`;
  if (source === 'OSV') return `https://osv.dev/vulnerability/${encoded}`;
  if (baseUrl && source && /^https?:\/\//i.test(baseUrl))
    return `${withoutTrailingSlashes(baseUrl)}/vulnerabilities/${encodeUriComponentSafe(source)}/${encoded}`;
  return undefined;
}

function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}

function analysisOf(v: unknown): Advisory['analysis'] {
  if (!isObject(v)) return undefined;
  const a: Json = v;
  const state = str(a.state);
  const suppressed = typeof a.isSuppressed === 'boolean' ? a.isSuppressed : undefined;
  if (state === undefined && suppressed === undefined) return undefined;
  return { ...(state && { state }), ...(suppressed !== undefined && { suppressed }) };
}

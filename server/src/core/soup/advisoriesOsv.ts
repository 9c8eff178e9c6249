/**
 * OSV records (https://ossf.github.io/osv-schema/) → {@link Advisory} values: one advisory per
 * affected package, with `affected[].ranges` (SEMVER/ECOSYSTEM events) turned into range strings
 * that `versionCovers` reads, plus the exact `affected[].versions`. GIT ranges are skipped.
 *
 * The range strings (docs/vulnerabilities.md): npm, crates.io, Go, Maven, NuGet and unknown
 * ecosystems get one internal interval syntax, space-separated comparators `>=a <b`, `>=a <=b`,
 * `>=a`, `<b` or `*` (versionMatchRange.ts), which `versionCovers` reads with each ecosystem's own
 * version order (node-semver for npm, Maven's `ComparableVersion`, NuGet's four-part versions,
 * semver for Cargo and Go, where `1.2.3` = `v1.2.3`), never with Maven's or NuGet's bracket
 * syntax. PyPI gets the PEP 440 form `>=a,<b`, read in plain version order. A `versions` entry
 * is that exact version as written; a bare version is exact in every ecosystem's matcher.
 * Pure; problems are returned as messages for the caller to locate.
 */
import { Advisory } from './advisory';
import { pushAll } from '../arrays';
import { Ecosystem } from './dependency';
import { ecosystemFromName } from './ecosystems';
import { compareVersions, isValidVersionSpec } from './versionMatch';
import { encodeUriComponentSafe } from '../text';

export interface OsvConversion {
  advisories: Advisory[];
  /** Messages about the record (the caller locates them at the record). */
  problems: string[];
  /** The record is withdrawn: no advisories, and no problem either. */
  withdrawn?: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [];

/** OSV ecosystem name → ours (`PyPI` → pypi, `crates.io` → cargo, `Go` → golang; unknown → generic). */
export function osvEcosystem(name: unknown): Ecosystem {
  return ecosystemFromName(name);
}

/** A range string meaning "every version" in an ecosystem's syntax. */
export function allVersions(ecosystem: Ecosystem): string {
  return ecosystem === 'pypi' ? '>=0' : '*';
}

function interval(ecosystem: Ecosystem, introduced: string, end?: { op: '<' | '<='; version: string }): string {
  const parts: string[] = [];
  if (introduced !== '0') parts.push(`>=${introduced}`);
  if (end) parts.push(`${end.op}${end.version}`);
  if (parts.length === 0) return allVersions(ecosystem);
  return parts.join(ecosystem === 'pypi' ? ',' : ' ');
}

/**
 * OSV range events → range strings: `introduced 1.0.0, fixed 1.2.3` → `>=1.0.0 <1.2.3`
 * (PyPI: `>=1.0.0,<1.2.3`), `last_affected` → `<=`, `introduced 0` → no lower bound, an
 * interval never closed → no upper bound. Events are sorted by version first (OSV does not
 * require them in order): a SEMVER range by semver order, an ECOSYSTEM range by the
 * ecosystem's own order (Maven's `2.0-beta9` < `2.0`), each falling back to the other for
 * versions it cannot read. `limit` events are ignored. Returns the ranges and any problems.
 */
export function osvEventsToRanges(
  events: unknown,
  ecosystem: Ecosystem,
  type: string,
): { ranges: string[]; problems: string[] } {
  const problems: string[] = [];
  if (!Array.isArray(events)) return { ranges: [], problems: ["a range without an 'events' list"] };
  const kinds = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
  const list: Array<{ kind: (typeof kinds)[number]; version: string }> = [];
  for (const event of events) {
    const kind = isObject(event) ? kinds.find((k) => typeof event[k] === 'string') : undefined;
    if (!kind) {
      problems.push(`an event that is none of ${kinds.join(', ')}`);
      continue;
    }
    list.push({ kind, version: ((event as Json)[kind] as string).trim() });
  }
  const [first, second]: Ecosystem[] = type === 'SEMVER' ? ['npm', ecosystem] : [ecosystem, 'npm'];
  list.sort((a, b) => {
    if (a.version === '0' || b.version === '0') return a.version === b.version ? 0 : a.version === '0' ? -1 : 1;
    return compareVersions(a.version, b.version, first) ?? compareVersions(a.version, b.version, second) ?? 0;
  });
  const ranges: string[] = [];
  let start: string | undefined;
  for (const event of list) {
    if (event.kind === 'introduced') start ??= event.version;
    else if ((event.kind === 'fixed' || event.kind === 'last_affected') && start !== undefined) {
      ranges.push(interval(ecosystem, start, { op: event.kind === 'fixed' ? '<' : '<=', version: event.version }));
      start = undefined;
    }
  }
  if (start !== undefined) ranges.push(interval(ecosystem, start));
  if (ranges.length === 0 && list.length > 0) problems.push("a range without an 'introduced' event");
  return { ranges, problems };
}

function severityOf(record: Json): string | undefined {
  const label = (v: unknown) => (isObject(v) && typeof v.severity === 'string' ? v.severity.toLowerCase() : undefined);
  const fromAffected = Array.isArray(record.affected)
    ? record.affected
        .map((a) => (isObject(a) ? (label(a.ecosystem_specific) ?? label(a.database_specific)) : undefined))
        .find(Boolean)
    : undefined;
  const cvss = Array.isArray(record.severity)
    ? record.severity.find((s) => isObject(s) && typeof s.score === 'string')
    : undefined;
  return label(record.database_specific) ?? fromAffected ?? (isObject(cvss) ? (cvss.score as string) : undefined);
}

function urlOf(record: Json, id: string): string {
  const refs = Array.isArray(record.references) ? record.references.filter(isObject) : [];
  const ref =
    refs.find((r) => r.type === 'ADVISORY' && typeof r.url === 'string' && r.url.includes(id)) ??
    refs.find((r) => r.type === 'ADVISORY' && typeof r.url === 'string');
  return typeof ref?.url === 'string' ? ref.url : `https://osv.dev/vulnerability/${encodeUriComponentSafe(id)}`;
}

function summaryOf(record: Json): string | undefined {
  if (typeof record.summary === 'string' && record.summary.trim()) return record.summary.trim();
  if (typeof record.details === 'string' && record.details.trim()) {
    const first = record.details.trim().split(/\r?\n/)[0];
    return first.length > 200 ? `${first.slice(0, 199)}…` : first;
  }
  return undefined;
}

/** One OSV record → one advisory per affected package (entries for the same package are merged). */
export function osvToAdvisories(record: unknown): OsvConversion {
  if (!isObject(record)) return { advisories: [], problems: ['an OSV record must be a JSON object'] };
  if (typeof record.id !== 'string' || record.id.trim() === '')
    return { advisories: [], problems: ["an OSV record without an 'id'"] };
  const id = record.id.trim();
  if (typeof record.withdrawn === 'string' && record.withdrawn.trim() !== '')
    return { advisories: [], problems: [], withdrawn: true };
  if (!Array.isArray(record.affected) || record.affected.length === 0) {
    return {
      advisories: [],
      problems: [
        `OSV record ${id} has no 'affected' packages (an OSV query batch lists IDs only; save the full records)`,
      ],
    };
  }
  const problems: string[] = [];
  const aliases = [
    ...new Set(
      strings(record.aliases)
        .map((a) => a.trim())
        .filter((a) => a !== id),
    ),
  ];
  const severity = severityOf(record);
  const summary = summaryOf(record);
  const common = {
    id,
    aliases,
    ...(severity && { severity }),
    ...(summary && { summary }),
    url: urlOf(record, id),
    source: 'osv' as const,
  };
  const byPackage = new Map<string, Advisory>();
  record.affected.forEach((entry, i) => {
    const pkg = isObject(entry) && isObject(entry.package) ? entry.package : undefined;
    if (!pkg || typeof pkg.name !== 'string' || pkg.name.trim() === '') {
      problems.push(`OSV record ${id}: affected[${i}] names no package`);
      return;
    }
    const ecosystem = osvEcosystem(pkg.ecosystem);
    const name = pkg.name.trim();
    const affected: string[] = [];
    let sawRange = false;
    for (const range of Array.isArray((entry as Json).ranges) ? ((entry as Json).ranges as unknown[]) : []) {
      if (!isObject(range) || (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM')) continue; // GIT ranges name commits
      sawRange = true;
      const converted = osvEventsToRanges(range.events, ecosystem, range.type);
      pushAll(affected, converted.ranges);
      pushAll(
        problems,
        converted.problems.map((p) => `OSV record ${id}: ${p}`),
      );
    }
    const versions = strings((entry as Json).versions).map((v) => v.trim());
    pushAll(affected, versions);
    // Nothing usable (GIT ranges only, or none): every version, to stay on the safe side.
    if (!sawRange && versions.length === 0) affected.push(allVersions(ecosystem));
    if (ecosystem !== 'generic') {
      for (const spec of new Set(affected)) {
        if (!isValidVersionSpec(spec, ecosystem))
          problems.push(`OSV record ${id}: '${spec}' is not a valid ${ecosystem} version or range`);
      }
    }
    const key = `${ecosystem}\0${name}`;
    const existing = byPackage.get(key);
    if (existing) existing.affected = [...new Set([...existing.affected, ...affected])];
    else byPackage.set(key, { ...common, ecosystem, package: name, affected: [...new Set(affected)] });
  });
  return { advisories: [...byPackage.values()], problems };
}

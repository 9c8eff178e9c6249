/**
 * What every advisory-report reader shares (docs/vulnerabilities.md, Advisory data): a
 * {@link Reader} that locates problems and merges advisories, JSON-tree helpers, and the
 * conversions scanner reports need ("installed version X is affected, fixed in Y" → ranges,
 * severities, dates). Pure; never throws for bad input.
 */
import { getNodeValue, Node } from 'jsonc-parser';
import { Range } from '../findings';
import { LineIndex } from '../text';
import { Advisory } from './advisory';
import { Ecosystem } from './dependency';
import { parsePurl, purlPackageName } from './cyclonedx';
import { ecosystemFromPurlType, normalizeName } from './ecosystems';
import { compareVersions, isValidVersionSpec } from './versionMatch';

export interface AdvisoryProblem {
  message: string;
  /** 1-based, like {@link Range}. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export const MAX_PROBLEMS = 100;

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** A property's value node of a JSON object node. */
export function prop(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  return node.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

/** A node's plain value (objects and arrays built without prototypes by jsonc-parser). */
export function nodeValue(node: Node | undefined): unknown {
  return node ? (getNodeValue(node) as unknown) : undefined;
}

export class Reader {
  readonly lines: LineIndex;
  readonly problems: AdvisoryProblem[] = [];
  private readonly byKey = new Map<string, Advisory>();

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  range(offset: number, length: number): Range {
    const a = this.lines.positionAt(offset);
    const b = this.lines.positionAt(offset + Math.max(length, 1));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** A problem at a node: its start for objects and arrays (a record's first line), else the whole value. */
  problem(message: string, node?: Node): void {
    const length = node && node.type !== 'object' && node.type !== 'array' ? node.length : 1;
    this.problemAt(message, node?.offset ?? 0, length);
  }

  problemAt(message: string, offset: number, length: number): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ message, ...this.range(offset, length) });
  }

  /**
   * Reads one entry (an advisory, an npm audit entry, an OSV record, a scanner match): an
   * exception loses only that entry and becomes a problem at it, not the whole file.
   */
  entry(what: string, node: Node | undefined, read: () => void): void {
    try {
      read();
    } catch (e) {
      // getNodeValue recurses: absurd nesting exhausts the stack.
      const reason =
        e instanceof RangeError
          ? 'it is nested too deeply'
          : e instanceof Error
            ? `${e.name}: ${e.message}`
            : String(e);
      this.problem(`${what} skipped: ${reason.length > 200 ? `${reason.slice(0, 199)}…` : reason}`, node);
    }
  }

  /** Adds an advisory located at `node`; the same ID for the same package merges ranges and aliases. */
  add(advisory: Advisory, node: Node): void {
    const key = `${advisory.id}\0${advisory.ecosystem}\0${normalizeName(advisory.package, advisory.ecosystem)}`;
    const existing = this.byKey.get(key);
    if (existing) {
      existing.affected = [...new Set([...existing.affected, ...advisory.affected])];
      existing.aliases = [...new Set([...existing.aliases, ...advisory.aliases])];
      return;
    }
    this.byKey.set(key, { ...advisory, file: this.file, range: this.range(node.offset, 1) });
  }

  get advisories(): Advisory[] {
    return [...this.byKey.values()];
  }
}

/**
 * The first line of a description that is not a Markdown heading (`### Impact`), at most 200
 * characters (an advisory's summary).
 */
export function firstLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const first = lines.find((l) => !l.startsWith('#')) ?? lines[0] ?? '';
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

/** Severity labels compared in lower case (`HIGH`, `High`, `high` are one). */
export function severityLabel(v: unknown): string | undefined {
  const s = str(v);
  return s ? s.toLowerCase() : undefined;
}

/**
 * A timestamp as ISO 8601: ISO values are kept; Dependency-Track's `2026-02-04 22:16:00.813`
 * (no zone; the server's UTC) becomes `2026-02-04T22:16:00.813Z`. Anything else is dropped.
 */
export function isoTimestamp(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const spaced = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)$/.exec(s);
  if (spaced) return `${spaced[1]}T${spaced[2]}Z`;
  return /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(s) ? s : undefined;
}

/** A scanner's fix versions: a list, or Trivy's `1.2.3, 2.0.1` (old reports: `>=4.17.11`). */
export function fixVersions(v: unknown): string[] {
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [];
  return items
    .map((s) => (typeof s === 'string' ? s.trim().replace(/^(?:>=|==|=)\s*/, '') : ''))
    .filter((s) => s !== '');
}

/**
 * A scanner's "installed version X is affected, fixed in Y" as ranges: the exact installed
 * version, plus `>=X <Y` up to the nearest fix above it (PyPI: `>=X,<Y`), so that a version
 * between the scanned one and the fix is affected too. Fixes on other release lines (below
 * X) are not used: `<Y` of another line would mark fixed versions as affected. Without an
 * installed version, the lowest fix bounds the range (`<Y`); with neither, every version. A
 * generic package (an OS package) gets no range: its version order is not known here.
 */
export function scannerAffected(
  installed: string | undefined,
  fixes: readonly string[],
  ecosystem: Ecosystem,
): string[] {
  // Generic (OS) packages have their own version orders (dpkg, rpm): only exact versions there.
  const valid = (spec: string) => ecosystem !== 'generic' && isValidVersionSpec(spec, ecosystem);
  const join = (parts: string[]) => parts.join(ecosystem === 'pypi' ? ',' : ' ');
  const above = fixes
    .filter((f) => installed === undefined || (compareVersions(f, installed, ecosystem) ?? 0) > 0)
    .filter((f) => installed !== undefined || compareVersions(f, f, ecosystem) !== undefined)
    .sort((a, b) => compareVersions(a, b, ecosystem) ?? 0);
  const out: string[] = [];
  if (installed !== undefined) out.push(installed);
  const next = above[0];
  if (next !== undefined) {
    const range = installed !== undefined ? join([`>=${installed}`, `<${next}`]) : `<${next}`;
    if (valid(range)) out.push(range);
  }
  if (out.length === 0) out.push(ecosystem === 'pypi' ? '>=0' : '*');
  return out;
}

/**
 * The package a scanner finding names: the ecosystem from its package URL (else from the
 * report's package type), the name as the report writes it, except Maven, which is named
 * `group:artifact` (from the purl, or `group` + `name` when the report splits them).
 */
export function packageIdentity(
  purl: unknown,
  name: unknown,
  typeEcosystem: Ecosystem,
  group?: unknown,
): { ecosystem: Ecosystem; name: string } | undefined {
  const parsed = typeof purl === 'string' ? parsePurl(purl) : undefined;
  const fromPurl = parsed ? ecosystemFromPurlType(parsed.type) : 'generic';
  const ecosystem = fromPurl !== 'generic' ? fromPurl : typeEcosystem;
  let n = str(name);
  const g = str(group);
  if (ecosystem === 'maven') {
    if (parsed?.type === 'maven' && parsed.namespace) n = `${parsed.namespace}:${parsed.name}`;
    else if (n && g && !n.includes(':')) n = `${g}:${n}`;
  } else if (!n && parsed) n = purlPackageName(parsed);
  else if (n && g && ecosystem === 'npm' && !n.startsWith('@') && g.startsWith('@')) n = `${g}/${n}`;
  return n ? { ecosystem, name: n } : undefined;
}

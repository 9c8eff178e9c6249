/**
 * Maven versions and ranges (docs/soup.md, Versions).
 *
 * Order: Maven's `ComparableVersion` as Maven 3.8 has it (versionMatchMaven.test.ts checks a
 * table Maven 3.8.7's maven-artifact wrote, test/fixtures/versions/README.md). A version is split into items at `.` and `-` and where digits
 * meet letters; `-` (and a digit/letter switch) opens a sub-list. Numbers compare numerically;
 * qualifiers by rank `alpha` < `beta` < `milestone` < `rc` = `cr` < `snapshot` < `` = `ga` =
 * `final` = `release` < `sp`, then any other qualifier (alphabetically, case-insensitive);
 * `a1`/`b1`/`m1` are `alpha-1`/`beta-1`/`milestone-1`. Trailing zeros and release qualifiers
 * are dropped (`1.0.0` = `1` = `1-ga`); a trailing `.X` qualifier reads as `-X` (`2.0.a` = `2-a`). A qualifier sorts below a number (`1-beta` < `1.0.1`,
 * `1-sp` < `1.0.1`, `1-sp` > `1`).
 *
 * Ranges: Maven's syntax (`[1.0,2.0)`, `(,1.0]`, `[1.2,)`, `[1.2]`, unions `[1,2),[3,4)`), and
 * the comparator list of versionMatchRange.ts (`>=2.0-beta9 <2.15.0`, how OSV ranges are
 * written). Ranges compare by order only, as Maven's `VersionRange.containsVersion` does: a
 * range covers the qualifier versions inside it (`[1.0,2.0)` covers `2.0-rc1`). A bare version is
 * that version (a Maven "soft requirement" names no range). Pure; never throws.
 */
import { parseComparatorRange, rangeAdmits, VersionOrder, VersionRange } from './versionMatchRange';
import type { VersionMatchOptions } from './versionMatchOptions';

type Item = { kind: 'int'; value: bigint } | { kind: 'string'; value: string } | { kind: 'list'; items: Item[] };

export interface MavenVersion {
  text: string;
  items: Item[];
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

function stringItem(value: string, followedByDigit: boolean): Item {
  let v = value;
  if (followedByDigit && v.length === 1) v = v === 'a' ? 'alpha' : v === 'b' ? 'beta' : v === 'm' ? 'milestone' : v;
  return { kind: 'string', value: ALIASES[v] ?? v };
}

function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

const intItem = (digits: string): Item => ({ kind: 'int', value: BigInt(digits) });
const isNull = (item: Item): boolean =>
  item.kind === 'int'
    ? item.value === 0n
    : item.kind === 'string'
      ? comparableQualifier(item.value) === RELEASE_INDEX
      : item.items.length === 0;

function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i];
    if (isNull(last)) list.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
}

/** Parses a Maven version (any non-empty text without spaces or range characters). */
export function parseMavenVersion(text: string): MavenVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const raw = text.trim();
  if (raw === '' || raw.length > 256 || !/^[A-Za-z0-9._+-]+$/.test(raw)) return undefined;
  const version = raw.toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  const open = () => {
    const next: Item[] = [];
    list.push({ kind: 'list', items: next });
    list = next;
    stack.push(next);
  };
  const parseItem = (isDigit: boolean, buf: string) => (isDigit ? intItem(buf) : stringItem(buf, false));
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < version.length; i++) {
    const c = version[i];
    if (c === '.' || c === '-') {
      if (i === start) list.push(intItem('0'));
      else list.push(parseItem(isDigit, version.slice(start, i)));
      start = i + 1;
      if (c === '-') open();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.push(stringItem(version.slice(start, i), true));
        start = i;
        open();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, version.slice(start, i)));
        start = i;
        open();
      }
      isDigit = false;
    }
  }
  if (version.length > start) {
    // A trailing `.X` qualifier reads as `-X` (`2.0.a` = `2-a`, below `2-1`).
    if (!isDigit && list.length > 0) open();
    list.push(parseItem(isDigit, version.slice(start)));
  }
  while (stack.length > 0) normalize(stack.pop()!);
  return { text: raw, items: root };
}

/** `ComparableVersion`'s item order; `b` undefined is "nothing" (a shorter list). */
function compareItem(a: Item, b: Item | undefined): number {
  if (a.kind === 'int') {
    if (!b) return a.value === 0n ? 0 : 1;
    return b.kind === 'int' ? (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) : 1;
  }
  if (a.kind === 'string') {
    if (!b) {
      const q = comparableQualifier(a.value);
      return q < RELEASE_INDEX ? -1 : q > RELEASE_INDEX ? 1 : 0;
    }
    if (b.kind !== 'string') return -1;
    const x = comparableQualifier(a.value);
    const y = comparableQualifier(b.value);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (!b) {
    for (const item of a.items) {
      const r = compareItem(item, undefined);
      if (r !== 0) return r;
    }
    return 0;
  }
  if (b.kind === 'int') return -1;
  if (b.kind === 'string') return 1;
  return compareLists(a.items, b.items);
}

function compareLists(a: Item[], b: Item[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const l = a[i];
    const r = b[i];
    const result = l === undefined ? (r === undefined ? 0 : -compareItem(r, undefined)) : compareItem(l, r);
    if (result !== 0) return result;
  }
  return 0;
}

export function compareMaven(a: MavenVersion, b: MavenVersion): number {
  return compareLists(a.items, b.items);
}

/** Orders two Maven versions; `undefined` if either is not one. */
export function compareMavenVersions(a: string, b: string): number | undefined {
  const x = parseMavenVersion(a);
  const y = parseMavenVersion(b);
  return x && y ? compareMaven(x, y) : undefined;
}

/** A version with a qualifier below a release (`-alpha`, `-rc1`, `-SNAPSHOT`, …). */
function isMavenPrerelease(v: MavenVersion): boolean {
  return compareMaven(v, { text: '', items: stripQualifiers(v.items) }) < 0;
}

function stripQualifiers(items: Item[]): Item[] {
  const out: Item[] = [];
  for (const item of items) {
    if (item.kind !== 'int') break;
    out.push(item);
  }
  return out;
}

export const MAVEN_ORDER: VersionOrder<MavenVersion> = {
  parse: parseMavenVersion,
  compare: compareMaven,
  isPrerelease: isMavenPrerelease,
};

/**
 * Maven range syntax → a range: comma-separated restrictions, each `[a,b]`, `[a,b)`, `(a,b]`,
 * `(a,b)`, `[a,)`, `(,b]`, or `[a]` (exactly a). `undefined` when malformed.
 */
export function parseMavenRange(text: string): VersionRange<MavenVersion> | undefined {
  if (typeof text !== 'string' || text.length > 4096) return undefined;
  const value = text.trim();
  if (!value.startsWith('[') && !value.startsWith('(')) return undefined;
  const range: VersionRange<MavenVersion> = [];
  let i = 0;
  while (i < value.length) {
    const open = value[i];
    if (open !== '[' && open !== '(') return undefined;
    let j = i + 1;
    while (j < value.length && value[j] !== ']' && value[j] !== ')') j++;
    if (j >= value.length) return undefined;
    const close = value[j];
    const body = value.slice(i + 1, j);
    const parts = body.split(',').map((p) => p.trim());
    if (parts.length === 1) {
      // `[1.2]`: exactly 1.2; `(1.2)` and `[]` are not ranges.
      const v = parseMavenVersion(parts[0]);
      if (!v || open !== '[' || close !== ']') return undefined;
      range.push([{ op: '=', version: v }]);
    } else if (parts.length === 2) {
      const [lo, hi] = parts;
      const comparators: VersionRange<MavenVersion>[number] = [];
      if (lo !== '') {
        const v = parseMavenVersion(lo);
        if (!v) return undefined;
        comparators.push({ op: open === '[' ? '>=' : '>', version: v });
      } else if (open !== '(') return undefined;
      if (hi !== '') {
        const v = parseMavenVersion(hi);
        if (!v) return undefined;
        comparators.push({ op: close === ']' ? '<=' : '<', version: v });
      } else if (close !== ')') return undefined;
      if (comparators.length === 2 && compareMaven(comparators[0].version, comparators[1].version) > 0)
        return undefined;
      range.push(comparators);
    } else return undefined;
    i = j + 1;
    while (i < value.length && value[i] === ' ') i++;
    if (i < value.length) {
      if (value[i] !== ',') return undefined;
      i++;
      while (i < value.length && value[i] === ' ') i++;
      if (i >= value.length) return undefined;
    }
  }
  return range.length > 0 ? range : undefined;
}

function mavenRange(spec: string): VersionRange<MavenVersion> | undefined {
  const value = spec.trim();
  return value.startsWith('[') || value.startsWith('(')
    ? parseMavenRange(value)
    : parseComparatorRange(value, MAVEN_ORDER);
}

/** Whether a Maven range, comparator list or exact version covers a version (by order only). */
export function mavenCovers(spec: string, version: string, options: VersionMatchOptions = {}): boolean {
  const v = parseMavenVersion(version);
  const range = typeof spec === 'string' ? mavenRange(spec) : undefined;
  return (
    v !== undefined && range !== undefined && rangeAdmits(range, v, MAVEN_ORDER, 'order', options.includePrerelease)
  );
}

export function isValidMavenSpec(spec: string): boolean {
  return typeof spec === 'string' && mavenRange(spec) !== undefined;
}

/** The version a value pins: `2.14.1`, `=2.14.1`, `[2.14.1]`. */
export function exactMavenVersion(spec: string): string | undefined {
  if (typeof spec !== 'string') return undefined;
  const value = spec.trim();
  const pinned = /^\[[^,\]]+\]$/.test(value) ? value.slice(1, -1).trim() : value.replace(/^==?\s*/, '');
  return parseMavenVersion(pinned) ? pinned : undefined;
}

/**
 * NuGet versions and version ranges (docs/soup.md, Versions).
 *
 * Versions are NuGet's SemVer 2.0 superset: one to four numbers (`1`, `1.2`, `1.2.3`,
 * `4.0.10.1`; missing ones are 0, so `1.0` = `1.0.0.0`), an optional pre-release label compared
 * case-insensitively (`1.0.0-Beta` = `1.0.0-beta`; numeric identifiers numerically, below
 * alphanumeric ones) and optional build metadata, which does not count.
 *
 * Ranges follow NuGet's syntax: `[1.0,2.0)`, `(1.0,)`, `(,1.0]`, `[1.0]` (exactly 1.0), a
 * floating version `1.*`, `1.2.*`, `*` (the versions with that prefix), and the comparator list
 * of versionMatchRange.ts (`>=1.0.0 <13.0.1`, how OSV ranges are written). A bare version means
 * `>=` it in a project file; in a SOUP `Version` value it is that exact version, as for every
 * ecosystem (docs/soup.md: "an exact version"); `{ requirement: true }` reads it as NuGet does.
 *
 * Pre-releases: as NuGet's resolver, a range covers a pre-release only when one of its bounds is
 * a pre-release (`[1.0.0-beta,2.0)` covers `1.5.0-rc.1`, `[1.0,2.0)` does not), unless
 * `includePrerelease` (then by order, as `VersionRange.Satisfies`). Pure; never throws.
 */
import type { VersionMatchOptions } from './versionMatchOptions';
import { Comparator, parseComparatorRange, rangeAdmits, VersionOrder, VersionRange } from './versionMatchRange';

export interface NugetVersion {
  numbers: [bigint, bigint, bigint, bigint];
  /** Pre-release identifiers, lower case; empty for a release. */
  pre: string[];
}

// Linear: numbers, then `-label`, then `+metadata`; each part's characters exclude the next separator.
const NUGET_VERSION =
  /^(\d+)(?:\.(\d+)(?:\.(\d+)(?:\.(\d+))?)?)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function parseNugetVersion(text: string): NugetVersion | undefined {
  if (typeof text !== 'string' || text.length > 256) return undefined;
  const m = NUGET_VERSION.exec(text.trim());
  if (!m) return undefined;
  const n = (s: string | undefined) => (s === undefined ? 0n : BigInt(s));
  return { numbers: [n(m[1]), n(m[2]), n(m[3]), n(m[4])], pre: m[5] ? m[5].toLowerCase().split('.') : [] };
}

const big = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

export function compareNuget(a: NugetVersion, b: NugetVersion): number {
  for (let i = 0; i < 4; i++) {
    const d = big(a.numbers[i], b.numbers[i]);
    if (d !== 0) return d;
  }
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    const d = xn && yn ? big(BigInt(x), BigInt(y)) : xn !== yn ? (xn ? -1 : 1) : x < y ? -1 : x > y ? 1 : 0;
    if (d !== 0) return d;
  }
  return 0;
}

/** Orders two NuGet versions; `undefined` if either is not one. */
export function compareNugetVersions(a: string, b: string): number | undefined {
  const x = parseNugetVersion(a);
  const y = parseNugetVersion(b);
  return x && y ? compareNuget(x, y) : undefined;
}

export const NUGET_ORDER: VersionOrder<NugetVersion> = {
  parse: parseNugetVersion,
  compare: compareNuget,
  isPrerelease: (v) => v.pre.length > 0,
};

const bound = (op: Comparator<NugetVersion>['op'], text: string) => {
  const version = parseNugetVersion(text);
  return version ? { op, version } : undefined;
};

/** `[1.0,2.0)`, `(,1.0]`, `[1.0]` → a range; `undefined` if malformed (`(1.0)`, `[2.0,1.0]`, `[,]`). */
function intervalRange(value: string): VersionRange<NugetVersion> | undefined {
  const open = value[0];
  const close = value[value.length - 1];
  if ((close !== ']' && close !== ')') || value.length < 3) return undefined;
  const parts = value.slice(1, -1).split(',');
  if (parts.length === 1) {
    const exact = open === '[' && close === ']' ? bound('=', parts[0].trim()) : undefined;
    return exact ? [[exact]] : undefined;
  }
  if (parts.length !== 2) return undefined;
  const [lo, hi] = parts.map((p) => p.trim());
  if (lo === '' && hi === '') return undefined;
  const comparators: Comparator<NugetVersion>[] = [];
  if (lo !== '') {
    const c = bound(open === '[' ? '>=' : '>', lo);
    if (!c) return undefined;
    comparators.push(c);
  }
  if (hi !== '') {
    const c = bound(close === ']' ? '<=' : '<', hi);
    if (!c) return undefined;
    comparators.push(c);
  }
  if (comparators.length === 2) {
    const d = compareNuget(comparators[0].version, comparators[1].version);
    if (d > 0 || (d === 0 && (open === '(' || close === ')'))) return undefined;
  }
  return [comparators];
}

/** `*`, `1.*`, `1.2.*`, `1.2.3.*` → the versions with that numeric prefix. */
function floatingRange(value: string): VersionRange<NugetVersion> | undefined {
  if (value === '*') return [[]];
  if (!value.endsWith('.*')) return undefined;
  const prefix = value.slice(0, -2);
  if (!/^\d+(?:\.\d+){0,2}$/.test(prefix)) return undefined;
  const numbers = prefix.split('.').map(BigInt);
  const lower: NugetVersion = { numbers: [0n, 0n, 0n, 0n], pre: [] };
  numbers.forEach((n, i) => {
    lower.numbers[i] = n;
  });
  const upper: NugetVersion = { numbers: [...lower.numbers], pre: ['0'] };
  upper.numbers[numbers.length - 1] += 1n;
  return [
    [
      { op: '>=', version: lower },
      { op: '<', version: upper, implied: true },
    ],
  ];
}

/** A NuGet range, floating version, comparator list or bare version → a range; `undefined` if malformed. */
export function parseNugetRange(text: string, bare: '>=' | 'exact' = '>='): VersionRange<NugetVersion> | undefined {
  if (typeof text !== 'string' || text.length > 4096) return undefined;
  const value = text.trim();
  if (value === '') return undefined;
  if (value.startsWith('[') || value.startsWith('(')) return intervalRange(value);
  if (value.includes('*')) return floatingRange(value);
  const version = parseNugetVersion(value);
  if (version) return [[{ op: bare === 'exact' ? '=' : '>=', version }]];
  return parseComparatorRange(value, NUGET_ORDER);
}

/** Whether a NuGet range covers a version (see the module comment for bare versions and pre-releases). */
export function nugetCovers(spec: string, version: string, options: VersionMatchOptions = {}): boolean {
  const parsed = parseNugetVersion(version);
  const range = parseNugetRange(spec, options.requirement ? '>=' : 'exact');
  return (
    parsed !== undefined &&
    range !== undefined &&
    rangeAdmits(range, parsed, NUGET_ORDER, 'bounds', options.includePrerelease)
  );
}

export function isValidNugetSpec(spec: string): boolean {
  return parseNugetRange(spec) !== undefined;
}

/** The version a value pins: `13.0.1`, `=13.0.1`, `[13.0.1]`. */
export function exactNugetVersion(spec: string): string | undefined {
  if (typeof spec !== 'string') return undefined;
  const value = spec.trim();
  const pinned = /^\[[^,\]]+\]$/.test(value) ? value.slice(1, -1).trim() : value.replace(/^==?\s*/, '');
  return parseNugetVersion(pinned) ? pinned : undefined;
}

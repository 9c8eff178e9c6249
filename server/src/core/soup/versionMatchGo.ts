/**
 * Go module versions (docs/soup.md, Versions): semantic versions with a leading `v`
 * (`v1.2.3`, `v2.0.0+incompatible`, pseudo-versions `v0.0.0-20210101000000-abcdef123456`,
 * `v1.2.4-0.20210101000000-abcdef123456`), ordered as `golang.org/x/mod/semver` orders them:
 * semver 2.0 precedence, build metadata (`+incompatible`) ignored. The `v` is optional here,
 * because OSV writes Go versions without it and go.mod/go.sum with it: `1.2.3` = `v1.2.3`.
 *
 * Go has no range syntax of its own; a `Version` value or an OSV range is an exact version or a
 * comparator list (versionMatchRange.ts: `>=v0.17.0 <v0.23.0`, `>=0.17.0, <0.23.0`). Ranges
 * compare by order only: a pseudo-version is pre-release-shaped but is what `go get` resolves
 * between releases, so `>=v0.17.0 <v0.23.0` covers `v0.17.1-0.20231011…-…`. Pure; never throws.
 */
import type { VersionMatchOptions } from './versionMatchOptions';
import { parseComparatorRange, rangeAdmits, VersionOrder } from './versionMatchRange';
import { compareSemver, parseSemver, SemverVersion } from './versionMatchSemver';

export type GoVersion = SemverVersion;

/** A Go version, with or without the `v`. */
export function parseGoVersion(text: string): GoVersion | undefined {
  return parseSemver(text, true);
}

export const compareGo = compareSemver;

/** Orders two Go versions, with or without the `v`; `undefined` if either is not one. */
export function compareGoVersions(a: string, b: string): number | undefined {
  const x = parseGoVersion(a);
  const y = parseGoVersion(b);
  return x && y ? compareGo(x, y) : undefined;
}

/** A pseudo-version (`vX.Y.Z-[0.]yyyymmddhhmmss-abcdefabcdef`): a commit, not a tagged release. */
export function isGoPseudoVersion(text: string): boolean {
  const pre = parseGoVersion(text)?.pre ?? [];
  const last = pre[pre.length - 1];
  return last !== undefined && /^\d{14}-[0-9a-f]{12}$/.test(last) && (pre.length === 1 || pre[pre.length - 2] === '0');
}

export const GO_ORDER: VersionOrder<GoVersion> = {
  parse: parseGoVersion,
  compare: compareGo,
  isPrerelease: (v) => v.pre.length > 0,
};

/** Whether an exact Go version or comparator list covers a version (by order only). */
export function goCovers(spec: string, version: string, options: VersionMatchOptions = {}): boolean {
  const v = parseGoVersion(version);
  const range = typeof spec === 'string' ? parseComparatorRange(spec, GO_ORDER) : undefined;
  return v !== undefined && range !== undefined && rangeAdmits(range, v, GO_ORDER, 'order', options.includePrerelease);
}

export function isValidGoSpec(spec: string): boolean {
  return typeof spec === 'string' && parseComparatorRange(spec, GO_ORDER) !== undefined;
}

/** The version a value pins (`v0.23.0`, `=v0.23.0`), as written without the `=`. */
export function exactGoVersion(spec: string): string | undefined {
  if (typeof spec !== 'string') return undefined;
  const pinned = spec.trim().replace(/^==?\s*/, '');
  return parseGoVersion(pinned) ? pinned : undefined;
}

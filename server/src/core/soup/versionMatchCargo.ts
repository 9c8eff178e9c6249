/**
 * Cargo (crates.io) versions and version requirements (docs/soup.md, Versions).
 *
 * Versions are semver 2.0 (versionMatchSemver.ts). Requirements follow Cargo's syntax (the
 * `semver` crate's `VersionReq`): comma-separated comparators that must all hold, each
 * `^1.2.3`, `~1.2`, `=1.2.3`, `>1`, `>=1.2`, `<2`, `<=1.2`, a wildcard `*`, `1.*`, `1.2.*`
 * (`x`/`X` too), or a bare version, which means caret (`1.2.3` = `^1.2.3`). Partial versions
 * widen as Cargo widens them: `^1.2` = `>=1.2.0, <2.0.0`, `^0.2.3` = `>=0.2.3, <0.3.0`,
 * `^0.0.3` = `=0.0.3`, `~1.2` = `=1.2` = `>=1.2.0, <1.3.0`, `<=1.2` = `<1.3.0`, `>1.2` = `>=1.3.0`.
 * Space-separated comparators (`>=1.0.0 <1.2.3`, how OSV ranges are written) are read too.
 *
 * versionMatchCargo.test.ts checks a table the real cargo wrote (test/fixtures/versions/README.md).
 *
 * Pre-releases follow the `semver` crate: a pre-release version matches only a requirement with
 * a comparator naming a pre-release of the same `major.minor.patch` (`>=1.2.3-alpha` matches
 * `1.2.3-beta`, not `1.2.4-beta`), unless `includePrerelease` (then by order).
 *
 * In a SOUP `Version` value a bare full version is that exact version, as for every ecosystem
 * (docs/soup.md: "an exact version"); `{ requirement: true }` reads it as Cargo.toml does (caret).
 * Pure; never throws.
 */
import type { VersionMatchOptions } from './versionMatchOptions';
import { Comparator, ComparatorOp, rangeAdmits, VersionOrder, VersionRange } from './versionMatchRange';
import { compareSemver, parseSemver, sameSemverCore, SemverVersion } from './versionMatchSemver';

export const CARGO_ORDER: VersionOrder<SemverVersion> = {
  parse: (text) => parseSemver(text, true),
  compare: compareSemver,
  isPrerelease: (v) => v.pre.length > 0,
  sameCore: sameSemverCore,
};

/** Orders two crate versions; `undefined` if either is not semver. */
export function compareCargoVersions(a: string, b: string): number | undefined {
  const x = CARGO_ORDER.parse(a);
  const y = CARGO_ORDER.parse(b);
  return x && y ? compareSemver(x, y) : undefined;
}

type CargoOp = '=' | '>' | '>=' | '<' | '<=' | '~' | '^';
const CARGO_OPS: CargoOp[] = ['>=', '<=', '=', '>', '<', '~', '^'];
const WILD = /^[*xX]$/;
// A partial version: 1, 1.2, 1.2.3, 1.2.3-pre, with optional build metadata; each part a number or wildcard.
const PARTIAL =
  /^(\d+|[*xX])(?:\.(\d+|[*xX])(?:\.(\d+|[*xX])(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?)?)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

const v = (major: bigint, minor: bigint, patch: bigint, pre: string[] = []): SemverVersion => ({
  major,
  minor,
  patch,
  pre,
});
/** The lowest pre-release of a version (`2.0.0-0`): an upper bound that also shuts out its pre-releases. */
const below = (major: bigint, minor: bigint, patch: bigint): Comparator<SemverVersion> => ({
  op: '<',
  version: v(major, minor, patch, ['0']),
  implied: true,
});
const at = (op: ComparatorOp, version: SemverVersion): Comparator<SemverVersion> => ({ op, version });

/** One comparator (`^1.2`, `>= 1.0`, `1.*`) → comparators; `undefined` if malformed. */
function comparator(token: string, bare: CargoOp | 'exact'): Comparator<SemverVersion>[] | undefined {
  let op: CargoOp | undefined = CARGO_OPS.find((o) => token.startsWith(o));
  let rest = op ? token.slice(op.length).trim() : token;
  if (rest.startsWith('v') || rest.startsWith('V')) rest = rest.slice(1);
  const m = PARTIAL.exec(rest);
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3]];
  const firstWild = parts.findIndex((p) => p !== undefined && WILD.test(p));
  if (firstWild >= 0) {
    // `*`, `1.*`, `1.2.*`: no operator (or `=`), nothing after the wildcard but wildcards, no pre-release.
    if ((op && op !== '=') || m[4] || parts.slice(firstWild).some((p) => p !== undefined && !WILD.test(p)))
      return undefined;
    parts.length = firstWild;
    op = '=';
  }
  const [major, minor, patch] = parts.map((p) => (p === undefined ? undefined : BigInt(p)));
  const pre = m[4] ? m[4].split('.') : [];
  if (pre.some((id) => /^0\d+$/.test(id))) return undefined;
  if (major === undefined) return [];
  const full = minor !== undefined && patch !== undefined ? v(major, minor, patch, pre) : undefined;
  if (!op && bare === 'exact' && full) return [at('=', full)];
  const effective: CargoOp = op ?? (bare === 'exact' ? '^' : bare);
  const lo = v(major, minor ?? 0n, patch ?? 0n, pre);
  switch (effective) {
    case '=':
      if (full) return [at('=', full)];
      return minor === undefined
        ? [at('>=', lo), below(major + 1n, 0n, 0n)]
        : [at('>=', lo), below(major, minor + 1n, 0n)];
    case '>':
      if (full) return [at('>', full)];
      return [at('>=', minor === undefined ? v(major + 1n, 0n, 0n) : v(major, minor + 1n, 0n))];
    case '>=':
      return [at('>=', lo)];
    case '<':
      return [full ? at('<', full) : below(major, minor ?? 0n, 0n)];
    case '<=':
      if (full) return [at('<=', full)];
      return [minor === undefined ? below(major + 1n, 0n, 0n) : below(major, minor + 1n, 0n)];
    case '~':
      return minor === undefined
        ? [at('>=', lo), below(major + 1n, 0n, 0n)]
        : [at('>=', lo), below(major, minor + 1n, 0n)];
    case '^':
      if (major > 0n || minor === undefined) return [at('>=', lo), below(major + 1n, 0n, 0n)];
      if (minor > 0n || patch === undefined) return [at('>=', lo), below(0n, minor + 1n, 0n)];
      return [at('>=', lo), below(0n, 0n, patch + 1n)];
  }
}

/**
 * A Cargo requirement → a range (one alternative); `undefined` if malformed. `bare` is what an
 * operator-free full version means: `^` (Cargo.toml) or `exact` (a SOUP `Version` value).
 */
export function parseCargoRequirement(
  text: string,
  bare: '^' | 'exact' = '^',
): VersionRange<SemverVersion> | undefined {
  if (typeof text !== 'string' || text.length > 4096) return undefined;
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) return undefined;
  const comparators: Comparator<SemverVersion>[] = [];
  for (const part of parts) {
    // `>= 1.0` is one comparator; `>=1.0.0 <1.2.3` (OSV) is two.
    const tokens: string[] = [];
    for (const raw of part.split(/\s/)) {
      if (raw === '') continue;
      const last = tokens[tokens.length - 1];
      if (last !== undefined && /^[<>=~^]+$/.test(last)) tokens[tokens.length - 1] = last + raw;
      else tokens.push(raw);
    }
    for (const token of tokens) {
      const list = comparator(token, tokens.length > 1 || parts.length > 1 ? '^' : bare);
      if (!list) return undefined;
      for (const c of list) comparators.push(c);
    }
  }
  return [comparators];
}

/** Whether a Cargo requirement covers a crate version (see the module comment for bare versions). */
export function cargoCovers(spec: string, version: string, options: VersionMatchOptions = {}): boolean {
  const parsed = CARGO_ORDER.parse(version);
  const range = parseCargoRequirement(spec, options.requirement ? '^' : 'exact');
  return (
    parsed !== undefined &&
    range !== undefined &&
    rangeAdmits(range, parsed, CARGO_ORDER, 'same-core', options.includePrerelease)
  );
}

export function isValidCargoSpec(spec: string): boolean {
  return parseCargoRequirement(spec) !== undefined;
}

/** The version a value pins: `1.0.197`, `=1.0.197` (a bare full version in a `Version` value). */
export function exactCargoVersion(spec: string): string | undefined {
  if (typeof spec !== 'string') return undefined;
  const pinned = spec.trim().replace(/^==?\s*/, '');
  return CARGO_ORDER.parse(pinned) ? pinned : undefined;
}

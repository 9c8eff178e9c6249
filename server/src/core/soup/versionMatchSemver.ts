/**
 * Semantic Versioning 2.0 (https://semver.org) versions and their precedence, for the Go and
 * Cargo matchers (versionMatchGo.ts, versionMatchCargo.ts): numeric core, dot-separated
 * pre-release identifiers (numeric ones numerically and below alphanumeric ones), build
 * metadata parsed and ignored. Pure; never throws.
 */

export interface SemverVersion {
  major: bigint;
  minor: bigint;
  patch: bigint;
  /** Dot-separated pre-release identifiers (`['0', '20210101000000-abcdef123456']`); empty for a release. */
  pre: string[];
}

// Linear: each group is delimited by a character its neighbours cannot contain.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** A semver 2.0 version; `allowV` lets a leading `v` through (`v1.2.3`, Go's spelling). */
export function parseSemver(text: string, allowV = false): SemverVersion | undefined {
  if (typeof text !== 'string' || text.length > 256) return undefined;
  const trimmed = text.trim();
  const m = SEMVER.exec(allowV && /^[vV]\d/.test(trimmed) ? trimmed.slice(1) : trimmed);
  if (!m) return undefined;
  const pre = m[4] ? m[4].split('.') : [];
  // semver 2.0: numeric identifiers have no leading zeros.
  if (pre.some((id) => /^0\d+$/.test(id))) return undefined;
  return { major: BigInt(m[1]), minor: BigInt(m[2]), patch: BigInt(m[3]), pre };
}

const big = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return big(BigInt(a), BigInt(b));
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareSemver(a: SemverVersion, b: SemverVersion): number {
  const core = big(a.major, b.major) || big(a.minor, b.minor) || big(a.patch, b.patch);
  if (core !== 0) return core;
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    if (a.pre[i] === undefined) return -1;
    if (b.pre[i] === undefined) return 1;
    const d = compareIdentifiers(a.pre[i], b.pre[i]);
    if (d !== 0) return d;
  }
  return 0;
}

/** The core `major.minor.patch` of two versions is the same. */
export function sameSemverCore(a: SemverVersion, b: SemverVersion): boolean {
  return a.major === b.major && a.minor === b.minor && a.patch === b.patch;
}

/**
 * Does a SOUP item's `Version` attribute cover a resolved version? (docs/soup.md, Versions)
 *
 * Accepted `Version` values:
 * - an exact version: `4.21.2`, `v4.21.2`, `=4.21.2`, `==2.31.0`;
 * - npm: any node-semver range (`^4.18`, `~1.2.3`, `>=1 <2`, `4.x`, `1.2.3 - 1.4`, `a || b`),
 *   evaluated by the `semver` package; a partial version such as `4.21` means `4.21.x`;
 * - pypi: a PEP 440 specifier set (`==2.31.*`, `>=2.31,<3`, `~=1.4.2`, `!=2.30.0`); a bare
 *   version means `==` it (`2.31` covers `2.31.0`), a bare wildcard `2.31.*` means `==2.31.*`;
 * - both: a human list of alternatives separated by `,` (`4.21.2, 4.21.3`, `4.x, 5.x`). A comma
 *   list is a list of alternatives when every part is operator-free (starts with a digit or `v`).
 *   Otherwise commas join constraints (AND): PEP 440 for pypi, and for npm too when every part is
 *   a bare comparator (`>=1.0, <2.0`, as in Cargo or Composer); other npm comma lists are alternatives.
 * - cargo: a Cargo requirement (`^1.2`, `~1.2`, `1.2.*`, `>=1, <2`; versionMatchCargo.ts);
 * - golang: a comparator list (`>=v0.17.0 <v0.23.0`), `v` optional (versionMatchGo.ts);
 * - maven: a Maven range (`[2.0-beta9,2.15.0)`, `(,1.0]`, `[1.2]`, unions; versionMatchMaven.ts);
 * - nuget: a NuGet range (`[1.0,2.0)`, `(,1.0]`, `1.*`; versionMatchNuget.ts);
 * - these four also read the comparator list OSV ranges are written in (`>=a <b`,
 *   versionMatchRange.ts), each with the ecosystem's own version order. A bare full version is
 *   that exact version in a `Version` value (Cargo.toml's caret and NuGet's `>=` meaning of a bare
 *   version apply with `{ requirement: true }`); a partial Cargo version (`1.2`) is a caret range.
 * - generic: exact match (case-insensitive, leading `v`/`=` ignored) or a human list; failing that,
 *   a node-semver range when the resolved version is semver, else a PEP 440 specifier set.
 *
 * Pre-releases follow each ecosystem: `^4.18` does not cover `4.19.0-beta.1` and `>=2.31,<3`
 * does not cover `3.0rc1` unless `includePrerelease` is set (advisory matching sets it).
 * Maven and Go ranges compare by order only (Maven's own rule; Go pseudo-versions are
 * pre-release-shaped); Cargo follows the `semver` crate, NuGet its resolver (versionMatchNuget.ts).
 * Invalid input gives `false` (or `isValidVersionSpec` → false), never a throw.
 */
import * as semver from 'semver';
import { Ecosystem } from './dependency';
import type { VersionMatchOptions } from './versionMatchOptions';
import { cargoCovers, compareCargoVersions, exactCargoVersion, isValidCargoSpec } from './versionMatchCargo';
import { compareGoVersions, exactGoVersion, goCovers, isValidGoSpec } from './versionMatchGo';
import { compareMavenVersions, exactMavenVersion, isValidMavenSpec, mavenCovers } from './versionMatchMaven';
import { compareNugetVersions, exactNugetVersion, isValidNugetSpec, nugetCovers } from './versionMatchNuget';
import { comparePep440, parsePep440, parsePep440SpecifierSet, pep440Satisfies } from './versionMatchPep440';

/** The ecosystems with their own matcher file (versionMatchCargo.ts, …), besides npm and pypi. */
type OwnScheme = 'cargo' | 'golang' | 'maven' | 'nuget';

const SCHEMES: Record<
  OwnScheme,
  {
    covers(spec: string, version: string, options: VersionMatchOptions): boolean;
    valid(spec: string): boolean;
    exact(spec: string): string | undefined;
    compare(a: string, b: string): number | undefined;
  }
> = {
  cargo: { covers: cargoCovers, valid: isValidCargoSpec, exact: exactCargoVersion, compare: compareCargoVersions },
  golang: { covers: goCovers, valid: isValidGoSpec, exact: exactGoVersion, compare: compareGoVersions },
  maven: { covers: mavenCovers, valid: isValidMavenSpec, exact: exactMavenVersion, compare: compareMavenVersions },
  nuget: { covers: nugetCovers, valid: isValidNugetSpec, exact: exactNugetVersion, compare: compareNugetVersions },
};

const ownScheme = (ecosystem: Ecosystem) =>
  Object.hasOwn(SCHEMES, ecosystem) ? SCHEMES[ecosystem as OwnScheme] : undefined;

export type { VersionMatchOptions } from './versionMatchOptions';

const OPERATOR_FREE = /^[vV]?\d/;
const COMPARATOR = /^(<=|>=|<|>|=)\s*[vV]?\d[^\s]*$/;
const PEP_OPERATOR = /^\s*(~=|===|==|!=|<=|>=|<|>)/;

/** Splits on commas; `undefined` when a part is empty (`4.21.2,,4.21.3` or a trailing comma). */
function commaParts(value: string): string[] | undefined {
  const parts = value.split(',').map((p) => p.trim());
  return parts.some((p) => p === '') ? undefined : parts;
}

function stripExactPrefix(value: string): string {
  return value
    .trim()
    .replace(/^(===?|=)\s*/, '')
    .replace(/^[vV](?=\d)/, '');
}

/** The alternatives of a `Version` value for an ecosystem, each a single range/specifier; `undefined` if malformed. */
function alternatives(itemVersion: string, ecosystem: Ecosystem): string[] | undefined {
  const value = itemVersion.trim();
  if (value === '') return undefined;
  if (!value.includes(',')) return [value];
  const parts = commaParts(value);
  if (!parts) return undefined;
  if (parts.every((p) => OPERATOR_FREE.test(p))) return parts;
  if (ecosystem === 'pypi') return [value];
  if (parts.every((p) => COMPARATOR.test(p))) return [parts.join(' ')];
  if (ecosystem === 'npm') return parts;
  return [value];
}

function npmCovers(spec: string, resolved: string, options: VersionMatchOptions): boolean {
  const range = spec.trim().replace(/^==?\s*(?=[vV]?\d)/, '');
  const version = semver.valid(resolved.trim(), { loose: true });
  if (!version) return false;
  try {
    if (semver.validRange(range, { loose: true }) === null) return false;
    return semver.satisfies(version, range, { loose: true, includePrerelease: options.includePrerelease ?? false });
  } catch {
    return false;
  }
}

/** A PEP 440 specifier set for a value: a bare version means `==` it; `>=2.31 <3` is read as `>=2.31,<3`. */
function pep440Specs(spec: string) {
  const value = spec.trim();
  const text = PEP_OPERATOR.test(value)
    ? value.includes(',')
      ? value
      : value.replace(/(?<!\s)\s+(?=(~=|===|==|!=|<=|>=|<|>))/g, ',')
    : `==${stripExactPrefix(value)}`;
  return parsePep440SpecifierSet(text);
}

function pypiCovers(spec: string, resolved: string, options: VersionMatchOptions): boolean {
  const specs = pep440Specs(spec);
  return (
    specs !== undefined &&
    pep440Satisfies(specs, resolved, options.includePrerelease ?? false, options.plainOrder ?? false)
  );
}

function genericCovers(spec: string, resolved: string, options: VersionMatchOptions): boolean {
  if (
    stripExactPrefix(spec).toLowerCase() === stripExactPrefix(resolved).toLowerCase() &&
    stripExactPrefix(spec) !== ''
  )
    return true;
  // A semver resolved version tries node-semver first; PEP 440 still reads `>=1.0,<2` or `~=1.4`.
  if (semver.valid(resolved.trim(), { loose: true }) && npmCovers(spec, resolved, options)) return true;
  return pypiCovers(spec, resolved, options);
}

/** Whether a SOUP item's `Version` value covers a resolved version (see the module comment). */
export function versionCovers(
  itemVersion: string,
  resolved: string,
  ecosystem: Ecosystem,
  options: VersionMatchOptions = {},
): boolean {
  if (typeof itemVersion !== 'string' || typeof resolved !== 'string' || resolved.trim() === '') return false;
  const alts = alternatives(itemVersion, ecosystem);
  if (!alts) return false;
  const own = ownScheme(ecosystem);
  if (own) return alts.some((alt) => own.covers(alt, resolved, options));
  return alts.some((alt) => {
    switch (ecosystem) {
      case 'npm':
        return npmCovers(alt, resolved, options);
      case 'pypi':
        return pypiCovers(alt, resolved, options);
      default:
        return genericCovers(alt, resolved, options);
    }
  });
}

/** Whether a `Version` value (or an advisory range) is well-formed for the ecosystem. */
export function isValidVersionSpec(itemVersion: string, ecosystem: Ecosystem): boolean {
  if (typeof itemVersion !== 'string') return false;
  const alts = alternatives(itemVersion, ecosystem);
  if (!alts) return false;
  const own = ownScheme(ecosystem);
  if (own) return alts.every((a) => own.valid(a));
  const npmOk = (a: string) => {
    try {
      return semver.validRange(a, { loose: true }) !== null;
    } catch {
      return false;
    }
  };
  const pypiOk = (a: string) => pep440Specs(a) !== undefined;
  const genericOk = (a: string) => npmOk(a) || pypiOk(a) || exactVersion(a, 'generic') !== undefined;
  return alts.every((a) =>
    ecosystem === 'npm'
      ? npmOk(a.trim().replace(/^==?\s*(?=[vV]?\d)/, ''))
      : ecosystem === 'pypi'
        ? pypiOk(a)
        : genericOk(a),
  );
}

/** The single exact version a value pins (`v4.21.2` → `4.21.2`, `==2.31.0` → `2.31.0`), if it pins one. */
export function exactVersion(itemVersion: string, ecosystem: Ecosystem = 'generic'): string | undefined {
  if (typeof itemVersion !== 'string') return undefined;
  const value = itemVersion.trim();
  if (value === '' || value.includes(',') || value.includes('||')) return undefined;
  if (/^(~=|!=|<|>|\^|~)/.test(value)) return undefined;
  const own = ownScheme(ecosystem);
  if (own) return own.exact(value);
  const bare = stripExactPrefix(value);
  if (bare === '' || /\s/.test(bare)) return undefined;
  if (ecosystem === 'npm') {
    return semver.valid(bare, { loose: true }) ?? undefined;
  }
  if (bare.endsWith('.*')) return undefined;
  if (ecosystem === 'pypi') return parsePep440(bare) ? bare : undefined;
  // generic: a full semver version, a PEP 440 version, or any opaque token without range syntax.
  if (semver.valid(bare, { loose: true })) return bare;
  if (/^[\dvV]/.test(bare) && !/(^|\.)[xX*](\.|$)/.test(bare)) return bare;
  return /^[A-Za-z0-9][\w.+-]*$/.test(bare) && !/(^|\.)[xX*](\.|$)/.test(bare) ? bare : undefined;
}

/**
 * Whether a `Version` value names more than one version: a range, a wildcard, a list, or (npm) a
 * partial version such as `4.21` (= `4.21.x`). `4.21.2`, `v4.21.2`, `==2.31.0` are not ranges.
 * Empty or malformed values are not ranges either.
 */
export function isRange(itemVersion: string, ecosystem: Ecosystem = 'generic'): boolean {
  if (typeof itemVersion !== 'string' || itemVersion.trim() === '') return false;
  if (exactVersion(itemVersion, ecosystem) !== undefined) return false;
  return isValidVersionSpec(itemVersion, ecosystem);
}

/** A short human description of a `Version` value for messages (`range ^4.18 (>=4.18.0 <5.0.0-0)`). */
export function describeVersion(itemVersion: string, ecosystem: Ecosystem = 'generic'): string {
  if (typeof itemVersion !== 'string' || itemVersion.trim() === '') return 'no version';
  const value = itemVersion.trim();
  const exact = exactVersion(value, ecosystem);
  if (exact !== undefined) return `version ${exact}`;
  const alts = alternatives(value, ecosystem);
  if (!alts || !isValidVersionSpec(value, ecosystem)) return `'${value}' (not a version or range)`;
  if (alts.length > 1) return `any of ${alts.join(', ')}`;
  if (ecosystem === 'pypi') return `specifier ${value}`;
  if (ownScheme(ecosystem)) return `range ${value}`;
  let normalized: string | null = null;
  try {
    normalized = semver.validRange(alts[0], { loose: true });
  } catch {
    normalized = null;
  }
  if (normalized === null) return `specifier ${value}`;
  if (normalized === '*') return `any version (${value})`;
  // `<5.0.0-0` (semver's "below every 5.0.0 pre-release") reads as `<5.0.0` in a message.
  normalized = normalized.replace(/(\d)-0(?=\s|$)/g, '$1');
  return normalized === value ? `range ${value}` : `range ${value} (${normalized})`;
}

/**
 * Orders two versions of an ecosystem (semver for npm, PEP 440 for pypi, each other ecosystem's
 * own order: Cargo and Go semver, Go with or without `v`, Maven's `ComparableVersion`, NuGet's
 * four-part versions); generic tries semver, then PEP 440. `undefined` if either is invalid.
 */
export function compareVersions(a: string, b: string, ecosystem: Ecosystem): number | undefined {
  if (typeof a !== 'string' || typeof b !== 'string') return undefined;
  const own = ownScheme(ecosystem);
  if (own) return own.compare(a, b);
  if (ecosystem !== 'pypi') {
    const x = semver.valid(a.trim(), { loose: true });
    const y = semver.valid(b.trim(), { loose: true });
    if (x && y) return semver.compare(x, y);
    if (ecosystem === 'npm') return undefined;
  }
  const x = parsePep440(a);
  const y = parsePep440(b);
  return x && y ? comparePep440(x, y) : undefined;
}

/**
 * The package ecosystems the SOUP check knows (docs/soup.md, Which manifests are read): how
 * each names packages, its package-URL type, its names in OSV records and scanner reports.
 * Version schemes are in versionMatch.ts. A new ecosystem is one row here and one
 * `Ecosystem` member (dependency.ts).
 */
import { Ecosystem } from './dependency';

export interface EcosystemInfo {
  readonly id: Ecosystem;
  /** Shown to users: `npm`, `PyPI`, `crates.io`, `Go`, `Maven`, `NuGet`. */
  readonly label: string;
  /** The package-URL type (`pkg:<type>/…`). */
  readonly purlType: string;
  /** Names OSV and scanner reports use for it, lower case (`crates.io`, `go`, `pypi`, `python`, …). */
  readonly aliases: readonly string[];
  /** The name packages are compared by. */
  normalize(name: string): string;
}

const lower = (name: string) => name.trim().toLowerCase();

export const ECOSYSTEMS: readonly EcosystemInfo[] = [
  { id: 'npm', label: 'npm', purlType: 'npm', aliases: ['npm', 'node', 'nodejs', 'javascript'], normalize: lower },
  {
    id: 'pypi',
    label: 'PyPI',
    purlType: 'pypi',
    aliases: ['pypi', 'python', 'pip'],
    // PEP 503: runs of `-`, `_`, `.` are one `-`, case-insensitive.
    normalize: (name) => lower(name).replace(/[-_.]+/g, '-'),
  },
  {
    id: 'cargo',
    label: 'crates.io',
    purlType: 'cargo',
    aliases: ['crates.io', 'cargo', 'rust'],
    // crates.io treats `-` and `_` as the same name.
    normalize: (name) => lower(name).replace(/_/g, '-'),
  },
  { id: 'golang', label: 'Go', purlType: 'golang', aliases: ['go', 'golang', 'gomod'], normalize: (n) => n.trim() },
  {
    id: 'maven',
    label: 'Maven',
    purlType: 'maven',
    aliases: ['maven', 'java', 'gradle', 'jar'],
    // `group:artifact`; a purl's `group/artifact` is the same package.
    normalize: (name) => lower(name).replace('/', ':'),
  },
  { id: 'nuget', label: 'NuGet', purlType: 'nuget', aliases: ['nuget', 'dotnet', '.net'], normalize: lower },
  { id: 'generic', label: 'generic', purlType: 'generic', aliases: ['generic'], normalize: lower },
];

const byId = new Map(ECOSYSTEMS.map((e) => [e.id, e]));
const byAlias = new Map(ECOSYSTEMS.flatMap((e) => e.aliases.map((a) => [a, e.id] as const)));
const byPurlType = new Map(ECOSYSTEMS.map((e) => [e.purlType, e.id]));

export function ecosystemInfo(id: Ecosystem): EcosystemInfo {
  return byId.get(id) ?? byId.get('generic')!;
}

/**
 * The ecosystem an OSV record or scanner report names (`PyPI`, `crates.io`, `Go`,
 * `Maven`, `npm`, `Debian:12` → generic); anything unknown is `generic`.
 */
export function ecosystemFromName(name: unknown): Ecosystem {
  if (typeof name !== 'string') return 'generic';
  return byAlias.get(name.split(':')[0].trim().toLowerCase()) ?? 'generic';
}

/** The ecosystem of a package-URL type (`pkg:cargo/…` → cargo); unknown types are `generic`. */
export function ecosystemFromPurlType(type: string): Ecosystem {
  return byPurlType.get(type.toLowerCase()) ?? 'generic';
}

/** The name a package is compared by in its ecosystem. */
export function normalizeName(name: string, ecosystem: Ecosystem): string {
  return ecosystemInfo(ecosystem).normalize(name);
}

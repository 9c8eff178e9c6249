import { Range } from '../findings';

/**
 * The package ecosystems the SOUP check knows (ecosystems.ts: names, package URLs, OSV
 * names, version schemes); `generic` is an SBOM component of no known ecosystem.
 */
export type Ecosystem = 'npm' | 'pypi' | 'cargo' | 'golang' | 'maven' | 'nuget' | 'generic';

/** A third-party component a manifest or SBOM declares (docs/soup.md, Which manifests are read). */
export interface Dependency {
  /** Package name as the ecosystem knows it (`@scope/name`, `requests`); for an npm alias, the real package. */
  name: string;
  /** The name the manifest uses when it differs (npm alias `"h": "npm:helmet@^7"` → `h`). */
  alias?: string;
  ecosystem: Ecosystem;
  /** Declared requirement as written (`^4.18.2`, `>=2.31,<3`, `git+https://…`, `file:../x`), if any. */
  spec?: string;
  /** Resolved version (lockfile, SBOM, or an exact pin), if known. */
  version?: string;
  /** Package URL (`pkg:npm/%40scope/name@1.2.3`), when the source gives one or it can be built. */
  purl?: string;
  /** A dependency of the project itself (not a transitive one). */
  direct: boolean;
  /** npm devDependencies (only reported when configured). */
  dev?: boolean;
  /** `registry` (a version range), `git`, `file`, `url`, `workspace`, `alias`. */
  source: 'registry' | 'git' | 'file' | 'url' | 'workspace' | 'alias';
  /** npm optionalDependencies and the like (installed only where the platform allows). */
  optional?: boolean;
  /** Workspace-relative manifest path and the range of the entry (the key, e.g. `"express"` in package.json). */
  file: string;
  range: Range;
  /**
   * The package this dependency resolved to in a lockfile's or SBOM's graph
   * ({@link DependencyGraph}): its indirect dependencies are checked under it. Set by the
   * lockfile's parser for its own direct dependencies, and by the SOUP check when a
   * declaration's version comes from a lockfile.
   */
  node?: { file: string; key: string };
}

/**
 * One package a lockfile or SBOM resolves, direct or indirect: a node of the dependency
 * graph (docs/soup.md, The whole dependency graph).
 */
export interface ResolvedPackage {
  /** Unique in its file: the format's own key (`node_modules/qs`, `qs@6.13.0`, a CycloneDX bom-ref). */
  key: string;
  name: string;
  version?: string;
  ecosystem: Ecosystem;
  purl?: string;
  /** Keys of the packages it depends on, in the same file (keys that name no package are ignored). */
  dependsOn: string[];
  /** Installed only for development (npm `dev`, Poetry group `dev`, …). */
  dev?: boolean;
  optional?: boolean;
  /** The package's entry in the file (its key or name). */
  range: Range;
}

/** The resolved dependency graph a lockfile or SBOM records. */
export interface DependencyGraph {
  /** Every package the file resolves (the project's own and its workspace members' excluded). */
  packages: ResolvedPackage[];
  /**
   * The direct dependencies of the project and of each workspace member: the member's folder
   * relative to the file's (`''` for the file's own folder) → the name the manifest uses for
   * the dependency (an npm alias as written) → the key of the package it resolved to.
   */
  importers: Record<string, Record<string, string>>;
  /**
   * `false` when the format records no edges (go.sum, gradle.lockfile, a flat SBOM): every
   * package is installed, but which direct dependency brings it in is not known.
   */
  edges: boolean;
}

/** What a manifest file contributes: its dependencies and problems reading it. */
export interface ManifestIndex {
  file: string;
  /** The `id` of the manifest format that read it (manifestFormats.ts): `package.json`, `package-lock.json`, `cyclonedx`, …. */
  kind: string;
  dependencies: Dependency[];
  /**
   * Resolved versions by package name (lockfiles, SBOMs): used to resolve the ranges of
   * declarations. A key starting with {@link LOCK_PATH_KEY} is the format's own (an npm
   * lockfile's `packages` path), not a package name.
   */
  resolved?: Record<string, string>;
  /** The project's own name and version (package.json `name`, pyproject `[project]`/Poetry name, a lockfile's root, an SBOM's `metadata.component`): never a SOUP item. */
  project?: { name: string; version?: string };
  /** npm `workspaces` globs of a root package.json (member package.json files are manifests too). */
  workspaces?: string[];
  /** Lockfiles and SBOMs: every resolved package and its edges (docs/soup.md, The whole dependency graph). */
  graph?: DependencyGraph;
  /** Malformed JSON/TOML etc.: a message and where. */
  problems: Array<{ message: string; range: Range }>;
  /** What the reader could not know without it being an error (a v1 lockfile read as v1): the file's notes. */
  notes?: string[];
}

/** Prefix of the `resolved` keys that are no package name (an npm lockfile's `packages` paths). */
export const LOCK_PATH_KEY = '\u0000';

import { Range } from '../findings';

export type Ecosystem = 'npm' | 'pypi' | 'generic';

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
  /** Workspace-relative manifest path and the range of the entry (the key, e.g. `"express"` in package.json). */
  file: string;
  range: Range;
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
  /** Malformed JSON/TOML etc.: a message and where. */
  problems: Array<{ message: string; range: Range }>;
}

/** Prefix of the `resolved` keys that are no package name (an npm lockfile's `packages` paths). */
export const LOCK_PATH_KEY = '\u0000';

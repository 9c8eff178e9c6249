/**
 * Options of `versionCovers` (versionMatch.ts), in a file of their own so the per-ecosystem
 * matchers (versionMatchCargo.ts, …) can take them without an import cycle (docs/soup.md, Versions).
 */
export interface VersionMatchOptions {
  /** Let ranges cover pre-release versions (npm `includePrerelease`; PEP 440 `prereleases=True`). */
  includePrerelease?: boolean;
  /**
   * PEP 440 `<V`/`>V` by version order only, as OSV ranges mean them (`<2.31.0` covers `2.31.0rc1`).
   * npm ranges already compare by order once pre-releases are included.
   */
  plainOrder?: boolean;
  /**
   * Read a bare version as the ecosystem's dependency requirement does: Cargo.toml's `1.2.3` is
   * `^1.2.3`, a NuGet project's `1.0` is `>=1.0`. Without it a bare full version is exact, as a
   * SOUP `Version` value means it (docs/soup.md, Versions).
   */
  requirement?: boolean;
}

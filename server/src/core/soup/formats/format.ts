/**
 * A dependency manifest format the SOUP check reads (docs/soup.md, Which manifests are
 * read). Each format is one file in this folder and one entry of MANIFEST_FORMATS
 * (../manifestFormats.ts): discovery (FileFilter), parsing (manifestFile.ts) and pairing a
 * declaration with its lockfile or SBOM (soupState.ts) read these entries, not file names.
 */
import { Dependency, Ecosystem, ManifestIndex } from '../dependency';

/**
 * What a manifest is to the SOUP check:
 * - `declaration`: the dependencies the project declares (package.json, requirements.txt);
 *   their versions are resolved from a lockfile of the same ecosystem, else an SBOM;
 * - `lockfile`: the versions installed (package-lock.json); next to a declaration of its
 *   ecosystem it only supplies versions, alone it is checked itself;
 * - `sbom`: components of any ecosystem with their versions (CycloneDX).
 */
export type ManifestRole = 'declaration' | 'lockfile' | 'sbom';

export interface ManifestFormat {
  /** Unique; the `kind` of the manifests it reads. */
  readonly id: string;
  /** The ecosystem of its packages (`generic` for an SBOM, which lists any). */
  readonly ecosystem: Ecosystem;
  readonly role: ManifestRole;
  /**
   * File names (the last path segment) it reads when a file is selected as a manifest, by
   * default discovery or by the `manifests` globs. Without one, the format claims files
   * by content ({@link sniff}).
   */
  readonly fileNames?: RegExp;
  /** Claims a selected file no format claims by name, from its text (an SBOM under any name). */
  sniff?(text: string): boolean;
  /**
   * Found without `manifests` configured: file names it claims, in any folder (the SOUP
   * check then keeps the root's and the workspace members') or at the root only.
   */
  readonly discovery: { readonly names: RegExp; readonly folders: 'any' | 'root' };
  /** Parses the text; problems (malformed JSON, a bad entry) are in `problems`. */
  parse(path: string, text: string): ManifestIndex;
  /**
   * Lockfiles: the version installed for a declaration's dependency, `dir` being the
   * declaration's folder relative to the lockfile's. Default: `resolved[name]`.
   */
  lockedVersion?(lock: ManifestIndex, dir: string, dependency: Dependency): string | undefined;
  /**
   * Declarations: its root manifest may list workspace members (`ManifestIndex.workspaces`
   * globs); the members' manifests of this format are checked, and a dependency on a member
   * or the root is the project's own code.
   */
  readonly workspaces?: boolean;
}

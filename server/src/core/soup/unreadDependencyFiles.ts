/**
 * Dependency files the SOUP check recognises but does not read (docs/soup.md, Which manifests
 * are read): lockfiles, manifests and SBOMs of formats or ecosystems without a
 * {@link ManifestFormat} yet. Found anywhere in the workspace (excluded folders aside), each is
 * a `soup-input-unread` finding, so "SOUP 100%" never silently leaves them out. A format that
 * gains a parser moves from this table to manifestFormats.ts.
 */
import type { Finding } from '../findings';
import { emptyIndex, FileIndexCommon } from '../fileIndex';

export interface UnreadDependencyFile {
  /** Matched against the file name (no folders). */
  readonly names: RegExp;
  /** What the file is, for the message: `a pnpm lockfile`. */
  readonly what: string;
  /** A supported format that default discovery leaves out here: `manifests` can select it. */
  readonly listable?: boolean;
}

export const UNREAD_DEPENDENCY_FILES: readonly UnreadDependencyFile[] = [
  { names: /^npm-shrinkwrap\.json$/, what: 'an npm shrinkwrap file', listable: true },
  // Read at the root by default (manifestFormats.ts); below it only when `manifests` lists them.
  { names: /^requirements[\w.-]*\.txt$/, what: 'a pip requirements file below the workspace root', listable: true },
  { names: /^pyproject\.toml$/, what: 'a pyproject.toml below the workspace root', listable: true },
  { names: /^(?:bom|sbom)\.json$|\.cdx\.json$/, what: 'a CycloneDX SBOM below the workspace root', listable: true },
  { names: /^pnpm-lock\.yaml$/, what: 'a pnpm lockfile' },
  { names: /^yarn\.lock$/, what: 'a yarn lockfile' },
  { names: /^bun\.lockb?$/, what: 'a bun lockfile' },
  { names: /^poetry\.lock$/, what: 'a Poetry lockfile' },
  { names: /^uv\.lock$/, what: 'a uv lockfile' },
  { names: /^Pipfile(?:\.lock)?$/, what: 'a Pipenv file' },
  { names: /^pdm\.lock$/, what: 'a PDM lockfile' },
  { names: /^Cargo\.(?:toml|lock)$/, what: 'a Cargo (Rust) manifest or lockfile' },
  { names: /^go\.(?:mod|sum)$/, what: 'a Go module file' },
  { names: /^pom\.xml$/, what: 'a Maven POM' },
  { names: /^build\.gradle(?:\.kts)?$|^gradle\.lockfile$/, what: 'a Gradle build or lockfile' },
  { names: /\.csproj$|^packages\.lock\.json$|^packages\.config$/, what: 'a .NET project or NuGet lockfile' },
  { names: /^Gemfile(?:\.lock)?$/, what: 'a Bundler (Ruby) file' },
  { names: /^composer\.(?:json|lock)$/, what: 'a Composer (PHP) file' },
  { names: /\.spdx(?:\.json|\.ya?ml|\.rdf|\.xml)?$/, what: 'an SPDX SBOM' },
  { names: /^(?:bom|sbom)\.xml$|\.cdx\.xml$/, what: 'a CycloneDX XML SBOM' },
];

/** The entry a file name falls under, if any. */
export function unreadDependencyFile(path: string): UnreadDependencyFile | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return UNREAD_DEPENDENCY_FILES.find((f) => f.names.test(name));
}

/** The `soup-input-unread` finding at a file's first line. */
export function soupInputUnread(file: string, message: string): Finding {
  return {
    code: 'soup-input-unread',
    severity: 'warning',
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    message,
  };
}

/** The index of a recognised dependency file that is not read: no content, one finding. */
export function parseUnreadDependencyFile(path: string): FileIndexCommon & { role: 'unread-dependency' } {
  const index = emptyIndex(path, 'unread-dependency');
  const entry = unreadDependencyFile(path);
  const why = entry?.listable
    ? 'that the SOUP check does not read by default (list it in `manifests`)'
    : 'that Seclife does not read yet';
  index.findings.push(
    soupInputUnread(
      path,
      `${path} is ${entry?.what ?? 'a dependency file'} ${why}: its dependencies are not checked against the SOUP items or advisories, and SOUP coverage does not include them`,
    ),
  );
  return index;
}

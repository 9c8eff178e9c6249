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
}

export const UNREAD_DEPENDENCY_FILES: readonly UnreadDependencyFile[] = [
  {
    names: /^bun\.lockb$/,
    what: "bun's binary lockfile (bun 1.2 and later write the text bun.lock: `bun install --save-text-lockfile`)",
  },
  {
    names: /^packages\.config$/,
    what: 'a NuGet packages.config (migrate to PackageReference, or keep an SBOM next to it)',
  },
  { names: /^Gemfile(?:\.lock)?$/, what: 'a Bundler (Ruby) file' },
  { names: /^composer\.(?:json|lock)$/, what: 'a Composer (PHP) file' },
  { names: /\.spdx\.(?:ya?ml|rdf|xml)$/, what: 'an SPDX SBOM in YAML, RDF or XML (SPDX JSON and tag-value are read)' },
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
  index.findings.push(
    soupInputUnread(
      path,
      `${path} is ${entry?.what ?? 'a dependency file'} that Seclife does not read yet: its dependencies are not checked against the SOUP items or advisories, and SOUP coverage does not include them`,
    ),
  );
  return index;
}

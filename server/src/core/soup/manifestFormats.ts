/**
 * The manifest formats the SOUP check reads (docs/soup.md, Which manifests are read). A new
 * format (a lockfile, an SBOM) is one file in formats/ and one entry here: discovery
 * (FileFilter), parsing (manifestFile.ts) and pairing (soupState.ts) only read this table.
 */
import { ManifestIndex } from './dependency';
import { cycloneDxFormat } from './formats/cyclonedx';
import { ManifestFormat } from './formats/format';
import { packageJsonFormat } from './formats/packageJson';
import { packageLockFormat } from './formats/packageLock';
import { pyprojectFormat } from './formats/pyproject';
import { requirementsFormat } from './formats/requirements';

export type { ManifestFormat, ManifestRole } from './formats/format';

/** Every format; a file is read by the first whose `fileNames` claims it, else the first whose `sniff` does. */
export const MANIFEST_FORMATS: readonly ManifestFormat[] = [
  packageJsonFormat,
  packageLockFormat,
  pyprojectFormat,
  requirementsFormat,
  cycloneDxFormat,
];

/** Reads a selected file that no format claims by name or content (its problem says what it is not). */
const UNRECOGNIZED: ManifestFormat = cycloneDxFormat;

const byId = new Map(MANIFEST_FORMATS.map((f) => [f.id, f]));

/** The format of a parsed manifest (its `kind`). */
export function formatOf(manifest: Pick<ManifestIndex, 'kind'>): ManifestFormat {
  const format = byId.get(manifest.kind);
  if (!format) throw new Error(`unknown manifest format '${manifest.kind}'`);
  return format;
}

/** The format that reads a file selected as a manifest: by its name, else by its content. */
export function formatForFile(path: string, text: string): ManifestFormat {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (
    MANIFEST_FORMATS.find((f) => f.fileNames?.test(name)) ??
    MANIFEST_FORMATS.find((f) => f.sniff?.(text)) ??
    UNRECOGNIZED
  );
}

/** Whether a path is a manifest without `manifests` configured (some format's default discovery claims it). */
export function isDefaultManifest(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const atRoot = !path.includes('/');
  return MANIFEST_FORMATS.some((f) => (atRoot || f.discovery.folders === 'any') && f.discovery.names.test(name));
}

/**
 * The manifest formats the SOUP check reads (docs/soup.md, Which manifests are read). A new
 * format (a lockfile, an SBOM) is one file in formats/ and one entry in its ecosystem's list there
 * (formats/npm.ts, formats/python.ts, …): discovery
 * (FileFilter), parsing (manifestFile.ts) and pairing (soupState.ts) only read this table.
 */
import { ManifestIndex } from './dependency';
import { cycloneDxFormat } from './formats/cyclonedx';
import { DOTNET_FORMATS } from './formats/dotnet';
import { ManifestFormat } from './formats/format';
import { GO_FORMATS } from './formats/go';
import { JAVA_FORMATS } from './formats/java';
import { NPM_FORMATS } from './formats/npm';
import { PYTHON_FORMATS } from './formats/python';
import { RUST_FORMATS } from './formats/rust';
import { SBOM_FORMATS } from './formats/sbom';

export type { ManifestFormat, ManifestRole } from './formats/format';

/** Every format; a file is read by the first whose `fileNames` claims it, else the first whose `sniff` does. */
export const MANIFEST_FORMATS: readonly ManifestFormat[] = [
  ...NPM_FORMATS,
  ...PYTHON_FORMATS,
  ...RUST_FORMATS,
  ...GO_FORMATS,
  ...DOTNET_FORMATS,
  ...JAVA_FORMATS,
  ...SBOM_FORMATS,
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

import { Finding } from '../findings';
import { AdvisoriesIndex, emptyIndex, ManifestFileIndex } from '../fileIndex';
import { Advisory } from './advisory';
import { parseAdvisories } from './advisories';
import { ManifestIndex } from './dependency';
import { formatForFile } from './manifestFormats';

/**
 * Problems after which the rest of the file could not be read (as opposed to one bad entry):
 * a syntax error (`<file> is not valid JSON: …`, TOML, or any other format's), nesting too
 * deep, an empty file, a JSON root that is no object, an unrecognized file.
 */
const UNREADABLE =
  /is not valid [A-Z]+:|nested too deeply|is empty$|must contain a JSON object|not a CycloneDX|is not read \(|the rest of the file is not read/;

/** Whether a manifest could not be read completely: its dependency list may be missing entries. */
export function isPartialManifest(manifest: ManifestIndex): boolean {
  return manifest.problems.some((p) => UNREADABLE.test(p.message));
}

/**
 * Parses a manifest, lockfile or SBOM with the format its name or content says
 * (manifestFormats.ts); problems (malformed JSON/TOML) become findings.
 */
export function parseManifestFile(path: string, text: string): ManifestFileIndex {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const manifest = formatForFile(path, text).parse(path, text);
  const findings: Finding[] = manifest.problems.map((p) => ({
    code: 'config-error',
    severity: 'error',
    file: path,
    ...p.range,
    message: `${p.message.startsWith(path) || p.message.startsWith(name) ? '' : `${name}: `}${p.message}; ${
      UNREADABLE.test(p.message)
        ? 'the SOUP check uses the dependencies read so far and reports no soup-stale until the file is fixed'
        : 'the rest of the file is checked'
    }`,
  }));
  const index = emptyIndex(path, 'manifest');
  index.findings = findings;
  if (manifest.notes) for (const n of manifest.notes) index.notes.push(`${path}: ${n}`);
  index.manifest = manifest;
  return index;
}

/** Parses an advisory file (`npm audit --json`, OSV). */
export function parseAdvisoryFile(path: string, text: string): AdvisoriesIndex {
  const { advisories, problems, generatedAt, notes } = parseAdvisories(path, text);
  const findings: Finding[] = problems.map((p) => ({
    code: 'config-error',
    severity: 'error',
    file: path,
    line: p.line,
    column: p.column,
    endLine: p.line,
    endColumn: p.column + 1,
    message: `advisory file: ${p.message}`,
  }));
  const index = emptyIndex(path, 'advisories');
  index.findings = findings;
  index.advisories = advisories as Advisory[];
  if (generatedAt) index.generatedAt = generatedAt;
  for (const n of notes ?? []) index.notes.push(`${path}: ${n}`);
  return index;
}

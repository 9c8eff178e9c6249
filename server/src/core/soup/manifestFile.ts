import { Finding } from '../findings';
import { FileIndex } from '../model';
import { Advisory } from './advisory';
import { parseAdvisories } from './advisories';
import { isCycloneDx, parseCycloneDx } from './cyclonedx';
import { ManifestIndex } from './dependency';
import { setResolved } from './manifestCommon';
import { parsePackageJson, parsePackageLock } from './npmManifest';
import { parsePyproject, parseRequirements } from './pythonManifest';

/** Problems after which the rest of the file could not be read (as opposed to one bad entry). */
const UNREADABLE = /is not valid (?:JSON|TOML)|nested too deeply|is empty$|must contain a JSON object|not a CycloneDX/;

/** Whether a manifest could not be read completely: its dependency list may be missing entries. */
export function isPartialManifest(manifest: ManifestIndex): boolean {
  return manifest.problems.some((p) => UNREADABLE.test(p.message));
}

/** The resolved-version key of a package at a lockfile `packages` path (`packages/api/node_modules/ws`). */
export const LOCK_PATH_KEY = '\u0000';

/**
 * Adds the version of every `packages` entry of a v2/v3 lockfile under its path, prefixed by
 * {@link LOCK_PATH_KEY} (`\0packages/api/node_modules/ws` → 8.17.1): a workspace member's
 * dependency resolves to its own nested copy first, as Node's module resolution does.
 */
function addLockPaths(text: string, resolved: Record<string, string>): void {
  let lock: unknown;
  try {
    lock = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return;
  }
  const packages = typeof lock === 'object' && lock !== null ? (lock as { packages?: unknown }).packages : undefined;
  if (typeof packages !== 'object' || packages === null || Array.isArray(packages)) return;
  const entries = packages as Record<string, unknown>;
  const versionOf = (entry: unknown): string | undefined => {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const e = entry as { version?: unknown; link?: unknown; resolved?: unknown };
    if (e.link === true && typeof e.resolved === 'string' && Object.prototype.hasOwnProperty.call(entries, e.resolved)) {
      const target = entries[e.resolved] as { version?: unknown } | null;
      return typeof target?.version === 'string' ? target.version : undefined;
    }
    return typeof e.version === 'string' ? e.version : undefined;
  };
  for (const path of Object.keys(entries)) {
    if (!path.includes('node_modules/')) continue;
    const version = versionOf(entries[path]);
    if (version !== undefined) setResolved(resolved, LOCK_PATH_KEY + path, version);
  }
}

/**
 * Parses a manifest or SBOM by its name/shape; problems (malformed JSON/TOML) become findings.
 * npm devDependencies are always read (marked `dev`), so a SOUP item for one is matched and not
 * stale; whether they need an item is decided by the SOUP check (`devDependencies`).
 */
export function parseManifestFile(path: string, text: string): FileIndex {
  const name = path.slice(path.lastIndexOf('/') + 1);
  let manifest: ManifestIndex;
  if (name === 'package.json') manifest = parsePackageJson(path, text, { includeDev: true });
  else if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') {
    manifest = parsePackageLock(path, text, { includeDev: true });
    if (manifest.resolved && manifest.problems.length === 0) addLockPaths(text, manifest.resolved);
  } else if (name === 'pyproject.toml') manifest = parsePyproject(path, text);
  else if (name.endsWith('.txt')) manifest = parseRequirements(path, text);
  else if (isCycloneDx(text)) manifest = parseCycloneDx(path, text);
  else manifest = { file: path, kind: 'cyclonedx', dependencies: [], problems: [{ message: 'not a CycloneDX JSON SBOM (no "bomFormat": "CycloneDX")', range: { line: 1, column: 1, endLine: 1, endColumn: 2 } }] };
  const findings: Finding[] = manifest.problems.map((p) => ({
    code: 'config-error', severity: 'error', file: path, ...p.range,
    message: `${p.message.startsWith(path) || p.message.startsWith(name) ? '' : `${name}: `}${p.message}; ${UNREADABLE.test(p.message)
      ? 'the SOUP check uses the dependencies read so far and reports no soup-stale until the file is fixed'
      : 'the rest of the file is checked'}`,
  }));
  return { file: path, role: 'manifest', isTest: false, items: [], sections: [], refs: [], suppressions: [], findings, notes: [], manifest };
}

/** Parses an advisory file (`npm audit --json`, OSV). */
export function parseAdvisoryFile(path: string, text: string): FileIndex {
  const { advisories, problems } = parseAdvisories(path, text);
  const findings: Finding[] = problems.map((p) => ({
    code: 'config-error', severity: 'error', file: path, line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1,
    message: `advisory file: ${p.message}`,
  }));
  return { file: path, role: 'advisories', isTest: false, items: [], sections: [], refs: [], suppressions: [], findings, notes: [], advisories: advisories as Advisory[] };
}

import { Finding } from '../findings';
import { FileIndex } from '../model';
import { Advisory } from './advisory';
import { parseAdvisories } from './advisories';
import { isCycloneDx, parseCycloneDx } from './cyclonedx';
import { ManifestIndex } from './dependency';
import { parsePackageJson, parsePackageLock } from './npmManifest';
import { parsePyproject, parseRequirements } from './pythonManifest';

/** Parses a manifest or SBOM by its name/shape; problems (malformed JSON/TOML) become findings. */
export function parseManifestFile(path: string, text: string, includeDev: boolean): FileIndex {
  const name = path.slice(path.lastIndexOf('/') + 1);
  let manifest: ManifestIndex;
  if (name === 'package.json') manifest = parsePackageJson(path, text, { includeDev });
  else if (name === 'package-lock.json') manifest = parsePackageLock(path, text, { includeDev });
  else if (name === 'pyproject.toml') manifest = parsePyproject(path, text);
  else if (name.endsWith('.txt')) manifest = parseRequirements(path, text);
  else if (isCycloneDx(text)) manifest = parseCycloneDx(path, text);
  else manifest = { file: path, kind: 'cyclonedx', dependencies: [], problems: [{ message: 'not a CycloneDX JSON SBOM (no "bomFormat": "CycloneDX")', range: { line: 1, column: 1, endLine: 1, endColumn: 2 } }] };
  const findings: Finding[] = manifest.problems.map((p) => ({
    code: 'config-error', severity: 'error', file: path, ...p.range,
    message: `${name}: ${p.message}; its dependencies are not checked against the SOUP items`,
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

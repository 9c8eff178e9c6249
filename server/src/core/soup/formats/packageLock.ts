/** npm's package-lock.json / npm-shrinkwrap.json (v2/v3 `packages`; v1 versions only). */
import { LOCK_PATH_KEY } from '../dependency';
import { ownValue, selfAndParents, setResolved } from '../manifestCommon';
import { parsePackageLock } from '../npmManifest';
import { ManifestFormat } from './format';

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
    if (e.link === true && typeof e.resolved === 'string' && Object.hasOwn(entries, e.resolved)) {
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

export const packageLockFormat: ManifestFormat = {
  id: 'package-lock.json',
  ecosystem: 'npm',
  role: 'lockfile',
  fileNames: /^(?:package-lock|npm-shrinkwrap)\.json$/,
  discovery: { names: /^(?:package-lock|npm-shrinkwrap)\.json$/, folders: 'any' },
  parse(path, text) {
    const manifest = parsePackageLock(path, text, { includeDev: true });
    if (manifest.resolved && manifest.problems.length === 0) addLockPaths(text, manifest.resolved);
    return manifest;
  },
  /**
   * The installed copy: the package's own `node_modules` first, then each parent's, as Node
   * resolves modules (a workspace member may have its own nested copy); an alias is
   * installed under the alias.
   */
  lockedVersion(lock, dir, dependency) {
    const installName = dependency.alias ?? dependency.name;
    for (const d of selfAndParents(dir)) {
      const v = ownValue(lock.resolved, `${LOCK_PATH_KEY}${d ? `${d}/` : ''}node_modules/${installName}`);
      if (v !== undefined) return v;
    }
    return ownValue(lock.resolved, installName);
  },
};

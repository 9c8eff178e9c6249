// Installing the pinned tools and corpus, and listing the corpus files, for bench/rules/run.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The corpus: two mainstream libraries whose npm packages ship unbundled sources.
 * - webpack's lib/: ~790 hand-written CommonJS files, ~360k lines (compiler, parsers,
 *   runtime templates, Node fs/child_process use, generated-code strings) — alone it
 *   clears the ≥150k-line bar and is typical server-side/tooling JavaScript.
 * - rxjs's src/: ~250 TypeScript files (~21k lines), ES modules with generics and
 *   overloads — so the TypeScript side of both tools is exercised too (together >1,000 files).
 * Neither is known to be vulnerable: every finding is a candidate false positive to review.
 */
export const CORPUS = [
  { pkg: 'webpack', dir: 'lib', ext: /\.(js|cjs|mjs)$/ },
  { pkg: 'rxjs', dir: 'src', ext: /\.(ts|mts|cts|tsx)$/ },
];

/** Installs bench/rules/package.json's pinned dependencies unless every one is already there at its version. */
export function ensureInstalled(dir) {
  const pinned = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies;
  const missing = Object.entries(pinned).filter(([name, version]) => {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    return !existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).version !== version;
  });
  if (missing.length === 0) return false;
  console.log(`installing ${missing.map(([n, v]) => `${n}@${v}`).join(', ')} into ${join(dir, 'node_modules')} …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // --omit-lockfile-registry-resolved: the lock file records versions and integrity, no download addresses.
  const r = spawnSync(
    npm,
    ['install', '--prefix', dir, '--no-audit', '--no-fund', '--omit-lockfile-registry-resolved'],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`npm install failed (exit ${r.status})`);
  return true;
}

function walk(root, rel, out) {
  for (const e of readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = `${rel}/${e.name}`;
    if (e.isDirectory()) walk(root, path, out);
    else if (e.isFile()) out.push(path);
  }
}

/** Minified or bundled: `.min.` in the name, or long average lines (hand-written code averages < 60). */
function isMinified(path, text) {
  if (/\.min\.[cm]?[jt]s$/.test(path)) return true;
  const lines = text.split('\n').length;
  return text.length / lines > 250;
}

/**
 * The corpus files, paths relative to `modules` (node_modules), sorted; `.d.ts` and
 * minified files skipped, and those `accept` rejects (files Seclife would not read) counted
 * as `rejected`. Also returns physical and non-blank line counts.
 */
export function listCorpus(modules, accept = () => true) {
  const files = [];
  const skipped = { declarations: 0, minified: 0, rejected: 0 };
  let lines = 0;
  let nonBlank = 0;
  for (const { pkg, dir, ext } of CORPUS) {
    const all = [];
    walk(modules, `${pkg}/${dir}`, all);
    for (const path of all) {
      if (!ext.test(path)) continue;
      if (/\.d\.[cm]?ts$/.test(path)) {
        skipped.declarations++;
        continue;
      }
      const text = readFileSync(join(modules, path), 'utf8');
      if (isMinified(path, text)) {
        skipped.minified++;
        continue;
      }
      if (!accept(path)) {
        skipped.rejected++;
        continue;
      }
      files.push(path);
      const split = text.split('\n');
      lines += split.length - (text.endsWith('\n') ? 1 : 0);
      nonBlank += split.filter((l) => l.trim() !== '').length;
    }
  }
  return { files: files.sort(), lines, nonBlank, skipped };
}

/** `name@version` of each corpus package, for the header. */
export function corpusVersions(modules) {
  return CORPUS.map(
    ({ pkg, dir }) => `${pkg}@${JSON.parse(readFileSync(join(modules, pkg, 'package.json'), 'utf8')).version} ${dir}/`,
  );
}

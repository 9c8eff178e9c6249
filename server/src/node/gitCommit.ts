/**
 * The commit a folder is checked out at, read from `.git` directly. Seclife does not run
 * `git`: a repository's own config (hooks, `core.fsmonitor`) can make git execute code,
 * and Seclife never executes anything from the workspace.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface GitCommit {
  sha: string;
  /** The branch (`main`), when HEAD is not detached. */
  ref?: string;
}

async function read(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The git directory of the repository containing `dir` (following a worktree's `.git` file). */
async function gitDir(dir: string): Promise<string | undefined> {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, '.git');
    const stat = await fs.stat(candidate).catch(() => undefined);
    if (stat?.isDirectory()) return candidate;
    if (stat?.isFile()) {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec((await read(candidate)) ?? '');
      if (m) return path.resolve(d, m[1]);
    }
    if (path.dirname(d) === d) return undefined;
  }
}

async function resolveRef(dirs: string[], ref: string): Promise<string | undefined> {
  for (const dir of dirs) {
    const loose = (await read(path.join(dir, ...ref.split('/'))))?.trim();
    if (loose && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
    for (const line of ((await read(path.join(dir, 'packed-refs'))) ?? '').split('\n')) {
      const [sha, name] = line.trim().split(' ');
      if (name === ref && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
    }
  }
  return undefined;
}

/** HEAD of the repository containing `dir`, or undefined outside a repository (or an unborn branch). */
export async function readGitCommit(dir: string): Promise<GitCommit | undefined> {
  const git = await gitDir(dir);
  if (!git) return undefined;
  const head = (await read(path.join(git, 'HEAD')))?.trim();
  if (!head) return undefined;
  if (/^[0-9a-f]{40,64}$/.test(head)) return { sha: head };
  const m = /^ref:\s*(refs\/\S+)$/.exec(head);
  if (!m) return undefined;
  // A linked worktree keeps its HEAD but shares refs with the main repository (`commondir`).
  const common = (await read(path.join(git, 'commondir')))?.trim();
  const dirs = common ? [git, path.resolve(git, common)] : [git];
  const sha = await resolveRef(dirs, m[1]);
  return sha ? { sha, ref: m[1].replace(/^refs\/heads\//, '') } : undefined;
}

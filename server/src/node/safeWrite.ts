/**
 * Every file the CLI writes goes through here (docs/security-model.md, "What Seclife writes"):
 * - inside the workspace, only to a regular file inside it: a folder or file on the way that
 *   is a symbolic link must resolve inside the workspace, otherwise the write is refused;
 * - a path the user named outside the workspace may go through the user's own links, but
 *   its target must be a regular file (or not exist): never a FIFO, device or folder;
 * - always a temp file in the target's folder, renamed over the target: no reader sees half
 *   a file, and a hard link to a file elsewhere is replaced, not written through.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFileType, isInside } from './fileSystemWorkspace';

/** A write refused by the policy; the message names the path and why. */
export class UnsafeWriteError extends Error {}

export interface WriteOptions {
  /** Keep a file (or link) that exists instead of replacing it: `seclife init` without --force. */
  keepExisting?: boolean;
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function realpathOfLink(p: string, shown: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR') {
      throw new UnsafeWriteError(`${shown} is a symbolic link whose target does not exist; not followed`);
    }
    throw e;
  }
}

/**
 * The real path of the folder `segments` below `realRoot`, creating missing folders one at
 * a time (never through a link that leaves the workspace).
 */
function insideFolder(realRoot: string, segments: string[]): string {
  let dir = realRoot;
  for (let i = 0; i < segments.length; i++) {
    const shown = segments.slice(0, i + 1).join('/');
    const next = path.join(dir, segments[i]);
    let s = lstatOrUndefined(next);
    if (!s) {
      try {
        fs.mkdirSync(next);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      s = fs.lstatSync(next);
    }
    if (s.isSymbolicLink()) {
      const real = realpathOfLink(next, shown);
      if (!isInside(realRoot, real))
        throw new UnsafeWriteError(
          `${shown} is a symbolic link to a folder outside the workspace; Seclife writes only inside the workspace`,
        );
      s = fs.statSync(real);
      dir = real;
    } else dir = next;
    if (!s.isDirectory()) throw new UnsafeWriteError(`${shown} is ${describeFileType(s)}, not a folder`);
  }
  return dir;
}

interface Target {
  /** The file to replace (a link's resolved target). */
  file: string;
  /** The mode of the file replaced. */
  mode?: number;
  exists: boolean;
}

/** What a write to `dir/name` replaces; `realRoot` confines a link's target (undefined: anywhere). */
function target(dir: string, name: string, shown: string, realRoot: string | undefined): Target {
  const file = path.join(dir, name);
  const l = lstatOrUndefined(file);
  if (!l) return { file, exists: false };
  if (l.isSymbolicLink()) {
    const real = realpathOfLink(file, shown);
    if (realRoot !== undefined && !isInside(realRoot, real)) {
      throw new UnsafeWriteError(
        `${shown} is a symbolic link to a file outside the workspace; Seclife writes only inside the workspace (remove the link)`,
      );
    }
    const s = fs.statSync(real);
    if (!s.isFile())
      throw new UnsafeWriteError(
        `${shown} is a symbolic link to ${describeFileType(s)}; Seclife writes only regular files`,
      );
    return { file: real, mode: s.mode, exists: true };
  }
  if (!l.isFile()) throw new UnsafeWriteError(`${shown} is ${describeFileType(l)}; Seclife writes only regular files`);
  return { file, mode: l.mode, exists: true };
}

/** Writes through a new temp file in the same folder, renamed over `t.file`. */
function replace(t: Target, data: string | Uint8Array): void {
  const dir = path.dirname(t.file);
  const temp = path.join(
    dir,
    `.${path.basename(t.file).slice(0, 100)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);
  const fd = fs.openSync(temp, flags, 0o666);
  try {
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
      // The replaced file keeps its permissions.
      if (t.mode !== undefined) fs.fchmodSync(fd, t.mode & 0o7777);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, t.file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/** The real path of a workspace folder (the folder itself must exist). */
function realRootOf(root: string): string {
  return fs.realpathSync.native(path.resolve(root));
}

/**
 * Writes `rel` (`/`-separated, relative to the workspace folder `root`), creating folders.
 * Returns 'kept' when `keepExisting` and something is there already.
 */
export function writeWorkspaceFile(
  root: string,
  rel: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): 'written' | 'kept' {
  const segments = rel.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..'))
    throw new UnsafeWriteError(`${rel}: not a plain path inside the workspace`);
  const realRoot = realRootOf(root);
  const name = segments.pop()!;
  const dir = insideFolder(realRoot, segments);
  if (options.keepExisting && lstatOrUndefined(path.join(dir, name))) return 'kept';
  replace(target(dir, name, rel, realRoot), data);
  return 'written';
}

/**
 * Writes a file the user named (`--output`, `--out`). A path inside the workspace `root`
 * (as written, or once its existing folders are resolved) is written as a workspace file;
 * elsewhere the user's own links are followed, but only to a regular file.
 * `shown` is the path as the user wrote it, for messages.
 */
export function writeOutputFile(root: string, file: string, data: string | Uint8Array, shown = file): void {
  const abs = path.resolve(file);
  const inWorkspace = (base: string, p: string): string | undefined => {
    const rel = path.relative(base, p);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : undefined;
  };
  const lexical = inWorkspace(path.resolve(root), abs);
  if (lexical !== undefined) {
    writeWorkspaceFile(root, lexical, data);
    return;
  }
  // The nearest folder that exists, resolved: `../ws/out` or a link of the user's into the workspace.
  let existing = path.dirname(abs);
  const missing: string[] = [];
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    missing.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  const realRoot = realRootOf(root);
  const real = path.join(fs.realpathSync.native(existing), missing.join(path.sep), path.basename(abs));
  const resolved = inWorkspace(realRoot, real);
  if (resolved !== undefined) {
    writeWorkspaceFile(realRoot, resolved, data);
    return;
  }
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  replace(target(fs.realpathSync.native(path.dirname(abs)), path.basename(abs), shown, undefined), data);
}

/**
 * The commit a folder is checked out at, read from `.git` directly. Seclife does not run
 * `git`: a repository's own config (hooks, `core.fsmonitor`) can make git execute code,
 * and Seclife never executes anything from the workspace (docs/security-model.md).
 *
 * `.git` is workspace content too, so it is read defensively: ref names are checked as
 * `git check-ref-format` checks them, refs are read only inside the git directory (and its
 * `commondir`), only regular files, each within a small size bound.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside, openNonBlocking, readOpen } from './fileSystemWorkspace';

export interface GitCommit {
  sha: string;
  /** The branch (`main`), when HEAD is not detached. */
  ref?: string;
}

/** `.git` files, HEAD, commondir and loose refs are one line; git never writes them larger. */
export const MAX_GIT_FILE = 4 * 1024;
/** packed-refs is scanned in chunks (constant memory) up to this size. */
export const MAX_PACKED_REFS = 64 * 1024 * 1024;
/** Symbolic refs (a loose ref holding `ref: …`) followed at most this deep, as git does. */
const MAX_SYMREF_DEPTH = 5;

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Whether `name` is a valid ref name by the rules of `git check-ref-format`: no component
 * begins with `.` or ends with `.lock`; no `..`; no control characters, space, `~ ^ : ? * [ \`;
 * no `@{`; not `@`; does not begin or end with `/`, has no `//`, does not end with `.`.
 */
export function isValidRefName(name: string): boolean {
  if (name === '' || name === '@' || name.length > 1024) return false;
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) return false;
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || ' ~^:?*[\\'.includes(name[i])) return false;
  }
  return name.split('/').every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}

/**
 * An open descriptor of `file` when it is a regular file whose real path is inside one of
 * `within` (real paths; undefined: anywhere); undefined otherwise, with a note unless the
 * file is simply missing (an unborn branch, a packed ref). Never blocks on a FIFO or device.
 */
function openConfined(file: string, within: string[] | undefined, notes: string[], shown: string): number | undefined {
  let s: fs.Stats;
  try {
    s = fs.statSync(file);
  } catch {
    return undefined;
  }
  try {
    if (within) {
      const real = fs.realpathSync.native(file);
      if (!within.some((dir) => isInside(dir, real)))
        return (notes.push(`${shown} links outside the git directory; not read`), undefined);
    }
    if (!s.isFile()) return (notes.push(`${shown} is not a regular file; not read`), undefined);
    return openNonBlocking(file);
  } catch (e) {
    notes.push(`${shown} cannot be read: ${(e as Error).message}`);
    return undefined;
  }
}

/** The text of a one-line git file ({@link openConfined}) of at most {@link MAX_GIT_FILE} bytes. */
function readSmall(file: string, within: string[] | undefined, notes: string[], shown: string): string | undefined {
  const fd = openConfined(file, within, notes, shown);
  if (fd === undefined) return undefined;
  try {
    const content = readOpen(fd, MAX_GIT_FILE);
    if (typeof content === 'number')
      return (notes.push(`${shown} is ${content} bytes, larger than ${MAX_GIT_FILE} bytes; not read`), undefined);
    return Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
  } catch (e) {
    notes.push(`${shown} cannot be read: ${(e as Error).message}`);
    return undefined;
  }
}

/** The git directory of the repository containing `dir` (following a worktree's `.git` file). */
function gitDir(dir: string, notes: string[]): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, '.git');
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(candidate);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) return candidate;
    if (stat) {
      // A linked worktree or submodule: `gitdir: <path>` (which may be anywhere, by design).
      const m = /^gitdir:[ \t]*(.+?)[ \t]*$/m.exec(readSmall(candidate, undefined, notes, '.git') ?? '');
      if (m) return path.resolve(d, m[1]);
      return undefined;
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/** The value of `ref` (a sha, or `ref: <name>` for a symbolic ref) from a loose ref or packed-refs. */
function lookupRef(dirs: string[], ref: string, notes: string[]): string | undefined {
  for (const dir of dirs) {
    const loose = readSmall(path.join(dir, ref), dirs, notes, ref)?.trim();
    if (loose) return loose;
    const packed = scanPackedRefs(path.join(dir, 'packed-refs'), dirs, ref, notes);
    if (packed) return packed;
  }
  return undefined;
}

/**
 * The sha of `ref` in a packed-refs file (`<sha> <name>` lines), read in chunks: memory stays
 * constant however large the file, and the scan stops at the first match.
 */
function scanPackedRefs(file: string, within: string[], ref: string, notes: string[]): string | undefined {
  const fd = openConfined(file, within, notes, 'packed-refs');
  if (fd === undefined) return undefined;
  try {
    const open = fs.fstatSync(fd);
    if (!open.isFile()) return (notes.push('packed-refs is not a regular file; not read'), undefined);
    const size = Math.min(open.size, MAX_PACKED_REFS);
    const chunk = Buffer.allocUnsafe(64 * 1024);
    // latin1 keeps bytes as they are: the ref's UTF-8 bytes are compared the same way.
    const name = Buffer.from(ref, 'utf8').toString('latin1');
    let rest = '';
    for (let pos = 0; pos < size; ) {
      const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, size - pos), pos);
      if (n === 0) break;
      pos += n;
      const lines = (rest + chunk.toString('latin1', 0, n)).split('\n');
      rest = lines.pop() ?? '';
      // A line longer than any ref line can be is not one: drop it rather than grow.
      if (rest.length > 4096) rest = '';
      for (const line of lines) {
        const sha = matchPacked(line, name);
        if (sha) return sha;
      }
    }
    if (open.size > MAX_PACKED_REFS)
      notes.push(`packed-refs is larger than ${MAX_PACKED_REFS / 1024 / 1024} MiB; only its start was read`);
    return matchPacked(rest, name);
  } catch (e) {
    notes.push(`packed-refs cannot be read: ${(e as Error).message}`);
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** The sha of a `<sha> <name>` line when it names `name`. */
function matchPacked(line: string, name: string): string | undefined {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const space = text.indexOf(' ');
  if (space < 0 || text.slice(space + 1) !== name) return undefined;
  const sha = text.slice(0, space);
  return SHA.test(sha) ? sha : undefined;
}

/** `ref: refs/…` → the ref name, when the line is a symbolic ref with a valid name. */
function symbolicRef(text: string, notes: string[], shown: string): string | undefined {
  const m = /^ref:[ \t]*(\S+)$/.exec(text);
  if (!m) return undefined;
  if (!m[1].startsWith('refs/') || !isValidRefName(m[1])) {
    notes.push(`${shown} names an invalid ref ${JSON.stringify(m[1].slice(0, 100))}; not followed`);
    return undefined;
  }
  return m[1];
}

/**
 * HEAD of the repository containing `dir`, or undefined outside a repository (or an unborn
 * branch, or a `.git` that cannot be read safely). `notes`, when given, receives why the
 * commit is unknown where that is not the ordinary case.
 */
export async function readGitCommit(dir: string, notes: string[] = []): Promise<GitCommit | undefined> {
  const git = gitDir(dir, notes);
  if (!git) return undefined;
  let realGit: string;
  try {
    realGit = fs.realpathSync.native(git);
  } catch {
    return undefined;
  }
  // A linked worktree keeps its HEAD but shares refs with the main repository (`commondir`).
  const within = [realGit];
  const common = readSmall(path.join(git, 'commondir'), within, notes, 'commondir')?.trim();
  if (common) {
    try {
      within.push(fs.realpathSync.native(path.resolve(realGit, common)));
    } catch {
      // a commondir that does not exist: refs are looked up in the git directory only
    }
  }
  const head = readSmall(path.join(git, 'HEAD'), within, notes, 'HEAD')?.trim();
  if (!head) return undefined;
  if (SHA.test(head)) return { sha: head };
  let ref = symbolicRef(head, notes, 'HEAD');
  const branch = ref;
  for (let depth = 0; ref !== undefined && depth < MAX_SYMREF_DEPTH; depth++) {
    const value = lookupRef(within, ref, notes);
    if (value === undefined) return undefined;
    if (SHA.test(value)) return { sha: value, ref: branch!.replace(/^refs\/heads\//, '') };
    ref = symbolicRef(value, notes, ref);
  }
  return undefined;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileStat, FileType, ReadPolicy, Workspace } from '../core/workspace';

/**
 * The bound of `readFile` (no size given): the largest limit Seclife has for any file, the
 * review baseline's (docs/security-model.md, "Size limits").
 */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer
// (the fstat that follows refuses it). O_NOCTTY: a terminal device never becomes ours.
const OPEN_READ = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** Why a file is not read: not regular, a link leaving the workspace, a dangling link. */
export class ReadRefusedError extends Error {
  constructor(
    message: string,
    readonly code: 'ENOTREG' | 'EOUTSIDE' | 'EDANGLING' | 'ETOOLARGE',
  ) {
    super(message);
  }
}

/** "a FIFO", "a folder", … for a file that is not regular. */
export function describeFileType(s: fs.Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a FIFO';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Whether `real` is `realRoot` or below it (both real paths). */
export function isInside(realRoot: string, real: string): boolean {
  if (real === realRoot) return true;
  const prefix = realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep;
  return real.startsWith(prefix);
}

/** Opens an already checked path for reading without blocking (a FIFO opens at once; the fstat that follows refuses it). */
export function openNonBlocking(abs: string): number {
  return fs.openSync(abs, OPEN_READ);
}

/**
 * Reads at most `maxBytes` from an open descriptor (closed here): the open file is checked
 * with fstat (the path may have changed since it was checked), and a regular file is read
 * only up to the size fstat reported. Returns the size when it is over the bound.
 */
export function readOpen(fd: number, maxBytes: number): Uint8Array | number {
  try {
    const s = fs.fstatSync(fd);
    if (!s.isFile())
      throw new ReadRefusedError(`${describeFileType(s)}, not a regular file; only regular files are read`, 'ENOTREG');
    const size = s.size;
    if (size > maxBytes) return size;
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = fs.readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === size ? buffer : buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A {@link Workspace} over a folder on disk (for the CLI and the language server).
 * Reads follow the policy in docs/security-model.md: only regular files, every read
 * bounded, and a symbolic link whose target is outside the folder is not read unless
 * `followExternalSymlinks` is on. Folders are never followed outside it.
 */
export class FileSystemWorkspace implements Workspace {
  readonly root: string;
  private policy: ReadPolicy = { followExternalSymlinks: false };
  private realRootCache: string | undefined;
  /** Real paths of folders read from (cleared with each new read policy, i.e. each index). */
  private readonly realFolders = new Map<string, string>();

  constructor(root: string, policy?: Partial<ReadPolicy>) {
    this.root = path.resolve(root);
    if (policy) this.setReadPolicy({ followExternalSymlinks: policy.followExternalSymlinks ?? false });
  }

  setReadPolicy(policy: ReadPolicy): void {
    this.policy = { ...policy };
    this.realFolders.clear();
  }

  get readPolicy(): ReadPolicy {
    return this.policy;
  }

  private abs(rel: string): string {
    if (rel.split('/').includes('..')) throw new Error(`path leaves the workspace: ${rel}`);
    return rel === '' ? this.root : path.join(this.root, rel);
  }

  private get realRoot(): string {
    if (this.realRootCache === undefined) {
      try {
        this.realRootCache = fs.realpathSync.native(this.root);
      } catch {
        return this.root;
      }
    }
    return this.realRootCache;
  }

  private realFolder(relDir: string): string {
    let real = this.realFolders.get(relDir);
    if (real === undefined) {
      real = fs.realpathSync.native(this.abs(relDir));
      if (this.realFolders.size > 50_000) this.realFolders.clear();
      this.realFolders.set(relDir, real);
    }
    return real;
  }

  /** Refuses a path whose folder resolves outside the workspace. */
  private checkFolder(rel: string): void {
    const slash = rel.lastIndexOf('/');
    // The walker never descends into linked folders, but other callers (the language
    // server, `seclife review`) name paths directly: a folder on the way may be a link.
    if (slash > 0 && !isInside(this.realRoot, this.realFolder(rel.slice(0, slash)))) {
      throw new ReadRefusedError('in a folder that links outside the workspace; not read', 'EOUTSIDE');
    }
  }

  /**
   * Checks a symbolic link before it is opened: it must resolve (inside the workspace,
   * unless followExternalSymlinks) to a regular file.
   */
  private checkLink(abs: string): void {
    let real: string;
    try {
      real = fs.realpathSync.native(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR') {
        throw new ReadRefusedError(
          code === 'ELOOP' ? 'a symbolic link loop' : 'a symbolic link whose target does not exist',
          'EDANGLING',
        );
      }
      throw e;
    }
    if (!this.policy.followExternalSymlinks && !isInside(this.realRoot, real)) {
      throw new ReadRefusedError(
        'a symbolic link to a file outside the workspace; not read (set followExternalSymlinks in seclife.json to read it)',
        'EOUTSIDE',
      );
    }
    const s = fs.statSync(abs);
    if (!s.isFile())
      throw new ReadRefusedError(
        `a symbolic link to ${describeFileType(s)}, not a regular file; only regular files are read`,
        'ENOTREG',
      );
  }

  /**
   * Opens a path for reading. The common case costs one `open`: with O_NOFOLLOW a link
   * fails to open (ELOOP) and only then is checked and opened through. Where there is no
   * O_NOFOLLOW (Windows), `lstat` tells links apart first. Rejects with ENOENT when there
   * is nothing at the path.
   */
  private openChecked(rel: string, abs: string): number {
    if (O_NOFOLLOW) {
      let fd: number;
      try {
        fd = fs.openSync(abs, OPEN_READ | O_NOFOLLOW);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ELOOP' && code !== 'EMLINK') throw e;
        this.checkLink(abs); // the real path covers the folders on the way too
        return fs.openSync(abs, OPEN_READ);
      }
      try {
        this.checkFolder(rel);
      } catch (e) {
        fs.closeSync(fd);
        throw e;
      }
      return fd;
    }
    if (fs.lstatSync(abs).isSymbolicLink()) this.checkLink(abs);
    else this.checkFolder(rel);
    return fs.openSync(abs, OPEN_READ);
  }

  // Reads are synchronous underneath: for many small files one blocking read (tens of
  // microseconds) is several times cheaper than the thread-pool round trips of fs.promises,
  // and callers that must stay responsive (the language server) yield between batches.
  async readDirectory(rel: string): Promise<Array<[string, FileType]>> {
    const entries = fs.readdirSync(this.abs(rel), { withFileTypes: true });
    const out: Array<[string, FileType]> = [];
    for (const e of entries) {
      if (e.isSymbolicLink()) out.push([e.name, FileType.SymbolicLink]);
      else if (e.isDirectory()) out.push([e.name, FileType.Directory]);
      else if (e.isFile()) out.push([e.name, FileType.File]);
      // sockets, FIFOs and devices are never read
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  /** The bytes of a regular file of at most {@link MAX_READ_BYTES}; rejects otherwise. */
  async readFile(rel: string): Promise<Uint8Array> {
    const content = this.readFileIfSmallerSync(rel, MAX_READ_BYTES);
    if (typeof content === 'number')
      throw new ReadRefusedError(`larger than ${MAX_READ_BYTES / 1024 / 1024} MiB; not read`, 'ETOOLARGE');
    return content;
  }

  async readFileIfSmaller(rel: string, maxBytes: number): Promise<Uint8Array | number> {
    return this.readFileIfSmallerSync(rel, maxBytes);
  }

  /** {@link readFileIfSmaller}, synchronously (for the language server's `text()`). */
  readFileIfSmallerSync(rel: string, maxBytes: number): Uint8Array | number {
    const abs = this.abs(rel);
    return readOpen(this.openChecked(rel, abs), maxBytes);
  }

  async stat(rel: string): Promise<FileStat> {
    const s = fs.statSync(this.abs(rel));
    return { type: s.isDirectory() ? FileType.Directory : FileType.File, size: s.size };
  }

  /** Workspace-relative `/` path of an absolute path, or undefined when outside. */
  relative(absolute: string): string | undefined {
    const rel = path.relative(this.root, absolute);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return rel === '' ? '' : undefined;
    return rel.split(path.sep).join('/');
  }
}

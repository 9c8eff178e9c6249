import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileStat, FileType, Workspace } from '../core/workspace';

/** A {@link Workspace} over a folder on disk (for the CLI and the language server). */
export class FileSystemWorkspace implements Workspace {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private abs(rel: string): string {
    if (rel.split('/').includes('..')) throw new Error(`path leaves the workspace: ${rel}`);
    return rel === '' ? this.root : path.join(this.root, ...rel.split('/'));
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

  async readFile(rel: string): Promise<Uint8Array> {
    return fs.readFileSync(this.abs(rel));
  }

  async readFileIfSmaller(rel: string, maxBytes: number): Promise<Uint8Array | number> {
    const fd = fs.openSync(this.abs(rel), 'r');
    try {
      const size = fs.fstatSync(fd).size;
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

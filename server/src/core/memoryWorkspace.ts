import { FileStat, FileType, Workspace } from './workspace';

const encoder = new TextEncoder();

/** An in-memory {@link Workspace} for tests: a map of relative path to content. */
export class MemoryWorkspace implements Workspace {
  private readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.set(path, content);
  }

  set(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? encoder.encode(content) : content);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  async readDirectory(path: string): Promise<Array<[string, FileType]>> {
    const prefix = path === '' ? '' : `${path}/`;
    const entries = new Map<string, FileType>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) entries.set(rest, FileType.File);
      else entries.set(rest.slice(0, slash), FileType.Directory);
    }
    if (entries.size === 0 && path !== '') throw new Error(`ENOENT: no such directory '${path}'`);
    return [...entries].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  async readFile(path: string): Promise<Uint8Array> {
    const content = this.files.get(path);
    if (!content) throw new Error(`ENOENT: no such file '${path}'`);
    return content;
  }

  async stat(path: string): Promise<FileStat> {
    const content = this.files.get(path);
    if (content) return { type: FileType.File, size: content.byteLength };
    await this.readDirectory(path);
    return { type: FileType.Directory, size: 0 };
  }
}

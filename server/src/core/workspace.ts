/**
 * The only way the core sees files. The CLI and the language server pass a
 * file-system implementation; tests pass {@link MemoryWorkspace}.
 * Paths are workspace-relative and `/`-separated; `''` is the root folder.
 */
export const enum FileType {
  File = 1,
  Directory = 2,
  /** A symbolic link. The walker reads linked files but never descends into linked folders (no loops). */
  SymbolicLink = 64,
}

export interface FileStat {
  type: FileType;
  /** Size in bytes (for a symbolic link: of its target, or 0 when unknown). */
  size: number;
}

/** How a workspace on disk treats links (docs/security-model.md). */
export interface ReadPolicy {
  /** Read files whose symbolic link resolves outside the workspace folder (`followExternalSymlinks`). */
  followExternalSymlinks: boolean;
}

export interface Workspace {
  /** Entries of a folder as `[name, type]`; rejects when the folder cannot be read. */
  readDirectory(path: string): Promise<Array<[string, FileType]>>;
  /**
   * Raw bytes of a file; rejects when it cannot be read. Only regular files are read (a FIFO,
   * device, socket or folder rejects), within an implementation-defined size bound.
   */
  readFile(path: string): Promise<Uint8Array>;
  /** Type and size; rejects when the path does not exist. */
  stat(path: string): Promise<FileStat>;
  /**
   * Optional fast path: the bytes of a file, or its size (a number) when it is larger than
   * `maxBytes` (then nothing is read). Saves a separate `stat` per file.
   */
  readFileIfSmaller?(path: string, maxBytes: number): Promise<Uint8Array | number>;
  /** Applies the configuration's read policy (called once `seclife.json` is read). */
  setReadPolicy?(policy: ReadPolicy): void;
}

/** Whether a rejection of `readFile`/`stat` means "there is no such file" (rather than "it cannot be read"). */
export function isNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (code !== undefined) return code === 'ENOENT' || code === 'ENOTDIR';
  return e instanceof Error && e.message.startsWith('ENOENT');
}

/** Joins workspace-relative path segments with `/`. */
export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

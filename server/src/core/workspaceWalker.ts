import { FileFilter } from './fileFilter';
import { GitignoreFile, IgnoreStack } from './gitignore';
import { FileType, joinPath, Workspace } from './workspace';

export interface WalkNote {
  file: string;
  message: string;
}

export interface WalkResult {
  /** Workspace-relative paths Seclife reads, sorted. */
  files: string[];
  /** Folders and files that could not be read or were skipped on purpose. */
  notes: WalkNote[];
}

/** `.gitignore`, `.git/info/exclude` and `.git/config` larger than this are not read (with a note). */
export const MAX_IGNORE_FILE_SIZE = 1024 * 1024;

const EXCLUDE_FILE = '.git/info/exclude';
const GIT_CONFIG = '.git/config';

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}

/** The bytes of a small regular file, or why it was not read. */
async function readSmall(ws: Workspace, path: string): Promise<Uint8Array | string> {
  try {
    if (ws.readFileIfSmaller) {
      const content = await ws.readFileIfSmaller(path, MAX_IGNORE_FILE_SIZE);
      return typeof content === 'number'
        ? `${formatBytes(content)} is larger than the limit of ${formatBytes(MAX_IGNORE_FILE_SIZE)}`
        : content;
    }
    const stat = await ws.stat(path);
    if (stat.type === FileType.Directory) return 'it is a folder';
    if (stat.size > MAX_IGNORE_FILE_SIZE)
      return `${formatBytes(stat.size)} is larger than the limit of ${formatBytes(MAX_IGNORE_FILE_SIZE)}`;
    const content = await ws.readFile(path);
    return content.byteLength > MAX_IGNORE_FILE_SIZE
      ? `${formatBytes(content.byteLength)} is larger than the limit of ${formatBytes(MAX_IGNORE_FILE_SIZE)}`
      : content;
  } catch (e) {
    return (e as Error).message;
  }
}

async function exists(ws: Workspace, path: string): Promise<boolean> {
  try {
    await ws.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** git's core.ignorecase from the `[core]` section of `.git/config` (the last setting wins; default false). */
export function gitIgnoreCase(config: string): boolean {
  let inCore = false;
  let value = false;
  for (const raw of config.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      const end = line.indexOf(']');
      inCore = end > 0 && line.slice(1, end).trim().toLowerCase() === 'core';
      continue;
    }
    if (!inCore) continue;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim().toLowerCase();
    if (key !== 'ignorecase') continue;
    const v =
      eq < 0
        ? 'true'
        : line
            .slice(eq + 1)
            .replace(/[#;].*$/, '')
            .trim()
            .toLowerCase();
    value = v === 'true' || v === 'yes' || v === 'on' || v === '1';
  }
  return value;
}

/**
 * Lists the files to read: walks the workspace once, prunes excluded and git-ignored
 * folders early, applies `.gitignore` files as git does (gitignore.ts: the deepest file with
 * a matching pattern decides; a file in an ignored folder stays ignored) and the root's
 * `.git/info/exclude`; reads linked files but never descends into linked folders (so
 * symlink loops cannot hang the walk). An ignore file that cannot be read, is too large or
 * is a symbolic link (git does not follow those either) gives a note and ignores nothing.
 */
export async function walkWorkspace(ws: Workspace, filter: FileFilter): Promise<WalkResult> {
  const files: string[] = [];
  const notes: WalkNote[] = [];
  let ignoreCase = false;

  const ignoreFile = async (path: string, type: FileType | undefined): Promise<GitignoreFile | undefined> => {
    const label = path.endsWith('.gitignore') ? '.gitignore' : path;
    let why: string | undefined;
    let content: Uint8Array | undefined;
    if (type === FileType.SymbolicLink) why = 'it is a symbolic link, which git does not follow';
    else if (type === FileType.Directory) why = 'it is a folder';
    else {
      const r = await readSmall(ws, path);
      if (typeof r === 'string') why = r;
      else content = r;
    }
    if (content) return new GitignoreFile(content, ignoreCase);
    notes.push({ file: path, message: `${label} not read: ${why}; nothing in it is ignored` });
    return undefined;
  };

  const visit = async (dir: string, stack: IgnoreStack): Promise<void> => {
    let entries: Array<[string, FileType]>;
    try {
      entries = await ws.readDirectory(dir);
    } catch (e) {
      notes.push({ file: dir || '.', message: `folder skipped: ${(e as Error).message}` });
      return;
    }
    if (dir === '' && entries.some(([name, type]) => name === '.git' && type === FileType.Directory)) {
      if (await exists(ws, GIT_CONFIG)) {
        const config = await readSmall(ws, GIT_CONFIG);
        if (typeof config === 'string')
          notes.push({
            file: GIT_CONFIG,
            message: `${GIT_CONFIG} not read: ${config}; .gitignore patterns are matched case-sensitively`,
          });
        else ignoreCase = gitIgnoreCase(new TextDecoder().decode(config));
      }
      if (await exists(ws, EXCLUDE_FILE)) {
        const exclude = await ignoreFile(EXCLUDE_FILE, undefined);
        if (exclude) stack = stack.with('', exclude);
      }
    }
    const own = entries.find(([name]) => name === '.gitignore');
    if (own) {
      const file = await ignoreFile(joinPath(dir, '.gitignore'), own[1]);
      if (file) stack = stack.with(dir, file);
    }
    const subfolders: Promise<void>[] = [];
    for (const [name, type] of entries) {
      const path = joinPath(dir, name);
      if (type === FileType.Directory) {
        if (name === '.git' || filter.isExcludedFolder(path) || stack.ignores(path, true)) continue;
        subfolders.push(visit(path, stack));
      } else if (type === FileType.SymbolicLink) {
        let target;
        try {
          target = await ws.stat(path);
        } catch {
          continue; // dangling link
        }
        if (target.type === FileType.Directory) continue; // linked folders are not followed
        // git sees a link as a file, whatever it points at
        if (!stack.ignores(path, false) && filter.classify(path)) files.push(path);
      } else if (!stack.ignores(path, false) && filter.classify(path)) {
        files.push(path);
      }
    }
    await Promise.all(subfolders);
  };

  await visit('', IgnoreStack.empty);
  files.sort();
  return { files, notes };
}

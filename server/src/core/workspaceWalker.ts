import ignore, { Ignore } from 'ignore';
import { FileFilter } from './fileFilter';
import { decodeText } from './text';
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

interface IgnoreScope {
  dir: string;
  rules: Ignore;
}

/**
 * Lists the files to read: walks the workspace once, prunes excluded folders early,
 * honours `.gitignore` files at every level, reads linked files but never descends
 * into linked folders (so symlink loops cannot hang the walk).
 */
export async function walkWorkspace(ws: Workspace, filter: FileFilter): Promise<WalkResult> {
  const files: string[] = [];
  const notes: WalkNote[] = [];

  const ignored = (scopes: IgnoreScope[], path: string, isDir: boolean): boolean => {
    for (const s of scopes) {
      const rel = s.dir === '' ? path : path.slice(s.dir.length + 1);
      if (s.rules.ignores(isDir ? `${rel}/` : rel)) return true;
    }
    return false;
  };

  const visit = async (dir: string, scopes: IgnoreScope[]): Promise<void> => {
    let entries: Array<[string, FileType]>;
    try {
      entries = await ws.readDirectory(dir);
    } catch (e) {
      notes.push({ file: dir || '.', message: `folder skipped: ${(e as Error).message}` });
      return;
    }
    if (entries.some(([name, type]) => name === '.gitignore' && type !== FileType.Directory)) {
      try {
        const text = decodeText(await ws.readFile(joinPath(dir, '.gitignore'))).text;
        scopes = [...scopes, { dir, rules: ignore().add(text) }];
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    const subfolders: Promise<void>[] = [];
    for (const [name, type] of entries) {
      const path = joinPath(dir, name);
      if (type === FileType.Directory) {
        if (name === '.git' || filter.isExcludedFolder(path) || ignored(scopes, path, true)) continue;
        subfolders.push(visit(path, scopes));
      } else if (type === FileType.SymbolicLink) {
        let target;
        try {
          target = await ws.stat(path);
        } catch {
          continue; // dangling link
        }
        if (target.type === FileType.Directory) continue; // linked folders are not followed
        if (!ignored(scopes, path, false) && filter.classify(path)) files.push(path);
      } else if (!ignored(scopes, path, false) && filter.classify(path)) {
        files.push(path);
      }
    }
    await Promise.all(subfolders);
  };

  await visit('', []);
  files.sort();
  return { files, notes };
}

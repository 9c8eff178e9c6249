import { CONFIG_FILE, parseConfig } from './configLoader';
import { SeclifeEngine } from './engine';
import { FileIndex } from './model';
import { decodeText } from './text';
import { Workspace } from './workspace';
import { walkWorkspace } from './workspaceWalker';

export interface IndexProgress {
  done: number;
  total: number;
}

export interface IndexOptions {
  /** Called after each batch of files (for `$/progress` in the server). */
  onProgress?: (p: IndexProgress) => void;
  /** Files read at once. */
  concurrency?: number;
  /** Config text to use instead of reading `seclife.json` (the editor's unsaved buffer). */
  configText?: string;
}

/** Reads `seclife.json` (if any) through the workspace. */
export async function readConfigText(ws: Workspace): Promise<string | undefined> {
  try {
    return decodeText(await ws.readFile(CONFIG_FILE)).text;
  } catch {
    return undefined;
  }
}

/** Builds an engine for a whole workspace: config, walk, parse every file, one graph computation. */
export async function indexWorkspace(ws: Workspace, options: IndexOptions = {}): Promise<SeclifeEngine> {
  const configText = options.configText ?? (await readConfigText(ws));
  const engine = new SeclifeEngine(parseConfig(configText));
  const { files, notes } = await walkWorkspace(ws, engine.filter);
  engine.addNotes(notes);
  const parsed: FileIndex[] = [];
  const concurrency = options.concurrency ?? 32;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const path = files[next++];
      let index: FileIndex | undefined;
      try {
        const stat = await ws.stat(path);
        // A file over the size limit is never read, only noted.
        index = stat.size > engine.config.maxFileSize ? engine.tooLarge(path, stat.size) : engine.parse(path, await ws.readFile(path));
      } catch (e) {
        engine.addNotes([{ file: path, message: `skipped: ${(e as Error).message}` }]);
      }
      if (index) parsed.push(index);
      if (++done % 500 === 0) options.onProgress?.({ done, total: files.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  options.onProgress?.({ done, total: files.length });
  engine.apply(parsed);
  return engine;
}

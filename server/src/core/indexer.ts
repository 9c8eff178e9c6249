import { ConfigInput } from './config';
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
  /** Settings that override `seclife.json` (from the editor). */
  settings?: ConfigInput;
  /** Content to use instead of the file on disk (open editor buffers). */
  overlay?: (path: string) => string | undefined;
  /** Awaited between batches: lets a server answer requests while indexing. */
  yieldBetweenBatches?: () => Promise<void>;
  /** Receives the engine before the first file is read (queries answer from what is indexed so far). */
  onEngine?: (engine: SeclifeEngine) => void;
}

/** Reads `seclife.json` (if any) through the workspace. */
export async function readConfigText(ws: Workspace): Promise<string | undefined> {
  try {
    return decodeText(await ws.readFile(CONFIG_FILE)).text;
  } catch {
    return undefined;
  }
}

/**
 * Builds an engine for a whole workspace: config, walk, parse every file in batches.
 * The graph is computed once at the end; between batches `yieldBetweenBatches` lets a
 * server answer requests from what is indexed so far.
 */
export async function indexWorkspace(ws: Workspace, options: IndexOptions = {}): Promise<SeclifeEngine> {
  const configText = options.configText ?? options.overlay?.(CONFIG_FILE) ?? (await readConfigText(ws));
  const engine = new SeclifeEngine(parseConfig(configText, options.settings));
  options.onEngine?.(engine);
  const { files, notes } = await walkWorkspace(ws, engine.filter);
  engine.addNotes(notes);
  let parsed: FileIndex[] = [];
  const concurrency = options.concurrency ?? 32;
  const batch = 250;
  let next = 0;
  let done = 0;
  // Every reader waits at the gate while a yield is under way (otherwise the other readers
  // keep running in microtasks and the host never gets to answer a request).
  let gate: Promise<void> | undefined;
  const worker = async () => {
    while (next < files.length) {
      if (gate) await gate;
      if (next >= files.length) break;
      const path = files[next++];
      let index: FileIndex | undefined;
      try {
        const open = options.overlay?.(path);
        if (open !== undefined) index = engine.parse(path, open);
        else {
          const stat = await ws.stat(path);
          // A file over the size limit is never read, only noted.
          index = stat.size > engine.config.maxFileSize ? engine.tooLarge(path, stat.size) : engine.parse(path, await ws.readFile(path));
        }
      } catch (e) {
        engine.addNotes([{ file: path, message: `skipped: ${(e as Error).message}` }]);
      }
      if (index) parsed.push(index);
      if (++done % batch === 0) {
        engine.apply(parsed, [], true);
        parsed = [];
        options.onProgress?.({ done, total: files.length });
        if (options.yieldBetweenBatches) {
          gate = options.yieldBetweenBatches().then(() => {
            gate = undefined;
          });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  engine.apply(parsed, [], true);
  options.onProgress?.({ done, total: files.length });
  engine.flush();
  return engine;
}

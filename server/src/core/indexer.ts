import { ConfigInput } from './config';
import { PatternRunner } from './rules/customRules';
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
  /** The host's bounded regex runner for custom rules. */
  patternRunner?: PatternRunner;
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
  const engine = new SeclifeEngine(parseConfig(configText, options.settings), { patternRunner: options.patternRunner });
  options.onEngine?.(engine);
  const walk = await walkWorkspace(ws, engine.filter);
  engine.addNotes(walk.notes);
  const files = walk.files;
  const total = files.length;
  let done = 0;
  let parsed: FileIndex[] = [];
  let next = 0;
  // Every reader waits at the gate while a yield is under way (otherwise the other readers
  // keep running in microtasks and the host never gets to answer a request).
  let gate: Promise<void> | undefined;
  const reader = async () => {
    while (next < files.length) {
      if (gate) await gate;
      if (next >= files.length) break;
      const index = await readOne(ws, engine, files[next++], options.overlay);
      if (index) parsed.push(index);
      if (++done % BATCH === 0) {
        engine.apply(parsed, [], true);
        parsed = [];
        options.onProgress?.({ done, total });
        if (options.yieldBetweenBatches) gate = options.yieldBetweenBatches().then(() => (gate = undefined));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 32, files.length) }, reader));
  engine.apply(parsed, [], true);
  options.onProgress?.({ done, total });
  engine.flush();
  return engine;
}

const BATCH = 250;

/** Parses one file: the editor buffer if open, else the file (never read when over the size limit). */
async function readOne(ws: Workspace, engine: SeclifeEngine, path: string, overlay: IndexOptions['overlay']): Promise<FileIndex | undefined> {
  try {
    const open = overlay?.(path);
    if (open !== undefined) return engine.parse(path, open);
    if (ws.readFileIfSmaller) {
      const content = await ws.readFileIfSmaller(path, engine.config.maxFileSize);
      return typeof content === 'number' ? engine.tooLarge(path, content) : engine.parse(path, content);
    }
    const stat = await ws.stat(path);
    return stat.size > engine.config.maxFileSize ? engine.tooLarge(path, stat.size) : engine.parse(path, await ws.readFile(path));
  } catch (e) {
    engine.addNotes([{ file: path, message: `skipped: ${(e as Error).message}` }]);
    return undefined;
  }
}

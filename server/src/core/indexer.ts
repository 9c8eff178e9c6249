import { ConfigInput } from './config';
import { PatternRunner } from './rules/customRules';
import { CONFIG_FILE, LoadedConfig, parseConfig, unreadableConfig } from './configLoader';
import { SeclifeEngine } from './engine';
import { FileIndex } from './fileIndex';
import { BASELINE_FILE } from './review/baseline';
import { decodeText } from './text';
import { isNotFound, Workspace } from './workspace';
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

/** The largest `seclife.json` read (docs/security-model.md, "Size limits"). */
export const MAX_CONFIG_SIZE = 4 * 1024 * 1024;

/**
 * Reads `seclife.json` through the workspace: its text, nothing when there is no such
 * file, or why it exists but cannot be read (then the run must say so: a `config-error`).
 */
export async function readConfigText(ws: Workspace): Promise<{ text?: string; error?: string }> {
  let content: Uint8Array | number;
  try {
    content = ws.readFileIfSmaller
      ? await ws.readFileIfSmaller(CONFIG_FILE, MAX_CONFIG_SIZE)
      : await ws.readFile(CONFIG_FILE);
  } catch (e) {
    return isNotFound(e) ? {} : { error: `cannot be read (${(e as Error).message})` };
  }
  const size = typeof content === 'number' ? content : content.byteLength;
  if (typeof content === 'number' || size > MAX_CONFIG_SIZE) {
    return {
      error: `is ${size} bytes, larger than the ${MAX_CONFIG_SIZE / 1024 / 1024} MiB limit for seclife.json; not read`,
    };
  }
  const decoded = decodeText(content);
  return decoded.skipped ? { error: `cannot be read (${decoded.skipped})` } : { text: decoded.text };
}

/**
 * Builds an engine for a whole workspace: config, walk, parse every file in batches.
 * The graph is computed once at the end; between batches `yieldBetweenBatches` lets a
 * server answer requests from what is indexed so far.
 */
export async function indexWorkspace(ws: Workspace, options: IndexOptions = {}): Promise<SeclifeEngine> {
  // seclife.json decides whether links leaving the workspace are followed, so it is itself read without.
  ws.setReadPolicy?.({ followExternalSymlinks: false });
  const given = options.configText ?? options.overlay?.(CONFIG_FILE);
  let loaded: LoadedConfig;
  if (given !== undefined) loaded = parseConfig(given, options.settings);
  else {
    const read = await readConfigText(ws);
    loaded =
      read.error !== undefined
        ? unreadableConfig(read.error, options.settings)
        : parseConfig(read.text, options.settings);
  }
  ws.setReadPolicy?.({ followExternalSymlinks: loaded.config.followExternalSymlinks });
  const engine = new SeclifeEngine(loaded, { patternRunner: options.patternRunner });
  options.onEngine?.(engine);
  const walk = await walkWorkspace(ws, engine.filter);
  engine.addNotes(walk.notes);
  const files = walk.files;
  // The review baseline is read even where the walk does not list it (a linked `.seclife`
  // folder, a .gitignore entry): a baseline that exists but is not used must be a finding.
  const probeBaseline = !files.includes(BASELINE_FILE);
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
  if (probeBaseline) {
    const index = await readOne(ws, engine, BASELINE_FILE, options.overlay);
    if (index) parsed.push(index);
  }
  engine.apply(parsed, [], true);
  options.onProgress?.({ done, total });
  engine.flush();
  return engine;
}

const BATCH = 250;

/**
 * Parses one file: the editor buffer if open, else the file (never read when over its size
 * limit). A file that cannot be read gets a note; the review baseline a `config-error`.
 */
async function readOne(
  ws: Workspace,
  engine: SeclifeEngine,
  path: string,
  overlay: IndexOptions['overlay'],
): Promise<FileIndex | undefined> {
  try {
    const open = overlay?.(path);
    if (open !== undefined) return engine.parse(path, open);
    const limit = engine.sizeLimit(path);
    if (ws.readFileIfSmaller) {
      const content = await ws.readFileIfSmaller(path, limit);
      return typeof content === 'number' ? engine.tooLarge(path, content) : engine.parse(path, content);
    }
    const stat = await ws.stat(path);
    return stat.size > limit ? engine.tooLarge(path, stat.size) : engine.parse(path, await ws.readFile(path));
  } catch (e) {
    if (path === BASELINE_FILE && isNotFound(e)) return undefined; // no baseline
    const reason = (e as Error).message;
    const index = engine.unreadable(path, reason);
    if (!index) engine.addNotes([{ file: path, message: `skipped: ${reason}` }]);
    return index;
  }
}

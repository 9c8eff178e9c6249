import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigInput } from '../core/config';
import { CONFIG_FILE, parseConfig } from '../core/configLoader';
import { SeclifeEngine } from '../core/engine';
import { indexWorkspace, IndexProgress } from '../core/indexer';
import { decodeText } from '../core/text';
import { FileSystemWorkspace } from '../node/fileSystemWorkspace';
import { GitCommit, readGitCommit } from '../node/gitCommit';
import { boundedPatternRunner } from '../node/patternRunner';
import { clock } from '../node/clock';
import { FolderContext } from '../service/views';
import { ServiceLog } from '../service/context';
import { isInternalError } from '../core/internalError';

/** Open editor buffers by absolute path: the source of truth for their files. */
export interface OpenBuffers {
  get(absPath: string): string | undefined;
}

/**
 * One workspace folder: its file-system workspace, its engine (replaced on a config
 * change), and the service context its language features run against.
 */
export class Project implements FolderContext {
  readonly ws: FileSystemWorkspace;
  engine: SeclifeEngine;
  /** Resolves when the current index is complete. */
  ready: Promise<void> = Promise.resolve();
  indexing = false;
  /** Workspace-relative paths whose diagnostics were last published non-empty. */
  readonly published = new Set<string>();
  private generation = 0;
  /** Per file, the internal errors already written to the log (each is logged once while it lasts). */
  private readonly loggedFailures = new Map<string, Set<string>>();
  /** The folder's commit, read from `.git` (never by running git): result files naming another are stale. */
  private head: GitCommit | undefined;

  constructor(
    readonly uriString: string,
    readonly name: string,
    root: string,
    private readonly buffers: OpenBuffers,
    /** The server's output channel: features log what they could not do, and the folder its internal errors. */
    readonly log: ServiceLog,
  ) {
    this.ws = new FileSystemWorkspace(root);
    this.engine = new SeclifeEngine(parseConfig(undefined)); // empty until the first index
  }

  get root(): string {
    return this.ws.root;
  }

  /** Workspace-relative path of an absolute path inside this folder. */
  relative(absPath: string): string | undefined {
    return this.ws.relative(absPath);
  }

  uri(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).href;
  }

  text(rel: string): string | undefined {
    const abs = path.join(this.root, rel);
    const open = this.buffers.get(abs);
    if (open !== undefined) return open;
    try {
      // Through the workspace: regular files only, bounded, links outside not followed (docs/security-model.md).
      const content = this.ws.readFileIfSmallerSync(rel, this.engine.sizeLimit(rel));
      if (typeof content === 'number') return undefined;
      const decoded = decodeText(content);
      return decoded.skipped ? undefined : decoded.text;
    } catch {
      return undefined;
    }
  }

  /**
   * (Re)indexes the folder. Requests answer from the new engine as soon as it exists
   * (what is indexed so far); a newer call supersedes an older one still running.
   */
  index(settings: ConfigInput | undefined, onProgress: (p: IndexProgress) => void): Promise<SeclifeEngine | undefined> {
    const generation = ++this.generation;
    this.indexing = true;
    const run = this.readHead().then(() => this.indexWith(generation, settings, onProgress));
    this.ready = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private indexWith(
    generation: number,
    settings: ConfigInput | undefined,
    onProgress: (p: IndexProgress) => void,
  ): Promise<SeclifeEngine | undefined> {
    return indexWorkspace(this.ws, {
      settings,
      overlay: (rel) => this.buffers.get(path.join(this.root, rel)),
      onEngine: (engine) => {
        // Before any file is read: the first match of results already knows the commit.
        engine.setHeadCommit(this.head?.sha);
        engine.setClock(clock());
        if (generation === this.generation) this.engine = engine;
      },
      onProgress,
      yieldBetweenBatches: () => new Promise((resolve) => setImmediate(resolve)),
      patternRunner: boundedPatternRunner,
    }).then((engine) => {
      if (generation !== this.generation) return undefined;
      this.indexing = false;
      return engine;
    });
  }

  /** Reads the folder's commit from `.git`; true when it changed. Why it is unknown (an unreadable ref) goes to the log. */
  async readHead(): Promise<boolean> {
    const notes: string[] = [];
    let head: GitCommit | undefined;
    try {
      head = await readGitCommit(this.root, notes);
    } catch (e) {
      notes.push((e as Error).message);
    }
    for (const n of notes) this.log.error(`seclife: ${this.name}: the workspace commit is unknown: ${n}`);
    const changed = head?.sha !== this.head?.sha;
    this.head = head;
    return changed;
  }

  /**
   * Re-reads the commit after a change to `.git` (HEAD, the current branch's ref, packed-refs)
   * and gives it to the engine; returns the files whose findings changed (test-results-stale).
   */
  async headChanged(): Promise<Set<string>> {
    if (!(await this.readHead())) return new Set();
    this.engine.setHeadCommit(this.head?.sha);
    return this.engine.flush();
  }

  /**
   * Whether a change at a workspace-relative path can move HEAD: `.git` itself, `.git/HEAD`,
   * `.git/packed-refs`, the current branch's ref (any branch ref while HEAD names none).
   */
  isHeadFile(rel: string): boolean {
    if (rel === '.git' || rel === '.git/HEAD' || rel === '.git/packed-refs') return true;
    if (!rel.startsWith('.git/refs/heads/')) return false;
    return !this.head?.ref || rel === `.git/refs/heads/${this.head.ref}`;
  }

  /**
   * Writes the internal-error findings of a file (a rule, parser or scanner that threw on
   * it; docs/findings.md) to the log: each once while it lasts, again if it comes back.
   */
  logInternalErrors(rel: string): void {
    const failures = (this.engine.fileIndex(rel)?.findings ?? []).filter(isInternalError);
    const before = this.loggedFailures.get(rel);
    if (failures.length === 0) {
      this.loggedFailures.delete(rel);
      return;
    }
    const now = new Set<string>();
    for (const f of failures) {
      const key = `${f.failure.component}\u0000${f.failure.error}`;
      now.add(key);
      if (!before?.has(key)) this.log.error(`seclife: internal error in ${rel}:${f.line}:${f.column}: ${f.message}`);
    }
    this.loggedFailures.set(rel, now);
  }

  isConfigFile(rel: string): boolean {
    return rel === CONFIG_FILE || rel === '.gitignore' || rel.endsWith('/.gitignore');
  }
}

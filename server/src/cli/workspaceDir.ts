import { clock } from '../node/clock';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SeclifeEngine } from '../core/engine';
import { indexWorkspace } from '../core/indexer';
import { FileSystemWorkspace } from '../node/fileSystemWorkspace';
import { GitCommit, readGitCommit } from '../node/gitCommit';
import { boundedPatternRunner } from '../node/patternRunner';
import { UsageError } from './usageError';

/** The absolute workspace folder of a command, or a one-line usage error when it cannot be read. */
export async function readWorkspaceDir(cwd: string, dir: string): Promise<string> {
  const root = path.resolve(cwd, dir);
  let stat;
  try {
    stat = await fs.stat(root);
  } catch {
    throw new UsageError(`cannot read '${dir}': no such directory`);
  }
  if (!stat.isDirectory()) throw new UsageError(`'${dir}' is not a directory`);
  try {
    await fs.readdir(root);
  } catch (e) {
    throw new UsageError(`cannot read '${dir}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return root;
}

export interface IndexedFolder {
  root: string;
  engine: SeclifeEngine;
  ws: FileSystemWorkspace;
  /** HEAD of the repository holding the folder (read from `.git`, never by running git); undefined outside one. */
  commit: GitCommit | undefined;
  /** Why the commit is unknown, where that is not the ordinary case (a `.git` that cannot be read safely). */
  gitNotes: string[];
}

/**
 * Reads and indexes the workspace folder of a command (custom rules run with the bounded
 * regex runner), and tells the engine the folder's commit, so test-result files that record
 * another one are `test-results-stale` (docs/findings.md, test-results-stale).
 */
export async function indexFolder(cwd: string, dir: string): Promise<IndexedFolder> {
  const root = await readWorkspaceDir(cwd, dir);
  const ws = new FileSystemWorkspace(root);
  const engine = await indexWorkspace(ws, { patternRunner: boundedPatternRunner });
  const gitNotes: string[] = [];
  const commit = await readGitCommit(root, gitNotes);
  engine.setHeadCommit(commit?.sha);
  engine.setClock(clock());
  return { root, engine, ws, commit, gitNotes };
}

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SeclifeEngine } from '../core/engine';
import { indexWorkspace } from '../core/indexer';
import { FileSystemWorkspace } from '../node/fileSystemWorkspace';
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

/** Reads and indexes the workspace folder of a command (custom rules run with the bounded regex runner). */
export async function indexFolder(
  cwd: string,
  dir: string,
): Promise<{ root: string; engine: SeclifeEngine; ws: FileSystemWorkspace }> {
  const root = await readWorkspaceDir(cwd, dir);
  const ws = new FileSystemWorkspace(root);
  return { root, engine: await indexWorkspace(ws, { patternRunner: boundedPatternRunner }), ws };
}

/** Test helpers: engines over inline documents and over fixture folders under test/fixtures/. */
import * as path from 'node:path';
import { SeclifeEngine } from '../core/engine';
import { Finding } from '../core/findings';
import { indexWorkspace } from '../core/indexer';
import { MemoryWorkspace } from '../core/memoryWorkspace';
import { FileSystemWorkspace } from '../node/fileSystemWorkspace';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export function fixturePath(scenario: string): string {
  return path.join(REPO_ROOT, 'test', 'fixtures', scenario);
}

export async function engineFor(files: Record<string, string | Uint8Array>): Promise<SeclifeEngine> {
  return indexWorkspace(new MemoryWorkspace(files));
}

export async function engineForFixture(scenario: string): Promise<SeclifeEngine> {
  return indexWorkspace(new FileSystemWorkspace(fixturePath(scenario)));
}

/** `code file:line` per finding, sorted: compact and readable in assertion diffs. */
export function summarize(findings: Finding[]): string[] {
  return findings.map((f) => `${f.code} ${f.file}:${f.line}${f.itemId ? ` ${f.itemId}` : ''}`);
}

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

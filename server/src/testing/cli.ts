/** Runs the built `bin/seclife.js` as a child process, the way users and CI run it. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './workspaces';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const BIN = path.join(REPO_ROOT, 'bin', 'seclife.js');

/** The time the tests judge advisory data and decisions at (docs/vulnerabilities.md): outputs stay byte-stable. */
export const TEST_NOW = '2026-12-01T00:00:00Z';

export function seclife(args: string[], cwd = REPO_ROOT, env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', SECLIFE_NOW: TEST_NOW, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

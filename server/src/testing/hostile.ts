/**
 * Helpers for the hostile-input suite (`server/src/hostile/*.test.ts`): crafted workspaces
 * in a temp folder, a hash of everything around them (to prove nothing was written
 * outside), and the built CLI run on them. Bounded work is checked by counting or by
 * comparing input sizes, never by a wall-clock limit.
 */
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { CliRun, seclife } from './cli';

/** A temp folder holding `ws/` (the workspace) and `outside/` (files the workspace must never touch). */
export interface HostileCase {
  root: string;
  ws: string;
  outside: string;
  /** Writes workspace files (relative to `ws/`); folders are created. */
  write(files: Record<string, string | Uint8Array>): void;
  /** Writes files outside the workspace (relative to `outside/`). */
  writeOutside(files: Record<string, string | Uint8Array>): void;
  /** Hash of every file, link and folder under `outside/` (names, modes, link targets, contents). */
  outsideHash(): string;
  /** Runs the built CLI in `ws/`. */
  run(args: string[]): CliRun;
}

const cases: string[] = [];
after(() => {
  for (const c of cases) rmSync(c, { recursive: true, force: true });
});

function writeAll(base: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(base, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** Hash of a tree without following links (a link's target is hashed as text). */
export function treeHash(dir: string): string {
  const h = createHash('sha256');
  const visit = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const r = `${rel}/${name}`;
      const s = lstatSync(p);
      if (s.isSymbolicLink()) h.update(`L ${r} -> ${readlinkSync(p)}\n`);
      else if (s.isDirectory()) {
        h.update(`D ${r} ${s.mode}\n`);
        visit(p, r);
      } else if (s.isFile())
        h.update(`F ${r} ${s.mode} ${createHash('sha256').update(readFileSync(p)).digest('hex')}\n`);
      else h.update(`O ${r} ${s.mode}\n`); // FIFOs, sockets, devices: never opened
    }
  };
  visit(dir, '');
  return h.digest('hex');
}

export function hostileCase(name: string): HostileCase {
  const root = mkdtempSync(path.join(tmpdir(), `seclife-hostile-${name}-`));
  cases.push(root);
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  return {
    root,
    ws,
    outside,
    write: (files) => writeAll(ws, files),
    writeOutside: (files) => writeAll(outside, files),
    outsideHash: () => treeHash(outside),
    run: (args) => seclife(args, ws),
  };
}

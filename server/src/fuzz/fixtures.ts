/**
 * Crash fixtures in test/fixtures/fuzz/ (one file per crash, README.md there):
 * - `<target>-<hash>.<ext>`: the input's bytes; replayed as bytes, and also as a string
 *   (an editor buffer) when they are valid UTF-8;
 * - `<target>-<hash>.<ext>.jsonstr`: a text that is not well-formed UTF-16 (lone
 *   surrogates, which only editor buffers and JSON escapes can carry), as a JSON string;
 * - `engine-<hash>.workspace.json`: a whole workspace `{files, overlay}`.
 * `open.json` lists the fixtures whose crash is not fixed yet (skipped by the replay test).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './seeds';
import { FuzzInput, TARGETS, Target } from './targets';

export const FIXTURE_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'fuzz');

const fatal = new TextDecoder('utf-8', { fatal: true });
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The file name and bytes of a fixture for an input. */
export function encodeFixture(target: Target, input: FuzzInput): { name: string; data: Buffer } {
  let data: Buffer;
  let ext = target.ext;
  if (input.kind === 'workspace')
    data = Buffer.from(`${JSON.stringify({ files: input.files, overlay: input.overlay }, null, 1)}\n`);
  else if (input.kind === 'bytes') data = Buffer.from(input.bytes);
  else if (isWellFormed(input.text)) data = Buffer.from(input.text, 'utf8');
  else {
    data = Buffer.from(`${JSON.stringify(input.text)}\n`);
    ext += '.jsonstr';
  }
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 10);
  return { name: `${target.name}-${hash}.${ext}`, data };
}

/** Writes a fixture (unless the same one exists); returns its path. */
export function writeFixture(target: Target, input: FuzzInput, dir = FIXTURE_DIR): string {
  const { name, data } = encodeFixture(target, input);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  if (!existsSync(file)) writeFileSync(file, data);
  return file;
}

/** The target a fixture file belongs to (the longest target name its name starts with). */
export function fixtureTarget(name: string): Target | undefined {
  let best: Target | undefined;
  for (const t of TARGETS) if (name.startsWith(`${t.name}-`) && (!best || t.name.length > best.name.length)) best = t;
  return best;
}

/** The inputs a fixture replays as (bytes and, when valid UTF-8, the same text as a string). */
export function decodeFixture(file: string): FuzzInput[] {
  const data = readFileSync(file);
  if (file.endsWith('.workspace.json')) {
    const ws = JSON.parse(data.toString('utf8')) as { files: Record<string, string>; overlay: string[] };
    return [{ kind: 'workspace', files: ws.files, overlay: ws.overlay }];
  }
  if (file.endsWith('.jsonstr')) return [{ kind: 'text', text: JSON.parse(data.toString('utf8')) as string }];
  const out: FuzzInput[] = [{ kind: 'bytes', bytes: new Uint8Array(data) }];
  try {
    out.push({ kind: 'text', text: fatal.decode(data) });
  } catch {
    // not UTF-8: bytes only
  }
  return out;
}

export interface FixtureFile {
  name: string;
  file: string;
  target: Target;
}

/** Every crash fixture (sorted), skipping the README and open.json. */
export function listFixtures(dir = FIXTURE_DIR): FixtureFile[] {
  if (!existsSync(dir)) return [];
  const out: FixtureFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'README.md' || name === 'open.json') continue;
    const target = fixtureTarget(name);
    if (!target) throw new Error(`test/fixtures/fuzz/${name}: no fuzz target of that name`);
    out.push({ name, file: path.join(dir, name), target });
  }
  return out;
}

/** Fixtures whose crash is known and not fixed yet: name → why (open.json). */
export function openFixtures(dir = FIXTURE_DIR): Record<string, { signature: string; why: string }> {
  const file = path.join(dir, 'open.json');
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { signature: string; why: string }>)
    : {};
}

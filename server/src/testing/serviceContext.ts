/** Test helpers for language features: a ServiceContext over inline files, and cursor markers. */
import { Position } from 'vscode-languageserver-types';
import { SeclifeEngine } from '../core/engine';
import { indexWorkspace } from '../core/indexer';
import { MemoryWorkspace } from '../core/memoryWorkspace';
import { ServiceContext } from '../service/context';

export const ROOT_URI = 'file:///ws';

export class TestContext implements ServiceContext {
  constructor(
    readonly engine: SeclifeEngine,
    private readonly files: Record<string, string>,
  ) {}

  text(path: string): string | undefined {
    return this.files[path];
  }

  uri(path: string): string {
    return `${ROOT_URI}/${path}`;
  }

  /** Changes a file the way an editor buffer would. */
  edit(path: string, text: string): void {
    this.files[path] = text;
    this.engine.updateFile(path, text);
  }
}

/**
 * Builds a context from inline files. One file may contain the cursor marker `|`
 * written as `{|}`; it is removed and its position returned.
 */
export async function contextWithCursor(
  files: Record<string, string>,
): Promise<{ ctx: TestContext; file: string; position: Position }> {
  const clean: Record<string, string> = {};
  let file = '';
  let position: Position = { line: 0, character: 0 };
  for (const [path, text] of Object.entries(files)) {
    const at = text.indexOf('{|}');
    if (at >= 0) {
      file = path;
      const before = text.slice(0, at).split('\n');
      position = { line: before.length - 1, character: before[before.length - 1].length };
      clean[path] = text.slice(0, at) + text.slice(at + 3);
    } else clean[path] = text;
  }
  const engine = await indexWorkspace(new MemoryWorkspace(clean));
  return { ctx: new TestContext(engine, clean), file, position };
}

export async function contextFor(files: Record<string, string>): Promise<TestContext> {
  return (await contextWithCursor(files)).ctx;
}

/** Applies non-overlapping LSP text edits to a text (last first); `\n`, `\r\n` and `\r` end lines. */
export function applyEdits(
  text: string,
  edits: ReadonlyArray<{ range: { start: Position; end: Position }; newText: string }>,
): string {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index! + m[0].length);
  const offset = (p: Position) => (starts[p.line] ?? text.length) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

/**
 * package.json `bin` (docs/attack-surface.md, Detectors): each command the package installs
 * is a `cli` entry point — a string `bin` is one command named after the package, an
 * object one per key.
 */
import { child, parseJsonDocument, stringAt } from '../soup/manifestCommon';
import type { DetectorOptions } from './detectorOptions';
import { emptySurface, type FileSurface } from './entryPoint';

export function detectPackageBin(file: string, text: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  if (!options.enabled('package-bin') || text.indexOf('"bin"') < 0) return surface;
  const doc = parseJsonDocument(file, text, 'JSON');
  const bin = doc.tree && child(doc.tree, 'bin');
  if (!bin) return surface;
  const name = (doc.tree && stringAt(doc.tree, 'name')) ?? file;
  const commands: Array<{ command: string; offset: number; length: number }> = [];
  if (bin.type === 'string')
    commands.push({ command: name.replace(/^@[^/]+\//, ''), offset: bin.offset, length: bin.length });
  else if (bin.type === 'object')
    for (const p of bin.children ?? []) {
      const key = p.children?.[0];
      if (key && typeof key.value === 'string')
        commands.push({ command: key.value, offset: p.offset, length: p.length });
    }
  for (const c of commands.slice(0, 100)) {
    const a = doc.lines.positionAt(c.offset);
    const b = doc.lines.positionAt(c.offset + c.length);
    surface.entryPoints.push({
      kind: 'cli',
      framework: 'package-bin',
      path: c.command,
      bind: 'unspecified',
      file,
      range: { line: a.line, column: a.column, endLine: b.line, endColumn: b.column },
      middleware: [],
      declaredAt: [],
    });
  }
  return surface;
}

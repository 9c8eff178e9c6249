/**
 * package.json `bin` (docs/attack-surface.md, Detectors): each command the package installs
 * is a `cli` entry point of framework `package-bin` — a string `bin` is one command named
 * after the package (`name` without its scope, as npm names it), an object one per key.
 * The range is the `bin` value (string form) or the key's property. A package.json that is
 * not valid JSON gives nothing here: the SOUP reader reports it (docs/soup.md).
 */
import { child, parseJsonDocument, properties, rangeAt, stringAt } from '../../soup/manifestCommon';
import type { DetectorOptions } from '../detectorOptions';
import { emptySurface, type FileSurface } from '../entryPoint';
import { addEntry } from './specTree';

/** Commands read at most from one package.json. */
const MAX_COMMANDS = 1_000;

export function detectPackageBin(file: string, text: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  if (!options.enabled('package-bin') || !text.includes('"bin"')) return surface;
  const doc = parseJsonDocument(file, text, 'JSON');
  const bin = doc.tree && child(doc.tree, 'bin');
  if (!bin) return surface;
  const name = doc.tree ? stringAt(doc.tree, 'name') : undefined;
  const commands: Array<{ command: string; start: number; end: number }> = [];
  if (bin.type === 'string') {
    if (name === undefined || name === '') {
      surface.problems.push({
        message: 'a string "bin" needs the package\'s "name" to name the command; it is not read',
        range: rangeAt(doc.lines, bin.offset, bin.offset + bin.length),
      });
      return surface;
    }
    commands.push({ command: name.replace(/^@[^/]*\//, ''), start: bin.offset, end: bin.offset + bin.length });
  } else if (bin.type === 'object') {
    for (const p of properties(bin)) {
      if (p.value?.type !== 'string') continue;
      commands.push({ command: p.name, start: p.key.offset, end: p.value.offset + p.value.length });
    }
  }
  if (commands.length > MAX_COMMANDS)
    surface.problems.push({
      message: `"bin" names ${commands.length} commands; only the first ${MAX_COMMANDS} are read`,
      range: rangeAt(doc.lines, bin.offset, bin.offset + 1),
    });
  for (const c of commands.slice(0, MAX_COMMANDS)) {
    const range = rangeAt(doc.lines, c.start, c.end);
    addEntry(surface, {
      kind: 'cli',
      framework: 'package-bin',
      path: c.command,
      bind: 'unspecified',
      file,
      range,
      middleware: [],
      // JSON has no comments: an `@interface` cannot sit above it; its own lines still count.
      declaredAt: [{ line: range.line, endLine: range.endLine }],
    });
  }
  return surface;
}

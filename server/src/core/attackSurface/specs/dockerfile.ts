/**
 * Dockerfile `EXPOSE` (docs/attack-surface.md, Detectors): each port an image exposes is a
 * `socket` entry point of framework `dockerfile` (`EXPOSE 8080 8443/tcp 53/udp`), bind
 * `unspecified` (the image says which port the process listens on, not where it is
 * published). Line continuations (the `\` escape, or the one a `# escape=` parser directive
 * names) are followed and comment lines inside them skipped, as Docker does; a range
 * `8000-8002` is one entry per port; a build variable (`${PORT}`, `$PORT`) is a problem
 * (the port is not known, not guessed). The range of an entry is its port word.
 */
import { LineIndex } from '../../text';
import type { DetectorOptions } from '../detectorOptions';
import { emptySurface, type FileSurface } from '../entryPoint';
import { addEntry, declaredSpan, MAX_ENTRIES } from './specTree';

/** Lines read at most (a Dockerfile is small; a huge one is cut with a problem). */
const MAX_LINES = 50_000;
/** Ports one `8000-9000` range yields at most. */
const MAX_RANGE = 100;

export function detectDockerfile(file: string, source: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  if (!options.enabled('dockerfile') || !/expose/i.test(source)) return surface;
  const lines = new LineIndex(source);
  const count = Math.min(lines.lineCount, MAX_LINES);
  if (lines.lineCount > MAX_LINES)
    surface.problems.push({
      message: `${file} has more than ${MAX_LINES} lines; only the first ${MAX_LINES} are read`,
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
    });
  const escapeChar = escapeDirective(lines, count);
  for (let l = 1; l <= count; l++) {
    const first = lines.lineText(l);
    const trimmed = first.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    // One instruction: its physical lines while each ends with the escape character.
    const segments: Array<{ line: number; text: string; offset: number }> = [];
    let line = l;
    let body = first;
    let offset = 0;
    for (;;) {
      const continued = body.trimEnd().endsWith(escapeChar);
      const text = continued ? body.trimEnd().slice(0, -1) : body;
      segments.push({ line, text, offset });
      if (!continued || line >= count) break;
      // Comment and empty lines inside a continuation are dropped (as Docker's parser does).
      do line++;
      while (line < count && /^\s*(?:#.*)?$/.test(lines.lineText(line)));
      body = lines.lineText(line);
      offset = 0;
    }
    const keyword = /^(\s*)(EXPOSE)(?=\s|$)/i.exec(first);
    if (keyword) {
      segments[0].offset = keyword[0].length;
      const declaredAt = declaredSpan(lines, l, line, '#');
      readExpose(file, segments, declaredAt, surface);
    }
    l = line;
    if (surface.entryPoints.length >= MAX_ENTRIES) break;
  }
  return surface;
}

/** `# escape=`` ` among the parser directives at the top of the file. */
function escapeDirective(lines: LineIndex, count: number): string {
  for (let l = 1; l <= Math.min(count, 20); l++) {
    const m = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(lines.lineText(l));
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2];
  }
  return '\\';
}

function readExpose(
  file: string,
  segments: Array<{ line: number; text: string; offset: number }>,
  declaredAt: Array<{ line: number; endLine: number }>,
  surface: FileSurface,
): void {
  for (const s of segments) {
    const words = /\S+/g;
    words.lastIndex = s.offset;
    for (let w = words.exec(s.text); w; w = words.exec(s.text)) {
      const word = w[0];
      const range = { line: s.line, column: w.index + 1, endLine: s.line, endColumn: w.index + 1 + word.length };
      const p = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/([a-z]+))?$/i.exec(word);
      const protocol = p?.[3]?.toLowerCase() ?? 'tcp';
      const from = p ? Number(p[1]) : Number.NaN;
      const to = p?.[2] ? Number(p[2]) : from;
      if (!p) {
        surface.problems.push({
          message: word.includes('$')
            ? `EXPOSE ${word}: a build variable, not a constant port; this port is not known`
            : `EXPOSE ${word}: not a port; it is not read`,
          range,
        });
        continue;
      }
      if (from < 1 || to > 65535 || to < from || (protocol !== 'tcp' && protocol !== 'udp')) {
        surface.problems.push({ message: `EXPOSE ${word}: not a TCP or UDP port (1–65535); it is not read`, range });
        continue;
      }
      if (to - from >= MAX_RANGE)
        surface.problems.push({
          message: `EXPOSE ${word}: a range of ${to - from + 1} ports; only the first ${MAX_RANGE} are entry points`,
          range,
        });
      for (let port = from; port <= Math.min(to, from + MAX_RANGE - 1); port++) {
        const ok = addEntry(surface, {
          kind: 'socket',
          framework: 'dockerfile',
          port,
          protocol: protocol as 'tcp' | 'udp',
          bind: 'unspecified',
          file,
          range,
          middleware: [],
          declaredAt,
        });
        if (!ok) return;
      }
    }
  }
}

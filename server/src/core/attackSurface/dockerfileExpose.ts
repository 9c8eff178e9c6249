/**
 * Dockerfile `EXPOSE` (docs/attack-surface.md, Detectors): each port a container image
 * exposes is a `socket` entry point (`EXPOSE 8080 8443/tcp 53/udp`); a port held in a
 * build variable (`${PORT}`) is noted, not guessed. An `@interface` comment directly above
 * the instruction declares it.
 */
import type { DetectorOptions } from './detectorOptions';
import { emptySurface, type FileSurface } from './entryPoint';

/** Instructions read at most (a Dockerfile is small; a huge one is cut with a note). */
const MAX_LINES = 20_000;

export function isDockerfile(path: string): boolean {
  return /(?:^|\/)(?:Dockerfile(?:\.[^/]*)?|Containerfile|[^/]+\.dockerfile)$/i.test(path);
}

export function detectDockerfileExpose(file: string, text: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  if (!options.enabled('dockerfile') || !/\bEXPOSE\b/i.test(text)) return surface;
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > MAX_LINES)
    surface.problems.push({
      message: `only the first ${MAX_LINES} lines are read`,
      range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
    });
  let commentStart = -1;
  for (let i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) {
      if (commentStart < 0) commentStart = i;
      continue;
    }
    const m = /^(\s*)EXPOSE\s+(.*)$/i.exec(raw);
    if (m) {
      // Line continuations join the next lines.
      let args = m[2];
      let end = i;
      while (args.endsWith('\\') && end + 1 < lines.length) {
        args = `${args.slice(0, -1)} ${lines[++end]}`;
      }
      const declaredAt = [{ line: (commentStart >= 0 ? commentStart : i) + 1, endLine: end + 1 }];
      for (const word of args.split(/\s+/).filter(Boolean)) {
        const p = /^(\d{1,5})(?:-\d{1,5})?(?:\/(tcp|udp))?$/i.exec(word);
        const column = raw.indexOf(word) + 1;
        const range = {
          line: i + 1,
          column: column > 0 ? column : 1,
          endLine: i + 1,
          endColumn: column > 0 ? column + word.length : raw.length + 1,
        };
        if (!p || Number(p[1]) > 65535) {
          surface.problems.push({ message: `EXPOSE ${word}: not a constant port; this port is not known`, range });
          continue;
        }
        surface.entryPoints.push({
          kind: 'socket',
          framework: 'dockerfile',
          port: Number(p[1]),
          protocol: (p[2]?.toLowerCase() as 'tcp' | 'udp' | undefined) ?? 'tcp',
          bind: 'unspecified',
          file,
          range,
          middleware: [],
          declaredAt,
        });
      }
      i = end;
    }
    commentStart = -1;
  }
  return surface;
}

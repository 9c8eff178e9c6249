/**
 * Which detector reads which file (docs/attack-surface.md, Detectors): today Dockerfile
 * `EXPOSE` and package.json `bin`; the code detectors (JS/TS, Python, C) and the API
 * description formats are one entry each here when they land. Test files and
 * `attackSurface.exclude` are not part of the product's attack surface. A detector that
 * throws is an `internal-error` on the file, never a silent empty surface.
 */
import type { FileRole } from '../fileFilter';
import type { FileIndex } from '../fileIndex';
import { reportInternalError } from '../internalError';
import type { DetectorOptions } from './detectorOptions';
import { type FileSurface, isEmptySurface } from './entryPoint';
import { detectDockerfileExpose, isDockerfile } from './dockerfileExpose';
import { detectPackageBin } from './packageBin';

export interface SurfaceContext {
  options: DetectorOptions;
  /** `attackSurface.exclude`. */
  excluded(path: string): boolean;
}

/** The detector for a file, if any. */
function detectorFor(
  path: string,
  role: FileRole,
  ctx: SurfaceContext,
): ((file: string, text: string, o: DetectorOptions) => FileSurface) | undefined {
  if (role.role === 'manifest') return /(?:^|\/)package\.json$/.test(path) ? detectPackageBin : undefined;
  if (role.role !== 'source') return undefined;
  if (isDockerfile(path)) return detectDockerfileExpose;
  return undefined;
}

/** Adds the file's surface to its index (nothing when it has none). */
export function addFileSurface(index: FileIndex, text: string, role: FileRole, ctx: SurfaceContext): void {
  if (index.isTest || ctx.excluded(index.file)) return;
  const detect = detectorFor(index.file, role, ctx);
  if (!detect) return;
  try {
    const surface = detect(index.file, text, ctx.options);
    for (const p of surface.problems) index.notes.push(`${index.file}:${p.range.line}: attack surface: ${p.message}`);
    if (!isEmptySurface(surface)) index.surface = surface;
  } catch (error) {
    reportInternalError(
      index,
      { component: 'entry-point-detector', error, missing: 'the entry points of this file are not known' },
      text,
    );
  }
}

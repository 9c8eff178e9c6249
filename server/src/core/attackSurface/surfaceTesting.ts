/** Test helpers: entry points, routers and mounts written short (not used by the product). */
import type { EntryPoint, FileSurface, Mount, RouterDef } from './entryPoint';
import { emptySurface } from './entryPoint';

export const at = (line: number) => ({ line, column: 1, endLine: line, endColumn: 20 });
export const span = (line: number, endLine = line) => [{ line, endLine }];

export function route(
  file: string,
  line: number,
  method: string,
  path: string,
  more: Partial<EntryPoint> = {},
): EntryPoint {
  return {
    kind: 'http',
    framework: 'express',
    method,
    path,
    bind: 'unspecified',
    file,
    range: at(line),
    middleware: [],
    declaredAt: span(line - 1, line),
    ...more,
  };
}

export function router(line: number, key: string, more: Partial<RouterDef> = {}): RouterDef {
  return { key, exportedAs: [key], range: at(line), declaredAt: span(line - 1, line), middleware: [], ...more };
}

export function mount(
  file: string,
  line: number,
  prefix: string,
  target: Mount['target'],
  more: Partial<Mount> = {},
): Mount {
  return { target, prefix, file, range: at(line), declaredAt: span(line - 1, line), middleware: [], ...more };
}

export function surface(parts: Partial<FileSurface>): FileSurface {
  return { ...emptySurface(), ...parts };
}

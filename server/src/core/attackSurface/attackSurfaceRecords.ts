/**
 * The attack-surface inventory as plain records (docs/attack-surface.md, Outputs): one per
 * entry point and one per interface, sorted, with fixed key order — what the JSON output,
 * the SARIF run's property bag, the report, its CSV and the editor's Attack surface view
 * all read.
 */
import type { Bind } from './entryPoint';
import type { LinkedEntryPoint, SurfaceCheckResult } from './surfaceChecks';

export interface EntryPointRecord {
  kind: string;
  framework: string;
  method?: string;
  /** The full path (mount prefixes joined), topic, RPC, command or channel. */
  path?: string;
  port?: number;
  protocol?: string;
  /** `all`, `loopback`, `unspecified` or the address. */
  bind: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  handler?: { line: number };
  middleware: string[];
  /** The IF items that declare it (empty: undeclared). */
  interfaces: string[];
  how?: string;
  /** Where its router is mounted, innermost first (`src/server.ts:52`). */
  via: string[];
  unmounted?: boolean;
  dynamic?: boolean;
  /** The label the findings and views use (`POST /api/v1/auth/login`). */
  label: string;
}

export interface InterfaceRecord {
  id: string;
  exposure?: string;
  element: string;
  entryPoints: number;
  threats: string[];
  strideGaps: string[];
}

export interface AttackSurfaceRecord {
  entryPoints: EntryPointRecord[];
  interfaces: InterfaceRecord[];
  /** How many entry points no interface declares. */
  undeclared: number;
}

export function bindLabel(b: Bind): string {
  return typeof b === 'string' ? b : b.address;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function entryRecord(e: LinkedEntryPoint): EntryPointRecord {
  const x = e.entry;
  const path = e.fullPath ?? x.path;
  return {
    kind: x.kind,
    framework: x.framework,
    ...(x.method !== undefined && { method: x.method }),
    ...(path !== undefined && { path }),
    ...(x.port !== undefined && { port: x.port }),
    ...(x.protocol !== undefined && { protocol: x.protocol }),
    bind: bindLabel(e.bind),
    file: x.file,
    line: x.range.line,
    column: x.range.column,
    endLine: x.range.endLine,
    endColumn: x.range.endColumn,
    ...(x.handler && { handler: { line: x.handler.line } }),
    middleware: [...new Set(e.middleware)],
    interfaces: [...e.declaredBy],
    ...(e.how && { how: e.how }),
    via: e.via.map((v) => `${v.file}:${v.line}`),
    ...(e.unmounted && { unmounted: true }),
    ...(x.dynamic && { dynamic: true }),
    label: e.label,
  };
}

/** The records of a surface: undeclared entry points first, then by file, line and label. */
export function attackSurfaceRecord(surface: SurfaceCheckResult): AttackSurfaceRecord {
  const entryPoints = surface.entries.map(entryRecord);
  entryPoints.sort(
    (a, b) =>
      Number(a.interfaces.length > 0) - Number(b.interfaces.length > 0) ||
      byText(a.file, b.file) ||
      a.line - b.line ||
      byText(a.label, b.label),
  );
  return {
    entryPoints,
    interfaces: surface.interfaces
      .map((i) => ({
        id: i.id,
        ...(i.exposure && { exposure: i.exposure }),
        element: i.element,
        entryPoints: i.entryPoints.length,
        threats: [...i.threats],
        strideGaps: [...i.strideGaps],
      }))
      .sort((a, b) => byText(a.id, b.id)),
    undeclared: entryPoints.filter((e) => e.interfaces.length === 0).length,
  };
}

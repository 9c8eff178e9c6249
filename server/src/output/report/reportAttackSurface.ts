/**
 * The report's "Interfaces and attack surface" section (docs/release.md, The report;
 * docs/attack-surface.md): every interface with its exposure, element type, entry points,
 * threats and STRIDE gaps, then every entry point — undeclared first — with its interfaces,
 * bind address and middleware; and `attack-surface.csv`, the inventory for spreadsheets.
 * Rows as cells; the HTML and Markdown renderers escape them.
 */
import type { AttackSurfaceRecord, EntryPointRecord } from '../../core/attackSurface/attackSurfaceRecords';
import { csvCell } from './matrixCsv';

export const INTERFACE_COLUMNS = ['Interface', 'Exposure', 'Element', 'Entry points', 'Threats', 'STRIDE gaps'];
export const ENTRY_POINT_COLUMNS = ['Entry point', 'Interfaces', 'Kind', 'Found by', 'Bind', 'Middleware', 'Where'];
export const CSV_COLUMNS = [
  'Entry point',
  'Kind',
  'Method',
  'Path',
  'Port',
  'Bind',
  'Interfaces',
  'Declared by',
  'Found by',
  'Middleware',
  'File',
  'Line',
  'Mounted at',
];

/** The summary sentence above the tables. */
export function attackSurfaceSummary(s: AttackSurfaceRecord): string {
  if (s.entryPoints.length === 0)
    return 'No entry point was found in the code or the deployment files (see docs/attack-surface.md for what is detected).';
  return `${s.entryPoints.length} entry point${s.entryPoints.length === 1 ? '' : 's'} found; ${s.undeclared} undeclared (no interface item declares ${s.undeclared === 1 ? 'it' : 'them'}).`;
}

export function interfaceRows(s: AttackSurfaceRecord): string[][] {
  return s.interfaces.map((i) => [
    i.id,
    i.exposure ?? '',
    i.element,
    String(i.entryPoints),
    i.threats.join(', ') || 'none',
    i.strideGaps.join(', '),
  ]);
}

const where = (e: EntryPointRecord) => `${e.file}:${e.line}`;

export function entryPointRows(s: AttackSurfaceRecord): string[][] {
  return s.entryPoints.map((e) => [
    e.label,
    e.interfaces.join(', ') || 'undeclared',
    e.kind,
    e.framework,
    e.bind,
    e.middleware.join(', '),
    where(e),
  ]);
}

/** `attack-surface.csv` (RFC 4180, CRLF, formula-safe cells like matrix.csv). */
export function renderAttackSurfaceCsv(s: AttackSurfaceRecord): string {
  const rows = s.entryPoints.map((e) => [
    e.label,
    e.kind,
    e.method ?? '',
    e.path ?? '',
    e.port ?? '',
    e.bind,
    e.interfaces.join(' '),
    e.how ?? '',
    e.framework,
    e.middleware.join(' '),
    e.file,
    e.line,
    e.via.join(' '),
  ]);
  return [CSV_COLUMNS, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

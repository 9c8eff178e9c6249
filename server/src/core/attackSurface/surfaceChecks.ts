/**
 * Links the resolved entry points to IF items and threats and reports what is missing
 * (docs/attack-surface.md): `interface-undeclared` at an entry point no IF declares,
 * `interface-exposure-mismatch` at an internal interface's entry point that listens on all
 * addresses, `interface-without-threats` and `stride-gap` at an external IF item.
 *
 * An entry point is declared by IF-x when an `@interface IF-x` annotation sits in one of
 * its declaration sites (its registration or handler, its router's definition, a mount of
 * that router), when IF-x's `Entry` attribute lists it, or when the same route (kind,
 * method, path with parameters as `{}`) written elsewhere is declared — the code route and
 * its OpenAPI operation are one interface.
 */
import type { Finding, Range } from '../findings';
import type { ItemDef } from '../model';
import { type Bind, entryPointLabel } from './entryPoint';
import { EntryPattern, entryMatches, parseEntryPatterns, routeKey } from './entryPatterns';
import type { ResolvedEntryPoint } from './surfaceResolver';

/** An `@interface` annotation: the IDs it names and its line. */
export interface InterfaceAnnotation {
  id: string;
  file: string;
  line: number;
}

/** A threat that names interfaces in `Affects`. */
export interface AffectingThreat {
  id: string;
  /** Its STRIDE category, lower case as written (`denial of service`). */
  category?: string;
  affects: string[];
}

export interface SurfaceCheckInput {
  entries: readonly ResolvedEntryPoint[];
  annotations: readonly InterfaceAnnotation[];
  /** Items of the interface kinds. */
  interfaces: readonly ItemDef[];
  threats: readonly AffectingThreat[];
  /** STRIDE letters per element type. */
  stride: Readonly<Record<string, string>>;
}

/** How an entry point is declared. */
export type DeclaredHow = 'annotation' | 'router' | 'entry-attribute' | 'same-route';

export interface LinkedEntryPoint extends ResolvedEntryPoint {
  /** A stable key: file, line, label. */
  key: string;
  label: string;
  declaredBy: string[];
  how?: DeclaredHow;
}

export interface InterfaceSummary {
  id: string;
  exposure?: string;
  element: string;
  /** Keys of the entry points it declares. */
  entryPoints: string[];
  threats: string[];
  /** STRIDE categories its element type is open to that no affecting threat covers. */
  strideGaps: string[];
}

export interface SurfaceCheckResult {
  entries: LinkedEntryPoint[];
  interfaces: InterfaceSummary[];
  findings: Finding[];
}

const LETTERS: Record<string, string> = {
  S: 'spoofing',
  T: 'tampering',
  R: 'repudiation',
  I: 'information disclosure',
  D: 'denial of service',
  E: 'elevation of privilege',
};

const attr = (def: ItemDef, name: string) => def.attributes.find((a) => a.name === name);
const lower = (v: string | undefined) => v?.replace(/[`*_]/g, '').trim().toLowerCase();

function bindText(b: Bind): string {
  return b === 'all'
    ? 'all addresses'
    : b === 'loopback'
      ? 'loopback'
      : b === 'unspecified'
        ? 'an unknown address'
        : b.address;
}

function finding(
  code: Finding['code'],
  severity: Finding['severity'],
  file: string,
  range: Range,
  message: string,
  itemId?: string,
): Finding {
  return { code, severity, file, ...range, message, ...(itemId && { itemId }) };
}

export function checkSurface(input: SurfaceCheckInput): SurfaceCheckResult {
  const findings: Finding[] = [];
  // Annotations by file and line.
  const byFile = new Map<string, InterfaceAnnotation[]>();
  for (const a of input.annotations) {
    const list = byFile.get(a.file) ?? [];
    list.push(a);
    byFile.set(a.file, list);
  }
  const patterns = new Map<string, EntryPattern[]>();
  for (const def of input.interfaces) {
    const entry = attr(def, 'entry');
    if (!entry?.value.trim()) continue;
    const parsed = parseEntryPatterns(entry.value);
    patterns.set(def.id, parsed.patterns);
    for (const bad of parsed.invalid)
      findings.push(
        finding(
          'malformed-item',
          'error',
          def.file,
          entry.valueRange,
          `${def.id}: Entry '${bad}' is not an entry-point pattern (write 'POST /api/login', 'GET /api/doses/*', 'socket tcp 8443', 'message topic/+', 'rpc Service/*', 'cli name' or 'ipc channel'); it declares nothing`,
          def.id,
        ),
      );
  }

  const linked: LinkedEntryPoint[] = input.entries.map((r) => {
    const label = entryPointLabel({ ...r.entry, path: r.fullPath ?? r.entry.path });
    const key = `${r.entry.file}:${r.entry.range.line}:${label}`;
    const declaredBy = new Set<string>();
    let how: DeclaredHow | undefined;
    r.sites.forEach((site, i) => {
      for (const a of byFile.get(site.file) ?? [])
        if (site.spans.some((s) => a.line >= s.line && a.line <= s.endLine)) {
          declaredBy.add(a.id);
          how ??= i === 0 ? 'annotation' : 'router';
        }
    });
    for (const [id, list] of patterns)
      if (list.some((p) => entryMatches(p, r.entry, r.fullPath ?? r.entry.path))) {
        declaredBy.add(id);
        how ??= 'entry-attribute';
      }
    return { ...r, key, label, declaredBy: [...declaredBy].sort(), ...(how && { how }) };
  });

  // The same route declared elsewhere declares this one too.
  const declaredRoutes = new Map<string, string[]>();
  for (const e of linked) {
    const k = routeKey(e.entry, e.fullPath ?? e.entry.path);
    if (k && e.declaredBy.length > 0) declaredRoutes.set(k, [...(declaredRoutes.get(k) ?? []), ...e.declaredBy]);
  }
  for (const e of linked) {
    if (e.declaredBy.length > 0) continue;
    const k = routeKey(e.entry, e.fullPath ?? e.entry.path);
    const ids = k ? declaredRoutes.get(k) : undefined;
    if (ids) {
      e.declaredBy = [...new Set(ids)].sort();
      e.how = 'same-route';
    }
  }

  const defs = new Map(input.interfaces.map((d) => [d.id, d]));
  /** One mismatch per interface and listener: the routes of one internal application share it. */
  const mismatched = new Set<string>();
  for (const e of linked) {
    if (e.declaredBy.length === 0) {
      const where = [
        e.entry.framework,
        e.bind !== 'unspecified' ? `bound to ${bindText(e.bind)}` : '',
        e.unmounted ? 'its router is mounted nowhere Seclife could see, so the path lacks the mount prefix' : '',
        e.entry.dynamic ? 'part of the path is not a constant' : '',
      ]
        .filter(Boolean)
        .join('; ');
      findings.push(
        finding(
          'interface-undeclared',
          'warning',
          e.entry.file,
          e.entry.range,
          `Undeclared entry point ${e.label} (${where}): no @interface annotation on it, its handler, router or mount, and no IF item's Entry lists it — its threats and assets are not analysed (IEC 81001-5-1 §5.4.3)`,
        ),
      );
      continue;
    }
    if (e.bind !== 'all') continue;
    for (const id of e.declaredBy) {
      const def = defs.get(id);
      if (lower(attr(def!, 'exposure')?.value) !== 'internal') continue;
      const at = e.listener ?? { file: e.entry.file, range: e.entry.range };
      const once = `${id}\u0000${at.file}:${at.range.line}`;
      if (mismatched.has(once)) continue;
      mismatched.add(once);
      findings.push(
        finding(
          'interface-exposure-mismatch',
          'warning',
          e.entry.file,
          e.entry.range,
          `${id} is Exposure: internal, but ${e.label} listens on all addresses${e.listener ? ` (its listener at ${at.file}:${at.range.line})` : ''}: bind it to the internal network's address, or declare the interface external`,
          id,
        ),
      );
    }
  }

  // Threats per interface, and STRIDE per element.
  const threatsOf = new Map<string, AffectingThreat[]>();
  for (const t of input.threats) for (const id of t.affects) threatsOf.set(id, [...(threatsOf.get(id) ?? []), t]);
  const interfaces: InterfaceSummary[] = [];
  for (const def of input.interfaces) {
    const exposure = lower(attr(def, 'exposure')?.value);
    const element = lower(attr(def, 'element')?.value) || 'process';
    const threats = threatsOf.get(def.id) ?? [];
    const letters = input.stride[element] ?? input.stride.process ?? 'STRIDE';
    const covered = new Set(threats.map((t) => lower(t.category)));
    const gaps = [...new Set(letters.toUpperCase())].map((l) => LETTERS[l]).filter((c) => c && !covered.has(c));
    interfaces.push({
      id: def.id,
      ...(exposure && { exposure }),
      element,
      entryPoints: linked.filter((e) => e.declaredBy.includes(def.id)).map((e) => e.key),
      threats: threats.map((t) => t.id).sort(),
      strideGaps: exposure === 'external' && threats.length > 0 ? gaps : [],
    });
    if (exposure !== 'external') continue;
    if (threats.length === 0)
      findings.push(
        finding(
          'interface-without-threats',
          'warning',
          def.file,
          def.idRange,
          `${def.id} is an external interface, but no threat names it in Affects: its threats are not analysed (IEC 81001-5-1 §5.4.3, §7.2)`,
          def.id,
        ),
      );
    else if (gaps.length > 0)
      findings.push(
        finding(
          'stride-gap',
          'note',
          def.file,
          def.idRange,
          `${def.id} (${element}): no threat affecting it covers ${gaps.join(', ')} (STRIDE per element; threats: ${threats
            .map((t) => t.id)
            .sort()
            .join(', ')})`,
          def.id,
        ),
      );
  }
  return { entries: linked, interfaces, findings };
}

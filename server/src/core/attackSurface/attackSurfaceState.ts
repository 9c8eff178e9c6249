/**
 * The attack surface kept current (docs/attack-surface.md): every file's entry points,
 * the `@interface` annotations, the IF items and the threats' `Affects` links, joined and
 * checked again when one of them changes (like the SOUP state: a change to any of them
 * marks it dirty, the next query recomputes it — a linear pass over the entry points).
 */
import type { SeclifeConfig } from '../config';
import type { FileIndex } from '../fileIndex';
import type { Finding } from '../findings';
import type { ItemDef } from '../model';
import type { FileSurface } from './entryPoint';
import { AffectingThreat, checkSurface, InterfaceAnnotation, SurfaceCheckResult } from './surfaceChecks';
import { resolveSurface } from './surfaceResolver';

const EMPTY: SurfaceCheckResult = { entries: [], interfaces: [], findings: [] };

export class AttackSurfaceState {
  dirty = true;
  private result: SurfaceCheckResult = EMPTY;
  private byFile = new Map<string, Finding[]>();
  private resolverNotes: Array<{ file: string; message: string }> = [];
  private readonly interfaceKinds: Set<string>;

  constructor(private readonly config: SeclifeConfig) {
    this.interfaceKinds = new Set(
      Object.values(config.kinds)
        .filter((k) => k.interface)
        .map((k) => k.prefix),
    );
  }

  /** The interface kinds (IF by default), in configuration order. */
  get kinds(): string[] {
    return [...this.interfaceKinds];
  }

  /** Notes a file about to change: dirty when it can change the surface or its links. */
  touch(index: FileIndex): void {
    if (this.dirty) return;
    if (
      index.surface !== undefined ||
      index.refs.some((r) => r.role === 'interface' || r.attribute === 'affects') ||
      index.items.some((i) => this.interfaceKinds.has(i.kind))
    )
      this.dirty = true;
  }

  recompute(files: Iterable<FileIndex>): Set<string> {
    this.dirty = false;
    const surfaces = new Map<string, FileSurface>();
    const annotations: InterfaceAnnotation[] = [];
    const interfaces: ItemDef[] = [];
    const seen = new Set<string>();
    const affects = new Map<string, string[]>();
    const items = new Map<string, ItemDef>();
    for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
      if (f.surface && !f.isTest) surfaces.set(f.file, f.surface);
      for (const r of f.refs) {
        if (r.role === 'interface') annotations.push({ id: r.id, file: r.file, line: r.range.line });
        else if (r.role === 'link' && r.attribute === 'affects' && r.fromItem)
          affects.set(r.fromItem, [...(affects.get(r.fromItem) ?? []), r.id]);
      }
      for (const i of f.items) {
        if (!items.has(i.id)) items.set(i.id, i);
        // The first definition of a duplicated ID counts (duplicate-id says where the others are).
        if (this.interfaceKinds.has(i.kind) && !seen.has(i.id)) {
          seen.add(i.id);
          interfaces.push(i);
        }
      }
    }
    const threats: AffectingThreat[] = [];
    for (const [id, list] of affects) {
      const def = items.get(id);
      const category = def?.attributes.find((a) => a.name === 'category')?.value;
      threats.push({ id, affects: [...new Set(list)], ...(category && { category }) });
    }
    const resolved = resolveSurface(surfaces);
    this.resolverNotes = resolved.notes;
    this.result = checkSurface({
      entries: resolved.entries,
      annotations,
      interfaces,
      threats,
      stride: this.config.attackSurface.stride,
    });
    const changed = new Set<string>(this.byFile.keys());
    this.byFile = new Map();
    for (const f of this.result.findings) {
      changed.add(f.file);
      const list = this.byFile.get(f.file) ?? [];
      list.push(f);
      this.byFile.set(f.file, list);
    }
    return changed;
  }

  get surface(): SurfaceCheckResult {
    return this.result;
  }

  get notes(): Array<{ file: string; message: string }> {
    return this.resolverNotes;
  }

  allFindings(): Finding[] {
    return this.result.findings;
  }

  findingsIn(file: string): Finding[] {
    return this.byFile.get(file) ?? [];
  }

  /** Entry points no interface declares (IF coverage counts each as uncovered). */
  undeclaredCount(): number {
    return this.result.entries.filter((e) => e.declaredBy.length === 0).length;
  }
}

/**
 * `seclife/attackSurface`: the data of the Attack surface view (docs/attack-surface.md,
 * Where to look) — interfaces with their threats, the threats' controls and whether those
 * are verified, and every entry point with the interfaces that declare it (undeclared ones
 * have none).
 */
import { engineItemView } from '../core/itemView';
import { AttackSurfaceEntry, AttackSurfaceInterface, AttackSurfaceResult } from '../protocol';
import { ServiceContext, toLspRange } from './context';
import type { FolderContext } from './views';
import { bindLabel } from '../core/attackSurface/attackSurfaceRecords';

/** The view's data for one folder. */
export function folderAttackSurface(ctx: ServiceContext): {
  interfaces: AttackSurfaceInterface[];
  entryPoints: AttackSurfaceEntry[];
} {
  const surface = ctx.engine.attackSurface();
  const entryPoints = surface.entries.map<AttackSurfaceEntry>((e) => ({
    label: e.label,
    kind: e.entry.kind,
    framework: e.entry.framework,
    bind: bindLabel(e.bind),
    middleware: [...new Set(e.middleware)],
    interfaces: [...e.declaredBy],
    location: { uri: ctx.uri(e.entry.file), range: toLspRange(e.entry.range) },
  }));
  const interfaces = surface.interfaces.map<AttackSurfaceInterface>((i) => {
    const view = engineItemView(ctx.engine, i.id);
    return {
      id: i.id,
      title: view?.title ?? '',
      ...(i.exposure && { exposure: i.exposure }),
      element: i.element,
      threats: i.threats.map((id) => {
        const threat = engineItemView(ctx.engine, id);
        const controls = threat?.mitigatingItems ?? [];
        return {
          id,
          title: threat?.title ?? '',
          controls,
          verified: controls.length > 0 && controls.every((c) => engineItemView(ctx.engine, c)?.covered === true),
        };
      }),
      strideGaps: [...i.strideGaps],
      ...(view && { location: { uri: ctx.uri(view.file), range: toLspRange(view.def.idRange) } }),
    };
  });
  return { interfaces, entryPoints };
}

/** `seclife/attackSurface` over every folder. */
export function attackSurfaceReport(folders: FolderContext[]): AttackSurfaceResult {
  const out: AttackSurfaceResult = { interfaces: [], entryPoints: [], indexing: folders.some((f) => f.indexing) };
  for (const ctx of folders) {
    const one = folderAttackSurface(ctx);
    for (const i of one.interfaces) out.interfaces.push(i);
    for (const e of one.entryPoints) out.entryPoints.push(e);
  }
  return out;
}

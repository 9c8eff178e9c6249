/**
 * Joins every file's surface (docs/attack-surface.md, Full paths): a route registered on a
 * router gets the prefixes of every place the router is mounted (`app.use('/api', router)`,
 * `register_blueprint(bp, url_prefix=…)`, Django `include()`), across files through the
 * imports the detectors recorded; its bind address comes from the listener of the
 * application it ends up on. A mount whose router cannot be found is itself an entry point
 * (`ALL /prefix/*`), so nothing mounted is lost; a router mounted nowhere keeps its own paths
 * and says so.
 */
import type { Range } from '../findings';
import type { Bind, EntryPoint, FileSurface, Mount, RouterDef } from './entryPoint';
import { joinPaths } from './entryPatterns';

/** Where a declaration may sit for an entry point: a file and its line spans. */
export interface DeclarationSite {
  file: string;
  spans: Array<{ line: number; endLine: number }>;
}

/** An entry point with what the whole workspace says about it. */
export interface ResolvedEntryPoint {
  entry: EntryPoint;
  /** The path with every mount prefix joined (the entry's own path when it is on no router). */
  fullPath?: string;
  /** The router chain, innermost first: where it is mounted (`src/server.ts:52`). */
  via: Array<{ file: string; line: number }>;
  /** Its router is mounted nowhere Seclife could see: `fullPath` lacks the prefixes. */
  unmounted?: boolean;
  /** The places whose `@interface` annotations declare it: its own, its routers', its mounts'. */
  sites: DeclarationSite[];
  /** Middleware from the outermost mount down to the route. */
  middleware: string[];
  /** Bind address: the entry's own, else its application's listener's. */
  bind: Bind;
  /** The listener that gave the bind address. */
  listener?: { file: string; range: Range; port?: number };
  /** The application key it ends up on (for messages). */
  app?: string;
}

/** How deep mounts may nest, and how many full paths one route may get, before Seclife stops (with a note). */
const MAX_DEPTH = 12;
const MAX_PATHS_PER_ROUTE = 64;

interface RouterNode {
  id: string;
  file: string;
  def: RouterDef;
}

interface Prefixed {
  prefix: string;
  dynamic: boolean;
  via: Array<{ file: string; line: number }>;
  sites: DeclarationSite[];
  middleware: string[];
  app?: string;
  appFile?: string;
  unmounted: boolean;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.py'];

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

/** `a/b/../c/./d` → `a/c/d`; `undefined` when it climbs out of the workspace. */
function normalize(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/**
 * The workspace files a module specifier may name, in the order tried: a relative JS/TS
 * path (with its extension, `.js` written for a `.ts` file, or `/index.*`), a relative
 * Python module (`.views`, `..app.urls`) or an absolute dotted one (`app.urls`, matched as a
 * path suffix).
 */
export function moduleCandidates(from: string, module: string): string[] {
  const base = dirOf(from);
  if (module.startsWith('./') || module.startsWith('../')) {
    const joined = normalize(base ? `${base}/${module}` : module);
    if (joined === undefined) return [];
    const stem = joined.replace(/\.(?:[cm]?js|jsx)$/, '');
    const out = [joined];
    for (const ext of EXTENSIONS) out.push(stem + ext);
    for (const ext of EXTENSIONS) out.push(`${joined}/index${ext}`);
    return out;
  }
  // Python modules are named from Python files only (`express` in a .ts file is a package).
  if (!from.endsWith('.py')) return [];
  if (/^\.+[\w.]*$/.test(module)) {
    const dots = /^\.+/.exec(module)![0].length;
    let dir = base;
    for (let i = 1; i < dots; i++) dir = dirOf(dir);
    const rest = module.slice(dots).split('.').filter(Boolean).join('/');
    const stem = rest ? (dir ? `${dir}/${rest}` : rest) : dir;
    return [`${stem}.py`, `${stem}/__init__.py`];
  }
  if (/^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$/.test(module)) {
    const rest = module.split('.').join('/');
    return [`${rest}.py`, `${rest}/__init__.py`, `*/${rest}.py`, `*/${rest}/__init__.py`];
  }
  return [];
}

/** Resolves every entry point of `surfaces` (file → surface). */
export function resolveSurface(surfaces: ReadonlyMap<string, FileSurface>): {
  entries: ResolvedEntryPoint[];
  notes: Array<{ file: string; message: string }>;
} {
  const notes: Array<{ file: string; message: string }> = [];
  const routers = new Map<string, RouterNode>();
  const byExport = new Map<string, Map<string, string>>();
  for (const [file, s] of surfaces)
    for (const def of s.routers) {
      const id = `${file}#${def.key}`;
      routers.set(id, { id, file, def });
      const exports = byExport.get(file) ?? new Map<string, string>();
      for (const name of def.exportedAs) exports.set(name, id);
      byExport.set(file, exports);
    }
  const files = [...surfaces.keys()];
  const suffixIndex = (pattern: string) => {
    const tail = pattern.slice(1);
    return files.filter((f) => f === tail.slice(1) || f.endsWith(tail));
  };

  /** The router a mount names, if Seclife can find it. */
  const targetOf = (m: Mount): string | undefined => {
    const own = surfaces.get(m.file);
    let module: string | undefined;
    let name: string;
    if ('local' in m.target) {
      const local = m.target.local;
      if (routers.has(`${m.file}#${local}`)) return `${m.file}#${local}`;
      const imp = own?.imports.find((i) => i.local === local || local.startsWith(`${i.local}.`));
      if (!imp) return undefined;
      module = imp.module;
      name = imp.export === '*' ? local.slice(imp.local.length + 1) : imp.export;
    } else {
      module = m.target.module;
      name = m.target.export;
    }
    for (const candidate of moduleCandidates(m.file, module)) {
      const matches = candidate.startsWith('*/') ? suffixIndex(candidate) : [candidate];
      for (const f of matches) {
        const exports = byExport.get(f);
        const id =
          exports?.get(name) ?? (name === 'default' && exports?.size === 1 ? [...exports.values()][0] : undefined);
        if (id) return id;
      }
    }
    return undefined;
  };

  // Mounts by the router they mount; unresolved ones become entry points of their own.
  const mountsOf = new Map<string, Mount[]>();
  const entries: ResolvedEntryPoint[] = [];
  /** Entry points of the mounts whose router was not found (the surfaces themselves are never changed). */
  const unresolved = new Map<string, EntryPoint[]>();
  for (const [file, s] of surfaces)
    for (const m of s.mounts) {
      const target = targetOf(m);
      if (target) {
        const list = mountsOf.get(target) ?? [];
        list.push(m);
        mountsOf.set(target, list);
        continue;
      }
      // Not found: what is mounted is still reachable, under the prefix.
      const entry: EntryPoint = {
        kind: 'http',
        framework: 'mount',
        method: 'ALL',
        path: joinPaths(m.prefix, '*'),
        ...(m.dynamic && { dynamic: true }),
        bind: 'unspecified',
        file,
        range: m.range,
        middleware: m.middleware,
        declaredAt: m.declaredAt,
        ...(m.on && { router: m.on }),
        ...(m.app && { app: m.app }),
      };
      const list = unresolved.get(file) ?? [];
      list.push(entry);
      unresolved.set(file, list);
    }

  /** Every prefix chain above a router: one per place it is mounted (recursively). */
  const chains = (routerId: string, depth: number, seen: Set<string>): Prefixed[] => {
    const node = routers.get(routerId)!;
    const own: DeclarationSite = { file: node.file, spans: node.def.declaredAt };
    const mounts = mountsOf.get(routerId) ?? [];
    if (mounts.length === 0 || depth >= MAX_DEPTH || seen.has(routerId)) {
      if (depth >= MAX_DEPTH || seen.has(routerId))
        notes.push({
          file: node.file,
          message: `${node.def.key}: mounts nest deeper than ${MAX_DEPTH} levels or in a cycle; the outer prefixes are not joined`,
        });
      return [
        {
          prefix: node.def.prefix ?? '',
          dynamic: false,
          via: [],
          sites: [own],
          middleware: [...node.def.middleware],
          unmounted: mounts.length === 0,
        },
      ];
    }
    const out: Prefixed[] = [];
    const next = new Set(seen).add(routerId);
    for (const m of mounts) {
      const site: DeclarationSite = { file: m.file, spans: m.declaredAt };
      const parents: Prefixed[] = m.on
        ? routers.has(`${m.file}#${m.on}`)
          ? chains(`${m.file}#${m.on}`, depth + 1, next)
          : [
              {
                prefix: '',
                dynamic: false,
                via: [],
                sites: [],
                middleware: [],
                app: m.on,
                appFile: m.file,
                unmounted: false,
              },
            ]
        : [
            {
              prefix: '',
              dynamic: false,
              via: [],
              sites: [],
              middleware: [],
              app: m.app,
              appFile: m.file,
              unmounted: false,
            },
          ];
      for (const p of parents) {
        if (out.length >= MAX_PATHS_PER_ROUTE) break;
        out.push({
          prefix: joinPaths(p.prefix, m.prefix, node.def.prefix ?? ''),
          dynamic: p.dynamic || m.dynamic === true,
          via: [{ file: m.file, line: m.range.line }, ...p.via],
          sites: [own, site, ...p.sites],
          middleware: [...p.middleware, ...m.middleware, ...node.def.middleware],
          ...(p.app !== undefined && { app: p.app, appFile: p.appFile }),
          unmounted: p.unmounted,
        });
      }
    }
    return out;
  };

  for (const [file, s] of surfaces)
    for (const entry of [...s.entryPoints, ...(unresolved.get(file) ?? [])]) {
      const own: DeclarationSite = { file, spans: entry.declaredAt };
      const routerId = entry.router ? `${file}#${entry.router}` : undefined;
      if (!routerId || !routers.has(routerId)) {
        entries.push({
          entry,
          ...(entry.path !== undefined && { fullPath: entry.path }),
          via: [],
          sites: [own],
          middleware: [...entry.middleware],
          bind: entry.bind,
          ...(entry.app && { app: entry.app }),
        });
        continue;
      }
      for (const chain of chains(routerId, 0, new Set())) {
        entries.push({
          entry,
          ...(entry.path !== undefined && { fullPath: joinPaths(chain.prefix, entry.path) }),
          via: chain.via,
          ...(chain.unmounted && { unmounted: true }),
          sites: [own, ...chain.sites],
          middleware: [...chain.middleware, ...entry.middleware],
          bind: entry.bind,
          ...((chain.app ?? entry.app) && { app: chain.app ?? entry.app }),
        });
      }
    }

  // Bind addresses from the listeners of the application each entry ends up on (same file first).
  const listeners = [...surfaces.values()].flatMap((s) => s.listeners);
  for (const r of entries) {
    if (r.entry.kind !== 'http' || !r.app || r.bind !== 'unspecified') continue;
    const candidates = listeners.filter((l) => l.app === r.app);
    const l = candidates.find((c) => c.file === r.entry.file) ?? candidates[0];
    if (l) {
      r.bind = l.bind;
      r.listener = { file: l.file, range: l.range, ...(l.port !== undefined && { port: l.port }) };
    }
  }
  return { entries, notes };
}

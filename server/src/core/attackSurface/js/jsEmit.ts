/**
 * Adding what a JS/TS detector found to the file's surface (docs/attack-surface.md,
 * Declaring): the range of the registration, the `@interface` spans (the statement with
 * its comment block, the handler's declaration, and — for an entry point on no router —
 * the named function or class it sits in), and a Mount with its prefix.
 */
import type ts from 'typescript';
import type { EntryPoint, Mount, RouterRef } from '../entryPoint';
import type { FrameworkObject, JsContext } from './jsContext';

export interface EntryFields {
  kind: EntryPoint['kind'];
  framework: string;
  method?: string;
  path?: { text: string; dynamic: boolean } | string;
  port?: number;
  protocol?: 'tcp' | 'udp';
  bind?: EntryPoint['bind'];
  /** The handler expression (its declaration is found when it is a local function). */
  handler?: ts.Node;
  /** A declaration to point the handler at directly (Nest methods, Next exports). */
  handlerDeclaration?: ts.Node;
  middleware?: string[];
  /** The object it is registered on. */
  on?: FrameworkObject;
  app?: string;
  /** A router key of this file set directly (a NestJS controller). */
  routerKey?: string;
}

/** Adds one entry point registered by `node` (unless its framework is off). */
export function addEntry(ctx: JsContext, node: ts.Node, f: EntryFields): EntryPoint | undefined {
  if (!ctx.enabled(f.framework)) return undefined;
  const declaredAt = [ctx.statementSpan(node)];
  const decl = f.handlerDeclaration ?? (f.handler ? ctx.handlerDeclaration(f.handler) : undefined);
  if (decl) declaredAt.push(ctx.headerSpan(decl));
  const router = f.on ? ctx.routerDef(f.on) : undefined;
  const routerKey = router?.key ?? f.routerKey;
  if (!routerKey) {
    const around = ctx.enclosingDeclaration(node);
    if (around && around !== decl) declaredAt.push(ctx.headerSpan(around));
  }
  const path = typeof f.path === 'string' ? { text: f.path, dynamic: false } : f.path;
  const app = f.app ?? (f.on && !router && f.on.role === 'app' ? (f.on.serves ?? f.on.key) : undefined);
  const entry: EntryPoint = {
    kind: f.kind,
    framework: f.framework,
    ...(f.method !== undefined && { method: f.method }),
    ...(path && { path: path.text }),
    ...(path?.dynamic && { dynamic: true }),
    ...(f.port !== undefined && { port: f.port }),
    ...(f.protocol && { protocol: f.protocol }),
    bind: f.bind ?? 'unspecified',
    file: ctx.file,
    range: ctx.range(node),
    ...(decl && { handler: ctx.range(decl) }),
    middleware: f.middleware ?? [],
    declaredAt: dedupe(declaredAt),
    ...(routerKey && { router: routerKey }),
    ...(app && { app }),
  };
  ctx.surface.entryPoints.push(entry);
  return entry;
}

/** Adds a mount of `target` under `prefix` on `on` (a router of this file or an app). */
export function addMount(
  ctx: JsContext,
  node: ts.Node,
  framework: string,
  target: RouterRef,
  prefix: { text: string; dynamic: boolean },
  on: FrameworkObject | undefined,
  middleware: string[],
): void {
  if (!ctx.enabled(framework)) return;
  const router = on ? ctx.routerDef(on) : undefined;
  const mount: Mount = {
    target,
    prefix: prefix.text,
    ...(prefix.dynamic && { dynamic: true }),
    ...(router && { on: router.key }),
    ...(!router && on && { app: on.serves ?? on.key }),
    file: ctx.file,
    range: ctx.range(node),
    declaredAt: [ctx.statementSpan(node)],
    middleware,
  };
  ctx.surface.mounts.push(mount);
  if ('local' in target) {
    const imported = ctx.imports.get(target.local);
    if (imported && !ctx.surface.imports.some((i) => i.local === target.local))
      ctx.surface.imports.push({ local: target.local, module: imported.module, export: imported.export });
  }
}

function dedupe(spans: Array<{ line: number; endLine: number }>): Array<{ line: number; endLine: number }> {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const k = `${s.line}:${s.endLine}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

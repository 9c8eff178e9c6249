/**
 * Next.js routes, from the file's path (docs/attack-surface.md, Detectors: next):
 * `pages/api/**` with a default export → `ALL /api/…` (`index` dropped, `[id]` kept as
 * written); `app/…/route.ts` → one entry point per exported `GET`, `POST`, … (route groups
 * `(name)` and parallel slots `@name` are not part of the URL; a `_private` folder is not
 * routed).
 */
import type ts from 'typescript';
import { addEntry } from './jsEmit';
import { type JsContext, hasModifier } from './jsContext';

const PAGES_API = /(?:^|\/)pages\/(api(?:\/[^\n]*)?)\.(?:[cm]?[jt]sx?)$/;
const APP_ROUTE = /(?:^|\/)app((?:\/[^/]+)*)\/route\.(?:[cm]?[jt]sx?)$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** Whether the path is one Next.js routes by (then the file is parsed without a textual pre-check). */
export function isNextRouteFile(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return PAGES_API.test(p) || APP_ROUTE.test(p);
}

export function nextRoutes(ctx: JsContext): void {
  if (!ctx.enabled('next')) return;
  const t = ctx.ts;
  const p = ctx.file.replace(/\\/g, '/');
  const pages = PAGES_API.exec(p);
  if (pages) {
    const segments = pages[1].split('/').filter((s) => s !== '');
    if (segments[segments.length - 1] === 'index') segments.pop();
    const route = `/${segments.join('/')}`;
    for (const s of ctx.sf.statements) {
      const isDefault =
        (t.isExportAssignment(s) && !s.isExportEquals) ||
        ((t.isFunctionDeclaration(s) || t.isClassDeclaration(s)) &&
          hasModifier(t, s, t.SyntaxKind.ExportKeyword) &&
          hasModifier(t, s, t.SyntaxKind.DefaultKeyword));
      if (!isDefault) continue;
      const handlerDeclaration = t.isExportAssignment(s) ? ctx.handlerDeclaration(s.expression) : s;
      addEntry(ctx, s, {
        kind: 'http',
        framework: 'next',
        method: 'ALL',
        path: route,
        ...(handlerDeclaration && { handlerDeclaration }),
      });
    }
    return;
  }
  const app = APP_ROUTE.exec(p);
  if (!app) return;
  const folders = app[1].split('/').filter((s) => s !== '');
  if (folders.some((f) => f.startsWith('_'))) return;
  const route = `/${folders.filter((f) => !/^\(.*\)$/.test(f) && !f.startsWith('@')).join('/')}`;
  const add = (method: string, node: ts.Node, handler?: ts.Node) =>
    addEntry(ctx, node, {
      kind: 'http',
      framework: 'next',
      method,
      path: route,
      ...(handler && { handlerDeclaration: handler }),
    });
  for (const s of ctx.sf.statements) {
    if (
      t.isFunctionDeclaration(s) &&
      s.name &&
      METHODS.has(s.name.text) &&
      hasModifier(t, s, t.SyntaxKind.ExportKeyword)
    )
      add(s.name.text, s, s);
    else if (t.isVariableStatement(s) && hasModifier(t, s, t.SyntaxKind.ExportKeyword)) {
      for (const d of s.declarationList.declarations)
        if (t.isIdentifier(d.name) && METHODS.has(d.name.text)) add(d.name.text, s);
    } else if (t.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && t.isNamedExports(s.exportClause)) {
      for (const e of s.exportClause.elements)
        if (METHODS.has(e.name.text)) add(e.name.text, e, ctx.handlerDeclaration(e.propertyName ?? e.name));
    }
  }
}

/**
 * The TypeScript-based part of the JS/TS entry-point detector (docs/attack-surface.md,
 * Detectors): one parse (shared with the JS rules, core/source/jsParse.ts), a first walk
 * that records imports, exports and declarations, then every call, `new`, class and
 * `process.argv` read offered to the framework detectors. Both walks are iterative; work on
 * one node that throws becomes a located problem and the walk goes on.
 */
import ts from 'typescript';
import type { DetectorOptions } from '../detectorOptions';
import { type FileSurface, emptySurface } from '../entryPoint';
import { CliDetector } from './cliJs';
import { electronCall } from './electron';
import { expressCall } from './express';
import { fastifyCall } from './fastify';
import { addEntry } from './jsEmit';
import { JsContext, unwrap } from './jsContext';
import { parseJs } from '../../source/jsParse';
import { messagingCall } from './messaging';
import { nestClass } from './nest';
import { nextRoutes } from './nextRoutes';
import { listenCall, serverConstruction } from './nodeNet';

/** At most this many problems per file (the rest are counted in the last one). */
const MAX_PROBLEMS = 20;

export function walkJsSurface(file: string, text: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  let sf: ts.SourceFile;
  try {
    sf = parseJs(file, text);
  } catch (error) {
    const deep = error instanceof RangeError && /call stack/i.test(error.message);
    surface.problems.push({
      message: deep
        ? 'the code nests deeper than the TypeScript parser can follow; its entry points are not known'
        : `the TypeScript parser failed (${String(error)}); its entry points are not known`,
      range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
    });
    return surface;
  }
  const ctx = new JsContext(ts, sf, file, text, options, surface);
  const calls: ts.CallExpression[] = [];
  const news: ts.NewExpression[] = [];
  const classes: ts.ClassDeclaration[] = [];
  const argv: ts.PropertyAccessExpression[] = [];
  let failed = 0;
  const guard = (node: ts.Node, what: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      failed++;
      if (surface.problems.length < MAX_PROBLEMS)
        surface.problems.push({
          message: `${what} could not be read (${error instanceof Error ? error.message : String(error)}); an entry point here may be missing`,
          range: safeRange(ctx, node),
        });
    }
  };

  // First walk: declarations, imports, exports, and the nodes the detectors look at.
  const stack: ts.Node[] = [sf];
  while (stack.length) {
    const node = stack.pop()!;
    guard(node, 'this declaration', () => record(ctx, node, calls, news, classes, argv));
    const children: ts.Node[] = [];
    node.forEachChild((c) => {
      children.push(c);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }

  const cli = new CliDetector(ctx);
  const custom = options.patterns.filter((p) => !p.languages || p.languages.includes('js'));
  for (const call of calls)
    guard(call, 'this call', () => {
      if (custom.length > 0 && customCall(ctx, call, custom)) return;
      if (fastifyCall(ctx, call)) return;
      if (expressCall(ctx, call)) return;
      if (listenCall(ctx, call)) return;
      if (messagingCall(ctx, call)) return;
      if (electronCall(ctx, call)) return;
      cli.call(call);
    });
  for (const n of news) guard(n, 'this construction', () => serverConstruction(ctx, n));
  for (const c of classes) guard(c, 'this class', () => nestClass(ctx, c));
  for (const a of argv) guard(a, 'this process.argv read', () => cli.argv(a));
  guard(sf, 'the Next.js route', () => nextRoutes(ctx));
  guard(sf, 'the command line', () => cli.finish());
  if (failed > MAX_PROBLEMS)
    surface.problems.push({
      message: `${failed - MAX_PROBLEMS} more places could not be read`,
      range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
    });
  surface.entryPoints.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
  return surface;
}

function safeRange(ctx: JsContext, node: ts.Node) {
  try {
    return ctx.range(node);
  } catch {
    return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  }
}

function record(
  ctx: JsContext,
  node: ts.Node,
  calls: ts.CallExpression[],
  news: ts.NewExpression[],
  classes: ts.ClassDeclaration[],
  argv: ts.PropertyAccessExpression[],
): void {
  switch (node.kind) {
    case ts.SyntaxKind.CallExpression: {
      const call = node as ts.CallExpression;
      calls.push(call);
      const callee = call.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && call.arguments[0]) {
        const a = unwrap(ts, call.arguments[0]);
        if (ts.isIdentifier(a)) ctx.registered.add(a.text);
      }
      return;
    }
    case ts.SyntaxKind.NewExpression:
      news.push(node as ts.NewExpression);
      return;
    case ts.SyntaxKind.ClassDeclaration:
      classes.push(node as ts.ClassDeclaration);
      return;
    case ts.SyntaxKind.PropertyAccessExpression: {
      const p = node as ts.PropertyAccessExpression;
      if (p.name.text === 'argv') argv.push(p);
      else if (ts.isIdentifier(p.expression) && p.expression.text === 'module' && p.name.text === 'exports')
        moduleExports(ctx, p);
      return;
    }
    case ts.SyntaxKind.ImportDeclaration:
      importDeclaration(ctx, node as ts.ImportDeclaration);
      return;
    case ts.SyntaxKind.ImportEqualsDeclaration: {
      const d = node as ts.ImportEqualsDeclaration;
      if (ts.isExternalModuleReference(d.moduleReference) && ts.isStringLiteral(d.moduleReference.expression))
        ctx.imports.set(d.name.text, { module: d.moduleReference.expression.text, export: 'default' });
      return;
    }
    case ts.SyntaxKind.VariableDeclaration:
      variable(ctx, node as ts.VariableDeclaration);
      return;
    case ts.SyntaxKind.Parameter: {
      const p = node as ts.ParameterDeclaration;
      if (ts.isIdentifier(p.name)) ctx.declare(p.name.text, p);
      return;
    }
    case ts.SyntaxKind.FunctionDeclaration: {
      const f = node as ts.FunctionDeclaration;
      if (f.name) ctx.declare(f.name.text, f);
      return;
    }
    case ts.SyntaxKind.ExportAssignment: {
      const e = node as ts.ExportAssignment;
      const x = unwrap(ts, e.expression);
      if (ts.isIdentifier(x)) addExport(ctx, x.text, 'default');
      return;
    }
    case ts.SyntaxKind.ExportDeclaration: {
      const e = node as ts.ExportDeclaration;
      if (e.moduleSpecifier || !e.exportClause || !ts.isNamedExports(e.exportClause)) return;
      for (const el of e.exportClause.elements) addExport(ctx, (el.propertyName ?? el.name).text, el.name.text);
      return;
    }
  }
}

function addExport(ctx: JsContext, local: string, as: string): void {
  const list = ctx.exported.get(local) ?? [];
  if (!list.includes(as)) list.push(as);
  ctx.exported.set(local, list);
}

function importDeclaration(ctx: JsContext, d: ts.ImportDeclaration): void {
  if (!ts.isStringLiteral(d.moduleSpecifier) || !d.importClause) return;
  const module = d.moduleSpecifier.text;
  const c = d.importClause;
  if (c.name) ctx.imports.set(c.name.text, { module, export: 'default' });
  const b = c.namedBindings;
  if (!b) return;
  if (ts.isNamespaceImport(b)) ctx.imports.set(b.name.text, { module, export: '*' });
  else
    for (const el of b.elements) ctx.imports.set(el.name.text, { module, export: (el.propertyName ?? el.name).text });
}

function variable(ctx: JsContext, d: ts.VariableDeclaration): void {
  const init = d.initializer && unwrap(ts, d.initializer);
  // `const x = require('m')`, `const { a, b: c } = require('m')`, `const R = require('m').Router`
  let module = init ? ctx.requireOf(init) : undefined;
  let member: string | undefined;
  if (init && module === undefined && ts.isPropertyAccessExpression(init)) {
    module = ctx.requireOf(unwrap(ts, init.expression));
    member = init.name.text;
  }
  if (ts.isIdentifier(d.name)) {
    if (module !== undefined) ctx.imports.set(d.name.text, { module, export: member ?? 'default' });
    else ctx.declare(d.name.text, d);
    return;
  }
  if (module !== undefined && ts.isObjectBindingPattern(d.name))
    for (const el of d.name.elements) {
      if (!ts.isIdentifier(el.name)) continue;
      const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
      ctx.imports.set(el.name.text, { module, export: prop });
    }
}

/** `module.exports = x` (default), `module.exports = { a, b }`, `module.exports.a = a`. */
function moduleExports(ctx: JsContext, p: ts.PropertyAccessExpression): void {
  const parent = p.parent;
  if (ts.isBinaryExpression(parent) && parent.left === p && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const r = unwrap(ts, parent.right);
    if (ts.isIdentifier(r)) addExport(ctx, r.text, 'default');
    else if (ts.isObjectLiteralExpression(r))
      for (const prop of r.properties) {
        if (ts.isShorthandPropertyAssignment(prop)) addExport(ctx, prop.name.text, prop.name.text);
        else if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.initializer) && ts.isIdentifier(prop.name))
          addExport(ctx, prop.initializer.text, prop.name.text);
      }
    return;
  }
  const outer = parent;
  if (
    ts.isPropertyAccessExpression(outer) &&
    ts.isBinaryExpression(outer.parent) &&
    outer.parent.left === outer &&
    ts.isIdentifier(unwrap(ts, outer.parent.right))
  )
    addExport(ctx, (unwrap(ts, outer.parent.right) as ts.Identifier).text, outer.name.text);
}

/** The team's own registration calls (seclife.json `attackSurface.patterns`). */
function customCall(ctx: JsContext, call: ts.CallExpression, patterns: DetectorOptions['patterns']): boolean {
  const callee = call.expression;
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : undefined;
  if (!name) return false;
  let matched = false;
  for (const p of patterns) {
    if (p.callee !== name) continue;
    matched = true;
    const pathNode = p.pathArgument !== undefined ? call.arguments[p.pathArgument] : undefined;
    addEntry(ctx, call, {
      kind: p.kind,
      framework: 'custom',
      ...(p.method && { method: p.method.toUpperCase() }),
      ...(p.pathArgument !== undefined && { path: ctx.pathArgument(pathNode) }),
      ...(p.kind === 'http' && !p.method && { method: 'ALL' }),
    });
  }
  return matched;
}

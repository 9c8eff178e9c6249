/**
 * Express (and the Koa router, which has the same shape) routes, mounts and middleware
 * (docs/attack-surface.md, Detectors: express, koa):
 * `app|router.get/post/…/all(path, ...middleware, handler)`, `.route(path).get(…).post(…)`,
 * `app.use(path, router)` (a Mount), `app.use(path, handler)` (an `ALL path` entry point),
 * `router.use(mw)` (the router's middleware).
 */
import type ts from 'typescript';
import { pushAll } from '../../arrays';
import type { RouterRef } from '../entryPoint';
import { addEntry, addMount } from './jsEmit';
import { type FrameworkObject, type JsContext, unwrap } from './jsContext';

export const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all']);

/** HTTP clients: `axios.get('/api/x', …)` is a request going out, not a route. */
const CLIENT_MODULES = new Set(['axios', 'got', 'superagent', 'node-fetch', 'ky', 'supertest', 'request', 'needle']);
const CLIENT_NAMES = new Set([
  'axios',
  'http',
  'https',
  'request',
  'got',
  'superagent',
  'ky',
  '$http',
  'fetch',
  'client',
  '$',
  'jQuery',
]);
/** Names that read as middleware or a handler, not a router, when imported from this project. */
const NOT_A_ROUTER =
  /^(?:require|ensure|check|verify|validate|is|has|auth)[A-Z_]|(?:[Hh]andler|[Mm]iddleware|[Gg]uard)$/;

export function methodOf(name: string): string {
  return name === 'del' ? 'DELETE' : name.toUpperCase();
}

/** `app.get(…)` & co. and `app.use(…)` on Express or Koa objects; false when the call is none. */
export function expressCall(ctx: JsContext, call: ts.CallExpression): boolean {
  const t = ctx.ts;
  const callee = call.expression;
  if (!t.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.text;
  if (HTTP_METHODS.has(name)) return route(ctx, call, callee, name);
  if (name === 'use') return use(ctx, call, callee);
  return false;
}

function route(ctx: JsContext, call: ts.CallExpression, callee: ts.PropertyAccessExpression, name: string): boolean {
  const t = ctx.ts;
  // `router.route('/x').get(h).post(h)`: down the chain to `.route(path)`.
  let base: ts.Expression = callee.expression;
  for (let i = 0; i < 20; i++) {
    if (
      t.isCallExpression(base) &&
      t.isPropertyAccessExpression(base.expression) &&
      HTTP_METHODS.has(base.expression.name.text)
    )
      base = base.expression.expression;
    else break;
  }
  if (
    t.isCallExpression(base) &&
    t.isPropertyAccessExpression(base.expression) &&
    base.expression.name.text === 'route'
  ) {
    const obj = ctx.objectOf(base.expression.expression);
    const pathArg = base.arguments[0];
    const path = ctx.pathArgument(pathArg);
    if (!pathArg || (!isHttpObject(obj) && !path.text.startsWith('/'))) return false;
    if (obj?.family === 'fastify') return false;
    const args = call.arguments;
    if (args.length === 0) return false;
    addEntry(ctx, call, {
      kind: 'http',
      framework: obj?.family === 'koa' ? 'koa' : 'express',
      method: methodOf(name),
      path,
      handler: args[args.length - 1],
      middleware: ctx.middlewareNames(args.slice(0, -1)),
      ...(obj && { on: obj }),
    });
    return true;
  }
  if (t.isCallExpression(callee.expression) && t.isPropertyAccessExpression(callee.expression.expression)) {
    // Another chain (`x.y().get(…)`): only a framework object counts.
    if (!isHttpObject(ctx.objectOf(callee.expression))) return false;
  }
  const obj = ctx.objectOf(callee.expression);
  if (obj && obj.family === 'fastify') return false; // fastify.ts
  let args = [...call.arguments];
  if (args.length < 2) return false; // `app.get('env')` reads a setting
  const family = obj?.family === 'koa' ? 'koa' : obj?.family === 'express' ? 'express' : undefined;
  if (obj && !family) return false;
  // Koa named routes: `router.get('user', '/users/:id', handler)`.
  if (family === 'koa' && args.length >= 3 && ctx.constantString(args[0]) !== undefined) {
    const second = ctx.constantString(args[1]);
    if (second?.startsWith('/')) args = args.slice(1);
  }
  const paths = pathsOf(ctx, args[0]);
  if (!family) {
    // Not known to be a framework object: a path-shaped first argument and a handler-shaped last one.
    if (!paths.every((p) => p.text.startsWith('/')) || !isHandlerShaped(ctx, args[args.length - 1])) return false;
    if (ctx.isOtherObject(callee.expression)) return false;
    const root = rootName(ctx, callee.expression);
    if (root && CLIENT_NAMES.has(root)) return false;
    const mod = ctx.moduleOf(callee.expression);
    if (mod && (CLIENT_MODULES.has(mod) || !['express', 'koa', '@koa/router', 'koa-router'].includes(mod)))
      return false;
  }
  for (const path of paths)
    addEntry(ctx, call, {
      kind: 'http',
      framework: family ?? (ctx.importsAny(['@koa/router', 'koa-router']) ? 'koa' : 'express'),
      method: methodOf(name),
      path,
      handler: args[args.length - 1],
      middleware: ctx.middlewareNames(args.slice(1, -1)),
      ...(obj && { on: obj }),
    });
  return true;
}

function use(ctx: JsContext, call: ts.CallExpression, callee: ts.PropertyAccessExpression): boolean {
  const t = ctx.ts;
  const obj = ctx.objectOf(callee.expression);
  if (!obj || (obj.family !== 'express' && obj.family !== 'koa')) return false;
  const framework = obj.family;
  const args = call.arguments;
  if (args.length === 0) return true;
  const first = unwrap(t, args[0]);
  const hasPath =
    args.length >= 2 &&
    (t.isStringLiteralLike(first) ||
      t.isTemplateExpression(first) ||
      t.isArrayLiteralExpression(first) ||
      t.isRegularExpressionLiteral(first) ||
      ctx.constantString(first) !== undefined);
  if (hasPath) {
    const last = args[args.length - 1];
    const middleware = ctx.middlewareNames(args.slice(1, -1));
    for (const prefix of pathsOf(ctx, first)) {
      const target = mountTarget(ctx, last, false);
      if (target) addMount(ctx, call, framework, target, prefix, obj, middleware);
      else
        addEntry(ctx, call, {
          kind: 'http',
          framework,
          method: 'ALL',
          path: prefix,
          handler: last,
          middleware,
          on: obj,
        });
    }
    return true;
  }
  // No path: routers mounted at the root, everything else is middleware.
  const middleware: string[] = [];
  for (const a of args) {
    const target = mountTarget(ctx, a, true);
    if (target) addMount(ctx, call, framework, target, { text: '', dynamic: false }, obj, [...middleware]);
    else pushAll(middleware, ctx.middlewareNames([a]));
  }
  const def = obj.role === 'router' && ctx.enabled(framework) ? ctx.routerDef(obj) : undefined;
  if (def)
    pushAll(
      def.middleware,
      middleware.filter((m) => !/\.allowedMethods$/.test(m)),
    );
  return true;
}

/**
 * What `app.use(path, x)` mounts when `x` is a router: a router of this file, a function of
 * this file returning one, a router-named import from this project (`vitalsRouter(deps)`),
 * `require('./routes')`, Koa's `router.routes()`. Undefined: `x` is a handler or middleware.
 * `strict` (no path): an import must be named like a router.
 */
export function mountTarget(ctx: JsContext, node: ts.Node, strict: boolean): RouterRef | undefined {
  const t = ctx.ts;
  const n = unwrap(t, node);
  if (t.isCallExpression(n)) {
    const req = ctx.requireOf(n);
    if (req !== undefined) return isRelative(req) ? { module: req, export: 'default' } : undefined;
    const callee = unwrap(t, n.expression);
    if (t.isPropertyAccessExpression(callee) && (callee.name.text === 'routes' || callee.name.text === 'middleware')) {
      const obj = ctx.objectOf(callee.expression);
      if (obj?.role === 'router' && !obj.borrowed) {
        ctx.routerDef(obj);
        return { local: obj.key };
      }
      return undefined;
    }
    if (t.isIdentifier(callee)) return namedTarget(ctx, callee, strict);
    return undefined;
  }
  if (t.isIdentifier(n)) {
    const obj = ctx.objectOf(n);
    if (obj) {
      if (obj.role !== 'router' || obj.borrowed) return undefined;
      ctx.routerDef(obj);
      return { local: obj.key };
    }
    return namedTarget(ctx, n, strict);
  }
  return undefined;
}

function namedTarget(ctx: JsContext, id: ts.Identifier, strict: boolean): RouterRef | undefined {
  const fn = ctx.localFunction(id);
  if (fn) {
    const obj = ctx.returnedObject(fn, id.text, ctx.handlerDeclaration(id), 0);
    if (obj?.role !== 'router') return undefined;
    ctx.routerDef(obj);
    return { local: obj.key };
  }
  const imported = ctx.imports.get(id.text);
  if (!imported || !isRelative(imported.module) || NOT_A_ROUTER.test(id.text)) return undefined;
  if (strict && !/router|routes/i.test(id.text)) return undefined;
  return { local: id.text };
}

export function isRelative(module: string): boolean {
  return module.startsWith('.') || module.startsWith('/') || module.startsWith('@/') || module.startsWith('~/');
}

export function isHttpObject(obj: FrameworkObject | undefined): boolean {
  return obj !== undefined && (obj.family === 'express' || obj.family === 'koa');
}

/** One path, or each of an array of paths. */
export function pathsOf(ctx: JsContext, node: ts.Node | undefined): Array<{ text: string; dynamic: boolean }> {
  const t = ctx.ts;
  const n = node && unwrap(t, node);
  if (n && t.isArrayLiteralExpression(n) && n.elements.length > 0)
    return n.elements.slice(0, 50).map((e) => ctx.pathArgument(e));
  return [ctx.pathArgument(n)];
}

function isHandlerShaped(ctx: JsContext, node: ts.Node): boolean {
  const t = ctx.ts;
  const n = unwrap(t, node);
  return (
    t.isArrowFunction(n) ||
    t.isFunctionExpression(n) ||
    t.isIdentifier(n) ||
    t.isCallExpression(n) ||
    t.isPropertyAccessExpression(n)
  );
}

function rootName(ctx: JsContext, node: ts.Node): string | undefined {
  const d = ctx.dotted(node);
  return d?.split('.')[0];
}

/**
 * Fastify routes, plugins and hooks (docs/attack-surface.md, Detectors: fastify):
 * `fastify.get(path, [options], handler)`, `fastify.route({ method, url, handler, preHandler })`
 * (`method` may be an array: one entry point each), `fastify.register(plugin, { prefix })`
 * (a Mount of the plugin, whose first parameter is the router routes are registered on),
 * `fastify.addHook('onRequest' | 'preHandler' …, fn)` (the plugin's middleware).
 */
import type ts from 'typescript';
import { pushAll } from '../../arrays';
import type { RouterRef } from '../entryPoint';
import { HTTP_METHODS, isRelative, methodOf, pathsOf } from './express';
import { addEntry, addMount } from './jsEmit';
import { type FrameworkObject, type JsContext, unwrap } from './jsContext';

const HOOKS = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler']);

export function fastifyCall(ctx: JsContext, call: ts.CallExpression): boolean {
  const t = ctx.ts;
  const callee = call.expression;
  if (!t.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.text;
  if (!HTTP_METHODS.has(name) && name !== 'route' && name !== 'register' && name !== 'addHook') return false;
  const obj = ctx.objectOf(callee.expression);
  if (obj?.family !== 'fastify') return false;
  const args = call.arguments;
  if (name === 'route') return routeOptions(ctx, call, obj, args[0]);
  if (name === 'register') return register(ctx, call, obj);
  if (name === 'addHook') {
    const hook = ctx.constantString(args[0]);
    if (hook && HOOKS.has(hook) && args[1] && ctx.enabled('fastify')) {
      const def = ctx.routerDef(obj);
      if (def) pushAll(def.middleware, ctx.middlewareNames([args[1]]));
    }
    return true;
  }
  if (args.length < 2) {
    // `fastify.get('/x', { handler })`
    if (args.length === 1) return false;
  }
  const options = args.length >= 3 ? args[1] : undefined;
  let handler: ts.Node | undefined = args[args.length - 1];
  const lastUnwrapped = handler && unwrap(t, handler);
  let middleware: string[] = options ? hookNames(ctx, options) : [];
  if (lastUnwrapped && t.isObjectLiteralExpression(lastUnwrapped)) {
    middleware = hookNames(ctx, lastUnwrapped);
    handler = ctx.property(lastUnwrapped, 'handler');
  }
  for (const path of pathsOf(ctx, args[0]))
    addEntry(ctx, call, {
      kind: 'http',
      framework: 'fastify',
      method: methodOf(name),
      path,
      ...(handler && { handler }),
      middleware,
      on: obj,
    });
  return true;
}

function routeOptions(
  ctx: JsContext,
  call: ts.CallExpression,
  obj: FrameworkObject,
  options: ts.Node | undefined,
): boolean {
  const t = ctx.ts;
  if (!options) return false;
  const methodNode = ctx.property(options, 'method');
  const url = ctx.property(options, 'url') ?? ctx.property(options, 'path');
  const handler = ctx.property(options, 'handler');
  const methods: string[] = [];
  const m = methodNode && unwrap(t, methodNode);
  if (m && t.isArrayLiteralExpression(m)) for (const e of m.elements) methods.push(ctx.constantString(e) ?? '*');
  else methods.push((methodNode && ctx.constantString(methodNode)) ?? '*');
  for (const method of methods)
    addEntry(ctx, call, {
      kind: 'http',
      framework: 'fastify',
      method: method.toUpperCase(),
      path: ctx.pathArgument(url),
      ...(handler && { handler }),
      middleware: hookNames(ctx, options),
      on: obj,
    });
  return true;
}

function register(ctx: JsContext, call: ts.CallExpression, obj: FrameworkObject): boolean {
  const [plugin, options] = call.arguments;
  if (!plugin) return true;
  const prefixNode = options ? ctx.property(options, 'prefix') : undefined;
  const prefix = prefixNode ? ctx.pathArgument(prefixNode) : { text: '', dynamic: false };
  const target = pluginTarget(ctx, plugin);
  if (target) addMount(ctx, call, 'fastify', target, prefix, obj, []);
  return true;
}

/** A plugin of this file, an import from this project, `import('./routes')`, `require('./routes')`. */
function pluginTarget(ctx: JsContext, node: ts.Node): RouterRef | undefined {
  const t = ctx.ts;
  let n = unwrap(t, node);
  // `fp(plugin)` (fastify-plugin) wraps the plugin itself.
  if (t.isCallExpression(n) && ctx.moduleOf(n.expression) === 'fastify-plugin' && n.arguments[0])
    n = unwrap(t, n.arguments[0]);
  if (t.isCallExpression(n)) {
    const req =
      ctx.requireOf(n) ??
      (n.expression.kind === t.SyntaxKind.ImportKeyword && n.arguments[0] && t.isStringLiteralLike(n.arguments[0])
        ? n.arguments[0].text
        : undefined);
    return req !== undefined && isRelative(req) ? { module: req, export: 'default' } : undefined;
  }
  if (t.isArrowFunction(n) || t.isFunctionExpression(n)) {
    const p = n.parameters[0];
    return p && t.isIdentifier(p.name) ? { local: ctx.functionName(n) ?? p.name.text } : undefined;
  }
  if (t.isIdentifier(n)) {
    if (ctx.localFunction(n)) return { local: n.text };
    const init = ctx.constInitializer(n);
    if (init) return pluginTarget(ctx, init) && { local: n.text };
    const imported = ctx.imports.get(n.text);
    return imported && isRelative(imported.module) ? { local: n.text } : undefined;
  }
  return undefined;
}

function hookNames(ctx: JsContext, options: ts.Node): string[] {
  const out: string[] = [];
  for (const hook of HOOKS) {
    const v = ctx.property(options, hook);
    if (v) pushAll(out, ctx.middlewareNames([v]));
  }
  return out;
}

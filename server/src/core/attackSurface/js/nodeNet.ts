/**
 * Listeners (docs/attack-surface.md, Detectors: node-net, websocket): `app.listen(port, host?)`,
 * `http(s).createServer(…).listen(…)`, `server.listen({ port, host })`, `net.createServer`,
 * `dgram.createSocket(…).bind(port, host?)`, `new WebSocketServer({ port, host })` /
 * `new WebSocket.Server(…)` (a socket; with `{ server, path }` a `WS path` route instead),
 * Fastify's `listen` (Fastify binds localhost unless given a host), socket.io
 * `new Server(port)`. Each is a Listener and a `socket` entry point.
 *
 * Bind: no host → Node binds every address (`all`); a constant host → `bindOf(host)`; a
 * host that is not a constant — `env.HOST ?? '127.0.0.1'` included, the environment
 * decides — → `unspecified`.
 */
import type ts from 'typescript';
import type { Bind } from '../entryPoint';
import { addEntry } from './jsEmit';
import { type FrameworkObject, type JsContext, unwrap } from './jsContext';

export function listenCall(ctx: JsContext, call: ts.CallExpression): boolean {
  const t = ctx.ts;
  const callee = call.expression;
  if (!t.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.text;
  if (name !== 'listen' && name !== 'bind') return false;
  const obj = ctx.objectOf(callee.expression);
  if (!obj) return false;
  if (name === 'bind' && obj.family !== 'dgram') return false;
  if (
    name === 'listen' &&
    (obj.family === 'dgram' || obj.family === 'mqtt' || obj.family === 'grpc' || obj.family === 'cli')
  )
    return false;
  const args = call.arguments;
  const first = args[0] && unwrap(t, args[0]);
  let portNode: ts.Node | undefined;
  let hostNode: ts.Node | undefined;
  if (first && t.isObjectLiteralExpression(first)) {
    portNode = ctx.property(first, 'port');
    hostNode = ctx.property(first, 'host') ?? ctx.property(first, 'address');
  } else {
    portNode = first;
    const second = args[1] && unwrap(t, args[1]);
    if (second && !t.isArrowFunction(second) && !t.isFunctionExpression(second) && !t.isNumericLiteral(second))
      hostNode = second;
  }
  const port = ctx.portOf(portNode);
  const bind: Bind = hostNode ? ctx.bindOfHost(hostNode) : obj.family === 'fastify' ? 'loopback' : 'all';
  const framework =
    obj.family === 'fastify'
      ? 'fastify'
      : obj.family === 'socket.io'
        ? 'socket.io'
        : obj.family === 'ws'
          ? 'websocket'
          : 'node-net';
  addListener(ctx, call, framework, obj, port, bind, name === 'bind' ? 'udp' : 'tcp');
  return true;
}

export function addListener(
  ctx: JsContext,
  node: ts.Node,
  framework: string,
  obj: FrameworkObject | undefined,
  port: number | undefined,
  bind: Bind,
  protocol: 'tcp' | 'udp',
  appName?: string,
): void {
  if (!ctx.enabled(framework)) return;
  const app = appName ?? (obj ? (obj.serves ?? obj.key) : undefined);
  ctx.surface.listeners.push({
    ...(app && { app }),
    ...(port !== undefined && { port }),
    bind,
    file: ctx.file,
    range: ctx.range(node),
  });
  addEntry(ctx, node, {
    kind: 'socket',
    framework,
    ...(port !== undefined && { port }),
    protocol,
    bind,
    ...(app && { app }),
  });
}

/** `new WebSocketServer({ port })`, `new WebSocket.Server({ server, path })`, socket.io `new Server(3000)`. */
export function serverConstruction(ctx: JsContext, expr: ts.NewExpression): boolean {
  const t = ctx.ts;
  const mod = ctx.moduleOf(expr.expression);
  const args = expr.arguments ?? [];
  const variable =
    t.isVariableDeclaration(expr.parent) && t.isIdentifier(expr.parent.name) ? expr.parent.name.text : undefined;
  if (mod === 'ws') {
    const opts = args[0];
    if (!opts) return true;
    const port = ctx.property(opts, 'port');
    const server = ctx.property(opts, 'server');
    if (port) {
      const host = ctx.property(opts, 'host');
      addListener(
        ctx,
        expr,
        'websocket',
        undefined,
        ctx.portOf(port),
        host ? ctx.bindOfHost(host) : 'all',
        'tcp',
        variable,
      );
    } else if (server) {
      const path = ctx.property(opts, 'path');
      const app = ctx.appName(server);
      addEntry(ctx, expr, {
        kind: 'http',
        framework: 'websocket',
        method: 'WS',
        path: path ? ctx.pathArgument(path) : { text: '*', dynamic: false },
        ...(app && { app }),
      });
    }
    return true;
  }
  if (mod === 'socket.io') {
    const port = args[0] ? ctx.portOf(args[0]) : undefined;
    if (port !== undefined) addListener(ctx, expr, 'socket.io', undefined, port, 'all', 'tcp', variable);
    return true;
  }
  return false;
}

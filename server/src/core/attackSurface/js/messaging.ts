/**
 * Message and RPC entry points (docs/attack-surface.md, Detectors: socket.io, mqtt, grpc):
 * socket.io `socket.on('event', …)` on the socket of an `io.on('connection', socket => …)`
 * (or a parameter named `socket` in a file that imports socket.io); MQTT
 * `client.subscribe('topic' | ['a', 'b'] | { topic: opts })` in a file that imports mqtt;
 * gRPC `server.addService(X.service, { method: impl, … })` (one `rpc Service/method` per key
 * of a visible object literal, else `Service/*`) and `server.bindAsync('host:port', …)`
 * (a listener).
 */
import type ts from 'typescript';
import { bindOf } from '../entryPoint';
import { addEntry } from './jsEmit';
import { type JsContext, unwrap } from './jsContext';
import { addListener } from './nodeNet';

/** socket.io's own events: not messages a client sends. */
const RESERVED_EVENTS = new Set([
  'connection',
  'connect',
  'disconnect',
  'disconnecting',
  'error',
  'close',
  'newListener',
  'removeListener',
  'connect_error',
]);

export function messagingCall(ctx: JsContext, call: ts.CallExpression): boolean {
  const t = ctx.ts;
  const callee = call.expression;
  if (!t.isPropertyAccessExpression(callee)) return false;
  switch (callee.name.text) {
    case 'on':
    case 'once':
      return socketIoEvent(ctx, call, callee);
    case 'subscribe':
      return mqttSubscribe(ctx, call, callee);
    case 'addService':
      return grpcService(ctx, call, callee);
    case 'bindAsync':
    case 'bind':
      return grpcBind(ctx, call, callee);
  }
  return false;
}

function socketIoEvent(ctx: JsContext, call: ts.CallExpression, callee: ts.PropertyAccessExpression): boolean {
  const t = ctx.ts;
  if (!ctx.importsAny(['socket.io'])) return false;
  const recv = unwrap(t, callee.expression);
  if (!t.isIdentifier(recv)) return false;
  const event = call.arguments[0];
  const name = ctx.constantString(event);
  if (name !== undefined && RESERVED_EVENTS.has(name)) return false;
  if (!isConnectionSocket(ctx, recv)) return false;
  addEntry(ctx, call, {
    kind: 'message',
    framework: 'socket.io',
    path: ctx.pathArgument(event),
    ...(call.arguments[1] && { handler: call.arguments[1] }),
  });
  return true;
}

/** A parameter of the callback of `.on('connection' | 'connect', cb)`, or one named `socket`. */
function isConnectionSocket(ctx: JsContext, id: ts.Identifier): boolean {
  const t = ctx.ts;
  const d = ctx.lookup(id);
  if (!d || !t.isParameter(d.node)) return false;
  if (id.text === 'socket') return true;
  const fn = d.node.parent;
  const on = fn.parent;
  if (!on || !t.isCallExpression(on) || !t.isPropertyAccessExpression(on.expression)) return false;
  const ev = ctx.constantString(on.arguments[0]);
  return on.expression.name.text === 'on' && (ev === 'connection' || ev === 'connect');
}

function mqttSubscribe(ctx: JsContext, call: ts.CallExpression, callee: ts.PropertyAccessExpression): boolean {
  const t = ctx.ts;
  if (!ctx.importsAny(['mqtt', 'async-mqtt', 'precompiled-mqtt'])) return false;
  const obj = ctx.objectOf(callee.expression);
  if (obj && obj.family !== 'mqtt') return false;
  if (!obj && ctx.isOtherObject(callee.expression)) return false;
  const arg = call.arguments[0];
  if (!arg) return false;
  const a = unwrap(t, arg);
  const topics: Array<{ text: string; dynamic: boolean }> = [];
  if (t.isArrayLiteralExpression(a)) for (const e of a.elements.slice(0, 100)) topics.push(ctx.pathArgument(e));
  else if (t.isObjectLiteralExpression(a))
    for (const p of a.properties.slice(0, 100)) {
      const key = p.name && (t.isIdentifier(p.name) || t.isStringLiteralLike(p.name)) ? p.name.text : undefined;
      topics.push(key !== undefined ? { text: key, dynamic: false } : { text: '*', dynamic: true });
    }
  else topics.push(ctx.pathArgument(a));
  for (const topic of topics) addEntry(ctx, call, { kind: 'message', framework: 'mqtt', path: topic });
  return true;
}

function isGrpcFile(ctx: JsContext): boolean {
  return ctx.importsAny(['@grpc/grpc-js', 'grpc', '@grpc/proto-loader', 'nice-grpc']);
}

function grpcService(ctx: JsContext, call: ts.CallExpression, callee: ts.PropertyAccessExpression): boolean {
  const t = ctx.ts;
  if (!isGrpcFile(ctx)) return false;
  const obj = ctx.objectOf(callee.expression);
  if (obj && obj.family !== 'grpc') return false;
  const [svc, impl] = call.arguments;
  if (!svc) return false;
  const parts = (ctx.dotted(svc) ?? '*').split('.');
  if (parts.length > 1 && parts[parts.length - 1] === 'service') parts.pop();
  const service = parts[parts.length - 1] || '*';
  let body: ts.Expression | undefined = impl && unwrap(t, impl);
  if (body && t.isIdentifier(body)) {
    const init = ctx.constInitializer(body);
    body = init && unwrap(t, init);
  }
  const methods: string[] = [];
  if (body && t.isObjectLiteralExpression(body))
    for (const p of body.properties) {
      if (t.isSpreadAssignment(p)) {
        methods.length = 0;
        break;
      }
      const key = p.name && (t.isIdentifier(p.name) || t.isStringLiteralLike(p.name)) ? p.name.text : undefined;
      if (key !== undefined) methods.push(key);
    }
  const dynamic = methods.length === 0 || service === '*';
  for (const m of methods.length > 0 ? methods : ['*'])
    addEntry(ctx, call, {
      kind: 'rpc',
      framework: 'grpc',
      path: { text: `${service}/${m}`, dynamic },
      ...(obj && { app: obj.key }),
    });
  return true;
}

function grpcBind(ctx: JsContext, call: ts.CallExpression, callee: ts.PropertyAccessExpression): boolean {
  if (!isGrpcFile(ctx)) return false;
  const obj = ctx.objectOf(callee.expression);
  if (obj?.family !== 'grpc') return false;
  const address = ctx.constantString(call.arguments[0]);
  let port: number | undefined;
  let bind: ReturnType<typeof bindOf> = 'unspecified';
  if (address !== undefined) {
    const colon = address.lastIndexOf(':');
    const p = colon >= 0 ? Number(address.slice(colon + 1)) : Number.NaN;
    if (Number.isInteger(p) && p >= 0 && p <= 65535) port = p;
    bind = bindOf(colon >= 0 ? address.slice(0, colon) : address);
  }
  addListener(ctx, call, 'grpc', obj, port, bind, 'tcp');
  return true;
}

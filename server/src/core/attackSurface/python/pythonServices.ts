/**
 * Python listeners and Django routes (docs/attack-surface.md, Detectors, Python):
 * `app.run(host=, port=)` (Flask, default loopback:5000), `uvicorn.run(app, host=, port=)`
 * (default loopback:8000), aiohttp `web.run_app(app, host=, port=)` (default all:8080),
 * socketserver / http.server servers, `sock.bind((host, port))`, asyncio `start_server` /
 * `create_server`, and Django `urlpatterns` with `path()`, `re_path()`, `url()` and `include()`.
 */
import { type Bind, bindOf } from '../entryPoint';
import { guarded, lineStart, type PyContext } from './pythonContext';
import { type FoundCall, portOf } from './surfaceText';

const SERVICE_CALLS =
  'run|run_app|TCPServer|UDPServer|ThreadingTCPServer|ThreadingUDPServer|ForkingTCPServer|ForkingUDPServer|HTTPServer|ThreadingHTTPServer|bind|start_server|create_server|path|re_path|url';

export function readPythonServices(ctx: PyContext): void {
  const django = /^urlpatterns[ \t]*(?::[^=\n]*)?\+?=/m.exec(ctx.code);
  if (django && ctx.options.enabled('django')) guarded(ctx, django.index, () => readUrlpatterns(ctx, django.index));
  for (const call of ctx.st.calls(SERVICE_CALLS)) {
    const dot = call.callee.lastIndexOf('.');
    const receiver = dot > 0 ? call.callee.slice(0, dot) : '';
    const name = call.callee.slice(dot + 1);
    guarded(ctx, call.start, () => {
      if (name === 'path' || name === 're_path' || name === 'url') {
        if (django && receiver === '') readDjangoPath(ctx, call, name);
      } else if (name === 'run') readRun(ctx, call, receiver);
      else if (name === 'run_app') {
        if (receiver === 'web' || (receiver === '' && ctx.imports.aiohttp)) readRunApp(ctx, call);
      } else if (name === 'bind') readBind(ctx, call, receiver);
      else if (name === 'start_server' || name === 'create_server') readAsyncio(ctx, call, receiver, name);
      else readSocketServer(ctx, call, receiver, name);
    });
  }
}

/** A host argument's bind (`''`/`0.0.0.0` all, `localhost` loopback), or `dflt` when absent. */
function hostBind(ctx: PyContext, arg: { start: number; end: number } | undefined, dflt: Bind): Bind {
  if (!arg) return dflt;
  const v = ctx.stringValue(arg);
  if (!v || v.dynamic) return 'unspecified';
  return bindOf(v.value);
}

function listener(
  ctx: PyContext,
  call: FoundCall,
  framework: string,
  app: string | undefined,
  port: number | undefined,
  bind: Bind,
  protocol: 'tcp' | 'udp' = 'tcp',
): void {
  if (!ctx.options.enabled(framework)) return;
  const range = ctx.st.range(call.start, call.end);
  ctx.surface.listeners.push({
    ...(app ? { app } : {}),
    ...(port !== undefined ? { port } : {}),
    bind,
    file: ctx.file,
    range,
  });
  const start = lineStart(ctx.code, call.start);
  ctx.entry({
    kind: 'socket',
    framework,
    protocol,
    ...(port !== undefined ? { port } : {}),
    bind,
    range,
    declaredAt: [ctx.st.declared(start, call.end)],
    ...(app ? { app } : {}),
  });
}

/** The value of keyword `name`, else positional `index`. */
function argOf(ctx: PyContext, call: FoundCall, name: string, index: number) {
  const { pos, kw } = ctx.args(call);
  const k = kw.get(name);
  return k ? { start: k.valueStart, end: k.end } : pos[index];
}

/** Flask `app.run(host=None, port=None)` and `uvicorn.run(app, host=, port=)`. */
function readRun(ctx: PyContext, call: FoundCall, receiver: string): void {
  if (receiver === 'uvicorn') {
    const target = argOf(ctx, call, 'app', 0);
    const text = target ? ctx.text.slice(target.start, target.end).trim() : '';
    // `uvicorn.run("main:app")` names the application by module and variable.
    const named = /^["'][\w.]*:(\w+)["']$/.exec(text);
    const app = named ? named[1] : /^[A-Za-z_]\w*$/.test(text) ? (ctx.objects.get(text)?.key ?? text) : undefined;
    const port = portArg(ctx, argOf(ctx, call, 'port', 2), 8000);
    listener(ctx, call, 'fastapi', app, port, hostBind(ctx, argOf(ctx, call, 'host', 1), 'loopback'));
    return;
  }
  const o = ctx.objects.get(receiver);
  if (o?.kind === 'flask-socketio') {
    // Flask-SocketIO `socketio.run(app, host='127.0.0.1', port=5000)`
    const target = argOf(ctx, call, 'app', 0);
    const name = target ? ctx.st.codeOf(target) : '';
    const app = /^[A-Za-z_]\w*$/.test(name) ? (ctx.objects.get(name)?.key ?? name) : undefined;
    const port = portArg(ctx, argOf(ctx, call, 'port', 2), 5000);
    listener(ctx, call, 'flask', app, port, hostBind(ctx, argOf(ctx, call, 'host', 1), 'loopback'));
    return;
  }
  const flask =
    o?.kind === 'flask-app' || (!o && ctx.imports.flask && /^(?:app|application|flask_app)$/.test(receiver));
  if (!flask) return;
  const port = portArg(ctx, argOf(ctx, call, 'port', 1), 5000);
  listener(ctx, call, 'flask', o?.key ?? receiver, port, hostBind(ctx, argOf(ctx, call, 'host', 0), 'loopback'));
}

/** A port argument: its constant, `dflt` when absent, unknown otherwise. */
function portArg(ctx: PyContext, arg: { start: number; end: number } | undefined, dflt: number | undefined) {
  if (!arg) return dflt;
  if (ctx.code.slice(arg.start, arg.end).trim() === 'None') return dflt;
  return portOf(ctx.numberValue(arg));
}

/** aiohttp `web.run_app(app, host=None, port=None)`: all addresses, port 8080 by default. */
function readRunApp(ctx: PyContext, call: FoundCall): void {
  const target = argOf(ctx, call, 'app', 0);
  const name = target ? ctx.st.codeOf(target) : '';
  const app = /^[A-Za-z_]\w*$/.test(name) ? (ctx.objects.get(name)?.key ?? name) : undefined;
  const port = portArg(ctx, argOf(ctx, call, 'port', 2), 8080);
  listener(ctx, call, 'aiohttp', app, port, hostBind(ctx, argOf(ctx, call, 'host', 1), 'all'));
}

/** A `(host, port)` tuple (or a name bound to one): the bind and port. */
function address(ctx: PyContext, arg: { start: number; end: number } | undefined): { bind: Bind; port?: number } {
  if (!arg) return { bind: 'unspecified' };
  let a = ctx.st.skipSpace(arg.start);
  const name = ctx.code.slice(a, arg.end).trim();
  if (/^[A-Za-z_]\w*$/.test(name)) {
    const c = ctx.constants.get(name);
    if (!c) return { bind: 'unspecified' };
    a = ctx.st.skipSpace(c.start);
  }
  if (ctx.code[a] !== '(') return { bind: 'unspecified' };
  const items = ctx.st.items(a);
  if (items.length < 2) return { bind: 'unspecified' };
  const port = portOf(ctx.numberValue(items[1]!));
  return { bind: hostBind(ctx, items[0], 'unspecified'), ...(port !== undefined ? { port } : {}) };
}

/** `socketserver.TCPServer((HOST, PORT), Handler)`, `http.server.HTTPServer(('', 8000), H)`. */
function readSocketServer(ctx: PyContext, call: FoundCall, receiver: string, name: string): void {
  if (receiver !== '' && !/(?:^|\.)(?:socketserver|server|http\.server)$/.test(receiver)) return;
  const { pos, kw } = ctx.args(call);
  const addr = kw.get('server_address');
  const { bind, port } = address(ctx, addr ? { start: addr.valueStart, end: addr.end } : pos[0]);
  listener(ctx, call, 'python-socket', undefined, port, bind, name.includes('UDP') ? 'udp' : 'tcp');
}

/** `sock.bind((host, port))` on a socket; a `bind` whose argument is no tuple (Tk, SQLAlchemy) is not one. */
function readBind(ctx: PyContext, call: FoundCall, receiver: string): void {
  if (receiver === '' || call.args.length !== 1) return;
  const a = ctx.st.skipSpace(call.args[0]!.start);
  const arg0 = ctx.code.slice(a, call.args[0]!.end).trim();
  if (ctx.code[a] !== '(' && !(/^[A-Za-z_]\w*$/.test(arg0) && ctx.constants.has(arg0))) return;
  const o = ctx.objects.get(receiver);
  const { bind, port } = address(ctx, call.args[0]);
  listener(ctx, call, 'python-socket', receiver, port, bind, o?.kind === 'socket-udp' ? 'udp' : 'tcp');
}

/** `asyncio.start_server(cb, host, port)`, `loop.create_server(factory, host, port)`. */
function readAsyncio(ctx: PyContext, call: FoundCall, receiver: string, name: string): void {
  if (name === 'start_server' && receiver !== 'asyncio') return;
  if (name === 'create_server' && !/(?:^|\.)(?:loop|get_event_loop\(\)|get_running_loop\(\))$/.test(receiver)) return;
  const port = portArg(ctx, argOf(ctx, call, 'port', 2), undefined);
  listener(ctx, call, 'python-socket', undefined, port, hostBind(ctx, argOf(ctx, call, 'host', 1), 'all'));
}

/** The `urlpatterns` list: the file's RouterDef (its `path()` entries carry `router: 'urlpatterns'`). */
function readUrlpatterns(ctx: PyContext, at: number): void {
  let end = ctx.code.indexOf('\n', at);
  if (end < 0) end = ctx.code.length;
  const bracket = ctx.code.indexOf('[', at);
  if (bracket >= 0 && bracket < end) end = Math.max(end, ctx.st.closeOf(bracket));
  ctx.surface.routers.push({
    key: 'urlpatterns',
    exportedAs: ['urlpatterns'],
    range: ctx.st.range(at, end),
    declaredAt: [ctx.st.declared(at, end)],
    middleware: [],
  });
}

/** `path('login/', views.login)` → `ALL /login/`; `path('api/', include('shop.urls'))` → a mount. */
function readDjangoPath(ctx: PyContext, call: FoundCall, name: string): void {
  const { pos, kw } = ctx.args(call);
  const routeArg = pos[0] ?? kw.get('route');
  const view = pos[1] ?? kw.get('view');
  if (!routeArg || !view) return;
  const route = ctx.stringValue({ start: routeArg.valueStart, end: routeArg.end });
  if (!route) return;
  let p = route.value;
  if (name !== 'path') p = p.replace(/^\^/, '').replace(/\$$/, '');
  p = p.startsWith('/') ? p : `/${p}`;
  const start = lineStart(ctx.code, call.start);
  const declaredAt = [ctx.st.declared(start, call.end)];
  const viewStart = ctx.st.skipSpace(view.valueStart);
  const inc = /^include[ \t]*\(/.exec(ctx.code.slice(viewStart, viewStart + 20));
  if (inc) {
    const open = viewStart + inc[0].length - 1;
    const items = ctx.st.items(open);
    let first = items[0];
    // include(('shop.urls', 'shop'), namespace=…): the module is the tuple's first item
    if (first && ctx.code[first.start] === '(') first = ctx.st.items(first.start)[0];
    const mod = first ? ctx.stringValue(first) : undefined;
    // include(router.urls), include([...]): not a module this detector can name (docs/attack-surface.md, not detected)
    if (!mod || mod.dynamic) return;
    const prefix = p.length > 1 ? p.replace(/\/$/, '') : '';
    ctx.surface.mounts.push({
      target:
        mod && !mod.dynamic
          ? { module: mod.value, export: 'urlpatterns' }
          : ctx.refOf(first ? ctx.st.codeOf(first) : '*'),
      prefix,
      ...(route.dynamic ? { dynamic: true } : {}),
      on: 'urlpatterns',
      file: ctx.file,
      range: ctx.st.range(call.start, call.end),
      declaredAt,
      middleware: [],
    });
    return;
  }
  const viewText = ctx.st.codeOf(view);
  const h = ctx.handler(/^[A-Za-z_]\w*$/.test(viewText) ? viewText : undefined);
  ctx.entry({
    kind: 'http',
    framework: 'django',
    method: 'ALL',
    path: p,
    ...(route.dynamic ? { dynamic: true } : {}),
    range: ctx.st.range(call.start, call.end),
    ...(h.handler ? { handler: h.handler } : {}),
    declaredAt: [...declaredAt, ...(h.declared ? [h.declared] : [])],
    router: 'urlpatterns',
  });
}

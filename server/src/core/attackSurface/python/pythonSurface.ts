/**
 * Python entry points, read lexically (docs/attack-surface.md, Detectors, Python): Flask and
 * FastAPI route decorators, blueprints and `APIRouter`s and where they are mounted, aiohttp
 * routes, Django `urlpatterns`, listeners (`app.run`, `uvicorn.run`, `web.run_app`,
 * socketserver, `socket.bind`) and command lines (argparse, click, typer, `sys.argv`).
 *
 * Nothing is executed and no Python parser runs: calls and decorators are found in the
 * masked code (comments and strings blanked) and string values are read from the text at
 * the same offsets. A cheap pre-check returns the empty surface for most files.
 */
import type { DetectorOptions } from '../detectorOptions';
import { emptySurface, type FileSurface } from '../entryPoint';
import { guarded, lineStart, PyContext, type PyDecorator, type PyObject } from './pythonContext';
import { readPythonCli } from './pythonCli';
import { readPythonServices } from './pythonServices';
import type { FoundCall } from './surfaceText';

/** Files without one of these words have no Python entry point (checked before masking anything). */
const PRECHECK =
  /@|\b(?:urlpatterns|run|run_app|bind|add_url_rule|add_api_route|add_routes|add_get|add_post|add_route|include_router|register_blueprint|TCPServer|UDPServer|HTTPServer|ThreadingHTTPServer|start_server|create_server|ArgumentParser|argv)\b/;

/** HTTP method decorators and their method. */
const METHOD_NAMES = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace']);

export function detectPythonSurface(file: string, text: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  if (typeof text !== 'string' || text.length === 0) return surface;
  const custom = options.patterns.filter((p) => !p.languages || p.languages.includes('python'));
  if (!PRECHECK.test(text) && !custom.some((p) => text.includes(p.callee))) return surface;
  let ctx: PyContext | undefined;
  try {
    ctx = new PyContext(file, text, options, surface);
    readRouters(ctx);
    for (const d of ctx.decorators) guarded(ctx, d.start, () => readRouteDecorator(ctx!, d));
    readWebCalls(ctx);
    readPythonServices(ctx);
    readPythonCli(ctx);
    readCustom(ctx, custom);
  } catch (error) {
    surface.problems.push({
      message: `the Python entry points after this point were not read (${String(error).slice(0, 120)})`,
      range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
    });
  }
  return surface;
}

/** `bp = Blueprint('x', __name__, url_prefix='/auth')`, `router = APIRouter(prefix='/users')` → RouterDef. */
function readRouters(ctx: PyContext): void {
  for (const [name, o] of ctx.objects) {
    const blueprint = o.kind === 'flask-blueprint';
    if (!blueprint && o.kind !== 'fastapi-router') continue;
    if (!ctx.options.enabled(blueprint ? 'flask' : 'fastapi')) continue;
    if (name !== o.key && ctx.surface.routers.some((r) => r.key === o.key)) continue;
    const { kw } = ctx.args(o.call);
    const p = kw.get(blueprint ? 'url_prefix' : 'prefix');
    const prefix = p ? ctx.stringValue({ start: p.valueStart, end: p.end }) : undefined;
    const start = lineStart(ctx.code, o.call.start);
    ctx.surface.routers.push({
      key: o.key,
      ...(prefix ? { prefix: prefix.value } : {}),
      exportedAs: [o.key],
      range: ctx.st.range(start, o.call.end),
      declaredAt: [ctx.st.declared(start, o.call.end)],
      middleware: [...dependencies(ctx, kw.get('dependencies')), ...beforeRequest(ctx, name)],
    });
  }
}

/** Which family a receiver's routes belong to, and whether it is a router. */
function familyOf(
  ctx: PyContext,
  receiver: string,
  method: string,
): { framework: string; object?: PyObject } | undefined {
  const o = ctx.objects.get(receiver);
  if (o) {
    if (o.kind.startsWith('flask')) return { framework: 'flask', object: o };
    if (o.kind.startsWith('fastapi')) return { framework: 'fastapi', object: o };
    if (o.kind === 'aiohttp-routes') return { framework: 'aiohttp', object: o };
    return undefined;
  }
  // A receiver created elsewhere (`from . import app`): the file's imports decide, else the decorator's name.
  if (ctx.imports.fastapi) return { framework: 'fastapi' };
  if (ctx.imports.flask) return { framework: 'flask' };
  if (ctx.imports.aiohttp) return { framework: 'aiohttp' };
  return { framework: method === 'route' ? 'flask' : 'fastapi' };
}

/** `@app.route('/p', methods=[…])`, `@app.get('/p')`, `@router.websocket('/ws')`, `@routes.get('/p')`. */
function readRouteDecorator(ctx: PyContext, d: PyDecorator): void {
  const dot = d.name.lastIndexOf('.');
  if (dot <= 0 || !d.call) return;
  const receiver = d.name.slice(0, dot);
  const method = d.name.slice(dot + 1);
  if (
    method !== 'route' &&
    method !== 'api_route' &&
    method !== 'websocket' &&
    method !== 'view' &&
    !METHOD_NAMES.has(method)
  )
    return;
  // `@mock.patch('/etc/x')` patches a name in tests, it registers nothing
  if (/(?:^|\.)mock$/.test(receiver)) return;
  const fam = familyOf(ctx, receiver, method);
  if (!fam) return;
  const { pos, kw } = ctx.args(d.call);
  const aiohttpRoute = fam.framework === 'aiohttp' && method === 'route';
  const pathArg = aiohttpRoute ? pos[1] : (pos[0] ?? kw.get('rule') ?? kw.get('path'));
  if (!pathArg) return;
  const pathValue = ctx.stringValue({ start: pathArg.valueStart, end: pathArg.end });
  // A receiver the file did not create must be given a path-shaped first argument.
  if (!fam.object && !(pathValue && pathValue.value.startsWith('/'))) return;
  let methods: string[];
  if (aiohttpRoute) {
    const m = pos[0] ? ctx.stringValue(pos[0]) : undefined;
    methods = [m && !m.dynamic && m.value !== '*' ? m.value.toUpperCase() : 'ALL'];
  } else if (method === 'route' || method === 'api_route') {
    const list = kw.get('methods');
    const read = list ? ctx.stringList({ start: list.valueStart, end: list.end }) : ['GET'];
    methods = read && read.length > 0 ? read.map((m) => m.toUpperCase()) : ['ALL'];
  } else if (method === 'websocket') methods = ['WS'];
  else if (method === 'view') methods = ['ALL'];
  else methods = [method.toUpperCase()];
  const range = ctx.st.range(d.start, d.end);
  const declaredAt = [
    { line: ctx.st.commentBlockStart(d.stackLine), endLine: d.def ? ctx.st.line(d.def.start) : ctx.st.line(d.end) },
  ];
  const where = placeOf(fam.object, receiver);
  const middleware = [...d.below.map((x) => x.name), ...dependencies(ctx, kw.get('dependencies'))];
  for (const m of new Set(methods)) {
    ctx.entry({
      kind: 'http',
      framework: fam.framework,
      method: m,
      path: pathValue?.value ?? '*',
      ...(pathValue === undefined || pathValue.dynamic ? { dynamic: true } : {}),
      range,
      ...(d.def ? { handler: ctx.st.range(d.def.start, d.def.lineEnd) } : {}),
      declaredAt,
      middleware,
      ...where,
    });
  }
}

/** Flask `@bp.before_request` functions and `bp.before_request(check)`: they run before every route of the blueprint. */
function beforeRequest(ctx: PyContext, variable: string): string[] {
  const out: string[] = [];
  for (const d of ctx.decorators) if (d.name === `${variable}.before_request` && d.def) out.push(d.def.name);
  const re = new RegExp(`(?<![\\w.])${variable}\\.before_request[ \\t]*\\([ \\t]*([A-Za-z_][\\w.]*)[ \\t]*\\)`, 'g');
  for (let m: RegExpExecArray | null; (m = re.exec(ctx.code)); ) out.push(m[1]!);
  return out;
}

/** FastAPI `dependencies=[Depends(verify_token), Security(scopes)]` → `verify_token`, `scopes`. */
function dependencies(ctx: PyContext, arg: { valueStart: number; end: number } | undefined): string[] {
  if (!arg) return [];
  const open = ctx.st.skipSpace(arg.valueStart);
  if (ctx.code[open] !== '[' && ctx.code[open] !== '(') return [];
  const out: string[] = [];
  for (const item of ctx.st.items(open)) {
    const m = /^(?:[\w.]*\.)?(?:Depends|Security)\s*\(\s*([A-Za-z_][\w.]*)/.exec(
      ctx.code.slice(item.start, Math.min(item.end, item.start + 200)),
    );
    if (m) out.push(m[1]!);
  }
  return out;
}

/** `router: key` for a router object, `app: key` for an application (or the receiver as written). */
function placeOf(o: PyObject | undefined, receiver: string): { router?: string; app?: string } {
  if (o && (o.kind === 'flask-blueprint' || o.kind === 'fastapi-router')) return { router: o.key };
  if (o) return { app: o.key };
  return { app: receiver };
}

const WEB_CALLS =
  'register_blueprint|include_router|add_url_rule|add_api_route|add_api_websocket_route|add_websocket_route|add_get|add_post|add_put|add_patch|add_delete|add_head|add_route|add_view|get|post|put|patch|delete|head|route|view';

/** Mounts and call-form routes: `register_blueprint`, `include_router`, `add_url_rule`, aiohttp `add_get`, `web.get`. */
function readWebCalls(ctx: PyContext): void {
  let adders: FoundCall[] | undefined;
  for (const call of ctx.st.calls(WEB_CALLS)) {
    const dot = call.callee.lastIndexOf('.');
    if (dot <= 0) continue;
    const receiver = call.callee.slice(0, dot);
    const name = call.callee.slice(dot + 1);
    guarded(ctx, call.start, () => {
      if (name === 'register_blueprint' || name === 'include_router') readMount(ctx, call, receiver, name);
      else if (name === 'add_url_rule' || name === 'add_api_route') readAddUrlRule(ctx, call, receiver, name);
      else if (name === 'add_api_websocket_route' || name === 'add_websocket_route')
        readAddUrlRule(ctx, call, receiver, name);
      else if (name.startsWith('add_')) readAiohttpAdd(ctx, call, receiver, name);
      else if (receiver === 'web' && ctx.imports.aiohttp) {
        adders ??= ctx.st.calls('add_routes');
        readAiohttpDef(ctx, call, name, adders);
      }
    });
  }
}

function readMount(ctx: PyContext, call: FoundCall, receiver: string, name: string): void {
  const framework = name === 'register_blueprint' ? 'flask' : 'fastapi';
  if (!ctx.options.enabled(framework)) return;
  const { pos, kw } = ctx.args(call);
  const target = pos[0] ?? kw.get(name === 'register_blueprint' ? 'blueprint' : 'router');
  if (!target) return;
  const p = kw.get(name === 'register_blueprint' ? 'url_prefix' : 'prefix');
  const prefix = p ? ctx.stringValue({ start: p.valueStart, end: p.end }) : undefined;
  const o = ctx.objects.get(receiver);
  const isRouter = o?.kind === 'flask-blueprint' || o?.kind === 'fastapi-router';
  const start = lineStart(ctx.code, call.start);
  ctx.surface.mounts.push({
    target: ctx.refOf(ctx.st.codeOf(target)),
    prefix: p ? (prefix?.value ?? '*') : '',
    ...(p && (!prefix || prefix.dynamic) ? { dynamic: true } : {}),
    ...(isRouter ? { on: o!.key } : { app: o?.key ?? receiver }),
    file: ctx.file,
    range: ctx.st.range(call.start, call.end),
    declaredAt: [ctx.st.declared(start, call.end)],
    middleware: dependencies(ctx, kw.get('dependencies')),
  });
}

/** `app.add_url_rule('/p', 'ep', view, methods=[…])`, FastAPI `app.add_api_route('/p', f, methods=[…])`. */
function readAddUrlRule(ctx: PyContext, call: FoundCall, receiver: string, name: string): void {
  const fastapi = name !== 'add_url_rule';
  const o = ctx.objects.get(receiver);
  const { pos, kw } = ctx.args(call);
  const pathArg = pos[0] ?? kw.get(fastapi ? 'path' : 'rule');
  if (!pathArg) return;
  const path = ctx.stringValue({ start: pathArg.valueStart, end: pathArg.end });
  if (!o && !(path && path.value.startsWith('/'))) return;
  const view = fastapi ? (pos[1] ?? kw.get('endpoint')) : (pos[2] ?? kw.get('view_func'));
  const viewText = view ? ctx.st.codeOf(view) : '';
  let methods: string[];
  if (name.includes('websocket')) methods = ['WS'];
  else {
    const list = kw.get('methods');
    const read = list ? ctx.stringList({ start: list.valueStart, end: list.end }) : undefined;
    methods =
      read && read.length > 0
        ? read.map((m) => m.toUpperCase())
        : list || /\.as_view\s*\(/.test(viewText)
          ? ['ALL']
          : ['GET'];
  }
  const h = ctx.handler(/^[A-Za-z_]\w*$/.test(viewText) ? viewText : undefined);
  const start = lineStart(ctx.code, call.start);
  const declaredAt = [ctx.st.declared(start, call.end), ...(h.declared ? [h.declared] : [])];
  for (const m of new Set(methods))
    ctx.entry({
      kind: 'http',
      framework: fastapi ? 'fastapi' : 'flask',
      method: m,
      path: path?.value ?? '*',
      ...(!path || path.dynamic ? { dynamic: true } : {}),
      range: ctx.st.range(call.start, call.end),
      ...(h.handler ? { handler: h.handler } : {}),
      declaredAt,
      ...placeOf(o, receiver),
    });
}

/** aiohttp `app.router.add_get('/p', h)`, `add_route('GET', '/p', h)`. */
function readAiohttpAdd(ctx: PyContext, call: FoundCall, receiver: string, name: string): void {
  const base = receiver.endsWith('.router') ? receiver.slice(0, -'.router'.length) : receiver;
  const o = ctx.objects.get(base);
  const known = o?.kind === 'aiohttp-app' || receiver.endsWith('.router') || receiver === 'router';
  const { pos } = ctx.args(call);
  const route = name === 'add_route';
  const pathArg = route ? pos[1] : pos[0];
  if (!pathArg) return;
  const path = ctx.stringValue(pathArg);
  if (!known && !(path && path.value.startsWith('/') && ctx.imports.aiohttp)) return;
  let method = name === 'add_view' ? 'ALL' : name.slice(4).toUpperCase();
  if (route) {
    const m = pos[0] ? ctx.stringValue(pos[0]) : undefined;
    method = m && !m.dynamic && m.value !== '*' ? m.value.toUpperCase() : 'ALL';
  }
  pushCallRoute(ctx, call, 'aiohttp', method, path, pos[route ? 2 : 1], { app: o?.key ?? base });
}

/** `web.get('/p', h)`, `web.route('GET', '/p', h)`, `web.view('/p', V)` (inside `app.add_routes([...])`). */
function readAiohttpDef(ctx: PyContext, call: FoundCall, name: string, adders: FoundCall[]): void {
  const { pos } = ctx.args(call);
  const route = name === 'route';
  const pathArg = route ? pos[1] : pos[0];
  if (!pathArg) return;
  const path = ctx.stringValue(pathArg);
  if (!path || !path.value.startsWith('/')) return;
  let method = name === 'view' ? 'ALL' : name.toUpperCase();
  if (route) {
    const m = pos[0] ? ctx.stringValue(pos[0]) : undefined;
    method = m && !m.dynamic && m.value !== '*' ? m.value.toUpperCase() : 'ALL';
  }
  const adder = adders.find((c) => c.open < call.start && c.end >= call.end);
  const app = adder ? adder.callee.replace(/\.add_routes$/, '') : undefined;
  pushCallRoute(ctx, call, 'aiohttp', method, path, pos[route ? 2 : 1], app ? { app } : {});
}

function pushCallRoute(
  ctx: PyContext,
  call: FoundCall,
  framework: string,
  method: string,
  path: { value: string; dynamic: boolean } | undefined,
  handlerArg: { start: number; end: number } | undefined,
  where: { app?: string; router?: string },
): void {
  const hName = handlerArg ? ctx.st.codeOf(handlerArg) : undefined;
  const h = ctx.handler(hName && /^[A-Za-z_]\w*$/.test(hName) ? hName : undefined);
  const start = lineStart(ctx.code, call.start);
  ctx.entry({
    kind: 'http',
    framework,
    method,
    path: path?.value ?? '*',
    ...(!path || path.dynamic ? { dynamic: true } : {}),
    range: ctx.st.range(call.start, call.end),
    ...(h.handler ? { handler: h.handler } : {}),
    declaredAt: [ctx.st.declared(start, call.end), ...(h.declared ? [h.declared] : [])],
    ...where,
  });
}

/** The team's own registration calls (seclife.json `attackSurface.patterns`). */
function readCustom(ctx: PyContext, patterns: DetectorOptions['patterns']): void {
  if (patterns.length === 0 || !ctx.options.enabled('custom')) return;
  for (const p of patterns) {
    if (!/^[A-Za-z_]\w*$/.test(p.callee)) continue;
    for (const call of ctx.st.calls(p.callee)) {
      guarded(ctx, call.start, () => {
        const { pos } = ctx.args(call);
        const arg = p.pathArgument !== undefined ? pos[p.pathArgument] : undefined;
        const v = arg ? ctx.stringValue(arg) : undefined;
        const start = lineStart(ctx.code, call.start);
        ctx.entry({
          kind: p.kind,
          framework: 'custom',
          ...(p.kind === 'http' ? { method: (p.method ?? 'ALL').toUpperCase() } : p.method ? { method: p.method } : {}),
          ...(p.pathArgument !== undefined
            ? { path: v?.value ?? '*', ...(!v || v.dynamic ? { dynamic: true } : {}) }
            : {}),
          range: ctx.st.range(call.start, call.end),
          declaredAt: [ctx.st.declared(start, call.end)],
        });
      });
    }
  }
}

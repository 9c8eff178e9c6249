/**
 * Embedded C network stacks (docs/attack-surface.md, Detectors, C and C++; family
 * `c-embedded`): Mongoose (`mg_http_listen`, `mg_http_match_uri`, `mg_match`), CivetWeb
 * (`mg_set_request_handler`, `mg_set_websocket_handler`, `mg_start` with `listening_ports`),
 * libmicrohttpd (`MHD_start_daemon`), libcoap (`coap_resource_init` + `coap_register_handler`),
 * lwIP raw API (`tcp_bind`, `udp_bind`), Eclipse Paho (`MQTTClient_subscribe`,
 * `MQTTAsync_subscribe`), Mosquitto (`mosquitto_subscribe`) and ESP-IDF
 * (`httpd_register_uri_handler` with its `httpd_uri_t` initializer, `httpd_start`).
 */
import type { Span } from '../../rules/lexicalHelpers';
import { type Bind, bindOf } from '../entryPoint';
import type { FoundCall } from '../python/surfaceText';
import { portOf } from '../python/surfaceText';
import type { CContext } from './cContext';

const EMBEDDED_CALLS =
  'mg_http_listen|mg_listen|mg_http_match_uri|mg_match|mg_vcmp|mg_set_request_handler|mg_set_websocket_handler|mg_start|MHD_start_daemon|coap_resource_init|coap_register_handler|coap_register_request_handler|tcp_bind|udp_bind|MQTTClient_subscribe|MQTTAsync_subscribe|mosquitto_subscribe|httpd_register_uri_handler|httpd_start|httpd_ssl_start';

/** Calls of each kind read at most (a generated table of thousands is cut there). */
const MAX_PER_KIND = 5_000;

export function readEmbedded(ctx: CContext): void {
  const calls = ctx.st.calls(EMBEDDED_CALLS);
  if (calls.length === 0) return;
  const resources = coapResources(ctx, calls);
  const seen = new Map<string, number>();
  for (const call of calls) {
    const name = call.callee.replace(/^::/, '');
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > MAX_PER_KIND) {
      if (n === MAX_PER_KIND + 1)
        ctx.st.problem(call.start, call.end, `more than ${MAX_PER_KIND} ${name} calls: the rest are not read`);
      continue;
    }
    ctx.guarded(call.start, () => readCall(ctx, call, name, resources));
  }
}

function readCall(ctx: CContext, call: FoundCall, name: string, resources: Map<string, string | undefined>): void {
  const a = call.args;
  switch (name) {
    case 'mg_http_listen':
    case 'mg_listen':
      mongooseListen(ctx, call);
      return;
    case 'mg_http_match_uri':
      route(ctx, call, 'ALL', ctx.string(a[1]));
      return;
    case 'mg_match':
      // mg_match(hm->uri, mg_str("/api/x"), NULL)
      if (a[0] && /\buri\b/.test(ctx.code.slice(a[0].start, a[0].end))) route(ctx, call, 'ALL', ctx.string(a[1]));
      return;
    case 'mg_vcmp':
      if (a[0] && /\buri\b/.test(ctx.code.slice(a[0].start, a[0].end))) route(ctx, call, 'ALL', ctx.string(a[1]));
      return;
    case 'mg_set_request_handler':
      route(ctx, call, 'ALL', ctx.string(a[1]), a[2]);
      return;
    case 'mg_set_websocket_handler':
      route(ctx, call, 'WS', ctx.string(a[1]), a[2]);
      return;
    case 'mg_start':
      civetwebStart(ctx, call);
      return;
    case 'MHD_start_daemon': {
      const port = portOf(ctx.number(a[1]));
      ctx.listen(call, 'c-embedded', port, 'all', 'tcp', a[4] ? ctx.st.codeOf(a[4]) : undefined);
      return;
    }
    case 'coap_register_handler':
    case 'coap_register_request_handler':
      coapHandler(ctx, call, resources);
      return;
    case 'tcp_bind':
    case 'udp_bind':
      ctx.listen(
        call,
        'c-embedded',
        portOf(ctx.number(a[2])),
        lwipBind(ctx, a[1]),
        name === 'udp_bind' ? 'udp' : 'tcp',
      );
      return;
    case 'MQTTClient_subscribe':
    case 'MQTTAsync_subscribe':
      message(ctx, call, a[1]);
      return;
    case 'mosquitto_subscribe':
      message(ctx, call, a[2]);
      return;
    case 'httpd_register_uri_handler':
      espHandler(ctx, call);
      return;
    case 'httpd_start':
    case 'httpd_ssl_start':
      espStart(ctx, call, name === 'httpd_ssl_start');
      return;
  }
}

/** An HTTP route of an embedded server (path `*` and dynamic when not a constant). */
function route(ctx: CContext, call: FoundCall, method: string, path: string | undefined, handlerArg?: Span): void {
  const h = handlerArg ? ctx.functionNamed(ctx.st.codeOf(handlerArg)) : undefined;
  ctx.entry({
    kind: 'http',
    framework: 'c-embedded',
    method,
    path: path ?? '*',
    ...(path === undefined ? { dynamic: true } : {}),
    range: ctx.st.range(call.start, call.end),
    ...(h ? { handler: h.handler } : {}),
    declaredAt: [ctx.declared(call), ...(h ? [h.declared] : [])],
  });
}

/** A URL's host and port (`http://0.0.0.0:8000`, `udp://:1234`, `tcp://[::]:80`, `8080`). */
function urlAddress(url: string): { bind: Bind; port?: number; udp: boolean } {
  const m = /^(?:([a-z]+):\/\/)?(\[[^\]]*\]|[^:/[\]]*)(?::(\d{1,5}))?/i.exec(url.trim());
  if (!m) return { bind: 'unspecified', udp: false };
  const host = m[2]!.replace(/^\[|\]$/g, '');
  const port = portOf(m[3] ? Number(m[3]) : /^\d{1,5}$/.test(host) ? Number(host) : undefined);
  const hostBind = /^\d{1,5}$/.test(host) && !m[3] ? 'all' : bindOf(host);
  return { bind: hostBind, ...(port !== undefined ? { port } : {}), udp: (m[1] ?? '').toLowerCase() === 'udp' };
}

/** Mongoose `mg_http_listen(&mgr, "http://0.0.0.0:8000", fn, NULL)`. */
function mongooseListen(ctx: CContext, call: FoundCall): void {
  const url = ctx.string(call.args[1]);
  const addr = url !== undefined ? urlAddress(url) : { bind: 'unspecified' as Bind, udp: false };
  const fn = call.args[2] ? ctx.st.codeOf(call.args[2]) : undefined;
  ctx.listen(call, 'c-embedded', addr.port, addr.bind, addr.udp ? 'udp' : 'tcp', fn);
}

/** CivetWeb `mg_start(&callbacks, NULL, options)` with `"listening_ports", "8080,127.0.0.1:8443s"` in the file. */
function civetwebStart(ctx: CContext, call: FoundCall): void {
  const key = /"listening_ports"[\s,]*"([^"\n]{1,200})"/.exec(ctx.text);
  if (!key) {
    ctx.listen(call, 'c-embedded', undefined, 'unspecified', 'tcp');
    return;
  }
  for (const part of key[1]!.split(',')) {
    const p = part.trim().replace(/[sr]$/, '');
    const addr = urlAddress(p);
    ctx.listen(call, 'c-embedded', addr.port, addr.bind, 'tcp');
  }
}

/** lwIP `IP_ADDR_ANY` / `IP4_ADDR_ANY` / `IP6_ADDR_ANY` / `IP_ANY_TYPE` / `NULL`: all; `IP_ADDR_LOOPBACK`: loopback. */
function lwipBind(ctx: CContext, arg: Span | undefined): Bind {
  const t = arg ? ctx.code.slice(arg.start, arg.end).trim() : '';
  if (/^&?\s*(?:IP_ADDR_ANY|IP4_ADDR_ANY4?|IP6_ADDR_ANY6?|IP_ANY_TYPE|IP_ADDR_ANY_TYPE|NULL|0)$/.test(t)) return 'all';
  if (/LOOPBACK|loopback/.test(t)) return 'loopback';
  return 'unspecified';
}

/** A message subscription (Paho, Mosquitto): the topic, `*` when not a constant. */
function message(ctx: CContext, call: FoundCall, topicArg: Span | undefined): void {
  const topic = ctx.string(topicArg);
  ctx.entry({
    kind: 'message',
    framework: 'c-embedded',
    path: topic ?? '*',
    ...(topic === undefined ? { dynamic: true } : {}),
    range: ctx.st.range(call.start, call.end),
    declaredAt: [ctx.declared(call)],
  });
}

/** libcoap: `r = coap_resource_init(coap_make_str_const("temp"), 0)` → the variable's CoAP path. */
function coapResources(ctx: CContext, calls: FoundCall[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const c of calls) {
    if (c.callee !== 'coap_resource_init') continue;
    const before = ctx.code.slice(Math.max(0, c.start - 120), c.start);
    const v = /([A-Za-z_]\w*)[ \t]*=[ \t]*(?:\([^()]*\)[ \t]*)?$/.exec(before);
    if (!v) continue;
    const path = ctx.string(c.args[0]);
    if (!out.has(v[1]!)) out.set(v[1]!, path);
  }
  return out;
}

/** `coap_register_handler(r, COAP_REQUEST_GET, hnd_get)` → `rpc coap:/temp`, method GET. */
function coapHandler(ctx: CContext, call: FoundCall, resources: Map<string, string | undefined>): void {
  const [res, method, handler] = call.args;
  if (!res || !method) return;
  const name = ctx.st.codeOf(res);
  const path = resources.get(name);
  const m = /^COAP_REQUEST_(?:CODE_)?([A-Z]+)$/.exec(ctx.st.codeOf(method));
  const h = handler ? ctx.functionNamed(ctx.st.codeOf(handler)) : undefined;
  ctx.entry({
    kind: 'rpc',
    framework: 'c-embedded',
    method: m ? m[1]! : '*',
    path: path !== undefined ? `coap:/${path.replace(/^\//, '')}` : 'coap:/*',
    ...(path === undefined ? { dynamic: true } : {}),
    range: ctx.st.range(call.start, call.end),
    ...(h ? { handler: h.handler } : {}),
    declaredAt: [ctx.declared(call), ...(h ? [h.declared] : [])],
  });
}

/** The fields of a designated initializer `{ .uri = "/x", .method = HTTP_GET, .handler = h }`. */
function fields(ctx: CContext, open: number): Map<string, Span> {
  const out = new Map<string, Span>();
  for (const item of ctx.st.items(open)) {
    const m = /^\.[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*/.exec(
      ctx.code.slice(item.start, Math.min(item.end, item.start + 60)),
    );
    if (m) out.set(m[1]!, { start: item.start + m[0].length, end: item.end });
  }
  return out;
}

/** ESP-IDF `httpd_register_uri_handler(server, &uri_get)` with `httpd_uri_t uri_get = { .uri = …, .method = … }`. */
function espHandler(ctx: CContext, call: FoundCall): void {
  const arg = call.args[1];
  if (!arg) return;
  const t = ctx.st.codeOf(arg);
  let open = -1;
  let declStart = -1;
  const literal = /^&?\s*\(\s*(?:const\s+)?httpd_uri_t\s*\)\s*\{/.exec(t);
  if (literal) open = ctx.code.indexOf('{', arg.start);
  else {
    const name = /^&?\s*([A-Za-z_]\w*)$/.exec(t);
    if (!name) {
      route(ctx, call, 'ALL', undefined);
      return;
    }
    const re = new RegExp(`\\bhttpd_uri_t[ \\t]+${name[1]}[ \\t]*=[ \\t]*\\{`);
    const m = re.exec(ctx.code);
    if (!m) {
      route(ctx, call, 'ALL', undefined);
      return;
    }
    open = m.index + m[0].length - 1;
    declStart = m.index;
  }
  const f = fields(ctx, open);
  const uri = ctx.string(f.get('uri'));
  const method = f.get('method') ? ctx.st.codeOf(f.get('method')!) : '';
  const ws = f.get('is_websocket') && /^true|1$/.test(ctx.st.codeOf(f.get('is_websocket')!));
  const mm = /^HTTP_([A-Z]+)$/.exec(method);
  const verb = ws ? 'WS' : mm ? (mm[1] === 'ANY' ? 'ALL' : mm[1]!) : 'ALL';
  const handler = f.get('handler') ? ctx.functionNamed(ctx.st.codeOf(f.get('handler')!)) : undefined;
  const declaredAt = [ctx.declared(call)];
  if (declStart >= 0) {
    let s = declStart;
    while (s > 0 && ctx.code[s - 1] !== '\n') s--;
    declaredAt.push(ctx.st.declared(s, ctx.st.closeOf(open)));
  }
  if (handler) declaredAt.push(handler.declared);
  ctx.entry({
    kind: 'http',
    framework: 'c-embedded',
    method: verb,
    path: uri ?? '*',
    ...(uri === undefined ? { dynamic: true } : {}),
    range: ctx.st.range(call.start, call.end),
    ...(handler ? { handler: handler.handler } : {}),
    declaredAt,
  });
}

/** ESP-IDF `httpd_start(&server, &config)`: port `config.server_port` when set in the file, else 80 (443 for TLS). */
function espStart(ctx: CContext, call: FoundCall, tls: boolean): void {
  const field = tls ? 'port_secure' : 'server_port';
  const m = new RegExp(`\\.${field}[ \\t]*=[ \\t]*([A-Za-z_]\\w*|\\d{1,5})[ \\t]*;`).exec(ctx.code);
  const at = m ? m.index + m[0].lastIndexOf(m[1]!) : 0;
  const port = m ? portOf(ctx.number({ start: at, end: at + m[1]!.length })) : tls ? 443 : 80;
  ctx.listen(call, 'c-embedded', port, 'all', 'tcp');
}

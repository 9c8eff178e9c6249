/**
 * C and C++ entry points, read lexically (docs/attack-surface.md, Detectors, C and C++):
 * BSD sockets (`socket()` + `bind()` with the port of `htons(<constant>)` and the address of
 * `INADDR_ANY` / `INADDR_LOOPBACK` / `inet_addr("…")` / `inet_pton(…, "…")`; a `recv` without
 * any `bind` is a socket of unknown port), `main(argc, argv)` as a command line, and the
 * embedded stacks of cEmbedded.ts (Mongoose, CivetWeb, libmicrohttpd, libcoap, lwIP, Paho,
 * Mosquitto, ESP-IDF). Nothing is compiled or preprocessed: `#define`s of a constant are
 * read, conditional compilation is not.
 */
import type { DetectorOptions } from '../detectorOptions';
import { type Bind, bindOf, emptySurface, type FileSurface } from '../entryPoint';
import { type FoundCall, portOf } from '../python/surfaceText';
import { CContext } from './cContext';
import { readEmbedded } from './cEmbedded';

/** Files without one of these words have no C entry point (checked before masking anything). */
const PRECHECK =
  /\b(?:bind|recv|recvfrom|recvmsg|w?main|mg_http_listen|mg_listen|mg_http_match_uri|mg_match|mg_vcmp|mg_set_request_handler|mg_set_websocket_handler|mg_start|MHD_start_daemon|coap_register_handler|coap_register_request_handler|tcp_bind|udp_bind|MQTTClient_subscribe|MQTTAsync_subscribe|mosquitto_subscribe|httpd_register_uri_handler|httpd_start|httpd_ssl_start)\b/;

export function detectCSurface(file: string, text: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  if (typeof text !== 'string' || text.length === 0) return surface;
  const custom = options.patterns.filter((p) => !p.languages || p.languages.includes('c'));
  if (!PRECHECK.test(text) && !custom.some((p) => text.includes(p.callee))) return surface;
  try {
    const ctx = new CContext(file, text, options, surface);
    if (options.enabled('c-socket')) readSockets(ctx);
    if (options.enabled('c-main')) readMain(ctx);
    if (options.enabled('c-embedded')) readEmbedded(ctx);
    if (options.enabled('custom')) readCustom(ctx, custom);
  } catch (error) {
    surface.problems.push({
      message: `the C entry points after this point were not read (${String(error).slice(0, 120)})`,
      range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
    });
  }
  return surface;
}

/** A C call with no receiver, or C++ `::name(`. */
const plain = (call: FoundCall, name: string) => call.callee === name || call.callee === `::${name}`;

/** The last of `list` (in text order) before `at`, else the first: the port, address or socket a bind most likely uses. */
function nearest<T extends { start: number }>(list: T[], at: number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return list[found] ?? list[0];
}

interface AddressHint {
  start: number;
  bind: Bind;
}

/** Where the file says which address a socket binds. */
function addressHints(ctx: CContext, calls: FoundCall[]): AddressHint[] {
  const out: AddressHint[] = [];
  const re = /\b(INADDR_ANY|in6addr_any|IN6ADDR_ANY_INIT|INADDR_LOOPBACK|in6addr_loopback|IN6ADDR_LOOPBACK_INIT)\b/g;
  for (let m: RegExpExecArray | null; (m = re.exec(ctx.code)); )
    out.push({ start: m.index, bind: /LOOPBACK|loopback/.test(m[1]!) ? 'loopback' : 'all' });
  for (const c of calls) {
    const arg =
      plain(c, 'inet_addr') || plain(c, 'inet_aton') ? c.args[0] : plain(c, 'inet_pton') ? c.args[1] : undefined;
    if (!arg) continue;
    const host = ctx.string(arg);
    out.push({ start: c.start, bind: host === undefined ? 'unspecified' : bindOf(host) });
  }
  return out.sort((a, b) => a.start - b.start);
}

function readSockets(ctx: CContext): void {
  const calls = ctx.st.calls('socket|bind|htons|inet_addr|inet_aton|inet_pton|getaddrinfo|recv|recvfrom|recvmsg');
  const sockets = calls.filter((c) => plain(c, 'socket') && c.args.length === 3);
  const binds = calls.filter((c) => plain(c, 'bind') && c.args.length === 3);
  const ports = calls.filter((c) => plain(c, 'htons') && c.args.length === 1);
  const lookups = calls.filter((c) => plain(c, 'getaddrinfo') && c.args.length === 4);
  const hints = addressHints(ctx, calls);
  const udpOf = (c: FoundCall | undefined) => (c ? /\bSOCK_DGRAM\b/.test(ctx.code.slice(c.open, c.end)) : false);
  for (const b of binds) {
    ctx.guarded(b.start, () => {
      let port = portOf(ctx.number(nearest(ports, b.start)?.args[0]));
      let bind = nearest(hints, b.start)?.bind ?? 'unspecified';
      const lookup = nearest(lookups, b.start);
      if (port === undefined && lookup) {
        const service = ctx.string(lookup.args[1]);
        port = service && /^\d{1,5}$/.test(service) ? portOf(Number(service)) : undefined;
        const node = ctx.code.slice(lookup.args[0]!.start, lookup.args[0]!.end).trim();
        bind = node === 'NULL' || node === '0' || node === 'nullptr' ? 'all' : bindOf(ctx.string(lookup.args[0]));
      }
      const protocol = udpOf(nearest(sockets, b.start)) ? 'udp' : 'tcp';
      ctx.listen(b, 'c-socket', port, bind, protocol);
    });
  }
  if (binds.length > 0) return;
  const recv = calls.find(
    (c) => (plain(c, 'recv') || plain(c, 'recvfrom') || plain(c, 'recvmsg')) && c.args.length >= 3,
  );
  if (!recv) return;
  const udp = recv.callee.endsWith('recvfrom') || sockets.some(udpOf);
  ctx.entry({
    kind: 'socket',
    framework: 'c-socket',
    protocol: udp ? 'udp' : 'tcp',
    range: ctx.st.range(recv.start, recv.end),
    declaredAt: [ctx.declared(recv)],
  });
}

/** `int main(int argc, char **argv)` / `char *argv[]` (also `wmain`, `const char`, `wchar_t`, a third `envp`). */
function readMain(ctx: CContext): void {
  const re = /\b(w?main)[ \t]*\(/g;
  for (let m: RegExpExecArray | null; (m = re.exec(ctx.code)); ) {
    if (ctx.blockOf(m.index)) continue;
    const open = m.index + m[0].length - 1;
    const close = ctx.st.closeOf(open);
    if (ctx.code[ctx.st.skipSpace(close)] !== '{') continue;
    const params = ctx.code.slice(open + 1, Math.min(close - 1, open + 200));
    if (
      !/^\s*int\s+\w+\s*,\s*(?:const\s+)?(?:char|wchar_t|_TCHAR|TCHAR)\s*(?:\*\s*(?:const\s*)?\*\s*\w+|\*\s*\w+\s*\[\s*\])/.test(
        params,
      )
    )
      continue;
    const start = ctx.signatureStart(m.index);
    const range = ctx.st.range(start, close);
    ctx.entry({
      kind: 'cli',
      framework: 'c-main',
      path: ctx.stem,
      range,
      handler: range,
      declaredAt: [ctx.st.declared(start, close)],
    });
    return;
  }
}

/** The team's own registration calls (seclife.json `attackSurface.patterns`). */
function readCustom(ctx: CContext, patterns: DetectorOptions['patterns']): void {
  for (const p of patterns) {
    if (!/^[A-Za-z_]\w*$/.test(p.callee)) continue;
    for (const call of ctx.st.calls(p.callee)) {
      ctx.guarded(call.start, () => {
        const arg = p.pathArgument !== undefined ? call.args[p.pathArgument] : undefined;
        const v = arg ? ctx.string(arg) : undefined;
        ctx.entry({
          kind: p.kind,
          framework: 'custom',
          ...(p.kind === 'http' ? { method: (p.method ?? 'ALL').toUpperCase() } : p.method ? { method: p.method } : {}),
          ...(p.pathArgument !== undefined ? { path: v ?? '*', ...(v === undefined ? { dynamic: true } : {}) } : {}),
          range: ctx.st.range(call.start, call.end),
          declaredAt: [ctx.declared(call)],
        });
      });
    }
  }
}

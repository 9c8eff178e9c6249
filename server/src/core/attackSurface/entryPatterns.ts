/**
 * The `Entry` attribute of an IF item (docs/attack-surface.md, Declaring): the entry points
 * it stands for, as patterns — `POST /api/login`, `GET /api/doses/*`, `/admin/*` (any
 * method), `socket tcp 8443`, `port 8443`, `message rpm/+/vitals`, `rpc rpm.Vitals/*`,
 * `cli rpm-admin`, `ipc save-file` — separated by `,` or `;`. And the route key two entry
 * points share when they are the same route written twice (code and OpenAPI).
 *
 * Matching is segment by segment (linear): `*` matches one segment, a trailing `*` or `**`
 * the rest; path parameters match whatever parameter or segment stands there.
 */
import type { EntryPoint, EntryPointKind } from './entryPoint';

export interface EntryPattern {
  /** As written, for messages. */
  text: string;
  kind?: EntryPointKind;
  /** Upper-case HTTP method; absent or `*`: any. */
  method?: string;
  /** Path segments (for `socket`: the port, optionally after the protocol). */
  segments: string[];
  /** A trailing `*`/`**`: the rest of the path, however long. */
  rest: boolean;
  protocol?: 'tcp' | 'udp';
  port?: number;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ALL', 'WS', '*']);
const KINDS = new Set<EntryPointKind>(['http', 'socket', 'message', 'rpc', 'cli', 'ipc']);
/** Patterns read from one attribute value at most (a value is a line of Markdown). */
const MAX_PATTERNS = 200;

/** A path parameter in any framework's syntax: `:id`, `{id}`, `<int:id>`, `[id]`, `[...slug]`. */
function isParameter(segment: string): boolean {
  return /^(?::[^/]+|\{[^/{}]*\}|<[^/<>]*>|\[[^/[\]]*\])$/.test(segment);
}

/** `/api/v1/` → `['api', 'v1']`; topics and RPC names split the same way. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Parses one attribute value into patterns; what cannot be read is returned as `invalid`. */
export function parseEntryPatterns(value: string): { patterns: EntryPattern[]; invalid: string[] } {
  const patterns: EntryPattern[] = [];
  const invalid: string[] = [];
  for (const raw of value.split(/[,;]/).slice(0, MAX_PATTERNS)) {
    const text = raw.replace(/`/g, '').trim();
    if (!text || /^(?:none|n\/a|-|—)$/i.test(text)) continue;
    const words = text.split(/\s+/);
    let kind: EntryPointKind | undefined;
    let method: string | undefined;
    const first = words[0].toLowerCase();
    if (KINDS.has(first as EntryPointKind)) {
      kind = first as EntryPointKind;
      words.shift();
    } else if (first === 'port' || first === 'tcp' || first === 'udp') kind = 'socket';
    else if (METHODS.has(words[0].toUpperCase()) && words.length > 1) {
      kind = 'http';
      method = words.shift()!.toUpperCase();
    } else if (words[0].startsWith('/')) kind = 'http';
    if (kind === 'socket') {
      let protocol: 'tcp' | 'udp' | undefined;
      if (words[0]?.toLowerCase() === 'port') words.shift();
      if (words[0]?.toLowerCase() === 'tcp' || words[0]?.toLowerCase() === 'udp') {
        protocol = words.shift()!.toLowerCase() as 'tcp' | 'udp';
      }
      const port = Number(words[0]);
      if (words.length === 1 && Number.isInteger(port) && port > 0 && port < 65536) {
        patterns.push({ text, kind, segments: [], rest: false, port, ...(protocol && { protocol }) });
      } else if (words.length === 1 && words[0] === '*') {
        patterns.push({ text, kind, segments: [], rest: true, ...(protocol && { protocol }) });
      } else invalid.push(text);
      continue;
    }
    if (kind === undefined || words.length !== 1) {
      invalid.push(text);
      continue;
    }
    if (kind === 'http' && method === undefined && METHODS.has(words[0].toUpperCase())) {
      invalid.push(text);
      continue;
    }
    const segments = pathSegments(words[0]);
    const rest = segments.length > 0 && (segments.at(-1) === '*' || segments.at(-1) === '**');
    if (rest) segments.pop();
    patterns.push({ text, kind, ...(method && method !== '*' && { method }), segments, rest });
  }
  return { patterns, invalid };
}

/** Whether a pattern stands for an entry point whose full path is `path`. */
export function entryMatches(
  p: EntryPattern,
  e: Pick<EntryPoint, 'kind' | 'method' | 'port' | 'protocol'>,
  path: string | undefined,
): boolean {
  if (p.kind && p.kind !== e.kind) return false;
  if (e.kind === 'socket') {
    if (p.protocol && e.protocol && p.protocol !== e.protocol) return false;
    return p.rest || (p.port !== undefined && p.port === e.port);
  }
  if (p.method && p.method !== 'ALL' && e.method !== undefined && e.method !== 'ALL' && p.method !== e.method) {
    return false;
  }
  const segments = pathSegments(path ?? '');
  if (segments.length < p.segments.length) return false;
  if (!p.rest && segments.length !== p.segments.length) return false;
  for (let i = 0; i < p.segments.length; i++) {
    const want = p.segments[i];
    const have = segments[i];
    if (want === '*' || isParameter(want) || isParameter(have)) continue;
    if (want !== have) return false;
  }
  return true;
}

/**
 * One key for the same route written in different places (a framework route and an OpenAPI
 * operation): kind, method and the path with every parameter as `{}`; `undefined` for what
 * has no path.
 */
export function routeKey(
  e: Pick<EntryPoint, 'kind' | 'method' | 'port' | 'protocol'>,
  path: string | undefined,
): string | undefined {
  if (e.kind === 'socket') return e.port === undefined ? undefined : `socket ${e.protocol ?? 'tcp'} ${e.port}`;
  if (path === undefined || path.includes('*')) return undefined;
  const normal = pathSegments(path)
    .map((s) => (isParameter(s) ? '{}' : s))
    .join('/');
  return `${e.kind} ${e.method ?? 'ALL'} /${normal}`;
}

/** `/api` + `/v1/` + `:id` → `/api/v1/:id` (one `/` between parts, none at the end but for the root). */
export function joinPaths(...parts: string[]): string {
  const segments: string[] = [];
  for (const p of parts) for (const s of pathSegments(p)) segments.push(s);
  return `/${segments.join('/')}`;
}

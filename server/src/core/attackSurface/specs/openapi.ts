/**
 * OpenAPI 3.0/3.1 and Swagger 2.0 descriptions (docs/attack-surface.md, Detectors): every
 * operation under `paths` is an `http` entry point of framework `openapi` — the method in
 * upper case, the path the base path joined with the path template as written
 * (`/v1/users/{id}`), the range the operation's key. The base path is the path part of the
 * first server's URL (OpenAPI 3: `servers[0].url`, a path item's or operation's own
 * `servers` first, server variables replaced by their defaults) or `basePath` (Swagger 2).
 *
 * Middleware: `security:<scheme>` for each scheme the operation requires (its own
 * `security`, else the document's), `security:none` for an empty list or an empty
 * requirement (`{}`: anonymous access allowed). A path item's `$ref` inside the same file is
 * followed once; a `$ref` to another file is a problem (its operations are not known).
 * Webhooks and callbacks are requests the API sends, not entry points.
 */
import type { DetectorOptions } from '../detectorOptions';
import { emptySurface, type FileSurface } from '../entryPoint';
import {
  addEntry,
  declaredSpan,
  entries,
  entry,
  get,
  items,
  lastLineOf,
  parseSpec,
  rangeOf,
  resolvePointer,
  type SpecEntry,
  type SpecNode,
  type SpecText,
  text,
  textAt,
} from './specTree';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Whether the text may be an OpenAPI or Swagger description (cheap test before parsing). */
export function mayBeOpenApi(source: string): boolean {
  return /(?:^|["'\s{,])(?:openapi|swagger)["']?\s*:/m.test(source.slice(0, 200_000)) && source.includes('paths');
}

export function detectOpenApi(file: string, source: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  if (!options.enabled('openapi') || !mayBeOpenApi(source)) return surface;
  const spec = parseSpec(file, source);
  surface.problems.push(...spec.problems);
  const root = spec.roots[0];
  if (root) readOpenApi(file, spec, root, surface);
  return surface;
}

/** Reads one OpenAPI/Swagger document root into the surface (nothing when it is not one). */
export function readOpenApi(file: string, spec: SpecText, root: SpecNode, surface: FileSurface): void {
  const openapi = entry(root, 'openapi');
  const swagger = entry(root, 'swagger');
  const version = openapi ?? swagger;
  if (!version) return; // a YAML or JSON file that is no API description
  const v = text(version.value) ?? '';
  const isV3 = openapi !== undefined && /^3\.\d/.test(v);
  const isV2 = swagger !== undefined && /^2\.0/.test(v);
  if (!isV3 && !isV2) {
    surface.problems.push({
      message: `${openapi ? 'OpenAPI' : 'Swagger'} version ${JSON.stringify(v)} is not read (Seclife reads OpenAPI 3.0/3.1 and Swagger 2.0); its operations are not known`,
      range: rangeOf(spec.lines, version.start, version.end),
    });
    return;
  }
  const rootBase = isV3 ? serverBase(get(root, 'servers')) : normalizeBase(textAt(root, 'basePath') ?? '');
  const globalSecurity = get(root, 'security');
  for (const p of entries(get(root, 'paths'))) {
    if (!p.key.startsWith('/')) continue; // `x-…` extensions
    try {
      let item = p.value;
      const ref = textAt(item, '$ref');
      const own = item;
      if (ref !== undefined) {
        item = followRef(file, spec, root, ref, p, surface);
      }
      const readItem = (node: SpecNode | undefined) => {
        const itemBase = isV3 ? (serverBase(get(node, 'servers')) ?? rootBase) : rootBase;
        for (const op of entries(node)) {
          if (!METHODS.has(op.key)) continue;
          const base = isV3 ? (serverBase(get(op.value, 'servers')) ?? itemBase) : itemBase;
          const ownSecurity = get(op.value, 'security');
          const full = joinPath(base ?? '', p.key);
          const range = rangeOf(spec.lines, op.start, op.end);
          const endLine = lastLineOf(spec.lines, op.start, op.value ? op.value.end : op.end);
          const ok = addEntry(surface, {
            kind: 'http',
            framework: 'openapi',
            method: op.key.toUpperCase(),
            path: full,
            bind: 'unspecified',
            file,
            range,
            middleware: security(ownSecurity ?? globalSecurity),
            declaredAt: declaredSpan(spec.lines, range.line, endLine, '#'),
          });
          if (!ok) return;
        }
      };
      readItem(item);
      // A path item may hold operations next to its `$ref` (OpenAPI 3.1 allows siblings).
      if (ref !== undefined && own !== item) readItem(own);
    } catch (e) {
      surface.problems.push({
        message: `path ${JSON.stringify(p.key)} skipped: ${e instanceof Error ? e.message : String(e)}`,
        range: rangeOf(spec.lines, p.start, p.end),
      });
    }
  }
}

/** A path item's `$ref`: a local pointer is followed once; another file's, or a `$ref` to a `$ref`, is a problem. */
function followRef(
  file: string,
  spec: SpecText,
  root: SpecNode,
  ref: string,
  p: SpecEntry,
  surface: FileSurface,
): SpecNode | undefined {
  const at = rangeOf(spec.lines, p.start, p.end);
  if (!ref.startsWith('#')) {
    surface.problems.push({
      message: `path ${JSON.stringify(p.key)} refers to ${JSON.stringify(ref)} in another file, which is not followed; its operations are not known`,
      range: at,
    });
    return undefined;
  }
  const target = resolvePointer(root, ref);
  if (!target) {
    surface.problems.push({
      message: `path ${JSON.stringify(p.key)}: ${JSON.stringify(ref)} names nothing in ${file}`,
      range: at,
    });
    return undefined;
  }
  if (textAt(target, '$ref') !== undefined) {
    surface.problems.push({
      message: `path ${JSON.stringify(p.key)}: ${JSON.stringify(ref)} is itself a $ref, which is not followed; its operations are not known`,
      range: at,
    });
    return undefined;
  }
  return target;
}

/** `security:<scheme>` per scheme of every requirement, `security:none` for `[]` or `{}`. */
function security(node: SpecNode | undefined): string[] {
  if (node?.type !== 'seq') return [];
  if (node.items.length === 0) return ['security:none'];
  const out: string[] = [];
  for (const requirement of items(node)) {
    const schemes = entries(requirement);
    if (requirement.type === 'map' && schemes.length === 0) out.push('security:none');
    for (const s of schemes) out.push(`security:${s.key}`);
  }
  return [...new Set(out)];
}

/** The path part of the first server's URL, its `{variables}` replaced by their defaults; undefined without servers. */
function serverBase(servers: SpecNode | undefined): string | undefined {
  const first = items(servers)[0];
  if (!first) return undefined;
  let url = textAt(first, 'url');
  if (url === undefined) return undefined;
  const variables = get(first, 'variables');
  url = url.replace(/\{([^{}]{1,100})\}/g, (whole, name: string) => textAt(get(variables, name), 'default') ?? whole);
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(url) ?? /^\/\/[^/]*/.exec(url);
  return normalizeBase(scheme ? url.slice(scheme[0].length) : url);
}

/** `/v1/` → `/v1`, `v1` → `/v1`, `/` → ``; a query or fragment is dropped. */
function normalizeBase(base: string): string {
  let b = base.replace(/[?#].*$/s, '');
  if (b !== '' && !b.startsWith('/')) b = `/${b}`;
  while (b.endsWith('/')) b = b.slice(0, -1);
  return b;
}

/** The base path and the template as written side by side (`/v1` + `/users/{id}`). */
export function joinPath(base: string, template: string): string {
  return `${base}${template}`;
}

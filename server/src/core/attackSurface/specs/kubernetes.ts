/**
 * Kubernetes manifests (docs/attack-surface.md, Detectors), framework `kubernetes`, every
 * document of a `---` stream:
 * - `kind: Service`: each `spec.ports[]` item is a `socket` entry point — its `port`, its
 *   `protocol` (TCP by default; UDP; SCTP is a problem), path = `metadata.name`. A
 *   `LoadBalancer` or `NodePort` Service is reachable from outside the cluster (bind `all`);
 *   any other type binds `{ address: 'cluster' }` (reachable inside the cluster only).
 * - `kind: Ingress`: each `spec.rules[].http.paths[]` item is an `http` entry point, method
 *   `ALL`, path = the rule's `path` (default `/`), prefixed by the rule's `host` when one is
 *   set (`api.example.com/v1`); bind `all` (an Ingress is the cluster's way in).
 * Other kinds (Deployment, ConfigMap, …) give nothing. Helm templates: template actions
 * (`{{ … }}`) are blanked out before parsing, so a value written as a template reads as
 * empty (a port that is a template is a problem, not a guess).
 */
import type { DetectorOptions } from '../detectorOptions';
import { type Bind, emptySurface, type FileSurface } from '../entryPoint';
import {
  addEntry,
  declaredSpan,
  entry,
  get,
  items,
  nodeRange,
  parseYamlStream,
  type SpecNode,
  type SpecText,
  text,
  textAt,
} from './specTree';

/** Replaces every `{{ … }}` template action by spaces (line breaks kept), so offsets stay put. */
export function blankTemplates(source: string): string {
  if (!source.includes('{{')) return source;
  let out = '';
  let at = 0;
  for (;;) {
    const open = source.indexOf('{{', at);
    if (open < 0) break;
    const close = source.indexOf('}}', open + 2);
    const end = close < 0 ? source.length : close + 2;
    out += source.slice(at, open) + source.slice(open, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return out + source.slice(at);
}

export function detectKubernetes(file: string, source: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  if (!options.enabled('kubernetes') || !/\bkind\s*:\s*["']?(?:Service|Ingress)\b/.test(source)) return surface;
  const spec = parseYamlStream(file, blankTemplates(source));
  surface.problems.push(...spec.problems);
  for (const root of spec.roots) {
    const kind = textAt(root, 'kind');
    try {
      if (kind === 'Service' && !readService(file, spec, root, surface)) break;
      if (kind === 'Ingress' && !readIngress(file, spec, root, surface)) break;
    } catch (e) {
      surface.problems.push({
        message: `a ${kind} skipped: ${e instanceof Error ? e.message : String(e)}`,
        range: root ? nodeRange(spec.lines, root) : { line: 1, column: 1, endLine: 1, endColumn: 2 },
      });
    }
  }
  return surface;
}

function at(spec: SpecText, node: SpecNode) {
  const range = nodeRange(spec.lines, node);
  return { range, declaredAt: declaredSpan(spec.lines, range.line, range.endLine, '#') };
}

function readService(file: string, spec: SpecText, root: SpecNode | undefined, surface: FileSurface): boolean {
  const name = textAt(get(root, 'metadata'), 'name');
  const specNode = get(root, 'spec');
  const typeEntry = entry(specNode, 'type');
  const type = typeEntry ? text(typeEntry.value) : 'ClusterIP';
  // A type written as a template (Helm) is not known.
  const bind: Bind =
    type === undefined
      ? 'unspecified'
      : type === 'LoadBalancer' || type === 'NodePort'
        ? 'all'
        : { address: 'cluster' };
  for (const item of items(get(specNode, 'ports'))) {
    const where = at(spec, item);
    const portText = text(get(item, 'port'));
    const protocol = (textAt(item, 'protocol') ?? 'TCP').toUpperCase();
    const label = `${name ? `Service ${JSON.stringify(name)}` : 'a Service'}, port ${portText ?? '(not a constant)'}`;
    if (protocol !== 'TCP' && protocol !== 'UDP') {
      surface.problems.push({
        message: `${label}: ${protocol} is not a TCP or UDP port; it is not read`,
        range: where.range,
      });
      continue;
    }
    const port = portText !== undefined && /^\d{1,5}$/.test(portText) ? Number(portText) : undefined;
    if (port === undefined || port < 1 || port > 65535) {
      surface.problems.push({
        message: `${label}: not a constant port in 1–65535; it is not read`,
        range: where.range,
      });
      continue;
    }
    const ok = addEntry(surface, {
      kind: 'socket',
      framework: 'kubernetes',
      port,
      protocol: protocol === 'UDP' ? 'udp' : 'tcp',
      path: name,
      bind: typeof bind === 'string' ? bind : { ...bind },
      file,
      middleware: [],
      ...where,
    });
    if (!ok) return false;
  }
  return true;
}

function readIngress(file: string, spec: SpecText, root: SpecNode | undefined, surface: FileSurface): boolean {
  for (const rule of items(get(get(root, 'spec'), 'rules'))) {
    const host = textAt(rule, 'host');
    for (const item of items(get(get(rule, 'http'), 'paths'))) {
      let path = textAt(item, 'path') ?? '/';
      if (!path.startsWith('/')) path = `/${path}`;
      const ok = addEntry(surface, {
        kind: 'http',
        framework: 'kubernetes',
        method: 'ALL',
        path: host ? `${host}${path}` : path,
        bind: 'all',
        file,
        middleware: [],
        ...at(spec, item),
      });
      if (!ok) return false;
    }
  }
  return true;
}

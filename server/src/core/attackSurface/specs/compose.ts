/**
 * Docker Compose files (docs/attack-surface.md, Detectors): each port a service publishes on
 * the host (`services.<name>.ports`) is a `socket` entry point of framework `compose`, path
 * = the service's name, port = the published (host) port. Short syntax
 * `[[host_ip:]published:]target[/protocol]` (`"8080:80"`, `"127.0.0.1:8080:80"`,
 * `"[::1]:8080:80"`, `"9000-9001:9000-9001"` — one entry per published port) and the long
 * syntax (`target`, `published`, `host_ip`, `protocol`). Bind: `host_ip` through `bindOf`,
 * else `all` — Docker publishes on every host address by default. A port given only as the
 * container's (`"8443"`, or long syntax without `published`) is published on a port Docker
 * picks: an entry with no port. A value holding a variable (`${WEB_PORT}:80`) is a problem,
 * not a guess. `expose:` (reachable from other services only) is not an entry point.
 */
import type { DetectorOptions } from '../detectorOptions';
import { bindOf, emptySurface, type FileSurface } from '../entryPoint';
import {
  addEntry,
  declaredSpan,
  entries,
  get,
  items,
  nodeRange,
  parseYamlSpec,
  rangeOf,
  type SpecNode,
  type SpecText,
  text,
  textAt,
} from './specTree';

const MAX_RANGE = 100;

export function detectCompose(file: string, source: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  // A Compose file names its services at the top level (the Compose Specification).
  if (!options.enabled('compose') || !source.includes('ports') || !/^["']?services["']?[ \t]*:/m.test(source))
    return surface;
  const spec = parseYamlSpec(file, source);
  surface.problems.push(...spec.problems);
  const root = spec.roots[0];
  for (const service of entries(get(root, 'services'))) {
    for (const port of items(get(service.value, 'ports'))) {
      try {
        if (!readPort(file, spec, service.key, port, surface)) return surface;
      } catch (e) {
        surface.problems.push({
          message: `a port of service ${JSON.stringify(service.key)} skipped: ${e instanceof Error ? e.message : String(e)}`,
          range: rangeOf(spec.lines, port.start, port.end),
        });
      }
    }
  }
  return surface;
}

interface PortSpec {
  hostIp?: string;
  published?: string;
  protocol: string;
}

/** `127.0.0.1:8080:80/udp` → host_ip, published, protocol (the target is not needed). */
export function parseShortPort(value: string): PortSpec {
  let v = value.trim();
  let protocol = 'tcp';
  const slash = v.lastIndexOf('/');
  if (slash >= 0) {
    protocol = v.slice(slash + 1).toLowerCase();
    v = v.slice(0, slash);
  }
  const parts = v.split(':');
  if (parts.length === 1) return { protocol };
  const published = parts[parts.length - 2];
  if (parts.length === 2) return { published: published || undefined, protocol };
  let hostIp = parts.slice(0, -2).join(':');
  if (hostIp.startsWith('[') && hostIp.endsWith(']')) hostIp = hostIp.slice(1, -1);
  return { hostIp, published: published || undefined, protocol };
}

/** One `ports` item; false when the file gave all the entries it may. */
function readPort(file: string, spec: SpecText, service: string, node: SpecNode, surface: FileSurface): boolean {
  const range = nodeRange(spec.lines, node);
  const declaredAt = declaredSpan(spec.lines, range.line, range.endLine, '#');
  let port: PortSpec;
  let written: string;
  if (node.type === 'map') {
    const published = textAt(node, 'published');
    port = { hostIp: textAt(node, 'host_ip'), published, protocol: (textAt(node, 'protocol') ?? 'tcp').toLowerCase() };
    written = `published ${published ?? '(none)'}`;
  } else {
    const value = text(node);
    if (value === undefined) return true;
    written = value;
    // A bare number is the container's port (YAML reads `- 8443` as a number).
    port = typeof (node as { value: unknown }).value === 'number' ? { protocol: 'tcp' } : parseShortPort(value);
  }
  const problem = (message: string) => {
    surface.problems.push({ message: `service ${JSON.stringify(service)}, port ${written}: ${message}`, range });
    return true;
  };
  if ([port.hostIp, port.published, port.protocol].some((s) => s?.includes('$')))
    return problem('holds a variable, not a constant; this port is not known');
  if (port.protocol !== 'tcp' && port.protocol !== 'udp') return problem('not a TCP or UDP port; it is not read');
  const bind = port.hostIp !== undefined ? bindOf(port.hostIp) : 'all';
  const base = {
    kind: 'socket' as const,
    framework: 'compose',
    protocol: port.protocol as 'tcp' | 'udp',
    path: service,
    bind,
    file,
    range,
    middleware: [],
    declaredAt,
  };
  if (port.published === undefined) return addEntry(surface, { ...base, middleware: [], declaredAt: [...declaredAt] });
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(port.published.trim());
  if (!m) return problem('the published port is not a number; it is not read');
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  if (from < 1 || to > 65535 || to < from) return problem('the published port is not in 1–65535; it is not read');
  if (to - from >= MAX_RANGE)
    problem(`a range of ${to - from + 1} ports; only the first ${MAX_RANGE} are entry points`);
  for (let p = from; p <= Math.min(to, from + MAX_RANGE - 1); p++)
    if (!addEntry(surface, { ...base, port: p, middleware: [], declaredAt: [...declaredAt] })) return false;
  return true;
}

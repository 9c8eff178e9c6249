/**
 * AsyncAPI descriptions (docs/attack-surface.md, Detectors): the messages the application
 * receives are `message` entry points of framework `asyncapi`, path = the channel.
 * - AsyncAPI 2.x: `channels.<name>.publish`. In 2.x the verbs are the client's: the Channel
 *   Item Object's `publish` "defines the messages consumed by the application from the
 *   channel", `subscribe` the messages it produces — so `publish` is the entry point and
 *   `subscribe` is not. The range is the `publish` key; the channel name as written
 *   (`rpm/{deviceId}/vitals`). A channel item's local `$ref` is followed once.
 * - AsyncAPI 3.x: every `operations.<id>` with `action: receive`; its `channel` (a local
 *   `$ref` to `#/channels/<key>`) gives the path: the channel's `address`, or `*` (dynamic)
 *   when the address is null or absent (the specification: unknown, resolved at runtime).
 *   The range is the operation's key. `action: send` is not an entry point.
 * Other versions are a problem.
 */
import type { DetectorOptions } from '../detectorOptions';
import { emptySurface, type FileSurface } from '../entryPoint';
import {
  addEntry,
  declaredSpan,
  entries,
  entry,
  get,
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

export function detectAsyncApi(file: string, source: string, options: DetectorOptions): FileSurface {
  const surface = emptySurface();
  if (!options.enabled('asyncapi') || !source.includes('asyncapi')) return surface;
  const spec = parseSpec(file, source);
  surface.problems.push(...spec.problems);
  const root = spec.roots[0];
  const version = entry(root, 'asyncapi');
  if (!root || !version) return surface;
  const v = text(version.value) ?? '';
  if (/^2\./.test(v)) readV2(file, spec, root, surface);
  else if (/^3\./.test(v)) readV3(file, spec, root, surface);
  else
    surface.problems.push({
      message: `AsyncAPI version ${JSON.stringify(v)} is not read (Seclife reads AsyncAPI 2.x and 3.x); its channels are not known`,
      range: rangeOf(spec.lines, version.start, version.end),
    });
  return surface;
}

function add(file: string, spec: SpecText, key: SpecEntry, path: string | undefined, surface: FileSurface): boolean {
  const range = rangeOf(spec.lines, key.start, key.end);
  const endLine = lastLineOf(spec.lines, key.start, key.value ? key.value.end : key.end);
  return addEntry(surface, {
    kind: 'message',
    framework: 'asyncapi',
    path: path ?? '*',
    ...(path === undefined ? { dynamic: true } : {}),
    bind: 'unspecified',
    file,
    range,
    middleware: [],
    declaredAt: declaredSpan(spec.lines, range.line, endLine, '#'),
  });
}

/** A local `$ref` followed once; another file's is a problem. */
function follow(spec: SpecText, root: SpecNode, node: SpecNode | undefined, at: SpecEntry, surface: FileSurface) {
  const ref = textAt(node, '$ref');
  if (ref === undefined) return node;
  const target = ref.startsWith('#') ? resolvePointer(root, ref) : undefined;
  if (!target || textAt(target, '$ref') !== undefined) {
    surface.problems.push({
      message: ref.startsWith('#')
        ? `${JSON.stringify(at.key)}: ${JSON.stringify(ref)} names nothing that can be read here (a $ref to a $ref is not followed)`
        : `${JSON.stringify(at.key)} refers to ${JSON.stringify(ref)} in another file, which is not followed`,
      range: rangeOf(spec.lines, at.start, at.end),
    });
    return undefined;
  }
  return target;
}

function readV2(file: string, spec: SpecText, root: SpecNode, surface: FileSurface): void {
  for (const channel of entries(get(root, 'channels'))) {
    const item = follow(spec, root, channel.value, channel, surface);
    const publish = entry(item, 'publish');
    if (publish && !add(file, spec, publish, channel.key, surface)) return;
  }
}

function readV3(file: string, spec: SpecText, root: SpecNode, surface: FileSurface): void {
  for (const op of entries(get(root, 'operations'))) {
    const operation = follow(spec, root, op.value, op, surface);
    if (textAt(operation, 'action') !== 'receive') continue;
    const channel = follow(spec, root, get(operation, 'channel'), op, surface);
    const address = get(channel, 'address');
    const path = address?.type === 'scalar' ? (text(address) ?? undefined) : undefined;
    if (!add(file, spec, op, path, surface)) return;
  }
}

/**
 * One located tree for the declarative entry-point files (docs/attack-surface.md,
 * Detectors): YAML (one document or a stream) and JSON are both read into {@link SpecNode}s
 * that keep their offsets, so the OpenAPI, AsyncAPI, Compose and Kubernetes readers see one
 * shape whatever the syntax.
 *
 * Bounded: a YAML alias is read once and shared (an alias bomb stays a small graph, and at
 * most {@link MAX_ALIASES} aliases are followed), nesting deeper than {@link MAX_DEPTH} is cut,
 * at most {@link MAX_NODES} nodes are read; each cut is one problem. Never throws.
 */
import { Node as JsonNode, ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node as YamlNode,
  parseAllDocuments,
  parseDocument,
} from 'yaml';
import type { Range } from '../../findings';
import type { EntryPoint, FileSurface } from '../entryPoint';
import { LineIndex } from '../../text';

export const MAX_DEPTH = 100;
/** Characters of one file read at most (a larger description is a problem, nothing is read). */
export const MAX_CHARS = 10_000_000;
export const MAX_NODES = 500_000;
export const MAX_ALIASES = 10_000;
/** Entry points one file yields at most. */
export const MAX_ENTRIES = 10_000;
/** YAML documents of one stream read at most (Kubernetes manifests). */
export const MAX_DOCUMENTS = 1_000;

export type SpecNode = SpecMap | SpecSeq | SpecScalar;

export interface SpecScalar {
  type: 'scalar';
  value: unknown;
  start: number;
  end: number;
}

export interface SpecSeq {
  type: 'seq';
  items: SpecNode[];
  start: number;
  end: number;
}

export interface SpecMap {
  type: 'map';
  entries: SpecEntry[];
  start: number;
  end: number;
}

/** A key and its value; `start`/`end` are the key's offsets. */
export interface SpecEntry {
  key: string;
  start: number;
  end: number;
  value: SpecNode | undefined;
}

export type SpecProblem = { message: string; range: Range };

/** A parsed file: the lines (for ranges and comment blocks), its documents' roots, and what could not be read. */
export interface SpecText {
  lines: LineIndex;
  roots: Array<SpecNode | undefined>;
  problems: SpecProblem[];
}

/** The range of [start, end) offsets, at least one character wide. */
export function rangeOf(lines: LineIndex, start: number, end: number): Range {
  const a = lines.positionAt(start);
  const b = lines.positionAt(Math.max(end, start + 1));
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** A node's range without the white space (line breaks) a YAML block value's range ends with. */
export function nodeRange(lines: LineIndex, node: { start: number; end: number }): Range {
  const text = lines.text;
  let e = Math.min(node.end, text.length);
  const floor = Math.max(node.start + 1, e - 10_000);
  while (e > floor && /\s/.test(text[e - 1])) e--;
  return rangeOf(lines, node.start, e);
}

/** The last line holding a character of [start, end) that is not white space (YAML value ranges end after the line break). */
export function lastLineOf(lines: LineIndex, start: number, end: number): number {
  const text = lines.text;
  let e = Math.min(end, text.length);
  const floor = Math.max(start, e - 10_000);
  while (e > floor && /\s/.test(text[e - 1])) e--;
  return lines.positionAt(Math.max(start, e - 1)).line;
}

/**
 * The line spans an `@interface` annotation declares an entry by (docs/attack-surface.md,
 * Declaring): the comment lines directly above `line` (a blank line breaks the block) and
 * the entry's own lines `line`..`endLine`.
 */
export function declaredSpan(
  lines: LineIndex,
  line: number,
  endLine: number,
  comment: '#' | '//',
): Array<{ line: number; endLine: number }> {
  let first = line;
  for (let l = line - 1; l >= 1 && line - l <= 1000; l--) {
    if (!lines.lineText(l).trimStart().startsWith(comment)) break;
    first = l;
  }
  return [{ line: first, endLine: Math.max(line, endLine) }];
}

export const atStart: Range = { line: 1, column: 1, endLine: 1, endColumn: 2 };

// ---- access helpers

export function get(node: SpecNode | undefined, key: string): SpecNode | undefined {
  return entry(node, key)?.value;
}

/** The entry of a key (the last one wins, as JSON.parse and YAML loaders that allow duplicates do). */
export function entry(node: SpecNode | undefined, key: string): SpecEntry | undefined {
  if (node?.type !== 'map') return undefined;
  let found: SpecEntry | undefined;
  for (const e of node.entries) if (e.key === key) found = e;
  return found;
}

export function entries(node: SpecNode | undefined): SpecEntry[] {
  return node?.type === 'map' ? node.entries : [];
}

export function items(node: SpecNode | undefined): SpecNode[] {
  return node?.type === 'seq' ? node.items : [];
}

/** A scalar's value as text (numbers and booleans written out); undefined for maps, sequences and null. */
export function text(node: SpecNode | undefined): string | undefined {
  if (node?.type !== 'scalar' || node.value === null || node.value === undefined) return undefined;
  const v = node.value;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

export function textAt(node: SpecNode | undefined, key: string): string | undefined {
  return text(get(node, key));
}

/**
 * Follows a local JSON pointer (`#/components/pathItems/Users`, `~1` for `/`, `~0` for `~`,
 * percent escapes decoded) from a document root. Undefined when it names nothing.
 */
export function resolvePointer(root: SpecNode | undefined, ref: string): SpecNode | undefined {
  if (!ref.startsWith('#')) return undefined;
  let pointer = ref.slice(1);
  try {
    pointer = decodeURIComponent(pointer);
  } catch {
    // kept as written
  }
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node = root;
  const parts = pointer.slice(1).split('/');
  if (parts.length > MAX_DEPTH) return undefined;
  for (const raw of parts) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node?.type === 'map') node = get(node, part);
    else if (node?.type === 'seq' && /^\d+$/.test(part)) node = node.items[Number(part)];
    else return undefined;
  }
  return node;
}

// ---- YAML

interface Budget {
  nodes: number;
  aliases: number;
  cut: string | undefined;
}

class YamlReader {
  private readonly memo = new Map<YamlNode, SpecNode | undefined>();
  /** The node each anchor names, the latest definition winning (YAML 1.2, 3.2.2.2). */
  private readonly anchors = new Map<string, YamlNode>();
  readonly budget: Budget = { nodes: 0, aliases: 0, cut: undefined };

  read(node: unknown, depth: number): SpecNode | undefined {
    if (node === null || node === undefined) return undefined;
    if (isAlias(node)) {
      if (++this.budget.aliases > MAX_ALIASES) {
        this.budget.cut ??= `more than ${MAX_ALIASES} YAML aliases; the rest are not followed`;
        return undefined;
      }
      // Anchors precede their aliases and nodes are read in document order, so the anchor
      // is known by now (the yaml package's own `resolve` searches the document per alias).
      const target = this.anchors.get(node.source);
      if (!target) return undefined;
      // A shared node is read once: an alias bomb stays a graph of its written size.
      if (this.memo.has(target)) return this.memo.get(target);
      this.memo.set(target, undefined); // an alias inside its own anchor reads as nothing
      const read = this.read(target, depth);
      this.memo.set(target, read);
      return read;
    }
    if (depth > MAX_DEPTH) {
      this.budget.cut ??= `nested deeper than ${MAX_DEPTH} levels; the deeper part is not read`;
      return undefined;
    }
    if (++this.budget.nodes > MAX_NODES) {
      this.budget.cut ??= `more than ${MAX_NODES} YAML nodes; the rest is not read`;
      return undefined;
    }
    const yn = node as YamlNode;
    if (typeof yn.anchor === 'string') this.anchors.set(yn.anchor, yn);
    const [start, end] = yn.range ?? [0, 0];
    if (isScalar(yn)) return { type: 'scalar', value: yn.value, start, end };
    if (isSeq(yn)) {
      const out: SpecNode[] = [];
      for (const item of yn.items) {
        const r = this.read(item, depth + 1);
        if (r) out.push(r);
      }
      return { type: 'seq', items: out, start, end };
    }
    if (isMap(yn)) {
      const out: SpecEntry[] = [];
      const merged: SpecMap[] = [];
      for (const pair of yn.items) {
        const key = pair.key;
        if (!isScalar(key) || key.value === null || typeof key.value === 'object') continue;
        const value = this.read(pair.value, depth + 1);
        if (key.value === '<<' && key.source === '<<') {
          // A merge key (`<<: *defaults`, Compose files use it): its map's keys are this map's unless written here.
          if (value?.type === 'map') merged.push(value);
          else for (const m of items(value)) if (m.type === 'map') merged.push(m);
          continue;
        }
        const [ks, ke] = key.range ?? [start, start];
        out.push({ key: String(key.value), start: ks, end: ke, value });
      }
      for (const m of merged)
        for (const e of m.entries) if (!out.some((o) => o.key === e.key) && out.length < MAX_NODES) out.push(e);
      return { type: 'map', entries: out, start, end };
    }
    return undefined;
  }
}

const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false, logLevel: 'silent', strict: false } as const;

function yamlError(file: string, lines: LineIndex, doc: Document.Parsed): SpecProblem | undefined {
  const e = doc.errors[0];
  if (!e) return undefined;
  return {
    message: `${file} is not valid YAML: ${e.message.split('\n')[0]}`,
    range: rangeOf(lines, e.pos[0], e.pos[1]),
  };
}

function readYamlDocument(file: string, lines: LineIndex, doc: Document.Parsed, out: SpecText): void {
  const error = yamlError(file, lines, doc);
  if (error) {
    // One located problem per file: later errors are usually echoes of the first.
    if (out.problems.length === 0) out.problems.push(error);
    out.roots.push(undefined);
    return;
  }
  const reader = new YamlReader();
  out.roots.push(reader.read(doc.contents, 0));
  if (reader.budget.cut) out.problems.push({ message: `${file}: ${reader.budget.cut}`, range: atStart });
}

/** Reads a YAML file of one document. */
export function parseYamlSpec(file: string, source: string): SpecText {
  const lines = new LineIndex(source);
  const out: SpecText = { lines, roots: [], problems: [] };
  if (tooLarge(file, source, out)) return out;
  try {
    readYamlDocument(file, lines, parseDocument(source, YAML_OPTIONS), out);
  } catch (e) {
    out.problems.push({ message: `${file} could not be read as YAML: ${reason(e)}`, range: atStart });
  }
  return out;
}

/** Reads a YAML stream (`---`-separated documents), at most {@link MAX_DOCUMENTS}. */
export function parseYamlStream(file: string, source: string): SpecText {
  const lines = new LineIndex(source);
  const out: SpecText = { lines, roots: [], problems: [] };
  if (tooLarge(file, source, out)) return out;
  try {
    const docs = parseAllDocuments(source, YAML_OPTIONS);
    const list = Array.isArray(docs) ? docs : [];
    if (list.length > MAX_DOCUMENTS)
      out.problems.push({
        message: `${file} holds ${list.length} YAML documents; only the first ${MAX_DOCUMENTS} are read`,
        range: atStart,
      });
    for (const doc of list.slice(0, MAX_DOCUMENTS)) readYamlDocument(file, lines, doc, out);
  } catch (e) {
    out.problems.push({ message: `${file} could not be read as YAML: ${reason(e)}`, range: atStart });
  }
  return out;
}

// ---- JSON

function readJson(node: JsonNode | undefined, depth: number, budget: Budget): SpecNode | undefined {
  if (!node) return undefined;
  if (depth > MAX_DEPTH) {
    budget.cut ??= `nested deeper than ${MAX_DEPTH} levels; the deeper part is not read`;
    return undefined;
  }
  if (++budget.nodes > MAX_NODES) {
    budget.cut ??= `more than ${MAX_NODES} JSON values; the rest is not read`;
    return undefined;
  }
  const start = node.offset;
  const end = node.offset + node.length;
  if (node.type === 'object') {
    const out: SpecEntry[] = [];
    for (const p of node.children ?? []) {
      const key = p.children?.[0];
      if (p.type !== 'property' || !key || typeof key.value !== 'string') continue;
      out.push({
        key: key.value,
        start: key.offset,
        end: key.offset + key.length,
        value: readJson(p.children?.[1], depth + 1, budget),
      });
    }
    return { type: 'map', entries: out, start, end };
  }
  if (node.type === 'array') {
    const out: SpecNode[] = [];
    for (const c of node.children ?? []) {
      const r = readJson(c, depth + 1, budget);
      if (r) out.push(r);
    }
    return { type: 'seq', items: out, start, end };
  }
  return { type: 'scalar', value: node.value, start, end };
}

/** Reads a JSON file (the first syntax error is one located problem; nothing is read from a broken file). */
export function parseJsonSpec(file: string, source: string): SpecText {
  const lines = new LineIndex(source);
  const out: SpecText = { lines, roots: [], problems: [] };
  if (tooLarge(file, source, out)) return out;
  const errors: ParseError[] = [];
  // A byte-order mark is read as white space so offsets stay put.
  const body = source.charCodeAt(0) === 0xfeff ? ` ${source.slice(1)}` : source;
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(body, errors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: true });
  } catch {
    out.problems.push({ message: `${file} is nested too deeply to read`, range: atStart });
    return out;
  }
  if (errors.length > 0) {
    const e = errors[0];
    out.problems.push({
      message: `${file} is not valid JSON: ${printParseErrorCode(e.error)}`,
      range: rangeOf(lines, e.offset, e.offset + e.length),
    });
    return out;
  }
  const budget: Budget = { nodes: 0, aliases: 0, cut: undefined };
  out.roots.push(readJson(tree, 0, budget));
  if (budget.cut) out.problems.push({ message: `${file}: ${budget.cut}`, range: atStart });
  return out;
}

/** YAML or JSON by the file's name. */
export function parseSpec(file: string, source: string): SpecText {
  return /\.json$/i.test(file) ? parseJsonSpec(file, source) : parseYamlSpec(file, source);
}

function tooLarge(file: string, source: string, out: SpecText): boolean {
  if (source.length <= MAX_CHARS) return false;
  out.problems.push({
    message: `${file} is too large to read (${source.length} characters, at most ${MAX_CHARS}); its entry points are not known`,
    range: atStart,
  });
  return true;
}

export function reason(e: unknown): string {
  const t = e instanceof Error ? e.message : String(e);
  const first = t.split('\n')[0];
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

/** Problems one file reports at most; the rest are counted in a last one. */
export const MAX_PROBLEMS = 100;

/** Cuts a surface's problems to {@link MAX_PROBLEMS}. */
export function capProblems(surface: FileSurface): FileSurface {
  const n = surface.problems.length;
  if (n > MAX_PROBLEMS) {
    const last = surface.problems[MAX_PROBLEMS - 1];
    surface.problems.length = MAX_PROBLEMS - 1;
    surface.problems.push({
      message: `${n - MAX_PROBLEMS + 1} more problems like these are not listed`,
      range: last.range,
    });
  }
  return surface;
}

/** Adds an entry point unless the file already gave {@link MAX_ENTRIES}; the first one over the cap is a problem. False when full. */
export function addEntry(surface: FileSurface, entry: EntryPoint): boolean {
  if (surface.entryPoints.length >= MAX_ENTRIES) {
    if (!surface.problems.some((p) => p.message.startsWith('more than ')))
      surface.problems.push({
        message: `more than ${MAX_ENTRIES} entry points; the rest of this file is not read`,
        range: entry.range,
      });
    return false;
  }
  surface.entryPoints.push(entry);
  return true;
}

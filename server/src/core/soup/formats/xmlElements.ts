/**
 * A small element tree of an XML dependency file (pom.xml, *.csproj, Directory.Packages.props;
 * docs/soup.md, Which manifests are read), with the position of each start tag. Read with
 * saxes, a strict streaming parser, as the test-report reader does (testResults/junit.ts):
 * a DOCTYPE's internal subset is skipped and only the five predefined entities are known, so
 * a declared or external entity is never expanded or read (its use is a problem). A
 * well-formedness error is a located problem and ends the read (the elements read before it
 * are kept). Depth, element count and kept text are bounded.
 */
import { SaxesParser } from 'saxes';
import { Range } from '../../findings';
import { LineIndex } from '../../text';
import { Problem } from '../manifestCommon';

export interface XmlElement {
  /** The local name (a prefix such as `x:` removed). */
  name: string;
  attrs: Record<string, string>;
  /** The element's own text (not its children's), trimmed; at most {@link MAX_TEXT} characters. */
  text: string;
  children: XmlElement[];
  /** The start tag's name (`<dependency`). */
  range: Range;
}

export interface XmlDocument {
  root?: XmlElement;
  problems: Problem[];
  lines: LineIndex;
}

const MAX_DEPTH = 64;
const MAX_ELEMENTS = 200_000;
const MAX_TEXT = 4096;
const CHUNK = 1 << 16;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

export function parseXmlElements(file: string, text: string): XmlDocument {
  const lines = new LineIndex(text);
  const problems: Problem[] = [];
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let stopped = false;
  let tagStart = 0;
  const at = (offset: number, length = 1): Range => {
    const a = lines.positionAt(Math.min(offset, text.length));
    return { line: a.line, column: a.column, endLine: a.line, endColumn: a.column + Math.max(1, length) };
  };
  const stop = (message: string, offset: number) => {
    if (stopped) return;
    stopped = true;
    const rest = offset < text.length - 1 ? '; the rest of the file is not read' : '';
    problems.push({ message: `${file} is not valid XML: ${message}${rest}`, range: at(offset) });
  };
  const parser = new SaxesParser({ position: true, xmlns: false });
  parser.on('error', (e) => {
    let offset = base + parser.position;
    let message = e.message.replace(/^(?:[^\n]*?:)?\d+:\d+: /, '').replace(/\.$/, '');
    if (message === 'undefined entity') {
      const amp = text.lastIndexOf('&', offset - 1);
      if (amp >= 0 && offset - amp <= 64) {
        message = `undefined entity ${text.slice(amp, offset)} (entities a DOCTYPE declares are never expanded)`;
        offset = amp;
      }
    }
    stop(message, Math.max(0, offset - 1));
  });
  parser.on('opentagstart', () => {
    if (!stopped) tagStart = Math.max(0, text.lastIndexOf('<', base + parser.position - 1));
  });
  parser.on('opentag', (tag) => {
    if (stopped) return;
    if (stack.length >= MAX_DEPTH) return stop(`elements nested deeper than ${MAX_DEPTH}`, tagStart);
    if (++count > MAX_ELEMENTS) return stop(`more than ${MAX_ELEMENTS} elements`, tagStart);
    const attrs: Record<string, string> = Object.create(null);
    for (const [k, v] of Object.entries(tag.attributes as Record<string, string>)) attrs[localName(k)] = v;
    const el: XmlElement = {
      name: localName(tag.name),
      attrs,
      text: '',
      children: [],
      range: at(tagStart, tag.name.length + 1),
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root ??= el;
    if (!tag.isSelfClosing) stack.push(el);
  });
  const addText = (t: string) => {
    const el = stack[stack.length - 1];
    if (!stopped && el && el.text.length < MAX_TEXT) el.text += t.slice(0, MAX_TEXT - el.text.length);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', (tag) => {
    if (stopped || tag.isSelfClosing) return;
    const el = stack.pop();
    if (el) el.text = el.text.trim();
  });
  const lone = LONE_SURROGATE.exec(text);
  const end = lone ? lone.index : text.length;
  try {
    for (let i = base; i < end && !stopped; i += CHUNK) parser.write(text.slice(i, Math.min(i + CHUNK, end)));
    if (!stopped && lone) stop('a lone UTF-16 surrogate (not a Unicode character)', end);
    if (!stopped) parser.close();
  } catch (e) {
    stop(e instanceof Error ? e.message : String(e), base + parser.position);
  }
  if (!root && !stopped) problems.push({ message: `${file} has no root element`, range: at(0) });
  for (const el of stack) el.text = el.text.trim();
  return { root, problems, lines };
}

/** The children of `el` named `name`. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** The first child of `el` named `name`. */
export function childNamed(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** The text of the first child named `name` (undefined when there is none or it is empty). */
export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const t = childNamed(el, name)?.text;
  return t ? t : undefined;
}

import MarkdownIt from 'markdown-it';
import { KindConfig } from '../config';
import { pushAll } from '../arrays';
import { Finding, Range, TraceCode } from '../findings';
import { IdGrammar, normalizeKey } from '../ids';
import { DocumentIndex, emptyIndex } from '../fileIndex';
import { Attribute, ItemDef, Reference, SectionDef } from '../model';
import { parseAttributeLine, plainInline } from './attributeLine';
import { readFrontMatter } from './frontMatter';
import { splitTableRow } from './tableRow';

/**
 * Block structure only: inline parsing is switched off (titles and cells are
 * read from raw text), which keeps parsing of large documents linear and cheap.
 * `maxNesting` bounds pathological nesting (10,000-level lists stay flat text).
 */
const md = new MarkdownIt('default', { html: true });
(md.options as { maxNesting: number }).maxNesting = 100;

/** Deeper container nesting than this (list markers, `>`) or more indentation is not parsed. */
const MAX_CONTAINERS = 20;
const MAX_INDENT = 80;
const CONTAINER = /^[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?=[ \t>]|$)/;

/**
 * markdown-it stops at its nesting limit and drops the rest of the document, so
 * pathologically deep lines are blanked before parsing (they cannot hold items)
 * and counted in a note.
 */
function flattenDeepLines(lines: string[], from: number): number {
  let blanked = 0;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    const indent = line.length - line.trimStart().length;
    let depth = 0;
    let rest = line;
    if (indent <= MAX_INDENT) {
      for (let m = CONTAINER.exec(rest); m && depth <= MAX_CONTAINERS; m = CONTAINER.exec(rest)) {
        depth++;
        rest = rest.slice(m[0].length);
      }
    }
    if (indent > MAX_INDENT || depth > MAX_CONTAINERS) {
      lines[i] = '';
      blanked++;
    }
  }
  return blanked;
}
type Token = ReturnType<MarkdownIt['parse']>[number];
md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);

export interface DocumentContext {
  grammar: IdGrammar;
  kinds: Record<string, KindConfig>;
}

interface OpenHeading {
  level: number;
  item?: ItemDef;
  section?: SectionDef;
}

function lineRange(line0: number, start: number, end: number): Range {
  return { line: line0 + 1, column: start + 1, endLine: line0 + 1, endColumn: end + 1 };
}

function finding(code: TraceCode, message: string, file: string, range: Range, itemId?: string): Finding {
  return { code, severity: 'error', message, file, ...range, itemId };
}

/** Parses one lifecycle Markdown document into items, sections, link references and local findings. */
export function parseLifecycleDocument(file: string, text: string, ctx: DocumentContext): DocumentIndex {
  const lines = text.split(/\r\n|\r|\n/);
  const front = readFrontMatter(lines);
  // Blank out the front matter so markdown-it's line numbers still match the file.
  const bodyLines = lines.slice();
  for (let i = 0; i < front.lineCount; i++) bodyLines[i] = '';
  const blanked = flattenDeepLines(bodyLines, front.lineCount);
  const tokens = md.parse(bodyLines.join('\n'), {});
  const index = emptyIndex(file, 'document');
  if (blanked > 0)
    index.notes.push(
      `${blanked} line${blanked === 1 ? '' : 's'} nested deeper than ${MAX_CONTAINERS} levels (or indented over ${MAX_INDENT} columns) not parsed`,
    );
  const open: OpenHeading[] = [];
  const closeHeadings = (level: number, beforeLine: number) => {
    while (open.length > 0 && open[open.length - 1].level >= level) {
      const h = open.pop()!;
      const end = Math.max(beforeLine, (h.item ?? h.section)!.range.line);
      if (h.item) {
        h.item.endLine = end;
        h.item.description = descriptionOf(lines, h.item, end);
      }
      if (h.section) h.section.endLine = end;
    }
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'heading_open' && token.map) {
      const level = Number(token.tag.slice(1));
      closeHeadings(level, token.map[0]);
      const headingLine = token.map[0];
      const raw = lines[headingLine] ?? '';
      const content = tokens[i + 1]?.content ?? '';
      const item = headingItem(file, content, raw, headingLine, level, ctx, index);
      if (item) {
        const attrEnd = readAttributeBlock(tokens, i + 3, lines, item);
        (item as ItemDef & { attrEndLine?: number }).attrEndLine = attrEnd ?? token.map[1];
        index.items.push(item);
        open.push({ level, item });
      } else {
        const section: SectionDef = {
          title: plainInline(content) || raw.trim(),
          level,
          range: lineRange(headingLine, 0, raw.length),
          endLine: headingLine + 1,
        };
        index.sections.push(section);
        open.push({ level, section });
      }
    } else if (token.type === 'table_open') {
      i = readTable(tokens, i, lines, file, ctx, index);
    }
  }
  closeHeadings(0, lines.length);
  for (const item of index.items) {
    delete (item as ItemDef & { attrEndLine?: number }).attrEndLine;
    checkItem(item, ctx, index, lines);
  }
  return index;
}

/**
 * A heading or an ID-table row that starts like an ID of a known kind but is none
 * (`SOUP-left-pad`: a second `-`; `SR-001—Title`): not read as an item, which is said at it
 * rather than dropped in silence (docs/formats.md, IDs).
 */
function notAnId(
  text: string,
  raw: string,
  line0: number,
  file: string,
  index: DocumentIndex,
  leading: string,
  where: 'heading' | 'row',
): void {
  const word = /^\S+/.exec(text)?.[0] ?? leading;
  const start = Math.max(raw.indexOf(word), 0);
  index.findings.push(
    finding(
      'malformed-item',
      `'${word}' is not an ID (a prefix, '-', then letters, digits, '_' and '.'; no other '-'): this ${where} is not read as an item; ${
        where === 'heading'
          ? `write '${leading}: <title>'`
          : `write '${word.replace(/[^0-9A-Za-z_.]/g, '_').replace(/^([^_]*)_/, '$1-')}'`
      }`,
      file,
      lineRange(line0, start, start + word.length),
    ),
  );
}

function headingItem(
  file: string,
  content: string,
  raw: string,
  line0: number,
  level: number,
  ctx: DocumentContext,
  index: DocumentIndex,
): ItemDef | undefined {
  const text = content.trim();
  const match = ctx.grammar.leadingId(text);
  if (!match) return undefined;
  const after = text
    .slice(match.end)
    .replace(/^\.+(?=\s|$)/, '')
    .charAt(0);
  if (after !== '' && after !== ':' && !/\s/.test(after)) {
    notAnId(text, raw, line0, file, index, match.id, 'heading');
    return undefined;
  }
  const title = plainInline(text.slice(match.end).replace(/^\.*\s*:?\s*/, ''));
  const idStart = Math.max(raw.indexOf(match.id), 0);
  const item: ItemDef = {
    id: match.id,
    kind: match.prefix,
    title,
    file,
    idRange: lineRange(line0, idStart, idStart + match.id.length),
    range: lineRange(line0, 0, raw.length),
    level,
    attributes: [],
    description: '',
    endLine: line0 + 1,
  };
  if (!title) {
    index.findings.push(
      finding(
        'malformed-item',
        `${match.id} has no title: write '${'#'.repeat(level)} ${match.id}: <title>'`,
        file,
        item.idRange,
        match.id,
      ),
    );
  }
  return item;
}

/**
 * Reads the attribute block right after a heading (token index `at`): a paragraph whose every
 * line is `Key: value`, or a bullet list whose every item starts with `Key: value`.
 * Returns the first line after the block, or undefined when there is none.
 */
function readAttributeBlock(tokens: Token[], at: number, lines: string[], item: ItemDef): number | undefined {
  const first = tokens[at];
  if (!first?.map) return undefined;
  if (first.type === 'paragraph_open') {
    const parsed = [];
    for (let l = first.map[0]; l < first.map[1]; l++) {
      const attr = parseAttributeLine(lines[l] ?? '');
      if (!attr) return undefined;
      parsed.push({ l, attr });
    }
    for (const { l, attr } of parsed) item.attributes.push(toAttribute(l, attr));
    return first.map[1];
  }
  if (first.type === 'bullet_list_open') {
    const entries: Attribute[] = [];
    let depth = 0;
    for (let j = at; j < tokens.length; j++) {
      const t = tokens[j];
      if (t.type === 'bullet_list_open') depth++;
      else if (t.type === 'bullet_list_close' && --depth === 0) {
        pushAll(item.attributes, entries);
        return first.map[1];
      } else if (t.type === 'list_item_open' && depth === 1 && t.map) {
        const line = lines[t.map[0]] ?? '';
        const marker = /^\s*[-*+]\s+/.exec(line);
        if (!marker) return undefined;
        const attr = parseAttributeLine(line.slice(marker[0].length));
        if (!attr) return undefined;
        const shift = marker[0].length;
        const a = toAttribute(t.map[0], {
          ...attr,
          keyStart: attr.keyStart + shift,
          keyEnd: attr.keyEnd + shift,
          valueStart: attr.valueStart + shift,
          valueEnd: attr.valueEnd + shift,
        });
        // Continuation lines of the same list item belong to the value.
        for (let l = t.map[0] + 1; l < t.map[1]; l++) {
          const raw = lines[l] ?? '';
          const more = raw.trim();
          if (!more) continue;
          a.value += ` ${more}`;
          a.valueRange = { ...a.valueRange, endLine: l + 1, endColumn: raw.trimEnd().length + 1 };
        }
        entries.push(a);
      } else if (depth > 1) {
        return undefined; // nested lists are not attribute blocks
      }
    }
  }
  return undefined;
}

function toAttribute(
  line0: number,
  a: { key: string; value: string; keyStart: number; keyEnd: number; valueStart: number; valueEnd: number },
): Attribute {
  return {
    key: a.key.trim(),
    name: normalizeKey(a.key),
    value: a.value,
    keyRange: lineRange(line0, a.keyStart, a.keyEnd),
    valueRange: lineRange(line0, a.valueStart, a.valueEnd),
  };
}

function descriptionOf(lines: string[], item: ItemDef, endLine: number): string {
  const from = (item as ItemDef & { attrEndLine?: number }).attrEndLine ?? item.range.line;
  return lines.slice(from, endLine).join('\n').trim();
}

/** Reads a GFM table; rows are items when the first header cell is `ID`. Returns the index of `table_close`. */
function readTable(
  tokens: Token[],
  start: number,
  lines: string[],
  file: string,
  ctx: DocumentContext,
  index: DocumentIndex,
): number {
  let end = start;
  while (end < tokens.length && tokens[end].type !== 'table_close') end++;
  const headers: string[] = [];
  let j = start + 1;
  for (; j < end && tokens[j].type !== 'thead_close'; j++) {
    if (tokens[j].type === 'inline') headers.push(tokens[j].content.trim());
  }
  if (headers.length === 0 || normalizeKey(plainInline(headers[0])) !== 'id') return end;
  const names = headers.map((h) => plainInline(h));
  const titleColumn = names.findIndex((h, k) => k > 0 && normalizeKey(h) === 'title');
  for (; j < end; j++) {
    const tr = tokens[j];
    if (tr.type !== 'tr_open' || !tr.map) continue;
    const cells: string[] = [];
    let k = j + 1;
    for (; k < end && tokens[k].type !== 'tr_close'; k++)
      if (tokens[k].type === 'inline') cells.push(tokens[k].content);
    j = k;
    const line0 = tr.map[0];
    const raw = lines[line0] ?? '';
    const idText = plainInline(cells[0] ?? '');
    const match = ctx.grammar.parse(idText);
    if (!match) {
      const leading = ctx.grammar.leadingId(idText);
      if (leading) notAnId(idText, raw, line0, file, index, leading.id, 'row');
      continue;
    }
    const spans = splitTableRow(raw);
    const rowRange = lineRange(line0, 0, raw.length);
    const aligned = spans.length === names.length;
    const span = (c: number): Range => (aligned && spans[c] ? lineRange(line0, spans[c][0], spans[c][1]) : rowRange);
    const idStart = raw.indexOf(match.id);
    const item: ItemDef = {
      id: match.id,
      kind: match.prefix,
      title: titleColumn > 0 ? plainInline(cells[titleColumn] ?? '') : '',
      file,
      idRange: idStart >= 0 ? lineRange(line0, idStart, idStart + match.id.length) : rowRange,
      range: rowRange,
      level: 0,
      attributes: [],
      description: '',
      endLine: line0 + 1,
    };
    for (let c = 1; c < names.length; c++) {
      if (c === titleColumn) continue;
      const value = (cells[c] ?? '').trim();
      if (!value) continue;
      const r = span(c);
      // When the row's cells do not line up with the header (stray pipes), a value's range is
      // narrowed to its own text after the ID cell so links never pick up other cells' IDs.
      const at = aligned ? -1 : raw.indexOf(value, spans[0]?.[1] ?? 0);
      const valueRange = at >= 0 ? lineRange(line0, at, at + value.length) : r;
      item.attributes.push({ key: names[c], name: normalizeKey(names[c]), value, keyRange: valueRange, valueRange });
      if (normalizeKey(names[c]) === 'description') item.description = value;
    }
    index.items.push(item);
  }
  return end;
}

/** Local checks of one item: required attributes, allowed values, and its link references. */
function checkItem(item: ItemDef, ctx: DocumentContext, index: DocumentIndex, lines: string[]): void {
  const kind = ctx.kinds[item.kind];
  if (!kind) return;
  const present = new Set(item.attributes.filter((a) => a.value.trim()).map((a) => a.name));
  const missing = kind.required.filter((r) => !present.has(r));
  if (missing.length > 0) {
    const names = missing.map((m) => displayName(m)).join(', ');
    index.findings.push(
      finding(
        'malformed-item',
        `${item.id} (${kind.title.toLowerCase()}) is missing required attribute${missing.length > 1 ? 's' : ''} ${names}`,
        item.file,
        item.idRange,
        item.id,
      ),
    );
  }
  for (const attr of item.attributes) {
    const allowed = kind.allowed[attr.name];
    if (allowed && attr.value && !allowed.includes(plainInline(attr.value).toLowerCase())) {
      index.findings.push(
        finding(
          'malformed-item',
          `${item.id}: ${attr.key} '${attr.value}' is not allowed; expected one of ${allowed.join(', ')}`,
          item.file,
          attr.valueRange,
          item.id,
        ),
      );
    }
    if (!kind.links[attr.name]) continue;
    for (const m of idsInRange(lines, attr.valueRange, ctx)) {
      const ref: Reference = {
        id: m.id,
        file: item.file,
        range: m.range,
        role: 'link',
        fromItem: item.id,
        attribute: attr.name,
        attributeKey: attr.key,
        inTest: false,
      };
      index.refs.push(ref);
    }
  }
}

/** IDs in the raw text of a (possibly multi-line) range, with their exact ranges. */
function idsInRange(lines: string[], r: Range, ctx: DocumentContext): Array<{ id: string; range: Range }> {
  const out: Array<{ id: string; range: Range }> = [];
  for (let line = r.line; line <= r.endLine; line++) {
    const raw = lines[line - 1] ?? '';
    const from = line === r.line ? r.column - 1 : 0;
    const to = line === r.endLine ? r.endColumn - 1 : raw.length;
    for (const m of ctx.grammar.findAll(raw.slice(from, to))) {
      out.push({ id: m.id, range: { line, column: from + m.start + 1, endLine: line, endColumn: from + m.end + 1 } });
    }
  }
  return out;
}

function displayName(normalized: string): string {
  return normalized
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('-');
}

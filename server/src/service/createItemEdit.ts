import { TextEdit } from 'vscode-languageserver-types';
import { DEFAULT_KINDS, KindConfig } from '../core/config';
import { normalizeKey } from '../core/ids';
import { plainInline } from '../core/markdown/attributeLine';
import { splitTableRow } from '../core/markdown/tableRow';
import { FileIndex, ItemDef } from '../core/model';
import { LineIndex } from '../core/text';
import { ServiceContext } from './context';

export const TITLE_PLACEHOLDER = '<title>';

/** Attribute names as the default configuration writes them (`Derived-from`), by normalized name. */
const DISPLAY = new Map<string, string>();
for (const kind of Object.values(DEFAULT_KINDS)) {
  for (const key of [...(kind.required ?? []), ...Object.keys(kind.links ?? {})]) DISPLAY.set(normalizeKey(key), key);
}

function displayName(name: string): string {
  return DISPLAY.get(name) ?? name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Where a new item of a kind goes: the lifecycle document holding the most items of that
 * kind, else the one holding the most items; ties go to the first path. Undefined when no
 * document holds any item.
 */
export function documentFor(ctx: ServiceContext, prefix: string): FileIndex | undefined {
  let byKind: { index: FileIndex; n: number } | undefined;
  let byAll: { index: FileIndex; n: number } | undefined;
  for (const path of ctx.engine.filePaths()) {
    const index = ctx.engine.fileIndex(path);
    if (index?.role !== 'document') continue;
    const n = index.items.filter((i) => i.kind === prefix).length;
    if (n > 0 && (!byKind || n > byKind.n)) byKind = { index, n };
    if (index.items.length > 0 && (!byAll || index.items.length > byAll.n)) byAll = { index, n: index.items.length };
  }
  return (byKind ?? byAll)?.index;
}

/** The edit that adds a stub item `id` of `kind` to the document `index` (whose current text is `text`). */
export function createItemEdit(index: FileIndex, text: string, id: string, kind: KindConfig): TextEdit {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const sameKind = index.items.filter((i) => i.kind === kind.prefix).sort((a, b) => a.range.line - b.range.line);
  const last = sameKind[sameKind.length - 1];
  if (last?.level === 0) {
    const edit = tableRowEdit(text, last, id, eol);
    if (edit) return edit;
  }
  const level = (last?.level || mostCommonLevel(index.items)) ?? 2;
  const attributes = [...kind.required];
  for (const need of kind.needs) if (need.startsWith('links:') && !attributes.includes(need.slice(6))) attributes.push(need.slice(6));
  const stub = [`${'#'.repeat(level)} ${id}: ${TITLE_PLACEHOLDER}`, ...attributes.map((a) => `${displayName(a)}: `)].join(eol) + eol;
  // Trailing blank lines and whitespace are replaced by exactly one blank line before the stub.
  const keep = text.trimEnd().length;
  const lines = new LineIndex(text);
  const from = lines.positionAt(keep);
  const to = lines.positionAt(text.length);
  return {
    range: { start: { line: from.line - 1, character: from.column - 1 }, end: { line: to.line - 1, character: to.column - 1 } },
    newText: (keep > 0 ? eol + eol : '') + stub,
  };
}

function mostCommonLevel(items: ItemDef[]): number | undefined {
  const counts = new Map<number, number>();
  for (const i of items) if (i.level > 0) counts.set(i.level, (counts.get(i.level) ?? 0) + 1);
  let best: number | undefined;
  for (const [level, n] of counts) if (best === undefined || n > counts.get(best)!) best = level;
  return best;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** A table row after `last` (a row item): the ID, the title placeholder in a `Title` column, other cells empty. */
function tableRowEdit(text: string, last: ItemDef, id: string, eol: string): TextEdit | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const row0 = last.range.line - 1;
  const row = lines[row0];
  if (row === undefined) return undefined;
  let delimiter = row0 - 1;
  while (delimiter > 0 && !DELIMITER_ROW.test(lines[delimiter])) {
    if (!lines[delimiter].includes('|')) return undefined;
    delimiter--;
  }
  if (delimiter <= 0) return undefined;
  const header = lines[delimiter - 1];
  const names = splitTableRow(header).map(([s, e]) => normalizeKey(plainInline(header.slice(s, e))));
  const cells = names.map((name, k) => (k === 0 ? id : name === 'title' ? TITLE_PLACEHOLDER : ''));
  const lead = /^\s*\|/.test(row) ? '| ' : '';
  const trail = /\|\s*$/.test(row) ? ' |' : '';
  return {
    range: { start: { line: row0, character: row.length }, end: { line: row0, character: row.length } },
    newText: eol + lead + cells.join(' | ') + trail,
  };
}

import { DocumentSymbol, Range, SymbolKind, WorkspaceSymbol } from 'vscode-languageserver-types';
import { byId } from '../core/itemView';
import { ItemDef, SectionDef } from '../core/model';
import { ServiceContext, toLspRange } from './context';

/** Results of one workspace-symbol query per workspace folder. */
export const MAX_WORKSPACE_SYMBOLS = 1000;
const ITEM_KIND = SymbolKind.Key;
const SECTION_KIND = SymbolKind.Namespace;

function itemName(def: ItemDef): string {
  return def.title ? `${def.id}: ${def.title}` : def.id;
}

interface Entry {
  /** Heading level 1–6; 0 for a table row (a leaf inside the enclosing heading). */
  level: number;
  line: number;
  symbol: DocumentSymbol;
}

/** From the start of `first` to the end of 1-based line `endLine` (clamped to the document). */
function spanRange(first: number, endLine: number, lineLengths: number[]): Range {
  const last = Math.min(Math.max(endLine, first), lineLengths.length);
  return { start: { line: first - 1, character: 0 }, end: { line: last - 1, character: lineLengths[last - 1] ?? 0 } };
}

function itemEntry(ctx: ServiceContext, def: ItemDef, lineLengths: number[]): Entry {
  const selectionRange = toLspRange(def.idRange);
  const range = def.level > 0 ? spanRange(def.range.line, def.endLine, lineLengths) : toLspRange(def.range);
  const symbol: DocumentSymbol = {
    name: itemName(def),
    detail: ctx.engine.config.kinds[def.kind]?.title ?? def.kind,
    kind: ITEM_KIND,
    range,
    selectionRange,
  };
  return { level: def.level, line: def.range.line, symbol };
}

function sectionEntry(section: SectionDef, lineLengths: number[]): Entry {
  const selectionRange = toLspRange(section.range);
  const symbol: DocumentSymbol = {
    name: section.title.trim() || '(untitled)',
    kind: SECTION_KIND,
    range: spanRange(section.range.line, section.endLine, lineLengths),
    selectionRange,
  };
  return { level: section.level, line: section.range.line, symbol };
}

/**
 * Sections and items of a lifecycle Markdown document, nested by heading level: a heading
 * contains the following headings of deeper level and the table-row items under it.
 * Source files have no symbols of ours (the language's own provider lists them).
 */
export function documentSymbols(ctx: ServiceContext, path: string): DocumentSymbol[] {
  const index = ctx.engine.fileIndex(path);
  const text = ctx.text(path);
  if (!index || index.role !== 'document' || text === undefined) return [];
  const lineLengths = text.split(/\r\n|\r|\n/).map((l) => l.length);
  const entries = [
    ...index.sections.map((s) => sectionEntry(s, lineLengths)),
    ...index.items.map((d) => itemEntry(ctx, d, lineLengths)),
  ].sort((a, b) => a.line - b.line || b.level - a.level);
  const roots: DocumentSymbol[] = [];
  const open: Entry[] = [];
  for (const entry of entries) {
    if (entry.level > 0) while (open.length > 0 && open[open.length - 1].level >= entry.level) open.pop();
    const parent = open[open.length - 1]?.symbol;
    if (parent) (parent.children ??= []).push(entry.symbol);
    else roots.push(entry.symbol);
    if (entry.level > 0) open.push(entry);
  }
  return roots;
}

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text.charAt(i - 1);
  return !/[0-9A-Za-z]/.test(prev) || (/[a-z]/.test(prev) && /[A-Z]/.test(text.charAt(i)));
}

/**
 * How well `query` (lower case, no whitespace) matches an item; undefined when it does not.
 * Exact ID > ID prefix > substring (earlier and at word starts is better) > subsequence
 * (contiguous runs and word starts score higher), like VS Code's fuzzy matching.
 */
export function matchScore(query: string, id: string, name: string): number | undefined {
  if (!query) return 0;
  const lowerId = id.toLowerCase();
  if (lowerId === query) return 10_000;
  if (lowerId.startsWith(query)) return 8_000 - (lowerId.length - query.length);
  const lower = name.toLowerCase();
  const at = lower.indexOf(query);
  if (at >= 0) return 6_000 - Math.min(at, 1_000) + (isWordStart(name, at) ? 1_000 : 0);
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of query) {
    const i = lower.indexOf(ch, from);
    if (i < 0) return undefined;
    score += 1 + (i === previous + 1 ? 5 : 0) + (isWordStart(name, i) ? 10 : 0);
    previous = i;
    from = i + 1;
  }
  return Math.min(score, 4_999);
}

/**
 * Every defined item (first definitions and duplicates) whose ID or title matches `query`
 * (case-insensitive, fuzzy; an empty query lists all), best match first, then by ID.
 */
export function workspaceSymbols(ctx: ServiceContext, query: string): WorkspaceSymbol[] {
  const q = query.replace(/\s+/g, '').toLowerCase();
  const scored: Array<{ score: number; def: ItemDef }> = [];
  for (const state of ctx.engine.items()) {
    for (const def of [state.def, ...state.duplicates]) {
      const score = matchScore(q, def.id, itemName(def));
      if (score !== undefined) scored.push({ score, def });
    }
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      byId(a.def.id, b.def.id) ||
      (a.def.file < b.def.file ? -1 : a.def.file > b.def.file ? 1 : a.def.idRange.line - b.def.idRange.line),
  );
  return scored.slice(0, MAX_WORKSPACE_SYMBOLS).map(({ def }) => ({
    name: itemName(def),
    kind: ITEM_KIND,
    containerName: ctx.engine.config.kinds[def.kind]?.title ?? def.kind,
    location: { uri: ctx.uri(def.file), range: toLspRange(def.idRange) },
  }));
}

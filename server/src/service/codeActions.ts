import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { tableHeaderAbove } from './markdownTable';
import { KindConfig } from '../core/config';
import { pushAll } from '../core/arrays';
import { languageOf } from '../core/lexers/languages';
import { CommentSpan, scanComments } from '../core/lexers/commentScanner';
import { normalizeKey } from '../core/ids';
import { plainInline } from '../core/markdown/attributeLine';
import { splitTableRow } from '../core/markdown/tableRow';
import { FileIndex } from '../core/fileIndex';
import { ItemDef } from '../core/model';
import { LineIndex } from '../core/text';
import { lineOf, logFailure, scannerFailureLogger, ServiceContext } from './context';
import { ruleFixes } from './ruleFixes';
import { displayKey } from './completionItems';
import { DiagnosticData } from './diagnostics';
import { addSoupEntry } from './soupFeatures';
import { acceptReview } from './reviewFeatures';

export const JUSTIFICATION_PLACEHOLDER = '<why this is safe>';
export const TITLE_PLACEHOLDER = '<title>';
const SUPPRESSION = 'seclife-ignore-';

/**
 * Quick fixes for Seclife diagnostics. `resolveEdits`: the client resolves code actions, so
 * costly edits may be left for `codeAction/resolve`.
 */
export function codeActions(
  ctx: ServiceContext,
  path: string,
  params: CodeActionParams,
  resolveEdits = false,
): CodeAction[] {
  const out: CodeAction[] = [];
  const created = new Map<string, CodeAction>();
  for (const d of params?.context?.diagnostics ?? []) {
    if (d?.source !== 'seclife') continue;
    try {
      if (d.code === 'unknown-reference') {
        const id = referencedId(ctx, path, d);
        const same = id && created.get(id);
        if (same) {
          same.diagnostics!.push(d);
          continue;
        }
        const action = id && createItem(ctx, id, d);
        if (action) {
          created.set(id, action);
          out.push(action);
        }
      } else if (d.code === 'unjustified-suppression') push(out, addJustification(ctx, path, d));
      else if (d.code === 'unused-suppression') push(out, removeSuppression(ctx, path, d));
      else if (d.code === 'suspect-link')
        pushOrMerge(out, acceptReview(ctx, d, params.textDocument.uri, resolveEdits), d);
      else if (d.code === 'soup-missing') pushOrMerge(out, addSoupEntry(ctx, path, d), d);
      else if (typeof d.code === 'string' && d.code.includes('/')) pushAll(out, ruleFixes(ctx, path, d));
    } catch (e) {
      // A quick fix is best effort: a stale or odd diagnostic gives no action — and a line in
      // the server's log (no finding: the checks themselves ran; this is only the editor's offer).
      logFailure(ctx, `quick fixes for ${String(d.code)} at ${path}:${(d.range?.start?.line ?? -1) + 1}`, e);
    }
  }
  return out;
}

function push(out: CodeAction[], action: CodeAction | undefined): void {
  if (action) out.push(action);
}

/** Adds the action, or — when one with the same title is there (one fix for several diagnostics) — the diagnostic to it. */
function pushOrMerge(out: CodeAction[], action: CodeAction | undefined, d: Diagnostic): void {
  const same = action && out.find((a) => a.title === action.title);
  if (same) same.diagnostics!.push(d);
  else push(out, action);
}

function quickfix(
  ctx: ServiceContext,
  title: string,
  d: Diagnostic,
  file: string,
  edits: TextEdit[],
  isPreferred?: boolean,
): CodeAction {
  const action: CodeAction = {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [ctx.uri(file)]: edits } },
  };
  if (isPreferred) action.isPreferred = true;
  return action;
}

/** The undefined ID of an `unknown-reference`: the diagnostic's data, else the text it covers. */
function referencedId(ctx: ServiceContext, path: string, d: Diagnostic): string | undefined {
  const data = d.data as DiagnosticData | undefined;
  const raw =
    typeof data?.itemId === 'string'
      ? data.itemId
      : lineOf(ctx.text(path) ?? '', d.range.start.line).slice(
          d.range.start.character,
          d.range.start.line === d.range.end.line ? d.range.end.character : undefined,
        );
  return ctx.engine.grammar.parse(raw.trim())?.id;
}

/** "Create SR-404 in docs/…": a stub item at the end of the document that holds most items of that kind. */
function createItem(ctx: ServiceContext, id: string, d: Diagnostic): CodeAction | undefined {
  const prefix = ctx.engine.grammar.prefixOf(id);
  const kind = prefix ? ctx.engine.config.kinds[prefix] : undefined;
  if (!kind || ctx.engine.graphView.definitions(id).length > 0) return undefined;
  const index = documentFor(ctx, kind.prefix);
  const text = index && ctx.text(index.file);
  if (!index || text === undefined) return undefined;
  return quickfix(ctx, `Create ${id} in ${index.file}`, d, index.file, [createItemEdit(ctx, index, text, id, kind)]);
}

/**
 * Where a new item of a kind goes: the lifecycle document holding the most items of that
 * kind, else the one holding the most items; ties go to the first path. Undefined when no
 * document holds any item.
 */
function documentFor(ctx: ServiceContext, prefix: string): FileIndex | undefined {
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
function createItemEdit(ctx: ServiceContext, index: FileIndex, text: string, id: string, kind: KindConfig): TextEdit {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const sameKind = index.items.filter((i) => i.kind === kind.prefix).sort((a, b) => a.range.line - b.range.line);
  const last = sameKind[sameKind.length - 1];
  if (last?.level === 0) {
    const edit = tableRowEdit(text, last, id, eol);
    if (edit) return edit;
  }
  const level = (last?.level || mostCommonLevel(index.items)) ?? 2;
  const attributes = [...kind.required];
  for (const need of kind.needs)
    if (need.startsWith('links:') && !attributes.includes(need.slice(6))) attributes.push(need.slice(6));
  const stub =
    [`${'#'.repeat(level)} ${id}: ${TITLE_PLACEHOLDER}`, ...attributes.map((a) => `${displayKey(ctx, a)}: `)].join(
      eol,
    ) + eol;
  // Trailing blank lines and whitespace are replaced by exactly one blank line before the stub.
  const keep = text.trimEnd().length;
  const lines = new LineIndex(text);
  const from = lines.positionAt(keep);
  const to = lines.positionAt(text.length);
  return {
    range: {
      start: { line: from.line - 1, character: from.column - 1 },
      end: { line: to.line - 1, character: to.column - 1 },
    },
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

/** A table row after `last` (a row item): the ID, the title placeholder in a `Title` column, other cells empty. */
function tableRowEdit(text: string, last: ItemDef, id: string, eol: string): TextEdit | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const row0 = last.range.line - 1;
  const row = lines[row0];
  const table = tableHeaderAbove(lines, row0);
  if (row === undefined || !table) return undefined;
  const header = table.header;
  const names = splitTableRow(header).map(([s, e]) => normalizeKey(plainInline(header.slice(s, e))));
  const cells = names.map((name, k) => (k === 0 ? id : name === 'title' ? TITLE_PLACEHOLDER : ''));
  const lead = /^\s*\|/.test(row) ? '| ' : '';
  const trail = /\|\s*$/.test(row) ? ' |' : '';
  return {
    range: { start: { line: row0, character: row.length }, end: { line: row0, character: row.length } },
    newText: eol + lead + cells.join(' | ') + trail,
  };
}

/** "Add a justification": ` -- <why this is safe>` at the end of the suppression text (before `*\/` or `-->`). */
function addJustification(ctx: ServiceContext, path: string, d: Diagnostic): CodeAction | undefined {
  const text = ctx.text(path);
  if (text === undefined) return undefined;
  const line = lineOf(text, d.range.end.line);
  // The finding ends where the suppression text ends, before any closing marker; trailing blanks are skipped.
  let end = Math.min(d.range.end.character, line.length);
  while (end > 0 && /\s/.test(line[end - 1])) end--;
  const at = line.lastIndexOf(SUPPRESSION, end);
  if (at < 0 || at + SUPPRESSION.length > end) return undefined; // stale: no suppression there any more
  const bare = /(?:^|\s)--$/.test(line.slice(0, end));
  const pos = { line: d.range.end.line, character: end };
  return quickfix(
    ctx,
    'Add a justification',
    d,
    path,
    [
      {
        range: { start: pos, end: pos },
        newText: bare ? ` ${JUSTIFICATION_PLACEHOLDER}` : ` -- ${JUSTIFICATION_PLACEHOLDER}`,
      },
    ],
    true,
  );
}

/**
 * "Remove unused suppression": the whole line when the comment is alone on it, else the
 * comment; inside a comment with other text (a doc block), only the suppression.
 */
function removeSuppression(ctx: ServiceContext, path: string, d: Diagnostic): CodeAction | undefined {
  const text = ctx.text(path);
  const role = ctx.engine.filter.classify(path);
  const family = role?.role === 'source' ? role.family : languageOf(path)?.family;
  if (text === undefined || !family) return undefined;
  const lines = new LineIndex(text);
  const lineStart = lines.starts[d.range.start.line];
  if (lineStart === undefined) return undefined;
  const lineEnd = lineStart + lines.lineText(d.range.start.line + 1).length;
  let at = text.indexOf(SUPPRESSION, lineStart + Math.min(d.range.start.character, lineEnd - lineStart));
  if (at < 0 || at >= lineEnd) at = text.indexOf(SUPPRESSION, lineStart);
  if (at < 0 || at >= lineEnd) return undefined;
  const span = scanComments(text, family, scannerFailureLogger(ctx, `removing a suppression in ${path}`)).find(
    (s) => s.contentStart <= at && at < s.contentEnd,
  );
  if (!span) return undefined;
  let supEnd = Math.min(lineEnd, span.contentEnd);
  while (supEnd > at && /\s/.test(text[supEnd - 1])) supEnd--;
  const other = text.slice(span.contentStart, at) + text.slice(supEnd, span.contentEnd);
  const [from, to] = /[\p{L}\p{N}]/u.test(other)
    ? rangeWithin(text, lines, at, supEnd, span)
    : rangeOfComment(text, lines, span);
  const a = lines.positionAt(from);
  const b = lines.positionAt(to);
  return quickfix(
    ctx,
    'Remove unused suppression',
    d,
    path,
    [
      {
        range: {
          start: { line: a.line - 1, character: a.column - 1 },
          end: { line: b.line - 1, character: b.column - 1 },
        },
        newText: '',
      },
    ],
    true,
  );
}

/** Offsets of the start of the line holding `offset` and of its end (before the line break). */
function lineBounds(_text: string, lines: LineIndex, offset: number): [number, number] {
  const line = lines.positionAt(offset).line;
  const start = lines.starts[line - 1];
  return [start, start + lines.lineText(line).length];
}

/** Deletes `[start, end)` as whole lines (with one line break) when only blanks surround it on its lines. */
function wholeLinesOr(text: string, lines: LineIndex, start: number, end: number): [number, number] | undefined {
  const [first] = lineBounds(text, lines, start);
  const [, last] = lineBounds(text, lines, end);
  if (text.slice(first, start).trim() || text.slice(end, last).trim()) return undefined;
  const endLine = lines.positionAt(last).line;
  if (endLine < lines.lineCount) return [first, lines.starts[endLine]];
  // The last line of the file: take the line break before it instead.
  return [first > 0 ? first - (text[first - 2] === '\r' && text[first - 1] === '\n' ? 2 : 1) : 0, last];
}

/** The comment alone on its lines → those lines; else the comment and the blanks that separate it from code. */
function rangeOfComment(text: string, lines: LineIndex, span: CommentSpan): [number, number] {
  const whole = wholeLinesOr(text, lines, span.start, span.end);
  if (whole) return whole;
  const [first] = lineBounds(text, lines, span.start);
  let from = span.start;
  let to = span.end;
  if (!text.slice(first, span.start).trim()) {
    while (to < text.length && (text[to] === ' ' || text[to] === '\t')) to++;
  } else {
    while (from > first && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  }
  return [from, to];
}

/** Inside a comment with other text: the suppression's line if nothing else is on it, else just its text. */
function rangeWithin(text: string, lines: LineIndex, at: number, supEnd: number, span: CommentSpan): [number, number] {
  const [first, last] = lineBounds(text, lines, at);
  const onLine =
    text.slice(Math.max(first, span.contentStart), at) + text.slice(supEnd, Math.min(last, span.contentEnd));
  const markersElsewhere = span.start < first && span.end > last;
  if (markersElsewhere && !/[^\s*/#!]/.test(onLine)) {
    const endLine = lines.positionAt(last).line;
    return [first, endLine < lines.lineCount ? lines.starts[endLine] : last];
  }
  let from = at;
  while (from > first && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  return [from, supEnd];
}

import { CompletionItem, CompletionItemKind, MarkupKind, Position } from 'vscode-languageserver-types';
import { DEFAULT_KINDS } from '../core/config';
import { normalizeKey } from '../core/ids';
import { LineIndex } from '../core/text';
import { itemView } from '../core/itemView';
import { ItemState } from '../core/traceGraph';
import { ServiceContext } from './context';
import { verifiedNeedText } from './testStatus';

/** Characters of an ID (and of a partial one being typed). */
const ID_CHAR = /[A-Za-z0-9_.-]/;

/** The cursor as an offset plus its line, clamped to the text; undefined when the line does not exist. */
export interface Cursor {
  line0: number;
  /** Column, clamped to the line's length. */
  character: number;
  lineText: string;
  lineStart: number;
  offset: number;
}

export function cursorAt(text: string, position: Position): Cursor | undefined {
  if (!Number.isInteger(position.line) || position.line < 0) return undefined;
  const lines = new LineIndex(text);
  if (position.line >= lines.lineCount) return undefined;
  const lineText = lines.lineText(position.line + 1);
  const character = Math.min(Math.max(position.character | 0, 0), lineText.length);
  const lineStart = lines.starts[position.line];
  return { line0: position.line, character, lineText, lineStart, offset: lineStart + character };
}

/** The (partial) ID token around the cursor: `[start, end)` columns, `end` at most `limit`. */
export function tokenAround(
  line: string,
  character: number,
  limit = line.length,
): { start: number; end: number; partial: string } {
  let start = character;
  while (start > 0 && ID_CHAR.test(line[start - 1])) start--;
  let end = character;
  while (end < limit && ID_CHAR.test(line[end])) end++;
  return { start, end, partial: line.slice(start, character) };
}

export interface IdOptions {
  /** Kind prefixes to offer; undefined offers every kind. */
  kinds?: ReadonlySet<string>;
  /** IDs not to offer (already listed, the item itself). */
  exclude?: ReadonlySet<string>;
  /** Kinds that sort first (the file's typical kind). */
  preferred?: ReadonlySet<string>;
  /** Items that still lack what this reference would give sort next. */
  uncovered?: (state: ItemState) => boolean;
}

/** Title, status, needs (✓/✗, with each invalid required attribute as a ✗) and place: the item view's words (core/itemView.ts). */
function documentation(state: ItemState): string {
  const view = itemView(state);
  const lines = [view.title || view.id];
  if (view.status) lines.push(`Status: ${view.status}`);
  // `✓ verified (annotated only)` without test results (testStatus.ts).
  const marks = view.needs.map((n) =>
    n === 'verified'
      ? verifiedNeedText(view)
      : `${view.isMet(n) ? '✓' : '✗'} ${n.startsWith('links:') ? n.slice(6) : n}`,
  );
  for (const a of view.invalidAttributes) marks.push(`✗ valid ${a}`);
  if (marks.length) lines.push(marks.join(' · '));
  lines.push(`${view.file}:${view.line}`);
  return lines.join('\n\n');
}

/** Defined items as completions that replace the columns `[start, end)` of line `line0`. */
export function idCompletions(
  ctx: ServiceContext,
  line0: number,
  start: number,
  end: number,
  opts: IdOptions = {},
): CompletionItem[] {
  const range = { start: { line: line0, character: start }, end: { line: line0, character: end } };
  const out: CompletionItem[] = [];
  let n = 0;
  for (const state of ctx.engine.items()) {
    const { def } = state;
    if (opts.kinds && !opts.kinds.has(def.kind)) continue;
    if (opts.exclude?.has(def.id)) continue;
    const rank = (opts.preferred?.has(def.kind) ? 0 : 2) + (opts.uncovered?.(state) ? 0 : 1);
    out.push({
      label: def.id,
      ...(def.title ? { labelDetails: { description: def.title } } : {}),
      kind: CompletionItemKind.Reference,
      detail: ctx.engine.config.kinds[def.kind]?.title ?? def.kind,
      documentation: { kind: MarkupKind.PlainText, value: documentation(state) },
      sortText: `${rank}-${String(n++).padStart(6, '0')}`,
      filterText: def.id,
      textEdit: { range, newText: def.id },
    });
  }
  return out;
}

/** Attribute names as the default configuration writes them (`Derived-from`), by normalized name. */
const DISPLAY = new Map<string, string>([
  ['status', 'Status'],
  ['rationale', 'Rationale'],
  ['accepted-by', 'Accepted-by'],
]);
for (const kind of Object.values(DEFAULT_KINDS)) {
  for (const key of [...(kind.required ?? []), ...Object.keys(kind.allowed ?? {}), ...Object.keys(kind.links ?? {})]) {
    if (!DISPLAY.has(normalizeKey(key))) DISPLAY.set(normalizeKey(key), key);
  }
}

/** Display name of a normalized attribute key: as the defaults write it, else as the workspace does, else capitalized. */
export function displayKey(ctx: ServiceContext, name: string): string {
  const known = DISPLAY.get(name);
  if (known) return known;
  for (const state of ctx.engine.items()) {
    const written = state.def.attributes.find((a) => a.name === name);
    if (written) return written.key;
  }
  return name.charAt(0).toUpperCase() + name.slice(1);
}

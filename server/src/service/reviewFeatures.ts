/**
 * Review baselines in the editor: the "Accept review" quick fix on a `suspect-link`
 * diagnostic, and the baseline edit that keeps reviews valid through a rename.
 * Both are workspace edits of `.seclife/baseline.json` (undoable, nothing is written
 * behind the user's back).
 */
import { CodeAction, CodeActionKind, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { BASELINE_FILE, recordBaseline, renameInBaseline, serializeBaseline } from '../core/review/baseline';
import { ServiceContext } from './context';
import { DiagnosticData } from './diagnostics';

/** Replaces the whole baseline file with new text. */
function replaceBaseline(ctx: ServiceContext, text: string): Record<string, TextEdit[]> | undefined {
  const current = ctx.engine.reviewBaseline();
  if (!current) return undefined;
  const end = { line: current.end.line - 1, character: current.end.column - 1 };
  return { [ctx.uri(BASELINE_FILE)]: [{ range: { start: { line: 0, character: 0 }, end }, newText: text }] };
}

/** "Accept review of SR-012": records the item's current content for it and every link to it. */
export function acceptReview(ctx: ServiceContext, d: Diagnostic): CodeAction | undefined {
  const id = (d.data as DiagnosticData | undefined)?.itemId;
  const current = ctx.engine.reviewBaseline();
  if (typeof id !== 'string' || !current || ctx.engine.graphView.definitions(id).length === 0) return undefined;
  const { baseline } = recordBaseline(ctx.engine.reviewSubject([id]), current.baseline, { accept: new Set([id]) });
  const merged = new Map(current.baseline.items);
  const entry = baseline.items.get(id);
  if (entry) merged.set(id, entry);
  const changes = replaceBaseline(ctx, serializeBaseline({ items: merged }));
  if (!changes) return undefined;
  return {
    title: `Accept review of ${id} (mark its links reviewed in ${BASELINE_FILE})`,
    kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes },
  };
}

/** The baseline edit that goes with renaming `from` to `to` (none without a baseline). */
export function baselineRenameEdits(ctx: ServiceContext, from: string, to: string): Record<string, TextEdit[]> {
  const current = ctx.engine.reviewBaseline();
  if (!current || !current.baseline.items.has(from) && ![...current.baseline.items.values()].some((i) => [...i.links.keys()].some((k) => k.includes(`#${from}.`)))) return {};
  const renamed = renameInBaseline(current.baseline, from, to, (id) => ctx.engine.graphView.definitions(id)[0]);
  return replaceBaseline(ctx, serializeBaseline(renamed)) ?? {};
}

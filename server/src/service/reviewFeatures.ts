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

/** What a lazily built "Accept review" action carries until `codeAction/resolve` computes its edit. */
export interface AcceptReviewData {
  acceptReview: string;
  /** The document the action was offered in (finds the workspace folder again). */
  uri: string;
}

/** Replaces the whole baseline file with new text. */
function replaceBaseline(ctx: ServiceContext, text: string): Record<string, TextEdit[]> | undefined {
  const current = ctx.engine.reviewBaseline();
  if (!current) return undefined;
  const end = { line: current.end.line - 1, character: current.end.column - 1 };
  return { [ctx.uri(BASELINE_FILE)]: [{ range: { start: { line: 0, character: 0 }, end }, newText: text }] };
}

/** The baseline with the current content of `id` and of every link to it accepted. */
function acceptEdit(ctx: ServiceContext, id: string): Record<string, TextEdit[]> | undefined {
  const current = ctx.engine.reviewBaseline();
  if (!current) return undefined;
  const entry = recordBaseline(ctx.engine.reviewSubject([id]), current.baseline, {
    accept: new Set([id]),
  }).baseline.items.get(id);
  const items = new Map(current.baseline.items);
  if (entry) items.set(id, entry);
  return replaceBaseline(ctx, serializeBaseline({ items }));
}

/**
 * "Accept review of SR-012": records the item's current content for it and every link to it.
 * With `lazy` (the client resolves code actions), the edit — a rewrite of the whole baseline,
 * megabytes in a large workspace — is computed only when the user picks the action, not each
 * time the editor asks for the actions at the cursor.
 */
export function acceptReview(ctx: ServiceContext, d: Diagnostic, uri: string, lazy: boolean): CodeAction | undefined {
  const id = (d.data as DiagnosticData | undefined)?.itemId;
  if (typeof id !== 'string' || !ctx.engine.reviewBaseline() || ctx.engine.graphView.definitions(id).length === 0)
    return undefined;
  const action: CodeAction = {
    title: `Accept review of ${id} (mark its links reviewed in ${BASELINE_FILE})`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
  };
  if (lazy) action.data = { acceptReview: id, uri } satisfies AcceptReviewData;
  else {
    const changes = acceptEdit(ctx, id);
    if (!changes) return undefined;
    action.edit = { changes };
  }
  return action;
}

/** `codeAction/resolve` for a lazily built "Accept review" action: adds its edit. */
export function resolveAcceptReview(ctx: ServiceContext, action: CodeAction): CodeAction {
  const data = action.data as Partial<AcceptReviewData> | undefined;
  const changes = typeof data?.acceptReview === 'string' ? acceptEdit(ctx, data.acceptReview) : undefined;
  return changes ? { ...action, edit: { changes } } : action;
}

/** The baseline edit that goes with renaming `from` to `to` (none without a baseline). */
export function baselineRenameEdits(ctx: ServiceContext, from: string, to: string): Record<string, TextEdit[]> {
  const current = ctx.engine.reviewBaseline();
  if (
    !current ||
    (!current.baseline.items.has(from) &&
      ![...current.baseline.items.values()].some((i) => [...i.links.keys()].some((k) => k.includes(`#${from}.`))))
  )
    return {};
  const renamed = renameInBaseline(current.baseline, from, to, (id) => ctx.engine.graphView.definitions(id)[0]);
  return replaceBaseline(ctx, serializeBaseline(renamed)) ?? {};
}

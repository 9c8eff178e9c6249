import { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { ServiceContext, toLspRange } from './context';
import { idAtPosition } from './idAtPosition';
import { baselineRenameEdits } from './reviewFeatures';

/** A rename that cannot be done, with the reason shown to the user. */
export class RenameRefused extends Error {}

/** `prepareRename`: only IDs that are defined or referenced can be renamed. */
export function prepareRename(
  ctx: ServiceContext,
  path: string,
  position: Position,
): { range: Range; placeholder: string } | undefined {
  const at = idAtPosition(ctx, path, position);
  if (!at) return undefined;
  const graph = ctx.engine.graphView;
  if (graph.definitions(at.id).length === 0 && graph.referencesTo(at.id).length === 0) return undefined;
  return { range: at.range, placeholder: at.id };
}

/**
 * Renames an ID: the definition and every reference across the workspace. Refuses a new
 * ID that is malformed, changes the kind prefix, or already exists.
 */
export function rename(
  ctx: ServiceContext,
  path: string,
  position: Position,
  newName: string,
): WorkspaceEdit | undefined {
  const at = idAtPosition(ctx, path, position);
  if (!at) return undefined;
  const grammar = ctx.engine.grammar;
  const target = newName.trim();
  const parsed = grammar.parse(target);
  if (!parsed || parsed.id !== target) {
    throw new RenameRefused(
      `'${newName}' is not a valid ID: use ${grammar.prefixOf(at.id) ?? 'PREFIX'}-<letters, digits, _ or .>`,
    );
  }
  const prefix = grammar.prefixOf(at.id);
  if (parsed.prefix !== prefix) throw new RenameRefused(`'${target}' changes the kind; keep the prefix ${prefix}-`);
  if (target === at.id) return { changes: {} };
  const graph = ctx.engine.graphView;
  if (graph.definitions(target).length > 0) throw new RenameRefused(`${target} already exists`);
  const changes: Record<string, TextEdit[]> = {};
  const add = (file: string, range: Parameters<typeof toLspRange>[0]) => {
    (changes[ctx.uri(file)] ??= []).push({ range: toLspRange(range), newText: target });
  };
  for (const d of graph.definitions(at.id)) add(d.file, d.idRange);
  for (const r of graph.referencesTo(at.id)) add(r.file, r.range);
  // Reviews recorded in the baseline follow the rename, so it makes no link suspect.
  return { changes: { ...changes, ...baselineRenameEdits(ctx, at.id, target) } };
}

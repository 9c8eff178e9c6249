import { Location, Position } from 'vscode-languageserver-types';
import { Reference } from '../core/model';
import { ServiceContext, toLspRange } from './context';
import { idAtPosition } from './idAtPosition';

function byPlace(a: Reference | { file: string; range: { line: number; column: number } }, b: typeof a): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.line - b.range.line || a.range.column - b.range.column;
}

/** ID → every annotation, link attribute and justification naming it, and its definitions when asked. */
export function references(
  ctx: ServiceContext,
  path: string,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const at = idAtPosition(ctx, path, position);
  if (!at) return [];
  return referencesOf(ctx, at.id, includeDeclaration);
}

export function referencesOf(ctx: ServiceContext, id: string, includeDeclaration: boolean): Location[] {
  const graph = ctx.engine.graphView;
  const places = [...graph.referencesTo(id).map((r) => ({ file: r.file, range: r.range }))].sort(byPlace);
  const defs = includeDeclaration ? graph.definitions(id).map((d) => ({ file: d.file, range: d.idRange })) : [];
  return [...defs, ...places].map((p) => ({ uri: ctx.uri(p.file), range: toLspRange(p.range) }));
}

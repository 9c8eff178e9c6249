import { Location, Position } from 'vscode-languageserver-types';
import { ServiceContext, toLspRange } from './context';
import { idAtPosition } from './idAtPosition';

/** ID → its heading or table row (every definition when the ID is duplicated, the first first). */
export function definition(ctx: ServiceContext, path: string, position: Position): Location[] {
  const at = idAtPosition(ctx, path, position);
  if (!at) return [];
  return ctx.engine.graphView.definitions(at.id).map((d) => ({ uri: ctx.uri(d.file), range: toLspRange(d.idRange) }));
}

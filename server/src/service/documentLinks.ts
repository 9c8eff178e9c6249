import { DocumentLink } from 'vscode-languageserver-types';
import { ServiceContext, toLspRange } from './context';

/**
 * IDs named by annotations, link attributes and suppression justifications link to their
 * definitions. The target is the definition's file with `#L<line>` (1-based), which VS Code
 * opens at that line. IDs that are not defined get no link (their diagnostic says why).
 */
export function documentLinks(ctx: ServiceContext, path: string): DocumentLink[] {
  const index = ctx.engine.fileIndex(path);
  if (!index) return [];
  const graph = ctx.engine.graphView;
  const out: DocumentLink[] = [];
  for (const ref of index.refs) {
    const def = graph.definitions(ref.id)[0];
    if (!def) continue;
    out.push({
      range: toLspRange(ref.range),
      target: `${ctx.uri(def.file)}#L${def.idRange.line}`,
      tooltip: def.title ? `${def.id}: ${def.title}` : def.id,
    });
  }
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

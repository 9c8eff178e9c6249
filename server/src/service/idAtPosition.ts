import { Position, Range } from 'vscode-languageserver-types';
import { lineOf, ServiceContext } from './context';

export interface IdAtPosition {
  id: string;
  range: Range;
}

/** The ID under the cursor, anywhere in a file (annotation, attribute, heading, prose); the end of an ID counts. */
export function idAtPosition(ctx: ServiceContext, path: string, position: Position): IdAtPosition | undefined {
  const text = ctx.text(path);
  if (text === undefined) return undefined;
  const line = lineOf(text, position.line);
  for (const m of ctx.engine.grammar.findAll(line)) {
    if (m.start <= position.character && position.character <= m.end) {
      return {
        id: m.id,
        range: { start: { line: position.line, character: m.start }, end: { line: position.line, character: m.end } },
      };
    }
  }
  return undefined;
}

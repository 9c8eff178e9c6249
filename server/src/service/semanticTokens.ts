import { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { ServiceContext } from './context';

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: ['keyword', 'variable'], tokenModifiers: ['declaration'] };

/** Annotation verbs and IDs in comments; IDs in Markdown. */
export function semanticTokens(_ctx: ServiceContext, _path: string): SemanticTokens {
  return { data: [] };
}

import { CompletionItem, Position } from 'vscode-languageserver-types';
import { ServiceContext } from './context';

/** IDs after annotation verbs and in link attributes, verbs after `@`, attribute keys. */
export function completion(_ctx: ServiceContext, _path: string, _position: Position): CompletionItem[] {
  return [];
}

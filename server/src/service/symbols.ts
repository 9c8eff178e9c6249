import { DocumentSymbol, WorkspaceSymbol } from 'vscode-languageserver-types';
import { ServiceContext } from './context';

/** Items of a Markdown document, nested by heading. */
export function documentSymbols(_ctx: ServiceContext, _path: string): DocumentSymbol[] {
  return [];
}

/** Every ID and title matching a query. */
export function workspaceSymbols(_ctx: ServiceContext, _query: string): WorkspaceSymbol[] {
  return [];
}

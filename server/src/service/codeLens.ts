import { CodeLens } from 'vscode-languageserver-types';
import { ServiceContext } from './context';

/** Lenses on items (link counts) and on annotations (the item's title and coverage). */
export function codeLenses(_ctx: ServiceContext, _path: string): CodeLens[] {
  return [];
}

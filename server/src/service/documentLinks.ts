import { DocumentLink } from 'vscode-languageserver-types';
import { ServiceContext } from './context';

/** IDs in link attributes and annotations link to their definitions. */
export function documentLinks(_ctx: ServiceContext, _path: string): DocumentLink[] {
  return [];
}

import { CodeAction, CodeActionParams } from 'vscode-languageserver-protocol';
import { ServiceContext } from './context';

/** Quick fixes for Seclife diagnostics. */
export function codeActions(_ctx: ServiceContext, _path: string, _params: CodeActionParams): CodeAction[] {
  return [];
}

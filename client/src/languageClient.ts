import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol';

/** The documents the server wants to see: every file (it decides itself what it reads). */
const DOCUMENT_SELECTOR = [{ scheme: 'file' }, { scheme: 'untitled', language: 'markdown' }];

/**
 * Starts the Seclife language server (the same bundle as the `seclife` command, run as
 * `seclife lsp --node-ipc`) in a Node process of its own.
 */
export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/seclife.js');
  const serverOptions: ServerOptions = {
    run: { module, args: ['lsp'], transport: TransportKind.ipc },
    debug: { module, args: ['lsp'], transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions,
    synchronize: { configurationSection: 'seclife' },
    diagnosticCollectionName: 'seclife',
    outputChannelName: 'Seclife',
  };
  return new LanguageClient('seclife', 'Seclife', serverOptions, clientOptions);
}

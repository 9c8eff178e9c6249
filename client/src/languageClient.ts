import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  DEFAULT_SETTINGS,
  InitializationOptions,
  OPEN_TEST_RESULT_COMMAND,
  SeclifeSettings,
  SETTINGS_SECTION,
} from '../../server/src/protocol';

/** The documents the server wants to see: every file (it decides itself what it reads). */
const DOCUMENT_SELECTOR = [{ scheme: 'file' }, { scheme: 'untitled', language: 'markdown' }];

/** The `seclife.*` settings of a folder (or the window), shaped as the one settings type of protocol.ts. */
export function readSettings(scopeUri?: string): SeclifeSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof SeclifeSettings>) {
    (settings as Record<string, unknown>)[key] = config.get(key, DEFAULT_SETTINGS[key]);
  }
  return settings;
}

/**
 * Starts the Seclife language server (the same bundle as the `seclife` command, run as
 * `seclife lsp --node-ipc`) in a Node process of its own.
 */
export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/seclife.js');
  const serverOptions: ServerOptions = {
    run: { module, args: ['lsp'], transport: TransportKind.ipc },
    debug: {
      module,
      args: ['lsp'],
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
  const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions,
    synchronize: { configurationSection: SETTINGS_SECTION },
    middleware: {
      workspace: {
        // The server pulls the `seclife` section: answer it with the typed settings.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) =>
            item.section === SETTINGS_SECTION ? readSettings(item.scopeUri) : answers[i],
          );
        },
      },
    },
    // Hovers may run this one command (the "Open failure" link of a failed test); no other.
    markdown: { isTrusted: { enabledCommands: [OPEN_TEST_RESULT_COMMAND] } },
    diagnosticCollectionName: 'seclife',
    outputChannelName: 'Seclife',
  };
  return new LanguageClient('seclife', 'Seclife', serverOptions, clientOptions);
}

/** `seclife lsp`: starts the language server (the transport flag is read from the command line). */
import { startServer } from './server';

export function runLanguageServer(): void {
  startServer();
}

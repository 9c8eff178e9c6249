/** Entry point of the bundle behind `bin/seclife.js`: the CLI, and `seclife lsp` for the language server. */
import { main } from './cli/main';
import { runLanguageServer } from './lsp/main';

main(
  process.argv.slice(2),
  {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  },
  runLanguageServer,
).then((code) => {
  if (code >= 0) process.exitCode = code;
});

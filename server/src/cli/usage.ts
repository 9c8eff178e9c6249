/** Help texts of the `seclife` command. */
export const MAIN_HELP = `Usage: seclife <command> [options]

Traceability and secure-coding checks for IEC 81001-5-1: links threats, risk
controls, requirements, interfaces and SOUP (Markdown) to code and tests
(annotations in comments) and reports the gaps.

Commands:
  check [dir]     Check a workspace and report findings (text, JSON or SARIF)
  init [dir]      Write seclife.json and starter lifecycle documents
  lsp             Start the language server (--stdio or --node-ipc)

Options:
  -h, --help      Show help (also: seclife <command> --help)
  -v, --version   Show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or I/O error.
Documentation: docs/ in the Seclife repository (formats, findings, configuration).
`;

export const CHECK_HELP = `Usage: seclife check [dir] [options]

Checks the workspace at dir (default: the current directory) against its
seclife.json (defaults when absent) and prints every finding.

Options:
  -f, --format <fmt>     text (default), json or sarif
  -o, --output <file>    Write the report to a file instead of standard output
      --fail-on <level>  Exit 1 when a finding is at or above: error (default),
                         warning, note, or never
  -q, --quiet            Text format: print errors only
  -h, --help             Show this help

Text lines read 'file:line:col: severity code message' (clickable in terminals
and CI logs). JSON: {version, findings, items, coverage, notes}. SARIF 2.1.0
for code-scanning uploads. Suppressed findings are listed but never fail a run.

Examples:
  seclife check
  seclife check services/api --format sarif --output seclife.sarif
  seclife check --fail-on warning
`;

export const INIT_HELP = `Usage: seclife init [dir] [options]

Writes seclife.json and starter documents under docs/security/ with one linked
example of each kind (SR, TH, RC, IF, SOUP, CS). Existing files are kept.

Options:
      --force    Overwrite existing files
  -h, --help     Show this help
`;

export const LSP_HELP = `Usage: seclife lsp [--stdio | --node-ipc]

Starts the Seclife language server for any LSP client (VS Code, Neovim, Helix,
Emacs). Diagnostics, hovers, go-to-definition, references, rename, completion.
`;

/** Help texts of the `seclife` command. */
export const MAIN_HELP = `Usage: seclife <command> [options]

Traceability and secure-coding checks for IEC 81001-5-1: links threats, risk
controls, requirements, interfaces and SOUP (Markdown) to code and tests
(annotations in comments) and reports the gaps.

Commands:
  check [dir]     Check a workspace and report findings (text, JSON or SARIF);
                  applies the release gate of seclife.json
  report [dir]    Write release evidence: index.html, report.md, matrix.csv
  review [dir]    Record the review baseline (.seclife/baseline.json)
  vex [dir]       Write a VEX document (OpenVEX or CycloneDX) of the decisions
  init [dir]      Write seclife.json and starter lifecycle documents
  lsp             Start the language server (--stdio or --node-ipc)

Options:
  -h, --help      Show help (also: seclife <command> --help)
  -v, --version   Show the version

Exit codes: 0 the gate passes (nothing at or above --fail-on), 1 the gate fails,
2 usage or I/O error.
Documentation: docs/ in the Seclife repository (formats, findings, configuration).
`;

export const CHECK_HELP = `Usage: seclife check [dir] [options]

Checks the workspace at dir (default: the current directory) against its
seclife.json (defaults when absent) and prints every finding.

Options:
  -f, --format <fmt>     text (default), json or sarif
  -o, --output <file>    Write the report to a file instead of standard output
      --fail-on <level>  Exit 1 when a finding is at or above: error (default),
                         warning, note, or never (replaces gate.failOn)
  -q, --quiet            Text format: print errors only
  -h, --help             Show this help

Text lines read 'file:line:col: severity code message' (clickable in terminals
and CI logs); the last line says what verification rests on: the test-result
files read (JUnit XML, TAP, CTRF) and their totals, or 'annotated only'. JSON:
{version, findings, items, coverage, verification, notes, gate}. SARIF 2.1.0
for code-scanning uploads. Suppressed findings are listed but never fail a run.

Examples:
  seclife check
  seclife check services/api --format sarif --output seclife.sarif
  seclife check --fail-on warning
`;

export const REVIEW_HELP = `Usage: seclife review [dir] [options]

Records the review baseline .seclife/baseline.json (commit it): a hash of every
item's content, and for every link (annotation, test, document link,
justification) the hash of the item it pointed to when it was reviewed. When an
item changes afterwards, 'seclife check' reports its links as suspect-link until
the change is accepted. Without options, new items and links are recorded and
changed items keep their suspect links.

Options:
      --accept <ID,...>  Accept the changes of these items (repeatable)
      --all              Accept every change (re-baseline everything)
  -h, --help             Show this help

Examples:
  seclife review
  seclife review --accept SR-012,RC-002
`;

export const REPORT_HELP = `Usage: seclife report [dir] --out <dir> [options]

Writes release evidence to the output folder: index.html (self-contained, opens
from disk), report.md and matrix.csv. They hold the gate verdict, coverage, the
test-result files verification rests on (with their SHA-256) or that it is
annotated only, the traceability matrix with each item's test result, threats
and residual risks, secure-coding findings and
suppressions, SOUP, suspect links, the configuration and the git commit. The
same input gives byte-identical files; SOURCE_DATE_EPOCH adds a date.

Options:
  -o, --out <dir>        Output folder (created if needed)
      --fail-on <level>  As for check: the gate's severity threshold
  -h, --help             Show this help

Exit codes: 0 written and the gate passes, 1 written and the gate fails,
2 usage or I/O error.
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

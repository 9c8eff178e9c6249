import { LexicalRule } from '../ruleTypes';
import { pyCalls, pyImported } from './pyHelpers';

/** `tempfile.mktemp()` (and Python 2's `os.tempnam` / `os.tmpnam`): a name, not a file. */
export const tempfileMktemp: LexicalRule = {
  kind: 'lexical',
  families: ['python'],
  id: 'py/tempfile-mktemp',
  title: 'Insecure temporary file name',
  cwe: [377],
  severity: 'warning',
  precision: 'very-high',
  securitySeverity: 6.3,
  message:
    'tempfile.mktemp() only returns a name: another process can create that file first (race condition, symlink attack)',
  description: [
    '`tempfile.mktemp` (deprecated since Python 2.3) returns a path that did not exist a moment ago, but does not create it. Between that check and your `open`, another local user can create the file or a symlink with that name, and your process then writes patient data into a file the attacker controls, or overwrites a file of its choice (CWE-377). `os.tempnam` and `os.tmpnam` (Python 2) have the same flaw.',
    '',
    'Let the library create the file atomically: `tempfile.NamedTemporaryFile`, `tempfile.mkstemp` (returns an open descriptor), or `tempfile.TemporaryDirectory` / `mkdtemp` for a private directory.',
  ].join('\n'),
  bad: 'path = tempfile.mktemp(suffix=".csv")\nwith open(path, "w") as f:\n    f.write(export)',
  good: 'with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:\n    f.write(export)',
  trigger: /\b(?:mktemp|tempnam|tmpnam)\s*\(/,
  check(ctx) {
    const names = ['tempfile\\.mktemp', 'os\\.(?:tempnam|tmpnam)', ...pyImported(ctx.code, 'tempfile', ['mktemp'])];
    for (const call of pyCalls(ctx.code, names.join('|'))) {
      ctx.report(
        call.start,
        call.end,
        `${call.name}() only returns a name: another process can create that file first (race condition, symlink attack)`,
      );
    }
  },
};

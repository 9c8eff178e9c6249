import { LexicalRule } from '../ruleTypes';
import { cCalls } from './cHelpers';

const NAMES = 'tmpnam(?:_r)?|tempnam|mktemp|_mktemp|_tempnam|_tmpnam|_wtmpnam|_wtempnam|_wmktemp';

/** `tmpnam`, `tempnam`, `mktemp`: a temporary file name that someone else can take first. */
export const insecureTemp: LexicalRule = {
  kind: 'lexical',
  families: ['c'],
  id: 'c/insecure-temp',
  title: 'Insecure temporary file name',
  cwe: [377],
  severity: 'warning',
  precision: 'very-high',
  securitySeverity: 6.3,
  message:
    'this function only picks a temporary file name: another process can create that file first (race condition, symlink attack)',
  description: [
    "`tmpnam`, `tempnam` and `mktemp` (and the Windows `_mktemp`, `_tempnam`, `_wtmpnam`…) return a name that was free when they looked, but create nothing. Between that moment and your `fopen`, a local attacker can create the file or a symlink with the same name in the shared temporary directory; the program then writes health data into a file the attacker can read, or overwrites a file of the attacker's choice (CWE-377). The names are also easy to predict.",
    '',
    'Create and open the file in one step: `mkstemp` / `mkostemp` (returns an open descriptor with mode 0600), `tmpfile`, or `mkdtemp` for a private directory. In C++17, create a private directory and open files inside it with exclusive creation.',
  ].join('\n'),
  bad: 'char *name = tmpnam(NULL);\nFILE *f = fopen(name, "w");',
  good: 'char name[] = "/tmp/export-XXXXXX";\nint fd = mkstemp(name);\nFILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;',
  // The name is matched from its word start (a `\w*` after the keyword rescans a long word per keyword in it).
  trigger: /\b(?=\w*?(?:tmpnam|tempnam|mktemp))\w+\s*\(/,
  check(ctx) {
    for (const call of cCalls(ctx.code, NAMES)) {
      const name = call.name.replace(/\s/g, '');
      ctx.report(
        call.start,
        call.end,
        `${name}() only picks a temporary file name: another process can create that file first (race condition, symlink attack)`,
      );
    }
  },
};

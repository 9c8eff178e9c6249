import { isClosed, matchingParen } from '../lexicalHelpers';
import { LexicalRule } from '../ruleTypes';

/** `subprocess.run(..., shell=True)` and friends. */
export const shellTrue: LexicalRule = {
  kind: 'lexical',
  families: ['python'],
  id: 'py/shell-true',
  title: 'Subprocess with shell=True',
  cwe: [78],
  severity: 'error',
  precision: 'high',
  securitySeverity: 8.8,
  message: 'subprocess call with shell=True: the command line is interpreted by a shell (OS command injection)',
  description:
    'With `shell=True`, `subprocess` hands the command to `/bin/sh`, so quotes, `;`, `$()` and backticks in any part of it are executed (CWE-78). Pass the program and its arguments as a list and leave `shell` at its default (`False`).',
  bad: 'subprocess.run(f"convert {name} out.png", shell=True)',
  good: 'subprocess.run(["convert", name, "out.png"], check=True)',
  trigger: /shell\s*=\s*True/,
  check(ctx) {
    const call = /\b(?:subprocess\.)?(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\s*\(/g;
    let m: RegExpExecArray | null;
    while ((m = call.exec(ctx.code))) {
      const open = m.index + m[0].length - 1;
      if (!isClosed(ctx.code, open)) continue;
      const close = matchingParen(ctx.code, open);
      const args = ctx.code.slice(open, close);
      const shell = /\bshell\s*=\s*True\b/.exec(args);
      if (shell) ctx.report(m.index, close);
    }
  },
};

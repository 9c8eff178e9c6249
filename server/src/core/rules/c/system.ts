import { LexicalRule } from '../ruleTypes';
import { cCalls, isCConstString } from './cHelpers';

/** `system(cmd)` / `popen(cmd, mode)` with a computed command, and `execl("/bin/sh", "sh", "-c", cmd, …)`. */
export const system: LexicalRule = {
  kind: 'lexical',
  families: ['c'],
  id: 'c/system',
  title: 'Shell command built at run time',
  cwe: [78],
  severity: 'error',
  precision: 'high',
  securitySeverity: 9.0,
  message: 'a computed command line is run by the shell: OS command injection if any part of it comes from outside',
  description: [
    '`system`, `popen` (and `_wsystem`, `_popen`, `_wpopen`) pass their command to `/bin/sh -c` (or `cmd.exe /c`). A command assembled with `snprintf` or `strcat` from a file name, a barcode or a message field runs whatever shell syntax that value contains — `;`, `|`, `$()`, backticks (CWE-78). `execl*("/bin/sh", "sh", "-c", cmd, …)` does the same explicitly.',
    '',
    'Start the program directly with `posix_spawn` or `fork` + `execv` and an argument vector, so no shell parses the values; validate file names against an allow-list. Constant commands (`system("clear")`), `system(NULL)`, `std::system` with a literal and methods called `system` are not reported.',
  ].join('\n'),
  bad: 'snprintf(cmd, sizeof cmd, "lpr -P ward3 %s", report);\nsystem(cmd);',
  good: 'char *argv[] = {"lpr", "-P", "ward3", report, NULL};\nposix_spawnp(&pid, "lpr", NULL, NULL, argv, environ);',
  trigger: /(?:system|popen|execl[pe]?)\s*\(/,
  check(ctx) {
    const { code, text } = ctx;
    for (const call of cCalls(code, '_?w?system|_?w?popen|execl[pe]?')) {
      const name = call.name.replace(/\s/g, '');
      let cmd: (typeof call.args)[number] | undefined = call.args[0];
      if (/execl/.test(name)) {
        const c = call.args.findIndex(
          (a) => /^"\s*"$/.test(code.slice(a.start, a.end)) && text.slice(a.start + 1, a.end - 1) === '-c',
        );
        cmd = c > 0 ? call.args[c + 1] : undefined;
      }
      if (!cmd) continue;
      const src = code.slice(cmd.start, cmd.end);
      if (isCConstString(code, cmd.start, cmd.end) || /^\(?\s*(?:NULL|nullptr|0)\s*\)?$/.test(src)) continue;
      ctx.report(
        call.start,
        call.end,
        `${name}() runs a computed command line through the shell: OS command injection if any part of it comes from outside`,
      );
    }
  },
};

import { LexicalRule } from '../ruleTypes';
import { isPyConstString, pyCalls, pyImported } from './pyHelpers';

/** `os.system(cmd)`, `os.popen(cmd)`, `commands.getoutput(cmd)` with a computed command line. */
export const osSystem: LexicalRule = {
  kind: 'lexical',
  families: ['python'],
  id: 'py/os-system',
  title: 'Shell command built at run time',
  cwe: [78],
  severity: 'error',
  precision: 'high',
  securitySeverity: 9.0,
  message:
    'a computed command line is run through the shell: OS command injection if any part of it comes from outside',
  description: [
    '`os.system`, `os.popen`, `commands.getoutput` / `getstatusoutput` and `subprocess.getoutput` / `getstatusoutput` always hand their argument to `/bin/sh` (or `cmd.exe`). When the command line is assembled from variables — concatenation, `%`, `.format()`, f-strings — any quote, `;`, `|`, `$()` or backtick in a value becomes shell syntax and runs with the privileges of the service (CWE-78).',
    '',
    'Call `subprocess.run` with a list of arguments (no shell), and validate values such as file names against an allow-list. A constant command (`os.system("clear")`) is not reported.',
  ].join('\n'),
  bad: 'os.system("lpr -P ward3 " + report_path)',
  good: 'subprocess.run(["lpr", "-P", "ward3", report_path], check=True)',
  trigger: /\b(?:system|popen[234]?|getoutput|getstatusoutput)\s*\(/,
  check(ctx) {
    const bare = pyImported(ctx.code, 'os|posix|commands|subprocess', [
      'system',
      'popen',
      'getoutput',
      'getstatusoutput',
    ]);
    const names = [
      'os\\.(?:system|popen[234]?)',
      'posix\\.system',
      '(?:commands|subprocess)\\.(?:getoutput|getstatusoutput)',
      ...bare,
    ];
    for (const call of pyCalls(ctx.code, names.join('|'))) {
      const a = call.args[0];
      if (!a || isPyConstString(ctx.code, ctx.text, a.start, a.end)) continue;
      ctx.report(
        call.start,
        call.end,
        `${call.name}() runs a computed command line through the shell: OS command injection if any part of it comes from outside`,
      );
    }
  },
};

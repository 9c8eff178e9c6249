import ts from 'typescript';
import { JsRule } from '../ruleTypes';
import { canonicalName, isShellSafe } from './injectionHelpers';

/** `child_process.exec(cmd)` / `execSync(cmd)` with a command line that is not constant. */
export const childProcessDynamic: JsRule = {
  kind: 'js',
  id: 'js/child-process-dynamic',
  title: 'Shell command built at run time',
  cwe: [78],
  severity: 'error',
  precision: 'high',
  securitySeverity: 9.8,
  message:
    'child_process.exec runs a computed command line through a shell: OS command injection if any part comes from outside',
  description:
    '`exec` and `execSync` from `child_process` always pass their command line to `/bin/sh -c` (or `cmd.exe`). When part of that line is computed — a file name, a patient identifier, a host — ' +
    'quotes, `;`, `|`, `$()` and backticks in it become shell syntax (CWE-78). ' +
    'The rule follows the module through `import`/`require`, destructuring, aliases and `util.promisify`, and stays silent when the variable parts are constants, numbers, shell-quoted ' +
    "(`shell-quote`'s `quote`, `shellEscape`) or chosen by whoever starts the process (`process.env.X`, `process.argv`). " +
    'Use `execFile`/`spawn` with an argument array (no shell) instead.',
  bad: 'exec(`dcmdump ${req.query.file}`, (err, out) => send(out));',
  good: "execFile('dcmdump', ['--', file], (err, out) => send(out));",
  trigger: /child_process/,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      const name = canonicalName(call.expression);
      if (name !== 'child_process.exec' && name !== 'child_process.execSync') return;
      const cmd = call.arguments[0];
      if (cmd && !ts.isSpreadElement(cmd) && isShellSafe(ctx, cmd)) return;
      if (cmd) ctx.report(call);
    },
  },
};

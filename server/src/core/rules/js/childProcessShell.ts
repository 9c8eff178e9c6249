import ts from 'typescript';
import { JsRule } from '../ruleTypes';
import { canonicalName, isShellSafe, isTruthyLiteral, objectProperty } from './injectionHelpers';

const SPAWNERS = /^child_process\.(?:spawn|spawnSync|execFile|execFileSync)$/;

/** `spawn(cmd, args, { shell: true })` with a command or arguments that are not constant. */
export const childProcessShell: JsRule = {
  kind: 'js',
  id: 'js/child-process-shell',
  title: 'Process spawned through a shell with computed arguments',
  cwe: [78],
  severity: 'error',
  precision: 'high',
  securitySeverity: 9.8,
  message:
    'spawn/execFile with shell: true joins the command and arguments into a shell command line: OS command injection',
  description:
    '`spawn` and `execFile` are the safe way to run programs because each argument reaches the program verbatim — unless the options say `shell: true` (or name a shell). ' +
    'Then Node.js joins the command and the arguments with spaces and hands the result to `/bin/sh -c` or `cmd.exe`, and any shell syntax in a computed argument runs (CWE-78). ' +
    'The rule reports these calls when the `shell` option is a truthy literal and the command or an argument is not constant (it does not guess the value of a non-literal `shell` option). Drop the `shell` option.',
  bad: "spawn('convert', [upload.name, 'out.png'], { shell: true });",
  good: "spawn('convert', ['--', upload.name, 'out.png']);",
  trigger: [/child_process/, /\bshell\b/],
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      if (!SPAWNERS.test(canonicalName(call.expression) ?? '')) return;
      const args = call.arguments;
      if (args.length < 2 || args.some((a) => ts.isSpreadElement(a))) return;
      const options = args.slice(1).find((a) => objectProperty(a, 'shell') !== undefined);
      if (!options || !isTruthyLiteral(objectProperty(options, 'shell'))) return;
      const parts = args.filter((a, i) => i === 0 || (a !== options && i === 1));
      if (parts.some((p) => !isShellSafe(ctx, p))) ctx.report(call);
    },
  },
};

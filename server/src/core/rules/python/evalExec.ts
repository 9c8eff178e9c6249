import { LexicalRule } from '../ruleTypes';
import { isPyConstString, pyCalls, pyImported } from './pyHelpers';

/** `eval(x)`, `exec(x)`, `compile(x, ...)` where x is not a constant string. */
export const evalExec: LexicalRule = {
  kind: 'lexical',
  families: ['python'],
  id: 'py/eval-exec',
  title: 'Dynamic code execution with eval/exec',
  cwe: [95],
  severity: 'error',
  precision: 'high',
  securitySeverity: 9.3,
  message: 'code built at run time is executed: code injection if any part of it comes from outside',
  description: [
    'The built-ins `eval`, `exec` and `compile` turn a string into Python code that runs with the full privileges of the process (CWE-95). Restricting `__builtins__` in the globals does not make this safe: attribute walks such as `().__class__.__base__.__subclasses__()` reach everything again.',
    '',
    'Parse data instead of executing it: `ast.literal_eval` for Python literals, `json.loads` for JSON, `int()` / `float()` / `decimal.Decimal` for numbers, and a dict of allowed operations for anything that selects behaviour. Calls with a constant string, methods such as `df.eval(...)`, and functions named `eval` / `compile` that the module defines at top level or imports (`from re import compile`) are not reported.',
  ].join('\n'),
  bad: 'dose = eval(form["dose_expression"])',
  good: 'dose = decimal.Decimal(form["dose"])',
  trigger: /\b(?:eval|exec|compile)\s*\(/,
  check(ctx) {
    const shadowed = (n: string) =>
      new RegExp(`^(?:(?:async\\s+)?def|class)\\s+${n}\\b|^${n}\\s*=(?!=)`, 'm').test(ctx.code) ||
      pyImported(ctx.code, '[\\w.]+', [n]).length > 0;
    const names = [
      '(?:builtins|__builtins__)\\.(?:eval|exec|compile)',
      ...['eval', 'exec', 'compile'].filter((n) => !shadowed(n)),
    ];
    for (const call of pyCalls(ctx.code, names.join('|'))) {
      const a = call.args[0];
      if (!a) continue;
      const kw = /^(\w+)\s*=(?!=)\s*/.exec(ctx.code.slice(a.start, a.end));
      if (kw && kw[1] !== 'source') continue;
      if (/^compile\s*\(/.test(ctx.code.slice(a.start, a.end)) && names.includes('compile')) continue; // reported there
      if (isPyConstString(ctx.code, ctx.text, a.start + (kw?.[0].length ?? 0), a.end)) continue;
      ctx.report(
        call.start,
        call.end,
        `${call.name}() executes code built at run time: code injection if any part of it comes from outside`,
      );
    }
  },
};

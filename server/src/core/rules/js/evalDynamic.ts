import ts from 'typescript';
import { JsRule } from '../ruleTypes';

/** `eval(x)` where x is not a constant string. */
export const evalDynamic: JsRule = {
  kind: 'js',
  id: 'js/eval-dynamic',
  title: 'Dynamic code execution with eval',
  cwe: [95],
  severity: 'error',
  precision: 'high',
  securitySeverity: 9.3,
  message: 'eval() runs a string that is not a constant: code injection if any part of it comes from outside',
  description:
    "Passing a computed string to `eval` (or `window.eval`, `globalThis.eval`) executes it as code with the caller's privileges. When any part of the string can be influenced by a user, a device or a file, this is code injection (CWE-95). Parse data with `JSON.parse`, look values up in a map, or call the function you mean directly.",
  bad: 'const result = eval(`compute(${req.query.expr})`);',
  good: 'const result = OPERATIONS[req.query.op]?.(value);',
  trigger: /\beval\s*\(/,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      const name = ctx.dottedName(call.expression);
      if (name !== 'eval' && name !== 'window.eval' && name !== 'globalThis.eval') return;
      const arg = call.arguments[0];
      if (!arg || ctx.constantString(arg) !== undefined) return;
      ctx.report(call);
    },
  },
};

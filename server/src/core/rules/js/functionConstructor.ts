import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { isConstantish } from './injectionHelpers';

const FUNCTION_CTOR = /^(?:(?:window|globalThis|self)\.)?Function$/;

function check(node: ts.Node, ctx: JsRuleContext): void {
  const call = node as ts.CallExpression | ts.NewExpression;
  if (!FUNCTION_CTOR.test(ctx.dottedName(call.expression) ?? '')) return;
  // Every argument is code: the last is the body, the others are parameter lists.
  const args = call.arguments ?? [];
  if (args.length === 0 || args.every((a) => !ts.isSpreadElement(a) && isConstantish(ctx, a))) return;
  ctx.report(call);
}

/** `new Function(body)` / `Function(body)` with a body (or parameter list) that is not constant. */
export const functionConstructor: JsRule = {
  kind: 'js',
  id: 'js/function-constructor',
  title: 'Dynamic code execution with the Function constructor',
  cwe: [95],
  severity: 'error',
  precision: 'high',
  securitySeverity: 9.3,
  message:
    'Function() compiles a string that is not a constant into code: code injection if any part of it comes from outside',
  description:
    'The `Function` constructor (called with or without `new`) compiles its string arguments — the parameter list and the body — into a function, exactly like `eval` but in the global scope. ' +
    'If any of those strings is computed from data that a user, a device or a file can influence, that data runs as code with the privileges of the process or the page (CWE-95). ' +
    'The rule reports calls where an argument is not a constant (a literal, a `const` built from literals, or a SCREAMING_CASE constant). ' +
    'Replace generated code with data: a lookup table of functions, a small expression parser, or `JSON.parse` for data.',
  bad: "const score = new Function('vitals', `return ${rule.formula};`);",
  good: 'const FORMULAS: Record<string, (v: Vitals) => number> = { news2: computeNews2 };\nconst score = FORMULAS[rule.formulaId];',
  trigger: /\bFunction\s*\(/,
  visit: {
    [ts.SyntaxKind.NewExpression]: check,
    [ts.SyntaxKind.CallExpression]: check,
  },
};

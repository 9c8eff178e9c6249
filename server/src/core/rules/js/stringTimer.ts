import ts from 'typescript';
import { JsRule } from '../ruleTypes';
import { findDeclaration, initializerOf, unwrap } from './injectionHelpers';

const TIMER = /^(?:(?:window|globalThis|self)\.)?set(?:Timeout|Interval|Immediate)$/;
const STRING_METHODS =
  /^(?:toString|join|toLowerCase|toUpperCase|trim|trimStart|trimEnd|padStart|padEnd|repeat|replace|replaceAll|normalize)$/;

/** Whether an expression evaluates to a string, syntactically (literals, templates, `+` with a string, `string`-typed names). */
function isStringExpression(node: ts.Node, depth = 0): boolean {
  node = unwrap(node);
  if (depth > 5) return false;
  const next = (n: ts.Node) => isStringExpression(n, depth + 1);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
    return true;
  if (ts.isBinaryExpression(node))
    return node.operatorToken.kind === ts.SyntaxKind.PlusToken && (next(node.left) || next(node.right));
  if (ts.isConditionalExpression(node)) return next(node.whenTrue) && next(node.whenFalse);
  if (ts.isCallExpression(node)) {
    const callee = unwrap(node.expression);
    if (ts.isIdentifier(callee)) return callee.text === 'String';
    if (!ts.isPropertyAccessExpression(callee)) return false;
    if (ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON')
      return callee.name.text === 'stringify';
    return STRING_METHODS.test(callee.name.text) && (callee.name.text !== 'replace' || next(callee.expression));
  }
  if (ts.isIdentifier(node)) {
    const decl = findDeclaration(node);
    if (decl && (ts.isParameter(decl) || ts.isVariableDeclaration(decl)) && decl.type)
      return decl.type.kind === ts.SyntaxKind.StringKeyword;
    const init = initializerOf(node);
    return init !== undefined && next(init);
  }
  return false;
}

/** `setTimeout('code', ms)`: a string first argument is compiled and run like `eval`. */
export const stringTimer: JsRule = {
  kind: 'js',
  id: 'js/string-timer',
  title: 'String passed to setTimeout / setInterval',
  cwe: [95],
  severity: 'error',
  precision: 'high',
  securitySeverity: 7.5,
  message: 'A string passed to a timer is compiled and run as code (implied eval): pass a function instead',
  description:
    'When the first argument of `setTimeout`, `setInterval` or `setImmediate` is a string instead of a function, browsers compile it with the same machinery as `eval` (CWE-95). ' +
    'With a computed string this is code injection; even with a constant string it defeats Content-Security-Policy without `unsafe-eval`, hides code from tools, and throws in Node.js. ' +
    'The rule reports timers (bare, or on `window`/`globalThis`/`self`) whose first argument is visibly a string: a literal, a template, a concatenation with a string, `String(x)`, or a variable declared as a string. Pass an arrow function.',
  bad: "setTimeout('refreshVitals(' + patientId + ')', 5000);",
  good: 'setTimeout(() => refreshVitals(patientId), 5000);',
  // Not when the first argument visibly starts a function: `() =>`, `(x) =>`, `function`, `async`.
  trigger: /\bset(?:Timeout|Interval|Immediate)\s*\(\s*(?!function\b|async\b|\(\s*[^\s'"`(])/,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      if (!TIMER.test(ctx.dottedName(call.expression) ?? '')) return;
      const first = call.arguments[0];
      if (first && isStringExpression(first)) ctx.report(call);
    },
  },
};

import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { initializerOf } from './injectionHelpers';
import { redosFragment } from './redosAnalysis';

const REGEXP = new Set(['RegExp', 'window.RegExp', 'globalThis.RegExp']);

/** `x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`, `escapeRegExp(x)`, or a variable initialised with one. */
function isEscaped(node: ts.Node, ctx: JsRuleContext, depth = 0): boolean {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node))
    node = node.expression;
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const method = ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isIdentifier(callee)
        ? callee.text
        : '';
    if (
      (method === 'replace' || method === 'replaceAll') &&
      node.arguments.length === 2 &&
      ctx.constantString(node.arguments[1]) === '\\$&'
    )
      return true;
    return /escape/i.test(method);
  }
  if (ts.isIdentifier(node) && depth < 3) {
    // The variable this name is bound to in scope (not any same-named one in the file).
    const init = initializerOf(node);
    return init !== undefined && isEscaped(init, ctx, depth + 1);
  }
  return false;
}

function reportPattern(node: ts.Node, source: string, flags: string, ctx: JsRuleContext): void {
  const fragment = redosFragment(source, flags);
  if (fragment)
    ctx.report(
      node,
      `\`${fragment.length > 40 ? fragment.slice(0, 40) + '…' : fragment}\` repeats a repetition (or overlapping alternatives): backtracking can take exponential time on crafted input (ReDoS)`,
    );
}

/** Regexes with catastrophic backtracking, and regexes compiled from request data. */
export const regexRedos: JsRule = {
  kind: 'js',
  id: 'js/regex-redos',
  title: 'Regular expression denial of service',
  cwe: [1333, 625],
  severity: 'warning',
  precision: 'high',
  securitySeverity: 7.5,
  message: 'This regular expression can backtrack exponentially on crafted input (ReDoS)',
  description:
    "JavaScript regexes run on a backtracking engine on the main thread: a pattern that can split the same text in exponentially many ways — a repetition inside a repetition like `(a+)+` or `(\\w+\\s?)*`, or overlapping alternatives under a quantifier like `(\\w|\\d)+` — takes seconds to years on a short crafted string that *almost* matches, blocking the server or UI (CWE-1333). The rule analyses regex literals and constant `new RegExp('…')` patterns structurally: an inner variable-length repetition is safe when each outer iteration must also match a separator the inner one cannot (`(\\d+\\.)+` is fine), and bounded outer counts below 10 are ignored. It also reports `new RegExp(x)` where `x` comes from the HTTP request or the URL, unless it is escaped first (`x.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')` or an `escape…` function): the caller then chooses the pattern, including catastrophic ones, and can widen what it matches (CWE-625). Rewrite the pattern so each character can be matched in only one way, limit input length before matching, or search literally with `includes`.",
  bad: 'const EMAIL = /^([a-zA-Z0-9_.-]+)+@example\\.org$/;\nconst filter = new RegExp(req.query.q);',
  good: 'const EMAIL = /^[a-zA-Z0-9_.-]+@example\\.org$/;\nconst filter = new RegExp(escapeRegExp(String(req.query.q)));',
  trigger: /\)(?:[*+]|\{\d)|\bRegExp\s*\(/,
  visit: {
    [ts.SyntaxKind.RegularExpressionLiteral]: (node, ctx) => {
      const text = (node as ts.RegularExpressionLiteral).text;
      const slash = text.lastIndexOf('/');
      reportPattern(node, text.slice(1, slash), text.slice(slash + 1), ctx);
    },
    [ts.SyntaxKind.NewExpression]: (node, ctx) => checkConstructor(node as ts.NewExpression, ctx),
    [ts.SyntaxKind.CallExpression]: (node, ctx) => checkConstructor(node as ts.CallExpression, ctx),
  },
};

function checkConstructor(call: ts.NewExpression | ts.CallExpression, ctx: JsRuleContext): void {
  if (!REGEXP.has(ctx.dottedName(call.expression) ?? '') || !call.arguments?.length) return;
  const pattern = call.arguments[0];
  const source = ctx.constantString(pattern);
  if (source !== undefined) {
    reportPattern(call, source, (call.arguments[1] && ctx.constantString(call.arguments[1])) ?? '', ctx);
  } else if (ctx.isRequestData(pattern) && !isEscaped(pattern, ctx)) {
    ctx.report(
      call,
      'RegExp compiled from request data: the caller chooses the pattern (catastrophic backtracking, or matching more than intended); escape it or match literally with includes()',
    );
  }
}

import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';

const NUMERIC = new Set([
  'Number',
  'parseInt',
  'parseFloat',
  'Math.floor',
  'Math.ceil',
  'Math.round',
  'Math.trunc',
  'Math.abs',
  'Math.min',
  'Math.max',
]);
const BUFFER = new Set(['Buffer', 'global.Buffer', 'globalThis.Buffer']);

/** Request data, also after numeric conversion: `Number(req.query.n)`, `+req.body.size`, `parseInt(n, 10)`. */
function isRequestSize(node: ts.Node, ctx: JsRuleContext): boolean {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node))
    node = node.expression;
  if (ts.isPrefixUnaryExpression(node)) return isRequestSize(node.operand, ctx);
  if (ts.isCallExpression(node) && NUMERIC.has(ctx.dottedName(node.expression) ?? '')) {
    // Math.min(n, LIMIT) bounds the size: only report when every argument is request data.
    const name = ctx.dottedName(node.expression);
    const args = name === 'Math.min' ? node.arguments : node.arguments.slice(0, 1);
    return args.length > 0 && args.every((a) => isRequestSize(a, ctx));
  }
  return ctx.isRequestData(node);
}

/** The deprecated `Buffer()` constructor, and uninitialised buffers sized by the caller. */
export const bufferUnsafe: JsRule = {
  kind: 'js',
  id: 'js/buffer-unsafe',
  title: 'Deprecated or uninitialised Buffer',
  cwe: [665, 908],
  severity: 'warning',
  precision: 'very-high',
  securitySeverity: 5.9,
  message:
    'new Buffer() is deprecated and ambiguous (a number argument allocates memory): use Buffer.from() or Buffer.alloc()',
  description:
    "`new Buffer(x)` (and `Buffer(x)`) behaves differently depending on the type of `x`: a string or array is copied, but a number allocates that many bytes — uninitialised, leaking old heap memory such as keys or other patients' data, on older Node versions — so a JSON field that arrives as a number instead of a string changes the behaviour (CWE-665). It is deprecated (DEP0005). `Buffer.allocUnsafe(n)`/`allocUnsafeSlow(n)` return memory that still holds old data until it is fully overwritten; the rule reports them when `n` comes from the request, where a large size is both a memory disclosure and a denial-of-service risk (CWE-908). Use `Buffer.from(string|array)` to copy and `Buffer.alloc(n)` (zero-filled) with a bounded `n`.",
  bad: 'const data = new Buffer(req.body.payload);\nconst out = Buffer.allocUnsafe(Number(req.query.size));',
  good: "const data = Buffer.from(String(req.body.payload), 'base64');\nconst out = Buffer.alloc(Math.min(Number(req.query.size), MAX_SIZE));",
  trigger: /\bBuffer\s*\(|\ballocUnsafe/,
  visit: {
    [ts.SyntaxKind.NewExpression]: (node, ctx) => {
      if (BUFFER.has(ctx.dottedName((node as ts.NewExpression).expression) ?? '')) ctx.report(node);
    },
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      const name = ctx.dottedName(call.expression) ?? '';
      if (BUFFER.has(name)) {
        ctx.report(
          call,
          'Buffer() is deprecated and ambiguous (a number argument allocates memory): use Buffer.from() or Buffer.alloc()',
        );
      } else if (
        (name === 'Buffer.allocUnsafe' || name === 'Buffer.allocUnsafeSlow') &&
        call.arguments.length > 0 &&
        isRequestSize(call.arguments[0], ctx)
      ) {
        ctx.report(
          call,
          `${name}() with a size from the request returns uninitialised memory of the caller's chosen size: use Buffer.alloc() with a bounded size`,
        );
      }
    },
  },
};

import ts from 'typescript';
import { JsRule, JsRuleContext, RuleFix } from '../ruleTypes';
import {
  enclosingFunction,
  functionName,
  isAssignment,
  lastSegment,
  matchesName,
  propertyName,
  RANDOM_SECRET_NAMES,
} from './secretHelpers';
import { initializerOf } from './injectionHelpers';

/** Calls whose result is still "the random value": numeric rounding, string conversion, picking a character. */
const WRAPPERS = new Set([
  'Math.floor',
  'Math.round',
  'Math.ceil',
  'Math.trunc',
  'Math.abs',
  'Number',
  'parseInt',
  'parseFloat',
  'String',
  'String.fromCharCode',
]);
const STRING_METHODS = new Set([
  'toString',
  'join',
  'slice',
  'substring',
  'substr',
  'padStart',
  'padEnd',
  'toUpperCase',
  'toLowerCase',
  'toFixed',
]);
const PICKERS = new Set(['charAt', 'at', 'charCodeAt', 'codePointAt']);
const ARITHMETIC = new Set([
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.BarToken,
  ts.SyntaxKind.AmpersandToken,
  ts.SyntaxKind.CaretToken,
  ts.SyntaxKind.AsteriskAsteriskToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
]);
const reported = new WeakSet<ts.Node>();

interface Flow {
  name?: string;
  sink: ts.Node;
  fixTarget?: ts.Node;
}

/**
 * Follows the value of `Math.random()` up the tree to where it is named: variable, property,
 * assignment, return, call argument. `fixTarget` is the part that is a string token — the
 * `Math.random().toString(36)…` chain, or `Math.random()` itself inside a template or string concatenation.
 */
function follow(call: ts.CallExpression, ctx: JsRuleContext): Flow | undefined {
  let cur: ts.Node = call;
  let chain: ts.Node = call; // grows over `.toString(36).slice(2)` directly on the call
  let fixTarget: ts.Node | undefined;
  let open = true;
  const stop = (asString: boolean) => {
    if (open) fixTarget = chain !== call || asString ? chain : undefined;
    open = false;
  };
  const flow = (name: string | undefined, sink: ts.Node): Flow => {
    stop(false);
    return { name, sink, fixTarget };
  };
  for (;;) {
    const p = cur.parent;
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p)) {
      stop(false);
      cur = p;
      continue;
    }
    if (ts.isPropertyAccessExpression(p) && ts.isCallExpression(p.parent) && p.parent.expression === p) {
      if (!STRING_METHODS.has(p.name.text)) return undefined;
      cur = p.parent;
      if (open && p.expression === chain) chain = cur;
      else stop(false);
      continue;
    }
    if (ts.isCallExpression(p) && p.arguments.includes(cur as ts.Expression)) {
      const name = ctx.dottedName(p.expression) ?? '';
      const method = ts.isPropertyAccessExpression(p.expression) ? p.expression.name.text : '';
      if (WRAPPERS.has(name) || PICKERS.has(method)) {
        stop(name === 'String');
        cur = p;
        continue;
      }
      const label = p.arguments
        .slice(0, p.arguments.indexOf(cur as ts.Expression))
        .map((a) => ctx.constantString(a))
        .find((s) => matchesName(s, RANDOM_SECRET_NAMES));
      return flow(label ?? lastSegment(p.expression, ctx), p);
    }
    if (ts.isElementAccessExpression(p) && p.argumentExpression === cur) {
      if (!isCharset(p.expression, ctx)) return undefined; // picking a random item of a list, not building a secret
      stop(false);
      cur = p;
      continue;
    }
    if (ts.isTemplateSpan(p)) {
      stop(true);
      cur = p.parent;
      continue;
    }
    if (ts.isConditionalExpression(p) && p.condition !== cur) {
      stop(false);
      cur = p;
      continue;
    }
    if (ts.isBinaryExpression(p)) {
      if (ARITHMETIC.has(p.operatorToken.kind)) {
        const other = p.left === cur ? p.right : p.left;
        stop(p.operatorToken.kind === ts.SyntaxKind.PlusToken && ctx.constantString(other) !== undefined);
        cur = p;
        continue;
      }
      if (isAssignment(p.operatorToken.kind) && p.right === cur) return flow(lastSegment(p.left, ctx), p);
      return undefined;
    }
    if (
      (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) &&
      p.initializer === cur
    )
      return flow(propertyName(p.name, ctx), p);
    if (
      ts.isArrowFunction(p) &&
      p.body === cur &&
      ts.isCallExpression(p.parent) &&
      ts.isPropertyAccessExpression(p.parent.expression) &&
      /^(map|from|flatMap)$/.test(p.parent.expression.name.text)
    ) {
      stop(false);
      cur = p.parent;
      continue;
    }
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === cur)) {
      const fn = enclosingFunction(cur);
      return flow(fn && functionName(fn, ctx), p);
    }
    return undefined;
  }
}

/** A string of characters to pick from: a constant, or a variable named `chars`/`alphabet`/… or initialised with a constant. */
function isCharset(node: ts.Node, ctx: JsRuleContext): boolean {
  if (ctx.constantString(node) !== undefined) return true;
  if (!ts.isIdentifier(node)) return false;
  if (/char|alphabet|digit|letter|symbol|alnum/i.test(node.text)) return true;
  const init = initializerOf(node);
  return init !== undefined && ctx.constantString(init) !== undefined;
}

/** `out` is returned by the enclosing function (as is, or through string methods): the function's name names the value. */
function returnedBy(fn: ts.FunctionLikeDeclaration, variable: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (n !== fn && ts.isFunctionLike(n))) return;
    if (ts.isReturnStatement(n) && n.expression) {
      let e: ts.Expression = n.expression;
      while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) e = e.expression.expression;
      if (ts.isIdentifier(e) && e.text === variable) found = true;
    }
    n.forEachChild(visit);
  };
  visit(fn);
  return found;
}

/** `Math.random()` generating tokens, passwords, salts, nonces, OTPs, session IDs and API keys. */
export const weakRandom: JsRule = {
  kind: 'js',
  id: 'js/weak-random',
  title: 'Predictable random value used as a secret',
  cwe: [338, 330],
  severity: 'error',
  precision: 'high',
  securitySeverity: 7.5,
  message:
    'Math.random() is predictable: do not use it for tokens, passwords, salts, nonces, OTPs or session IDs; use crypto.randomUUID(), crypto.randomBytes() or crypto.randomInt()',
  description:
    "`Math.random()` is a fast, non-cryptographic generator: its internal state can be reconstructed from a few outputs, after which every later \"random\" token, reset code or session ID can be predicted (CWE-338). The rule follows the value of `Math.random()` through arithmetic, rounding, `toString(36)`/`slice`, character picking and template strings to the place it is named — a variable, property, assignment, call argument (`res.cookie('sessionId', …)`, `setToken(…)`) or the function that returns it — and reports it when that name is a token, secret, password, salt, nonce, IV, OTP/PIN/verification code, session ID or API key. Jitter, animation, sampling, shuffling for display and React keys are not reported. Use `crypto.randomUUID()` or `crypto.randomBytes(32).toString('base64url')` for tokens and `crypto.randomInt(0, 1_000_000)` for numeric codes; a quick fix replaces a string token with `crypto.randomUUID()`.",
  bad: 'const resetToken = Math.random().toString(36).slice(2);',
  good: 'const resetToken = crypto.randomUUID();\nconst delay = Math.random() * 1000; // jitter: fine',
  trigger: /\bMath\.random\s*\(/,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      if (call.arguments.length !== 0 || ctx.dottedName(call.expression) !== 'Math.random') return;
      const flow = follow(call, ctx);
      if (!flow || reported.has(flow.sink)) return;
      let name = flow.name;
      if (!matchesName(name, RANDOM_SECRET_NAMES)) {
        // `let out = ''; … out += chars.charAt(…); return out;` inside `function generateToken()`.
        const fn = enclosingFunction(call);
        const local =
          ts.isVariableDeclaration(flow.sink) || (ts.isBinaryExpression(flow.sink) && ts.isIdentifier(flow.sink.left));
        if (!fn || !name || !local || !returnedBy(fn, name)) return;
        name = functionName(fn, ctx);
        if (!matchesName(name, RANDOM_SECRET_NAMES)) return;
      }
      reported.add(flow.sink);
      let fix: RuleFix | undefined;
      if (flow.fixTarget) {
        const a = ctx.position(flow.fixTarget.getStart(ctx.sourceFile));
        const b = ctx.position(flow.fixTarget.getEnd());
        fix = {
          title: 'Use crypto.randomUUID()',
          edits: [
            { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, newText: 'crypto.randomUUID()' },
          ],
        };
      }
      ctx.report(
        call,
        `Math.random() is predictable but feeds \`${name}\`: use crypto.randomUUID(), crypto.randomBytes() or crypto.randomInt()`,
        fix,
      );
    },
  },
};

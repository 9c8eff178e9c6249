import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import {
  enclosingFunction,
  functionName,
  HASHED_SECRET_NAMES,
  lastSegment,
  matchesName,
  targetName,
} from './secretHelpers';

const WEAK_HASHES = new Set(['md5', 'md4', 'md2', 'sha1', 'sha-1', 'rsa-md5', 'rsa-sha1']);
const WEAK_HMACS = new Set(['md5', 'md4', 'md2', 'rsa-md5']);
const KEEPS_VALUE = new Set(['Buffer.from', 'String', 'trim', 'normalize', 'toLowerCase', 'toUpperCase', 'toString']);

/** Whether an expression carries a secret: `password`, `user.pin`, `` `${salt}${password}` ``, `Buffer.from(token)`. */
function isSecret(node: ts.Node, ctx: JsRuleContext): boolean {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node))
    node = node.expression;
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))
    return matchesName(lastSegment(node, ctx), HASHED_SECRET_NAMES);
  if (ts.isTemplateExpression(node)) return node.templateSpans.some((s) => isSecret(s.expression, ctx));
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return isSecret(node.left, ctx) || isSecret(node.right, ctx);
  if (ts.isCallExpression(node)) {
    const name =
      ctx.dottedName(node.expression) ??
      (ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : '');
    const method = name.slice(name.lastIndexOf('.') + 1);
    if (KEEPS_VALUE.has(name)) return node.arguments.length > 0 && isSecret(node.arguments[0], ctx);
    if (KEEPS_VALUE.has(method) && ts.isPropertyAccessExpression(node.expression))
      return isSecret(node.expression.expression, ctx);
  }
  return false;
}

/** `h.update(x)` calls anywhere in `scope` on the variable `h`. */
function updatesOf(scope: ts.Node, variable: string): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === 'update' &&
      ts.isIdentifier(n.expression.expression) &&
      n.expression.expression.text === variable
    )
      out.push(n);
    n.forEachChild(visit);
  };
  visit(scope);
  return out;
}

/** Evidence that the digest protects a secret: the data hashed, the name it is stored under, or the function's name. */
function hashesSecret(call: ts.CallExpression, ctx: JsRuleContext): boolean {
  let top: ts.Expression = call;
  while (
    ts.isPropertyAccessExpression(top.parent) &&
    ts.isCallExpression(top.parent.parent) &&
    top.parent.parent.expression === top.parent
  ) {
    const chained = top.parent.parent;
    if (top.parent.name.text === 'update' && chained.arguments.length > 0 && isSecret(chained.arguments[0], ctx))
      return true;
    top = chained;
  }
  if (matchesName(targetName(top, ctx), HASHED_SECRET_NAMES)) return true;
  const fn = enclosingFunction(call);
  if (fn && matchesName(functionName(fn, ctx), HASHED_SECRET_NAMES)) return true;
  if (top === call && ts.isVariableDeclaration(call.parent) && ts.isIdentifier(call.parent.name)) {
    const scope = fn?.body ?? call.getSourceFile();
    return updatesOf(scope, call.parent.name.text).some((u) => u.arguments.length > 0 && isSecret(u.arguments[0], ctx));
  }
  return false;
}

/** MD5/SHA-1 (and MD4/MD2) digests of passwords, tokens, keys and PINs. */
export const weakHash: JsRule = {
  kind: 'js',
  id: 'js/weak-hash',
  title: 'Broken hash function protecting a secret',
  cwe: [328, 916],
  severity: 'error',
  precision: 'high',
  securitySeverity: 7.5,
  message:
    'A broken hash function (MD5/SHA-1) protects a password, token or key: use a password hash (scrypt, argon2, bcrypt) or at least SHA-256/HMAC-SHA-256',
  description:
    'MD5, MD4, MD2 and SHA-1 are broken for security: collisions are cheap and, with no work factor, billions of guesses per second recover passwords, PINs and short tokens from their digests (CWE-328, CWE-916). The rule reports `createHash` with one of them only when the digest protects a secret — the data passed to `update()` (directly or via the hash variable), the variable or property the digest is stored in, or the enclosing function is named like a password, secret, token, key, PIN or OTP (`passwordHash`, `hashToken`, `update(user.pin)`). Digests for ETags, cache keys, de-duplication or checksums of non-secret data are not reported. `createHmac` with MD5/MD4/MD2 is always reported: an HMAC is by definition a security use. Store passwords with `crypto.scrypt` (or argon2/bcrypt) and a per-user salt; fingerprint tokens with SHA-256 or HMAC-SHA-256.',
  bad: "const passwordHash = crypto.createHash('md5').update(password).digest('hex');",
  good: "const passwordHash = await scryptAsync(password, salt, 64);\nconst etag = crypto.createHash('md5').update(body).digest('hex'); // not a secret: fine",
  trigger: /\bcreateH(ash|mac)\s*\(/,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      const fn = lastSegment(call.expression, ctx);
      if ((fn !== 'createHash' && fn !== 'createHmac') || call.arguments.length === 0) return;
      const algorithm = ctx.constantString(call.arguments[0])?.toLowerCase();
      if (!algorithm) return;
      if (fn === 'createHmac') {
        if (WEAK_HMACS.has(algorithm))
          ctx.report(call, `HMAC-${algorithm.toUpperCase()} uses a broken hash function: use HMAC-SHA-256 ('sha256')`);
        return;
      }
      if (WEAK_HASHES.has(algorithm) && hashesSecret(call, ctx))
        ctx.report(
          call,
          `${algorithm.toUpperCase()} is broken but protects a password, token or key here: use scrypt/argon2/bcrypt for passwords, SHA-256 or HMAC-SHA-256 for tokens`,
        );
    },
  },
};

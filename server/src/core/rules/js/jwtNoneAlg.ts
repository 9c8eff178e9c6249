import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { enclosingFunction, lastSegment, propertyName } from './secretHelpers';

const JWT_LIBS = new Set(['jwt', 'jsonwebtoken', 'JWT', 'jsonWebToken', 'jws']);
/** Claims that decide who the caller is or what they may do. */
const AUTH_CLAIMS = new Set([
  'role',
  'roles',
  'admin',
  'isAdmin',
  'is_admin',
  'permissions',
  'permission',
  'scope',
  'scopes',
  'scp',
  'groups',
  'sub',
  'userId',
  'user_id',
  'uid',
  'tenantId',
  'tenant_id',
  'authorities',
  'isSuperuser',
  'superuser',
  'isStaff',
  'accountId',
  'orgId',
]);
/** Where an authenticated identity is attached: `req.user = …`, `res.locals.auth = …`. */
const IDENTITY_SLOTS = new Set(['user', 'auth', 'principal', 'identity', 'currentUser', 'claims', 'session']);
const isNone = (n: ts.Node, ctx: JsRuleContext) => ctx.constantString(n)?.trim().toLowerCase() === 'none';

function jwtMethod(call: ts.CallExpression, ctx: JsRuleContext): string | undefined {
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  const lib = lastSegment(call.expression.expression, ctx) ?? ctx.dottedName(call.expression.expression);
  return lib && JWT_LIBS.has(lib) ? call.expression.name.text : undefined;
}

/** Whether the decoded payload feeds an authorization decision in `scope`. */
function usedForAuthorization(decode: ts.CallExpression, scope: ts.Node, ctx: JsRuleContext): boolean {
  let value: ts.Node = decode;
  while (
    ts.isAsExpression(value.parent) ||
    ts.isNonNullExpression(value.parent) ||
    ts.isParenthesizedExpression(value.parent)
  )
    value = value.parent;
  const p = value.parent;
  if (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p))
    return AUTH_CLAIMS.has(lastSegment(p, ctx) ?? '');
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === value)
    return IDENTITY_SLOTS.has(lastSegment(p.left, ctx) ?? '');
  if (!ts.isVariableDeclaration(p)) return false;
  if (ts.isObjectBindingPattern(p.name))
    return p.name.elements.some((e) => AUTH_CLAIMS.has(propertyName(e.propertyName ?? e.name, ctx) ?? ''));
  if (!ts.isIdentifier(p.name)) return false;
  const v = p.name.text;
  let used = false;
  const visit = (n: ts.Node): void => {
    if (used) return;
    if (
      (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === v &&
      AUTH_CLAIMS.has(lastSegment(n, ctx) ?? '')
    )
      used = true;
    else if (
      ts.isVariableDeclaration(n) &&
      n.initializer &&
      ts.isIdentifier(n.initializer) &&
      n.initializer.text === v &&
      ts.isObjectBindingPattern(n.name)
    )
      used = n.name.elements.some((e) => AUTH_CLAIMS.has(propertyName(e.propertyName ?? e.name, ctx) ?? ''));
    else if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(n.right) &&
      n.right.text === v
    )
      used = IDENTITY_SLOTS.has(lastSegment(n.left, ctx) ?? '');
    n.forEachChild(visit);
  };
  visit(scope);
  return used;
}

/** Whether anything named like `verify` is called in `scope` (jwt.verify, jwtVerify, verifyToken, …). */
function callsVerify(scope: ts.Node, ctx: JsRuleContext): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && /verify/i.test(lastSegment(n.expression, ctx) ?? '')) found = true;
    n.forEachChild(visit);
  };
  visit(scope);
  return found;
}

/** JWTs accepted without a signature: the `none` algorithm, or `jwt.decode` trusted for authorization. */
export const jwtNoneAlg: JsRule = {
  kind: 'js',
  id: 'js/jwt-none-alg',
  title: 'JWT accepted without a verified signature',
  cwe: [347],
  severity: 'error',
  precision: 'high',
  securitySeverity: 9.1,
  message: "The JWT's signature is not verified: anyone can forge a token with any identity or role",
  description:
    "A JSON Web Token is only as trustworthy as its signature check. The rule reports (1) `'none'` in an `algorithms` allow-list (`jwt.verify(t, key, { algorithms: ['none'] })`, express-jwt options), which accepts unsigned tokens; (2) `{ algorithm: 'none' }` passed to `sign`, which issues unsigned tokens; and (3) `jwt.decode(token)` — which never checks the signature — when its payload decides who the caller is or what they may do (a claim like `role`, `scope`, `sub`, `userId`, `permissions` is read from it, or it is assigned to `req.user`/`…auth`/`…principal`) **and** nothing named `verify` is called in the same function. Decoding to read `exp` or the header `kid` before verifying is not reported (CWE-347). Use `jwt.verify(token, key, { algorithms: ['RS256'] })` (one fixed algorithm) and take the claims from its result.",
  bad: "const { role } = jwt.decode(req.headers.authorization) as JwtPayload;\nif (role === 'clinician') return next();",
  good: "const { role } = jwt.verify(token, publicKey, { algorithms: ['RS256'] }) as JwtPayload;",
  trigger: /algorithms?\s*:[^;]{0,200}?['"`]none['"`]|(?:jwt|jsonwebtoken|jws)['"`]?\s*(?:\)\s*)?\.\s*decode\s*\(/i,
  visit: {
    [ts.SyntaxKind.PropertyAssignment]: (node, ctx) => {
      const prop = node as ts.PropertyAssignment;
      const name = propertyName(prop.name, ctx);
      if (name === 'algorithms' && ts.isArrayLiteralExpression(prop.initializer)) {
        const none = prop.initializer.elements.find((e) => isNone(e, ctx));
        if (none)
          ctx.report(
            none,
            "'none' in the accepted algorithms lets unsigned (forged) tokens through: list only the algorithm you sign with",
          );
      } else if (name === 'algorithm' && isNone(prop.initializer, ctx)) {
        const call = prop.parent.parent;
        if (ts.isCallExpression(call) && lastSegment(call.expression, ctx) === 'sign')
          ctx.report(prop.initializer, "Tokens signed with 'none' carry no signature: anyone can forge them");
      }
    },
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      if (jwtMethod(call, ctx) !== 'decode' || call.arguments.length === 0) return;
      const scope = enclosingFunction(call)?.body ?? call.getSourceFile();
      if (!callsVerify(scope, ctx) && usedForAuthorization(call, scope, ctx)) {
        ctx.report(
          call,
          'jwt.decode() does not check the signature, but its claims are used for authorization here: use jwt.verify() with a fixed algorithm',
        );
      }
    },
  },
};

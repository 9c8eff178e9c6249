import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { lastSegment, propertyName } from './secretHelpers';

const DISABLING = new Set(['rejectUnauthorized', 'strictSSL']);

/** `false`, `0`, `!1`. */
function isFalse(node: ts.Node): boolean {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (ts.isNumericLiteral(node)) return Number(node.text) === 0;
  return (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.ExclamationToken &&
    ts.isNumericLiteral(node.operand) &&
    Number(node.operand.text) !== 0
  );
}

/** A function that accepts every certificate: empty body, or returns nothing / undefined / null. */
function acceptsAll(node: ts.Node): boolean {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  const empty = (e: ts.Expression | undefined) =>
    !e ||
    e.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(e) && e.text === 'undefined') ||
    ts.isVoidExpression(e);
  if (!ts.isBlock(node.body)) return empty(node.body);
  return node.body.statements.every((s) => ts.isReturnStatement(s) && empty(s.expression));
}

/** An options object for a TLS *server* asking for optional client certificates (`requestCert` + `rejectUnauthorized: false`). */
function optionalClientCerts(obj: ts.Node, ctx: JsRuleContext): boolean {
  return (
    ts.isObjectLiteralExpression(obj) &&
    obj.properties.some((p) => p.name !== undefined && propertyName(p.name, ctx) === 'requestCert')
  );
}

/** TLS certificate validation switched off in client options. */
export const tlsRejectUnauthorized: JsRule = {
  kind: 'js',
  id: 'js/tls-reject-unauthorized',
  title: 'TLS certificate validation disabled',
  cwe: [295],
  severity: 'error',
  precision: 'very-high',
  securitySeverity: 7.4,
  message:
    'TLS certificate validation is disabled: anyone on the network path can impersonate the server and read or change the traffic',
  description:
    'Setting `rejectUnauthorized: false` (Node `https`/`tls` and agents), `strictSSL: false` (request-style clients) or a `checkServerIdentity` that accepts everything makes the connection accept any certificate. The channel is then still encrypted, but to whoever answers — a proxy, a compromised Wi-Fi or a malicious DNS entry can read and alter patient data and credentials (CWE-295). Fix the trust instead: add the private CA with the `ca` option or `NODE_EXTRA_CA_CERTS`, and pin certificates with a `checkServerIdentity` that calls `tls.checkServerIdentity` first. A TLS *server* that sets `requestCert: true` with `rejectUnauthorized: false` (optional client certificates) is not reported.',
  bad: 'const agent = new https.Agent({ rejectUnauthorized: false });',
  good: "const agent = new https.Agent({ ca: fs.readFileSync('/etc/pki/hospital-ca.pem') });",
  trigger: /\b(rejectUnauthorized|strictSSL|checkServerIdentity)\b/,
  visit: {
    [ts.SyntaxKind.PropertyAssignment]: (node, ctx) => {
      const prop = node as ts.PropertyAssignment;
      const name = propertyName(prop.name, ctx);
      if (name === 'checkServerIdentity') {
        if (acceptsAll(prop.initializer))
          ctx.report(
            prop,
            'checkServerIdentity accepts every certificate: server identity is not verified (anyone on the path can impersonate the server)',
          );
        return;
      }
      if (!name || !DISABLING.has(name) || !isFalse(prop.initializer)) return;
      if (name === 'rejectUnauthorized' && optionalClientCerts(prop.parent, ctx)) return;
      ctx.report(prop);
    },
    [ts.SyntaxKind.BinaryExpression]: (node, ctx) => {
      const bin = node as ts.BinaryExpression;
      if (bin.operatorToken.kind !== ts.SyntaxKind.EqualsToken || ts.isIdentifier(bin.left)) return; // agent.options.x = …, not a local
      const name = lastSegment(bin.left, ctx);
      if (name && DISABLING.has(name) && isFalse(bin.right)) ctx.report(bin);
      else if (name === 'checkServerIdentity' && acceptsAll(bin.right))
        ctx.report(
          bin,
          'checkServerIdentity accepts every certificate: server identity is not verified (anyone on the path can impersonate the server)',
        );
    },
  },
};

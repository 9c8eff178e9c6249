import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { propertyName } from './secretHelpers';

const VAR = 'NODE_TLS_REJECT_UNAUTHORIZED';

/** `'0'`, `"0"`, `` `0` ``, `0`: the values Node reads as "do not verify". */
function isZero(node: ts.Node, ctx: JsRuleContext): boolean {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isTypeAssertionExpression(node))
    node = node.expression;
  if (ts.isNumericLiteral(node)) return Number(node.text) === 0;
  return ctx.constantString(node)?.trim() === '0';
}

/** Process-wide TLS verification switched off through the environment. */
export const tlsEnvDisable: JsRule = {
  kind: 'js',
  id: 'js/tls-env-disable',
  title: 'TLS verification disabled for the whole process',
  cwe: [295],
  severity: 'error',
  precision: 'very-high',
  securitySeverity: 7.4,
  message: 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate validation for every TLS connection of the process',
  description:
    'Node.js skips certificate validation for *all* outgoing TLS connections — every library, every host — while `NODE_TLS_REJECT_UNAUTHORIZED` is `"0"`. One line meant for a test server silently exposes every connection of the process to impersonation and interception (CWE-295). Trust the private CA instead (`NODE_EXTRA_CA_CERTS=/path/ca.pem`, or the `ca` option of the one client that needs it). The rule reports assignments to `process.env.NODE_TLS_REJECT_UNAUTHORIZED` (dotted or bracketed) and the variable set to `"0"` in an environment object (for example the `env` of a child process).',
  bad: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
  good: '// NODE_EXTRA_CA_CERTS=/etc/pki/hospital-ca.pem node server.js\nconst agent = new https.Agent({ ca: hospitalCa });',
  trigger: /NODE_TLS_REJECT_UNAUTHORIZED/,
  visit: {
    [ts.SyntaxKind.BinaryExpression]: (node, ctx) => {
      const bin = node as ts.BinaryExpression;
      if (bin.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
      const name = ctx.dottedName(bin.left);
      if (name !== `process.env.${VAR}` && name !== `env.${VAR}`) return;
      if (isZero(bin.right, ctx)) ctx.report(bin);
    },
    [ts.SyntaxKind.PropertyAssignment]: (node, ctx) => {
      const prop = node as ts.PropertyAssignment;
      if (propertyName(prop.name, ctx) === VAR && isZero(prop.initializer, ctx)) ctx.report(prop);
    },
  },
};

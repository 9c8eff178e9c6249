import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { PRIVATE_KEY_HEADER } from './secretHelpers';

/**
 * The text a literal contributes to: itself, the constant `'…' + '…'` chain it starts, or the
 * constant array elements from it on (`[…].join('\n')`). Substitutions become NUL, which no key body contains.
 */
function combinedText(node: ts.Node, ctx: JsRuleContext): string {
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((s) => '\0' + s.literal.text).join('');
  let top: ts.Node = node;
  while (
    ts.isParenthesizedExpression(top.parent) ||
    (ts.isBinaryExpression(top.parent) &&
      top.parent.operatorToken.kind === ts.SyntaxKind.PlusToken &&
      top.parent.left === top)
  )
    top = top.parent;
  if (ts.isArrayLiteralExpression(node.parent)) {
    const rest = node.parent.elements.slice(node.parent.elements.indexOf(node as ts.Expression));
    return rest.map((e) => ctx.constantString(e) ?? '\0').join('\n');
  }
  let text = '';
  const collect = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      collect(n.left);
      collect(n.right);
    } else if (ts.isParenthesizedExpression(n)) collect(n.expression);
    else text += ctx.constantString(n) ?? '\0';
  };
  collect(top);
  return text;
}

/** A key body follows the header: base64 (after optional `Proc-Type:`/`DEK-Info:` lines) of at least 40 characters. */
function hasKeyBody(text: string): boolean {
  const m = PRIVATE_KEY_HEADER.exec(text);
  if (!m) return false;
  let body = text.slice(m.index + m[0].length);
  const end = body.indexOf('-----END');
  if (end >= 0) body = body.slice(0, end);
  body = body
    .split(/\r?\n|\\n/)
    .filter((line) => !/^[\w-]+:/.test(line.trim()))
    .join('')
    .replace(/\s+/g, '');
  return /^[A-Za-z0-9+/=]{40,}$/.test(body);
}

/** PEM private keys written into the source. */
export const privateKeyLiteral: JsRule = {
  kind: 'js',
  id: 'js/private-key-literal',
  title: 'Private key in source code',
  cwe: [321, 798],
  severity: 'error',
  precision: 'very-high',
  securitySeverity: 9.1,
  message:
    'A private key is embedded in the source: move it to a key store or secret manager and replace (revoke) this key',
  description:
    'A PEM private key (`-----BEGIN … PRIVATE KEY-----` followed by the key material) in a string or template literal is readable by anyone with the repository, its history or a build artefact, and it is the same on every installation, so one leak compromises every device and every signature or TLS session that relies on it (CWE-321). The rule reports the literal that contains the header when key material follows it — in the same literal, in a constant `+` chain, or in the following constant elements of an array — so header constants used to *parse* PEM files, and placeholders like `…`, are not reported. Load keys at run time from a key store, HSM or secret manager, and revoke a key that was ever committed.',
  bad: 'const signingKey = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC…\n-----END PRIVATE KEY-----`;',
  good: "const signingKey = await secrets.get('device-signing-key');\nconst PEM_HEADER = '-----BEGIN PRIVATE KEY-----'; // parsing: fine",
  trigger: /-----BEGIN [A-Z ]*PRIVATE KEY/,
  visit: {
    [ts.SyntaxKind.StringLiteral]: (node, ctx) => check(node, (node as ts.StringLiteral).text, ctx),
    [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: (node, ctx) =>
      check(node, (node as ts.NoSubstitutionTemplateLiteral).text, ctx),
    [ts.SyntaxKind.TemplateExpression]: (node, ctx) => check(node, (node as ts.TemplateExpression).head.text, ctx),
  },
};

function check(node: ts.Node, ownText: string, ctx: JsRuleContext): void {
  if (!PRIVATE_KEY_HEADER.test(ownText)) return;
  if (hasKeyBody(combinedText(node, ctx))) ctx.report(node);
}

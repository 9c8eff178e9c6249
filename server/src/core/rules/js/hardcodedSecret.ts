import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { lastSegment, looksLikeSecretValue, matchesName, SECRET_NAMES, targetName } from './secretHelpers';

const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

/** High-entropy string literals given to secret-named variables, properties and parameters, or compared with them. */
export const hardcodedSecret: JsRule = {
  kind: 'js',
  id: 'js/hardcoded-secret',
  title: 'Hard-coded secret',
  cwe: [798, 259],
  severity: 'error',
  precision: 'high',
  securitySeverity: 8.1,
  message: 'Hard-coded secret: load it from the environment or a secret manager, and rotate this value',
  description:
    "A password, API key, token or signing secret written in the source is readable by everyone with access to the repository, its history, build artefacts and bundles shipped to browsers or devices — and it cannot be rotated without a release (CWE-798). The rule reports a string literal that (a) is stored in, defaults, or is compared with a variable, property, parameter, class field or JSX attribute named like a secret (`password`, `passwd`, `secret`, `token`, `apiKey`, `privateKey`, `clientSecret`, `accessKey`, …, but not `passwordPolicy`, `tokenUrl` or `secretName`), including the fallback of `process.env.X || '…'`; and (b) looks generated: at least 16 characters, no spaces, letters and digits, Shannon entropy ≥ 3.5 bits per character (≥ 3.0 for hex of 32+ digits), not a placeholder (`changeme`, `your-…`, `example`, `xxxx`, `test`, `<…>`, `${…}`), ascending run (`123456`, `abcdef`), URL, path, file name, dotted key (`auth.form.password2`), `0x…` address or environment-variable name. Known credential formats and PEM private keys are reported by `js/known-token-shape` and `js/private-key-literal`. Read secrets from the environment or a secret manager (`process.env.JWT_SECRET`, with no literal fallback) and rotate any value that was committed.",
  bad: "const jwtSecret = process.env.JWT_SECRET || 'q8Zr4vN1xT7pL2mK9sW3yB6d';",
  good: "const jwtSecret = requireEnv('JWT_SECRET');\nconst passwordPolicy = 'min-12-chars-1-digit';",
  // A secret-like name, then `=`/`:`/`===` (after an optional type or `env.X ||`), then a quoted run of 16+ non-blanks.
  // The name is matched from its word start and the type as words separated by blanks, so that no
  // two quantifiers share a run of characters (docs/security-model.md).
  trigger:
    /\b(?=\w*?(?:pass|pwd|secret|token|key|credential))\w+['"\]]*\s*(?::\s*[\w.<>[\]|]+(?: +[\w.<>[\]|]+)*\s*)?(?:[:=]|[!=]==?)\s*(?:[\w.$]+\s*(?:\|\||\?\?)\s*)?['"`][^'"`\s]{16}/i,
  visit: {
    [ts.SyntaxKind.StringLiteral]: (node, ctx) => check(node as ts.StringLiteral, ctx),
    [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: (node, ctx) => check(node as ts.NoSubstitutionTemplateLiteral, ctx),
  },
};

function check(literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, ctx: JsRuleContext): void {
  let value: ts.Node = literal;
  while (ts.isParenthesizedExpression(value.parent) || ts.isAsExpression(value.parent)) value = value.parent;
  const p = value.parent;
  let name: string | undefined;
  if (ts.isBinaryExpression(p) && EQUALITY.has(p.operatorToken.kind))
    name = lastSegment(p.left === value ? p.right : p.left, ctx);
  else if (
    ts.isBinaryExpression(p) &&
    p.right === value &&
    (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
  )
    name = targetName(p, ctx);
  else name = targetName(value, ctx);
  if (!matchesName(name, SECRET_NAMES) || !looksLikeSecretValue(literal.text)) return;
  ctx.report(
    literal,
    `Hard-coded secret in \`${name}\`: load it from the environment or a secret manager, and rotate this value`,
  );
}

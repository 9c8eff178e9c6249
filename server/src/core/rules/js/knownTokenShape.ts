import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { knownTokenShape as shapeOf } from './secretHelpers';

function check(node: ts.Node, text: string, ctx: JsRuleContext): void {
  const shape = shapeOf(text);
  if (shape)
    ctx.report(
      node,
      `This literal contains ${shape}: revoke it, and load the credential from the environment or a secret manager`,
    );
}

/** Literals in the format of a well-known vendor credential (AWS, GitHub, GitLab, Slack, Stripe, Google, npm, SendGrid). */
export const knownTokenShape: JsRule = {
  kind: 'js',
  id: 'js/known-token-shape',
  title: 'Credential with a well-known format',
  cwe: [798],
  severity: 'error',
  precision: 'very-high',
  securitySeverity: 8.8,
  message:
    'This literal has the format of a cloud or service credential: revoke it, and load the credential from the environment or a secret manager',
  description:
    'Vendor credentials have recognisable prefixes: AWS access key IDs (`AKIA` + 16), GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 36, `github_pat_…`), GitLab personal access tokens (`glpat-`), Slack tokens (`xoxb-`, `xoxp-`, …) and incoming-webhook URLs, Stripe live secret and restricted keys (`sk_live_`, `rk_live_`), Google API keys (`AIza` + 35), npm tokens (`npm_` + 36) and SendGrid keys (`SG.…`). One in a string or template literal is almost always a real credential; automated scanners harvest public repositories within minutes (CWE-798). The random part must look random: documentation placeholders (`AKIA…EXAMPLE`, `ghp_xxxx…`) are not reported, nor are Stripe test keys. Revoke the credential at the vendor first — removing it from the code does not remove it from history — then read it from the environment or a secret manager.',
  bad: "const s3 = new S3Client({ credentials: { accessKeyId: 'AKIA…', secretAccessKey: '…' } });",
  good: 'const s3 = new S3Client({}); // credentials from the environment or the instance role',
  trigger: /AKIA|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|hooks\.slack\.com|[rs]k_live_|AIza|npm_|SG\./,
  visit: {
    [ts.SyntaxKind.StringLiteral]: (node, ctx) => check(node, (node as ts.StringLiteral).text, ctx),
    [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: (node, ctx) =>
      check(node, (node as ts.NoSubstitutionTemplateLiteral).text, ctx),
    [ts.SyntaxKind.TemplateExpression]: (node, ctx) => {
      const t = node as ts.TemplateExpression;
      check(t, [t.head.text, ...t.templateSpans.map((s) => s.literal.text)].join('\0'), ctx);
    },
  },
};

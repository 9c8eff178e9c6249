import ts from 'typescript';
import { JsRule } from '../ruleTypes';
import { isUnsafeHtml } from './injectionHelpers';

const WRITE = /^(?:window\.)?document\.write(?:ln)?$/;

/** `document.write(html)` with HTML that is not constant or sanitized. */
export const xssDocumentWrite: JsRule = {
  kind: 'js',
  id: 'js/xss-document-write',
  title: 'Computed HTML written with document.write',
  cwe: [79],
  severity: 'warning',
  precision: 'medium',
  securitySeverity: 6.1,
  message: 'document.write() of computed HTML: cross-site scripting unless every part is trusted or escaped',
  description:
    "`document.write` and `document.writeln` insert their arguments into the page as HTML while it is parsed, so markup or `<script>` in any computed part runs with the page's privileges (CWE-79). " +
    'Writing `location.search`, `location.hash` or `document.referrer` this way is the classic DOM-based XSS. ' +
    'The rule reports arguments that are not constants, numbers, sanitized/escaped values or templates of those (it cannot tell whether a variable holds trusted markup: medium precision). ' +
    'Build the content with DOM APIs (`createElement`, `textContent`) instead; `document.write` is also blocked by modern browsers in many situations.',
  bad: "document.write('<p>Welcome back, ' + new URLSearchParams(location.search).get('name') + '</p>');",
  good: "const p = document.createElement('p');\np.textContent = `Welcome back, ${name}`;\ndocument.body.append(p);",
  trigger: /\bdocument\s*\.\s*write(?:ln)?\b/,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      if (!WRITE.test(ctx.dottedName(call.expression) ?? '')) return;
      if (call.arguments.some((a) => ts.isSpreadElement(a) || isUnsafeHtml(ctx, a))) ctx.report(call);
    },
  },
};

import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { isUnsafeHtml, objectProperty, unwrap } from './injectionHelpers';

const PROP = 'dangerouslySetInnerHTML';

/** The `__html` of a `dangerouslySetInnerHTML` value we can see, and whether it is unsafe. */
function check(ctx: JsRuleContext, at: ts.Node, value: ts.Expression | undefined): void {
  if (!value) return;
  const v = unwrap(value);
  // Only judge what is visible: an object literal (or a const holding one), not `createMarkup()`.
  const html = objectProperty(v, '__html');
  if (html && isUnsafeHtml(ctx, html)) ctx.report(at);
}

/** `<div dangerouslySetInnerHTML={{ __html: html }} />` with HTML that is not constant or sanitized. */
export const reactDangerousHtml: JsRule = {
  kind: 'js',
  id: 'js/react-dangerous-html',
  title: 'Unsanitized HTML in dangerouslySetInnerHTML',
  cwe: [79],
  severity: 'warning',
  precision: 'medium',
  securitySeverity: 6.1,
  message:
    'dangerouslySetInnerHTML with HTML that is not sanitized: cross-site scripting if any of it comes from outside',
  description:
    'React escapes everything it renders except `dangerouslySetInnerHTML`, whose `__html` is inserted as raw HTML: markup in it (from an API, a rich-text note, a Markdown renderer, a URL) can run script in the page (CWE-79). ' +
    'The rule reports JSX attributes and `createElement` props whose `__html` is not a constant and not the result of a sanitizer (`DOMPurify.sanitize`, `sanitizeHtml`, `purify`, `filterXSS`, an escaper). ' +
    '`JSON.stringify` in a `<script>` is reported too: it does not escape `</script>`. ' +
    'Render text as children, or sanitize the HTML right where it is inserted.',
  bad: '<div className="note" dangerouslySetInnerHTML={{ __html: marked.parse(note.body) }} />',
  good: '<div className="note" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(marked.parse(note.body)) }} />',
  trigger: /\bdangerouslySetInnerHTML\b/,
  visit: {
    [ts.SyntaxKind.JsxAttribute]: (node, ctx) => {
      const a = node as ts.JsxAttribute;
      if (!ts.isIdentifier(a.name) || a.name.text !== PROP || !a.initializer || !ts.isJsxExpression(a.initializer))
        return;
      check(ctx, a, a.initializer.expression);
    },
    [ts.SyntaxKind.PropertyAssignment]: (node, ctx) => {
      const p = node as ts.PropertyAssignment;
      if ((ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === PROP) check(ctx, p, p.initializer);
    },
  },
};

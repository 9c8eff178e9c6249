import ts from 'typescript';
import { JsRule } from '../ruleTypes';
import { isUnsafeHtml } from './injectionHelpers';

/** `el.innerHTML = html` / `outerHTML` / `insertAdjacentHTML(pos, html)` with HTML that is not constant or sanitized. */
export const xssInnerHtml: JsRule = {
  kind: 'js',
  id: 'js/xss-inner-html',
  title: 'Computed HTML written with innerHTML',
  cwe: [79],
  severity: 'warning',
  precision: 'medium',
  securitySeverity: 6.1,
  message:
    'Computed HTML assigned to innerHTML/outerHTML or insertAdjacentHTML: cross-site scripting unless every part is trusted or escaped',
  description:
    'Assigning to `innerHTML` or `outerHTML`, or calling `insertAdjacentHTML`, parses the string as HTML: markup in any part of it — a patient name, a note, a URL parameter — ' +
    "can add `<img onerror=…>` or similar and run script in the page with the user's session (CWE-79). " +
    "The rule reports values that are not constants, numbers, calls of a sanitizer or escaper (`DOMPurify.sanitize`, `escapeHtml`, `he.encode`, a Trusted Types policy's `createHTML`), " +
    "or templates and `.map(…).join('')` lists built only from those. It cannot tell whether a variable holds trusted markup (medium precision). " +
    'Set `textContent`, build elements with `createElement`, or sanitize the HTML.',
  bad: 'row.innerHTML = `<td>${patient.name}</td><td>${patient.note}</td>`;',
  good: 'nameCell.textContent = patient.name;\nnoteCell.innerHTML = DOMPurify.sanitize(patient.noteHtml);',
  trigger: /\b(?:innerHTML|outerHTML|insertAdjacentHTML)\b/,
  visit: {
    [ts.SyntaxKind.BinaryExpression]: (node, ctx) => {
      const b = node as ts.BinaryExpression;
      const op = b.operatorToken.kind;
      if (op !== ts.SyntaxKind.EqualsToken && op !== ts.SyntaxKind.PlusEqualsToken) return;
      if (!ts.isPropertyAccessExpression(b.left) || !/^(?:innerHTML|outerHTML)$/.test(b.left.name.text)) return;
      if (isUnsafeHtml(ctx, b.right)) ctx.report(b);
    },
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'insertAdjacentHTML') return;
      const html = call.arguments[1];
      if (html && isUnsafeHtml(ctx, html)) ctx.report(call);
    },
  },
};

import ts from 'typescript';
import { JsRule } from '../ruleTypes';
import { propertyName } from './secretHelpers';

const OWN_WINDOW = new Set(['window', 'self', 'global', 'globalThis', 'window.self', 'window.window']);

/** `postMessage` to any origin. */
export const postmessageWildcard: JsRule = {
  kind: 'js',
  id: 'js/postmessage-wildcard',
  title: 'postMessage to any origin',
  cwe: [345, 201],
  severity: 'warning',
  precision: 'very-high',
  securitySeverity: 5.3,
  message:
    "postMessage with targetOrigin '*' delivers the message to whatever page is in that window, including an attacker's: name the expected origin",
  description:
    "`otherWindow.postMessage(data, '*')` sends `data` to the window no matter which site it currently shows. If the frame or opener was navigated elsewhere — which the embedding page can do — tokens or patient data in the message go to that site (CWE-345, CWE-201). The rule reports a constant `'*'` as the second argument of a `postMessage` call and a `targetOrigin: '*'` option. Worker and MessagePort `postMessage(data, transfer)` calls, and messages a page posts to its own `window`/`self` (where the origin is its own), are not reported. Pass the exact origin you expect (`'https://portal.hospital.org'`, or `new URL(frame.src).origin`).",
  bad: "iframe.contentWindow.postMessage({ token }, '*');",
  good: "iframe.contentWindow.postMessage({ token }, 'https://viewer.hospital.org');",
  // The arguments are scanned up to the next `postMessage`, not on from each one (docs/security-model.md).
  trigger: /\bpostMessage\s*\((?:(?!postMessage)[^;])*?,\s*['"`]\*['"`]|\btargetOrigin\s*:\s*['"`]\*/,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      const callee = call.expression;
      const name = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isIdentifier(callee)
          ? callee.text
          : undefined;
      if (name !== 'postMessage' || call.arguments.length < 2) return;
      // To its own window (setImmediate polyfills): the target origin is ours, '*' changes nothing.
      if (ts.isPropertyAccessExpression(callee) && OWN_WINDOW.has(ctx.dottedName(callee.expression) ?? '')) return;
      if (ctx.constantString(call.arguments[1])?.trim() === '*') ctx.report(call);
    },
    [ts.SyntaxKind.PropertyAssignment]: (node, ctx) => {
      const prop = node as ts.PropertyAssignment;
      if (propertyName(prop.name, ctx) === 'targetOrigin' && ctx.constantString(prop.initializer)?.trim() === '*')
        ctx.report(prop);
    },
  },
};

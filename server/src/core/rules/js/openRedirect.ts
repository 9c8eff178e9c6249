import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { canonicalName, isRequestUrl, requestTrigger } from './injectionHelpers';

const LOCATION = /^(?:(?:window|self|top|parent|document|globalThis)\.)*location(?:\.href)?$/;
const LOCATION_CALL = /^(?:(?:window|self|top|parent|document|globalThis)\.)*location\.(?:assign|replace)$/;
const RESPONSE =
  /^(?:this\.)?(?:res|response|reply|ctx|context|h)\.redirect$|^(?:NextResponse|Response)\.redirect$|^next\.navigation\.(?:redirect|permanentRedirect)$/;

function reportIfRequestUrl(ctx: JsRuleContext, at: ts.Node, args: readonly ts.Expression[]): void {
  if (args.some((a) => !ts.isSpreadElement(a) && isRequestUrl(ctx, a))) ctx.report(at);
}

/** `res.redirect(req.query.next)`, `location.href = location.hash.slice(1)`: a redirect target chosen by the request. */
export const openRedirect: JsRule = {
  kind: 'js',
  id: 'js/open-redirect',
  title: 'Redirect to a URL from the request',
  cwe: [601],
  severity: 'error',
  precision: 'high',
  securitySeverity: 6.1,
  message: 'Redirect target comes from request data: open redirect to any site (phishing with your domain in the link)',
  description:
    "Redirecting to a URL taken from the request — `?next=`, `?returnUrl=`, a header, the page's `location.hash` — lets anyone craft a link on your domain that lands the user on a look-alike login page (CWE-601). " +
    'After a sign-in flow this is a reliable phishing tool, and with `javascript:` URLs in the browser it becomes XSS. ' +
    'The rule reports `res.redirect`/`reply.redirect`/`ctx.redirect`/`NextResponse.redirect` and assignments to `location`/`location.href` or calls of `location.assign`/`replace` whose target is request data. ' +
    'It stays silent when constant text fixes the origin (`/patients/${id}`, `https://app.example.org/…`), when a program-chosen base precedes a path, and for `https://${req.headers.host}${req.url}` (the host the browser asked for). ' +
    'Accept only relative paths (one leading `/`, not `//` or `/\\`) or look the target up in an allow-list.',
  bad: "res.redirect(req.query.returnUrl || '/');",
  good: "const RETURN_PATHS = new Map([['dashboard', '/dashboard'], ['chart', '/patients/chart']]);\nres.redirect(RETURN_PATHS.get(String(req.query.returnTo)) ?? '/dashboard');",
  trigger: requestTrigger(/\bredirect\s*\(|\blocation\b/),
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      if (!ts.isPropertyAccessExpression(call.expression) && !ts.isIdentifier(call.expression)) return;
      const name = canonicalName(call.expression) ?? '';
      if (LOCATION_CALL.test(name) || RESPONSE.test(name)) reportIfRequestUrl(ctx, call, call.arguments);
    },
    [ts.SyntaxKind.BinaryExpression]: (node, ctx) => {
      const b = node as ts.BinaryExpression;
      if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !LOCATION.test(ctx.dottedName(b.left) ?? '')) return;
      reportIfRequestUrl(ctx, b, [b.right]);
    },
  },
};

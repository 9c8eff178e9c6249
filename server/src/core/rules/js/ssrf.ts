import ts from 'typescript';
import { JsRule } from '../ruleTypes';
import {
  canonicalName,
  importedModule,
  initializerOf,
  isRequestUrl,
  objectProperty,
  requestTrigger,
  rootIdentifier,
  unwrap,
} from './injectionHelpers';

const VERBS = '(?:get|post|put|patch|delete|head|options|request|stream|paginate)';
/** HTTP clients whose first argument is the URL (or an options object with a url/host). */
const CLIENTS = new RegExp(
  [
    '^(?:(?:window|globalThis|self)\\.)?fetch$',
    '^node-fetch$',
    '^undici\\.(?:fetch|request|stream)$',
    `^axios(?:\\.${VERBS})?$`,
    `^got(?:\\.${VERBS})?$`,
    `^superagent(?:\\.${VERBS})?$`,
    `^needle(?:\\.${VERBS})?$`,
    `^request(?:-promise(?:-native)?)?(?:\\.${VERBS})?$`,
    '^https?\\.(?:get|request)$',
  ].join('|'),
);
const URL_KEYS = ['url', 'baseURL', 'uri', 'host', 'hostname'];

/** Browser code fetching a URL from `location`: a client-side problem, not a server-side request forgery. */
function fromBrowserOnly(node: ts.Expression): boolean {
  const e = unwrap(node);
  const text = (ts.isIdentifier(e) ? (initializerOf(e) ?? e) : e).getText();
  return (
    /\b(?:location|document)\b/.test(text) &&
    !/\b(?:req|request|ctx|context|event|body|query|params|headers)\b/.test(text)
  );
}

/** `fetch(req.query.url)`, `axios.get(req.body.callback)`, `http.get({ host: req.query.host })`: a server-side request to a URL the caller picked. */
export const ssrf: JsRule = {
  kind: 'js',
  id: 'js/ssrf',
  title: 'Server-side request to a URL from the request',
  cwe: [918],
  severity: 'error',
  precision: 'high',
  securitySeverity: 8.6,
  message:
    'HTTP request to a URL taken from request data: server-side request forgery (internal services, cloud metadata)',
  description:
    'When a server fetches a URL that the caller chose, the caller can point it at what only the server can reach: `http://169.254.169.254/` cloud credentials, an internal FHIR or admin API, `localhost` ports (CWE-918). ' +
    'The rule reports `fetch`, `axios` (and its verbs), `got`, `superagent`, `needle`, `request`, `undici` and `http(s).get/request` when the URL, or the `url`/`host` of an options object, is request data — ' +
    'including `new URL(req.query.u, base)`, which ignores the base when the input is absolute. ' +
    'It stays silent when constant text or a program-chosen base fixes the origin (`${FHIR_BASE}/Patient/${id}`). ' +
    'Allow-list the hosts, or map a key from the request to a configured URL.',
  bad: 'const preview = await fetch(req.body.imageUrl);',
  good: 'const source = IMAGE_SOURCES[req.body.source];\nif (!source) return res.sendStatus(400);\nconst preview = await fetch(new URL(`/images/${encodeURIComponent(req.body.id)}`, source));',
  trigger: requestTrigger(
    /\b(?:fetch|axios|got|superagent|needle|undici|request)\b|['"](?:node:)?https?['"]|\bhttps?\s*\.\s*(?:get|request)\b/,
  ),
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      const callee = unwrap(call.expression);
      if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return;
      const name = canonicalName(callee) ?? '';
      if (!CLIENTS.test(name)) return;
      // `request` the npm client must be imported; a bare `request(...)` could be anything.
      const root = rootIdentifier(callee);
      if (/^request\b/.test(name) && !(root && importedModule(root))) return;
      const first = call.arguments[0];
      if (!first || ts.isSpreadElement(first)) return;
      const targets = [
        first,
        ...URL_KEYS.map((k) => objectProperty(first, k)).filter((e): e is ts.Expression => e !== undefined),
      ];
      if (targets.some((t) => isRequestUrl(ctx, t) && !fromBrowserOnly(t))) ctx.report(call);
    },
  },
};

import ts from 'typescript';
import { JsRule, JsRuleContext, RuleFix } from '../ruleTypes';
import { lastSegment, nameWords, propertyName, targetName } from './secretHelpers';

/** Hosts whose `http://` URIs are identifiers, not endpoints: XML/JSON namespaces, FHIR and terminology canonical URLs. */
const IDENTIFIER_HOSTS = [
  'w3.org',
  'schema.org',
  'xmlns.com',
  'purl.org',
  'json-schema.org',
  'ns.adobe.com',
  'schemas.xmlsoap.org',
  'schemas.microsoft.com',
  'schemas.openxmlformats.org',
  'opengis.net',
  'oasis-open.org',
  'hl7.org',
  'loinc.org',
  'snomed.info',
  'unitsofmeasure.org',
  'nlm.nih.gov',
  'ama-assn.org',
  'whocc.no',
  'id.who.int',
  'openid.net',
  'omg.org',
  'iana.org',
  'example.com',
  'example.org',
  'example.net',
];
/** Loopback, private (RFC 1918), link-local, documentation (RFC 5737), reserved test TLDs and single-label (intranet/container) hosts. */
const LOCAL =
  /^(?:localhost|.*\.localhost|127\.[\d.]+|0\.0\.0\.0|\[::1?\]|10\.[\d.]+|192\.168\.[\d.]+|172\.(?:1[6-9]|2\d|3[01])\.[\d.]+|169\.254\.[\d.]+|192\.0\.2\.[\d]+|198\.51\.100\.[\d]+|203\.0\.113\.[\d]+|[^.]*|.*\.(?:local|test|example|invalid|internal|localdomain|lan|home\.arpa))$/;
const HTTP_FUNCTIONS = new Set(['fetch', 'axios', 'got', 'request', 'superagent', 'needle', 'ky', 'ofetch', '$fetch']);
const HTTP_OBJECTS =
  /^(?:axios|https?|got|request|superagent|needle|ky|\$http|\$|jQuery|.*(?:[cC]lient|[hH]ttp|[aA]pi))$/;
const HTTP_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'request',
  'fetch',
  'getJSON',
  'ajax',
  'sendBeacon',
]);
const ENDPOINT_WORDS = new Set(['url', 'uri', 'endpoint', 'webhook']);
const REQUEST_KEYS = new Set([
  'method',
  'headers',
  'data',
  'body',
  'params',
  'timeout',
  'auth',
  'json',
  'form',
  'responseType',
  'httpsAgent',
  'agent',
]);
const URL_CONSTRUCTORS = new Set(['URL', 'WebSocket', 'EventSource', 'Request']);
/** Names of links for people (documentation, licences, images), not of endpoints the code talks to. */
const NOT_ENDPOINT = new Set([
  'doc',
  'docs',
  'documentation',
  'help',
  'homepage',
  'home',
  'license',
  'licence',
  'terms',
  'privacy',
  'website',
  'repo',
  'repository',
  'about',
  'support',
  'schema',
  'namespace',
  'ns',
  'xmlns',
  'proxy',
  'image',
  'img',
  'icon',
  'logo',
  'avatar',
  'info',
  'learn',
  'more',
  'canonical',
  'system',
  'profile',
]);

/** The host of `http://host…`/`ws://host…`, or undefined when the text is not such a URL or its host is not complete. */
function cleartextHost(text: string, complete: boolean): { scheme: string; host: string } | undefined {
  const m = /^(http|ws):\/\//i.exec(text);
  if (!m) return undefined;
  let rest = text.slice(m[0].length);
  const end = rest.search(/[/?#]/);
  if (end < 0 && !complete) return undefined;
  rest = end < 0 ? rest : rest.slice(0, end);
  rest = rest.slice(rest.lastIndexOf('@') + 1);
  const host = (rest.startsWith('[') ? rest.slice(0, rest.indexOf(']') + 1) : rest.replace(/:\d*$/, '')).toLowerCase();
  return { scheme: m[1].toLowerCase(), host };
}

/** Whether the value at `node` is used as an address: argument of an HTTP client, `new URL/WebSocket`, or named `…Url`/`…Endpoint`. */
function usedAsAddress(node: ts.Node, ctx: JsRuleContext): boolean {
  let v = node;
  while (
    ts.isParenthesizedExpression(v.parent) ||
    (ts.isBinaryExpression(v.parent) && v.parent.operatorToken.kind === ts.SyntaxKind.PlusToken && v.parent.left === v)
  )
    v = v.parent;
  const p = v.parent;
  if (ts.isCallExpression(p) && p.arguments.includes(v as ts.Expression)) {
    const index = p.arguments.indexOf(v as ts.Expression);
    const fn = ctx.dottedName(p.expression);
    if (fn && HTTP_FUNCTIONS.has(fn.replace(/^(window|globalThis)\./, ''))) return index === 0;
    if (!ts.isPropertyAccessExpression(p.expression)) return false;
    const method = p.expression.name.text;
    if (method === 'open') return index === 1 && /^[A-Z]+$/.test(ctx.constantString(p.arguments[0]) ?? ''); // xhr.open('GET', url)
    return (
      index === 0 &&
      HTTP_METHODS.has(method) &&
      HTTP_OBJECTS.test(
        lastSegment(p.expression.expression, ctx) ??
          (p.expression.expression.kind === ts.SyntaxKind.ThisKeyword ? 'this' : ''),
      )
    );
  }
  if (ts.isNewExpression(p) && p.arguments?.includes(v as ts.Expression)) {
    return URL_CONSTRUCTORS.has(ctx.dottedName(p.expression) ?? '') && p.arguments.indexOf(v as ts.Expression) <= 1;
  }
  const words = nameWords(targetName(v, ctx) ?? '');
  if (!ENDPOINT_WORDS.has(words[words.length - 1]) || words.some((w) => NOT_ENDPOINT.has(w))) return false;
  if (words.length > 1 || !ts.isPropertyAssignment(v.parent)) return true;
  // A bare `url:` property is as often a link as an endpoint: only in request options (`{ url, method }`, `$.ajax({ url })`).
  const options = v.parent.parent;
  if (options.properties.some((p) => p.name !== undefined && REQUEST_KEYS.has(propertyName(p.name, ctx) ?? '')))
    return true;
  return (ts.isCallExpression(options.parent) || ts.isNewExpression(options.parent)) && isHttpCall(options.parent, ctx);
}

function isHttpCall(call: ts.CallExpression | ts.NewExpression, ctx: JsRuleContext): boolean {
  const fn = ctx.dottedName(call.expression);
  if (fn && HTTP_FUNCTIONS.has(fn.replace(/^(window|globalThis)\./, ''))) return true;
  return (
    ts.isPropertyAccessExpression(call.expression) &&
    HTTP_METHODS.has(call.expression.name.text) &&
    HTTP_OBJECTS.test(lastSegment(call.expression.expression, ctx) ?? '')
  );
}

function check(node: ts.Node, text: string, complete: boolean, ctx: JsRuleContext): void {
  const url = cleartextHost(text, complete);
  if (!url || LOCAL.test(url.host) || IDENTIFIER_HOSTS.some((h) => url.host === h || url.host.endsWith('.' + h)))
    return;
  if (!usedAsAddress(node, ctx)) return;
  const start = node.getStart(ctx.sourceFile) + 1;
  const a = ctx.position(start);
  const b = ctx.position(start + url.scheme.length);
  const secure = url.scheme === 'ws' ? 'wss' : 'https';
  const fix: RuleFix = {
    title: `Use ${secure}://`,
    edits: [{ line: a.line, column: a.column, endLine: b.line, endColumn: b.column, newText: secure }],
  };
  ctx.report(
    node,
    `Cleartext ${url.scheme}:// connection to ${url.host}: data and credentials travel unencrypted and can be read or changed on the way; use ${secure}://`,
    fix,
  );
}

/** `http://` and `ws://` URLs to non-local hosts used as endpoints. */
export const cleartextHttp: JsRule = {
  kind: 'js',
  id: 'js/cleartext-http',
  title: 'Cleartext HTTP endpoint',
  cwe: [319],
  severity: 'warning',
  precision: 'high',
  securitySeverity: 6.5,
  message:
    'Cleartext http:// connection: data and credentials travel unencrypted and can be read or changed on the way; use https://',
  description:
    "Requests to an `http://` (or `ws://`) URL send headers, tokens and health data in clear text: anyone on the network path — shared Wi-Fi, a hospital guest network, a compromised router — can read and modify them (CWE-319). The rule reports a string or template literal that starts with `http://` or `ws://` and is used as an address: the URL argument of `fetch`, axios, got, request, superagent, ky, jQuery, an `…Client`/`…Http`/`…Api` object's `get`/`post`/…, `xhr.open`, `navigator.sendBeacon`, `new URL`/`WebSocket`/`EventSource`/`Request`, or a value named `…Url`, `…Uri`, `…Endpoint`, `…Webhook` — a bare `url:` property only in request options such as `{ url, method }` or `$.ajax({ url })` — (but not documentation, licence, image, proxy or FHIR `system`/`profile` links). Not reported: loopback and local hosts (`localhost`, `127.x`, `::1`, `0.0.0.0`), private, link-local and documentation addresses (10/8, 172.16/12, 192.168/16, 169.254/16, RFC 5737), single-label hosts (`http://backend:8080` inside a cluster), reserved names (`*.local`, `*.test`, `*.example`, `*.internal`, `example.com`), and identifier URIs that are never fetched (W3C and XML namespaces, schema.org, JSON Schema, HL7 FHIR, LOINC, SNOMED, UCUM, WHO). A quick fix switches the scheme to `https://`/`wss://`.",
  bad: "const res = await fetch('http://api.hospital-partner.com/v1/results');",
  good: "const res = await fetch('https://api.hospital-partner.com/v1/results');\nconst coding = { system: 'http://loinc.org', code: '2345-7' }; // an identifier: fine",
  // Only string literals that start with the scheme (license headers and comments mention http:// everywhere).
  trigger: /["'`](?:http|ws):\/\//i,
  visit: {
    [ts.SyntaxKind.StringLiteral]: (node, ctx) => check(node, (node as ts.StringLiteral).text, true, ctx),
    [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: (node, ctx) =>
      check(node, (node as ts.NoSubstitutionTemplateLiteral).text, true, ctx),
    [ts.SyntaxKind.TemplateExpression]: (node, ctx) =>
      check(node, (node as ts.TemplateExpression).head.text, false, ctx),
  },
};

import ts from 'typescript';
import { JsRule } from '../ruleTypes';
import { calleeName, isConstantish, isTruthyLiteral, objectProperty } from './injectionHelpers';

/** libxml bindings (libxmljs, libxmljs2, …): the only common Node.js parsers that resolve external entities, and only when asked to. */
const PARSE =
  /^(?:parseXml|parseXmlString|parseXmlAsync|parseXmlStringAsync|parseHtml|parseHtmlString|fromXml|fromXmlAsync)$/;

/** `libxmljs.parseXml(xml, { noent: true })` on XML that is not constant. */
export const xxe: JsRule = {
  kind: 'js',
  id: 'js/xxe',
  title: 'XML parsed with external entities enabled',
  cwe: [611, 776],
  severity: 'error',
  precision: 'high',
  securitySeverity: 9.1,
  message:
    'XML parsed with noent: true: external entities in the document can read local files or reach internal URLs (XXE)',
  description:
    'The `noent` option of the libxml bindings (`libxmljs`, `libxmljs2`) substitutes entities, including external ones: a document that declares `<!ENTITY x SYSTEM "file:///etc/passwd">` gets the file\'s content back into the parsed tree, ' +
    'and `http://` entities make the server fetch internal URLs (CWE-611). The rule reports `parseXml`/`parseXmlString`/`parseHtml`/`Document.fromXml` calls with a truthy `noent` option on input that is not constant. ' +
    'It does not report `DOMParser`, `xml2js`, `sax`, `fast-xml-parser` or `@xmldom/xmldom`, which do not load external entities. Leave `noent` off (the default).',
  bad: 'const doc = libxmljs.parseXml(req.body, { noent: true });',
  good: 'const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true });',
  trigger: /\bnoent\b/,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      if (!PARSE.test(calleeName(call))) return;
      const input = call.arguments[0];
      if (!input || isConstantish(ctx, input)) return;
      if (call.arguments.slice(1).some((a) => isTruthyLiteral(objectProperty(a, 'noent')))) ctx.report(call);
    },
  },
};

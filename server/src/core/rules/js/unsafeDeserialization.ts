import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { canonicalName, isConstantish, isRequestDataScoped, objectProperty, unwrap } from './injectionHelpers';

/** Deserializers that rebuild functions from their input (and so run code). */
const CODE_DESERIALIZERS =
  /^(?:node-serialize\.unserialize|serialize-to-js\.deserialize|cryo\.parse|funcster\.deepDeserialize)$/;
const YAML_LOAD = /^(?:js-yaml|[\w$]*yaml)\.(?:load|loadAll)$/i;
const UNSAFE_SCHEMA = /FULL_SCHEMA|js-?types|jsTypes/;

/** Request data, also wrapped in `Buffer.from(x, 'base64')` / `atob(x)`. */
function isRequestBytes(ctx: JsRuleContext, node: ts.Node): boolean {
  const n = unwrap(node);
  if (ts.isCallExpression(n) && /^(?:Buffer\.from|atob)$/.test(ctx.dottedName(n.expression) ?? ''))
    return n.arguments.length > 0 && isRequestBytes(ctx, n.arguments[0]);
  return isRequestDataScoped(ctx, n);
}

/** node-serialize `unserialize`, js-yaml `load` with the full (JS-types) schema, `v8.deserialize` of request data. */
export const unsafeDeserialization: JsRule = {
  kind: 'js',
  id: 'js/unsafe-deserialization',
  title: 'Deserialization that can run code',
  cwe: [502],
  severity: 'error',
  precision: 'high',
  securitySeverity: 9.8,
  message:
    'Deserializing data with a format that can rebuild functions or arbitrary objects: remote code execution if the data comes from outside',
  description:
    "Some deserializers rebuild functions from their input: `node-serialize`'s `unserialize` evaluates `_$$ND_FUNC$$_` values (an immediately invoked one runs on load), and so do `serialize-to-js`, `cryo` and `funcster`; " +
    "js-yaml's `load` with `DEFAULT_FULL_SCHEMA` (js-yaml 3) or the `js-yaml-js-types` types accepts `!!js/function`. Whoever controls the data — a cookie, a request, a stored file — runs code in the server (CWE-502). " +
    '`v8.deserialize` of request bytes is reported too: the format is not meant for untrusted input. ' +
    "The rule reports these calls when the input is not constant (for `v8.deserialize`, when it is request data). Use `JSON.parse` with validation, or js-yaml 4's default `load`.",
  bad: "const prefs = serialize.unserialize(Buffer.from(req.cookies.prefs, 'base64').toString());",
  good: "const prefs = PrefsSchema.parse(JSON.parse(Buffer.from(req.cookies.prefs, 'base64').toString()));",
  trigger: /node-serialize|serialize-to-js|\bcryo\b|funcster|FULL_SCHEMA|js-?types|jsTypes|\bv8\b/,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      const name = canonicalName(call.expression) ?? '';
      const input = call.arguments[0];
      if (!input || ts.isSpreadElement(input)) return;
      if (CODE_DESERIALIZERS.test(name)) {
        if (!isConstantish(ctx, input)) ctx.report(call);
      } else if (YAML_LOAD.test(name)) {
        const schema = call.arguments
          .slice(1)
          .map((a) => objectProperty(a, 'schema'))
          .find((s) => s !== undefined);
        if (schema && UNSAFE_SCHEMA.test(schema.getText()) && !isConstantish(ctx, input)) ctx.report(call);
      } else if (name === 'v8.deserialize' && isRequestBytes(ctx, input)) {
        ctx.report(call);
      }
    },
  },
};

import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import {
  canonicalName,
  initializerOf,
  isNumeric,
  isRequestDataScoped,
  requestTrigger,
  unwrap,
} from './injectionHelpers';

const DEEP_MERGE =
  /^(?:_|lodash|underscore)\.(?:merge|mergeWith|defaultsDeep)$|^lodash\.(?:merge|mergewith|defaultsdeep)$|^(?:deep-extend|merge-deep|mixin-deep|defaults-deep|merge)$|(?:^|\.)(?:deepMerge|mergeDeep|deepExtend)$/;
const EXTEND = /^(?:\$|jQuery|jquery|extend)(?:\.extend)?$/;

/** A key from the request that could be `__proto__` or `constructor` (not a number). */
function isRequestKey(ctx: JsRuleContext, key: ts.Expression): boolean {
  return isRequestDataScoped(ctx, key) && !isNumeric(key);
}

/** Objects without a prototype chain to pollute: `Object.create(null)`, `new Map()`, `{ __proto__: null }`. */
function isSafeTarget(root: ts.Node): boolean {
  const r = unwrap(root);
  const init = ts.isIdentifier(r) ? initializerOf(r) : undefined;
  if (!init) return false;
  const text = unwrap(init).getText();
  return /^Object\.create\(\s*null\s*\)$|^new\s+(?:Weak)?(?:Map|Set)\b|^\{\s*__proto__\s*:\s*null\b/.test(text);
}

/** Earlier in the enclosing function, the code visibly rejects the dangerous keys or checks this key against an allow-list. */
function isGuarded(at: ts.Node, key: ts.Expression): boolean {
  let fn: ts.Node = at;
  while (fn.parent && !ts.isFunctionLike(fn) && !ts.isSourceFile(fn)) fn = fn.parent;
  const sf = at.getSourceFile();
  const text = sf.text.slice(fn.getStart(sf), at.getStart(sf));
  const k = key.getText().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (
    /__proto__|['"`](?:constructor|prototype)['"`]/.test(text) ||
    new RegExp(`\\.(?:includes|has)\\(\\s*${k}\\s*\\)`).test(text)
  );
}

/** `obj[req.body.a][req.body.b] = v`, `_.merge(target, req.body)`: attacker-chosen keys reaching `Object.prototype`. */
export const prototypePollution: JsRule = {
  kind: 'js',
  id: 'js/prototype-pollution',
  title: 'Prototype pollution through request-controlled keys',
  cwe: [1321],
  severity: 'warning',
  precision: 'medium',
  securitySeverity: 7.3,
  message:
    'An object is written at keys taken from request data (or deep-merged with it): a key of "__proto__" pollutes Object.prototype',
  description:
    'When the request chooses the property names written into an object, the names `__proto__`, `constructor` and `prototype` reach the shared `Object.prototype` instead: ' +
    '`obj[a][b] = v` with `a = "__proto__"` adds `b` to every object in the process, which can switch on `isAdmin`-style flags, change options, or crash the service (CWE-1321). ' +
    'The rule reports assignments where a request key selects an object that is then written into (`obj[k1][k2] = v`, `obj[k].x = v`), or where both the single key and the value come from the request; ' +
    'and deep merges of request data (`_.merge`, `_.mergeWith`, `_.defaultsDeep`, `$.extend(true, …)`, `deep-extend`, local `deepMerge` helpers). ' +
    'It stays silent for `Map`s and `Object.create(null)` targets, numeric keys, and functions that visibly reject `__proto__`/`constructor` or check the key against an allow-list. ' +
    '`Object.assign` is not reported: it copies one level only and cannot reach `Object.prototype`. Use a `Map`, or validate keys against a fixed list.',
  bad: 'settings[req.body.section][req.body.key] = req.body.value;',
  good: 'if (!ALLOWED_SECTIONS.includes(req.body.section)) return res.sendStatus(400);\nsettings.get(req.body.section)?.set(req.body.key, req.body.value);',
  trigger: requestTrigger(/\](?:\s*!)?\s*(?:\.\s*[\w$]+(?:\s*!)?\s*)*=[^=]|merge|extend|defaultsDeep/i),
  visit: {
    [ts.SyntaxKind.BinaryExpression]: (node, ctx) => {
      const b = node as ts.BinaryExpression;
      if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
      const chain: Array<ts.PropertyAccessExpression | ts.ElementAccessExpression> = [];
      let n: ts.Expression = b.left;
      while (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
        chain.push(n);
        n = n.expression;
      }
      const keyAt = (a: (typeof chain)[number]) =>
        ts.isElementAccessExpression(a) && isRequestKey(ctx, a.argumentExpression) ? a.argumentExpression : undefined;
      // A request key that selects an object which is then written into reaches the prototype.
      let key = chain
        .slice(1)
        .map(keyAt)
        .find((k) => k !== undefined);
      if (!key && chain.length > 0 && isRequestDataScoped(ctx, b.right)) key = keyAt(chain[0]);
      if (!key || isSafeTarget(n) || isGuarded(b, key)) return;
      ctx.report(b);
    },
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      const name = canonicalName(call.expression) ?? '';
      let sources: readonly ts.Expression[] = [];
      if (DEEP_MERGE.test(name)) sources = call.arguments.slice(1);
      else if (EXTEND.test(name) && call.arguments[0]?.kind === ts.SyntaxKind.TrueKeyword)
        sources = call.arguments.slice(2);
      if (sources.some((s) => isRequestDataScoped(ctx, ts.isSpreadElement(s) ? s.expression : s))) ctx.report(call);
    },
  },
};

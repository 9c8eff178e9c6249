import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import {
  assignedValues,
  callbackResults,
  calleeName,
  canonicalName,
  initializerOf,
  isConstantish,
  isNumeric,
  isSanitizerCall,
  Part,
  stringParts,
  unwrap,
} from './injectionHelpers';

const SQL_METHODS =
  /^(?:query|execute|exec|raw|\w+Raw|\$queryRawUnsafe|\$executeRawUnsafe|unsafe|prepare|run|all|get|each|one|many|any|none|oneOrNone|manyOrNone|multi|result)$/;
/**
 * Statement shapes. `s` is a space, `b` a word start and `e` a keyword's end: in the constant text
 * (values replaced by ` ? `) a keyword ends with a space; in the source text a line break may be
 * written `\n` and a keyword may end a literal, so the trigger is looser.
 */
const sqlShapes = (s: string, b: string, e: string) =>
  `${b}(?:` +
  [
    // `select … from` / `update … set` stop at the next `select` / `update` (a plain `[\s\S]*?` rescans
    // the rest of the text from every keyword that has no partner: docs/security-model.md).
    String.raw`select${e}(?:(?!${b}select${e})[\s\S])*?${b}from${e}`,
    String.raw`insert${s}+(?:or${s}+\w+${s}+|ignore${s}+)?into${e}`,
    String.raw`update${s}(?:(?!${b}update${s})[\s\S])*?${b}set${e}`,
    String.raw`delete${s}+from${e}`,
    String.raw`(?:merge|replace)${s}+into${e}`,
    String.raw`where${s}+[\w."\x60\[\]]+${s}*(?:=|<>|!=|<|>|like\b|in\b)`,
    String.raw`(?:create|drop|alter|truncate)${s}+(?:or${s}+replace${s}+)?(?:temp(?:orary)?${s}+|unique${s}+)?(?:table|index|view|database|schema|sequence|trigger|function|procedure|user|role)\b`,
  ].join('|') +
  ')';
const SQL_SHAPE = new RegExp(sqlShapes(String.raw`\s`, String.raw`\b`, String.raw`(?:\s|$)`), 'i');
/** A keyword first (four times cheaper than the shapes), then the statement shapes. */
const SQL_TRIGGER = [
  /select|insert|update|delete|merge|replace|where|create|drop|alter|truncate/i,
  new RegExp(sqlShapes(String.raw`(?:\s|\\[nrt])`, String.raw`(?:\b|(?<=\\[nrt]))`, String.raw`\b`), 'i'),
];
/** Clients whose `get`/`request` take a URL, not SQL (`axios.get('/api?select=…&from=…')`). */
const NOT_SQL =
  /^(?:axios|got|superagent|needle|request|https?|fetch|\$|jQuery|app|router|this\.http|this\.httpClient|http[A-Z]\w*)\./;
const SQL_ESCAPE = /quote|^ident(?:ifier)?$|^literal$/i;
const SQL_FORMAT = /^(?:pg-format(?:\.\w+)?|(?:mysql|sqlstring|SqlString)\.format)$/;

/** A value that cannot change the statement: constants, numbers, escaped values, placeholder lists (`ids.map(() => '?').join()`). */
function isSafeSqlPart(ctx: JsRuleContext, node: ts.Node, nums: ReadonlySet<string>, depth = 0): boolean {
  node = unwrap(node);
  if (depth > 5) return false;
  const next = (n: ts.Node, ns = nums) => isSafeSqlPart(ctx, n, ns, depth + 1);
  if (isConstantish(ctx, node) || isNumeric(node, nums) || isSanitizerCall(node, SQL_ESCAPE)) return true;
  if (ts.isConditionalExpression(node)) return next(node.whenTrue) && next(node.whenFalse);
  if (ts.isTemplateExpression(node) || ts.isBinaryExpression(node)) {
    const op = ts.isBinaryExpression(node) ? node.operatorToken.kind : ts.SyntaxKind.PlusToken;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
      return next((node as ts.BinaryExpression).left) && next((node as ts.BinaryExpression).right);
    return op === ts.SyntaxKind.PlusToken && stringParts(ctx, node).every((p) => 'text' in p || next(p.expr));
  }
  if (ts.isIdentifier(node)) {
    const init = initializerOf(node);
    return init !== undefined && next(init);
  }
  if (!ts.isCallExpression(node)) return false;
  if (SQL_FORMAT.test(canonicalName(node.expression) ?? '')) return true;
  if (!ts.isPropertyAccessExpression(node.expression)) return false;
  const method = node.expression.name.text;
  if (method === 'join') return isSafeList(ctx, node.expression.expression, nums, depth + 1);
  return /^(?:toUpperCase|toLowerCase|trim|repeat)$/.test(method) && next(node.expression.expression);
}

/** `['?', '?']`, `Array(n).fill('?')`, `ids.map((_, i) => `$${i + 1}`)`. */
function isSafeList(ctx: JsRuleContext, node: ts.Node, nums: ReadonlySet<string>, depth: number): boolean {
  node = unwrap(node);
  if (depth > 5) return false;
  if (ts.isArrayLiteralExpression(node)) return node.elements.every((e) => isSafeSqlPart(ctx, e, nums, depth + 1));
  if (ts.isIdentifier(node)) {
    const init = initializerOf(node);
    return init !== undefined && isSafeList(ctx, init, nums, depth + 1);
  }
  if (!ts.isCallExpression(node)) return false;
  const method = calleeName(node);
  if (method === 'fill') return node.arguments.length > 0 && isSafeSqlPart(ctx, node.arguments[0], nums, depth + 1);
  const fn = method === 'map' ? node.arguments[0] : method === 'from' ? node.arguments[1] : undefined;
  if (fn && ts.isIdentifier(fn) && /^(?:Number|parseInt|parseFloat|Math\.\w+)$/.test(fn.text)) return true; // ids.map(Number)
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  const index = fn.parameters[1]?.name;
  const inner = new Set(nums);
  if (index && ts.isIdentifier(index)) inner.add(index.text);
  const results = callbackResults(fn);
  return results.length > 0 && results.every((r) => isSafeSqlPart(ctx, r, inner, depth + 1));
}

/** `db.query('SELECT … WHERE id = ' + id)`: SQL text with values spliced in. */
export const sqlConcat: JsRule = {
  kind: 'js',
  id: 'js/sql-concat',
  title: 'SQL statement built by string concatenation',
  cwe: [89],
  severity: 'error',
  precision: 'high',
  securitySeverity: 8.8,
  message: 'SQL text built with concatenation or a template is passed to a query call: SQL injection; use placeholders',
  description:
    "Splicing a value into SQL text — `'… WHERE id = ' + id` or `` `… WHERE id = ${id}` `` — lets quotes and SQL syntax in that value rewrite the statement: read other patients' rows, bypass a login, drop a table (CWE-89). " +
    'The rule reports calls of query methods (`query`, `execute`, `raw`, `prepare`, `$queryRawUnsafe`, knex `…Raw`, sqlite `run`/`all`/`get`, pg-promise helpers, …) whose first argument — directly or through a local variable, including `sql += …` — ' +
    "is a concatenation or template whose constant text looks like a SQL statement and whose variable parts are not constants, numbers, escaped values (`escape`, `escapeId`, `pg-format`) or placeholder lists (`ids.map(() => '?').join()`). " +
    'Tagged templates (`` sql`…` ``, Prisma `$queryRaw`) and constant text with placeholders are fine: pass values as parameters.',
  bad: "const rows = await pool.query(`SELECT * FROM observations WHERE patient_id = '${patientId}'`);",
  good: "const rows = await pool.query('SELECT * FROM observations WHERE patient_id = $1', [patientId]);",
  trigger: SQL_TRIGGER,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      if (!SQL_METHODS.test(calleeName(call)) || NOT_SQL.test(canonicalName(call.expression) ?? '')) return;
      const arg = call.arguments[0] && unwrap(call.arguments[0]);
      if (!arg) return;
      const values = ts.isIdentifier(arg) ? assignedValues(arg) : [arg];
      const parts: Part[] = (values ?? []).flatMap((v) => stringParts(ctx, v));
      const skeleton = parts.map((p) => ('text' in p ? p.text : ' ? ')).join('');
      if (!SQL_SHAPE.test(skeleton)) return;
      if (parts.some((p) => 'expr' in p && !isSafeSqlPart(ctx, p.expr, new Set()))) ctx.report(call);
    },
  },
};

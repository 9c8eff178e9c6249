import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { lastSegment, LOGGED_SENSITIVE_NAMES, matchesName, nameWords, propertyName } from './secretHelpers';

const LOGGERS = new Set(['console', 'logger', 'log', '_logger', '_log', 'LOGGER', 'LOG', 'Logger']);
const LEVELS = new Set([
  'log',
  'info',
  'warn',
  'warning',
  'error',
  'debug',
  'trace',
  'fatal',
  'verbose',
  'silly',
  'notice',
  'critical',
  'crit',
  'emerg',
  'alert',
]);
const PERSON_FIELDS = new Set([
  'name',
  'firstName',
  'lastName',
  'fullName',
  'givenName',
  'familyName',
  'address',
  'phone',
]);
const PASS_THROUGH = new Set(['JSON.stringify', 'String', 'util.inspect', 'inspect']);

/** The sensitive name an expression writes into the log, if any (values, templates, concatenations, object literals). */
function sensitiveIn(node: ts.Node, ctx: JsRuleContext): string | undefined {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isAwaitExpression(node)
  )
    node = node.expression;
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const name = lastSegment(node, ctx);
    // EnvVarNames.API_SECRET, Header.AUTHORIZATION: a constant holding the *name* of the data.
    if (
      name &&
      /^[A-Z0-9_]+$/.test(name) &&
      !ts.isIdentifier(node) &&
      /^[A-Z][a-z]/.test(lastSegment(node.expression, ctx) ?? '')
    )
      return undefined;
    if (matchesName(name, LOGGED_SENSITIVE_NAMES)) return name;
    // patient.name, patient.firstName: identifying data of a patient.
    if (
      name &&
      PERSON_FIELDS.has(name) &&
      !ts.isIdentifier(node) &&
      nameWords(lastSegment(node.expression, ctx) ?? '').pop() === 'patient'
    )
      return `patient.${name}`;
    return undefined;
  }
  if (ts.isTemplateExpression(node))
    return first(
      node.templateSpans.map((s) => s.expression),
      ctx,
    );
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return first([node.left, node.right], ctx);
  if (ts.isConditionalExpression(node)) return first([node.whenTrue, node.whenFalse], ctx);
  if (ts.isArrayLiteralExpression(node)) return first(node.elements, ctx);
  if (ts.isObjectLiteralExpression(node)) {
    for (const p of node.properties) {
      if (ts.isShorthandPropertyAssignment(p) && matchesName(p.name.text, LOGGED_SENSITIVE_NAMES)) return p.name.text;
      if (!ts.isPropertyAssignment(p)) continue;
      const key = propertyName(p.name, ctx);
      if (matchesName(key, LOGGED_SENSITIVE_NAMES) && isValue(p.initializer, ctx)) return key;
      const inner = sensitiveIn(p.initializer, ctx);
      if (inner) return inner;
    }
    return undefined;
  }
  if (ts.isCallExpression(node)) {
    const callee = ctx.dottedName(node.expression) ?? '';
    if (PASS_THROUGH.has(callee) && node.arguments.length > 0) return sensitiveIn(node.arguments[0], ctx);
    if (
      ts.isPropertyAccessExpression(node.expression) &&
      ['toString', 'trim', 'toUpperCase', 'toLowerCase'].includes(node.expression.name.text)
    )
      return sensitiveIn(node.expression.expression, ctx);
  }
  return undefined;
}

function first(nodes: readonly ts.Node[], ctx: JsRuleContext): string | undefined {
  for (const n of nodes) {
    const found = sensitiveIn(n, ctx);
    if (found) return found;
  }
  return undefined;
}

/** A value that may carry the data: not a constant (`'[REDACTED]'`), literal, boolean test or call result (`mask(x)`). */
function isValue(node: ts.Node, ctx: JsRuleContext): boolean {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) node = node.expression;
  if (ts.isConditionalExpression(node)) return isValue(node.whenTrue, ctx) || isValue(node.whenFalse, ctx);
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.QuestionQuestionToken ||
      op === ts.SyntaxKind.PlusToken
    )
      return isValue(node.left, ctx) || isValue(node.right, ctx);
    return op === ts.SyntaxKind.AmpersandAmpersandToken && isValue(node.right, ctx);
  }
  if (ctx.constantString(node) !== undefined || ts.isLiteralExpression(node) || ts.isPrefixUnaryExpression(node))
    return false;
  if (
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  )
    return false;
  if (ts.isCallExpression(node)) return PASS_THROUGH.has(ctx.dottedName(node.expression) ?? '');
  return !(ts.isIdentifier(node) && node.text === 'undefined');
}

/** Secrets and protected health information written to logs. */
export const logSensitive: JsRule = {
  kind: 'js',
  id: 'js/log-sensitive',
  title: 'Secret or health data written to a log',
  cwe: [532, 359],
  severity: 'warning',
  precision: 'high',
  securitySeverity: 6.5,
  message:
    'Sensitive data (a secret or protected health information) is written to the log: log an identifier or a redacted value instead',
  description:
    "Logs are copied to consoles, files, log aggregators and support tickets, kept for a long time, and read by far more people than the database — so passwords, tokens, API keys, `Authorization` headers and cookies, and protected health information (SSN, date of birth, medical record number, diagnosis, patient name, insurance and card numbers) written there leak (CWE-532, CWE-359; HIPAA and GDPR treat them as disclosures). The rule reports `console.*`, `logger.*` and `log.*` calls whose arguments contain a variable or property named like such data — directly, in a template or `+` concatenation, in an object literal key or value, or through `JSON.stringify` — e.g. `password`, `user.ssn`, `` `${patient.mrn}` ``, `{ token }`, `patient.name`. Names only *about* the data (`passwordPolicy`, `tokenExpiry`, `hasToken`, `tokens.length`), constant redactions (`{ password: '[REDACTED]' }`) and values passed through a function (`mask(ssn)`) are not reported. Log a stable identifier (user or encounter ID) instead, or use a logger with redaction paths.",
  bad: "logger.info(`Login for ${user.email} with password ${password}`);\nconsole.log('patient', { mrn: patient.mrn, diagnosis });",
  good: "logger.info('Login attempt', { userId: user.id });\nconsole.log('patient', { encounterId: encounter.id });",
  // A logging call, and somewhere in the file a word of the vocabulary.
  trigger: [
    /\b(?:console|[lL]ogger|_?log|LOG(?:GER)?)\s*\.\s*[a-z]+\s*\(/i,
    /(?:pass(?:w|phrase|code)|secret|token|credential|(?:api|private|access|signing|encryption|hmac|master|auth|jwt)_?key|authorization|cookie|otp|ssn|social_?security|dob|date_?of_?birth|birth_?date|diagnos|mrn|medical_?record|patient|insurance|policy_?number|health_?card|card_?number|credit_?card|cvv|cvc)/i,
  ],
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      if (!ts.isPropertyAccessExpression(call.expression) || !LEVELS.has(call.expression.name.text)) return;
      if (!LOGGERS.has(lastSegment(call.expression.expression, ctx) ?? '')) return;
      const found = first(call.arguments, ctx);
      if (found)
        ctx.report(
          call,
          `\`${found}\` is written to the log: log an identifier or a redacted value instead (secrets and health data must not reach logs)`,
        );
    },
  },
};

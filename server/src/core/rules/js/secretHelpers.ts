import ts from 'typescript';
import { JsRuleContext } from '../ruleTypes';

/**
 * Name and value heuristics shared by the secret, crypto and logging rules. A name is
 * "sensitive" when its last words (after value-ish suffixes like `Value`, `Hex`) spell a
 * term of the rule's vocabulary: `dbPassword`, `API_KEY`, `clientSecret` — but not
 * `passwordPolicy`, `tokenizer`, `hasToken` or `privateKeyPath`.
 */
export interface NameVocabulary {
  terms: ReadonlySet<string>;
  suffixes: ReadonlySet<string>;
}

/** `apiKey` → api,key; `X_API_KEY` → x,api,key; `APIKey` → api,key; `date-of-birth` → date,of,birth. */
export function nameWords(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase());
}

const BOOLEAN_PREFIXES = new Set([
  'is',
  'has',
  'have',
  'had',
  'should',
  'can',
  'could',
  'needs',
  'need',
  'requires',
  'require',
  'show',
  'hide',
  'toggle',
  'enable',
  'enabled',
  'disable',
  'allow',
  'must',
  'was',
  'did',
  'no',
  'without',
  'valid',
  'invalid',
  'missing',
  'num',
  'count',
]);

export function matchesName(name: string | undefined, vocab: NameVocabulary): boolean {
  if (!name) return false;
  const words = nameWords(name);
  if (words.length > 1 && BOOLEAN_PREFIXES.has(words[0])) return false;
  while (words.length > 1 && (/^\d+$/.test(words[words.length - 1]) || vocab.suffixes.has(words[words.length - 1])))
    words.pop();
  for (let k = 1; k <= Math.min(4, words.length); k++) if (vocab.terms.has(words.slice(-k).join(''))) return true;
  return false;
}

const set = (...xs: string[]) => new Set(xs);
export const SECRET_TERMS = [
  'password',
  'passwd',
  'passphrase',
  'passcode',
  'secret',
  'secrets',
  'token',
  'credential',
  'credentials',
  'apikey',
  'privatekey',
  'secretkey',
  'accesskey',
  'signingkey',
  'encryptionkey',
  'hmackey',
  'masterkey',
  'authkey',
  'jwtkey',
];
export const VALUE_SUFFIXES = [
  'value',
  'val',
  'str',
  'string',
  'text',
  'plain',
  'plaintext',
  'raw',
  'b64',
  'base64',
  'hex',
  'bytes',
  'buf',
  'buffer',
  'pem',
  'confirmation',
  'confirm',
  'new',
  'old',
];

/** Names that hold a secret value (hard-coded secrets). */
export const SECRET_NAMES: NameVocabulary = {
  terms: set(...SECRET_TERMS, 'pass', 'pwd'),
  suffixes: set(...VALUE_SUFFIXES),
};
/** Names whose value must be unpredictable (random sources). */
export const RANDOM_SECRET_NAMES: NameVocabulary = {
  terms: set(
    ...SECRET_TERMS,
    'salt',
    'nonce',
    'otp',
    'pin',
    'iv',
    'sessionid',
    'sid',
    'csrf',
    'xsrf',
    'codeverifier',
    'challenge',
    'verificationcode',
    'resetcode',
    'authcode',
    'otpcode',
    'confirmationcode',
    'activationcode',
    'invitecode',
    'recoverycode',
    'mfacode',
    'logincode',
  ),
  suffixes: set(...VALUE_SUFFIXES),
};
/** Names of secrets, their hashes, and functions that hash them (weak hashing). */
export const HASHED_SECRET_NAMES: NameVocabulary = {
  terms: set(...SECRET_TERMS, 'pin', 'otp'),
  suffixes: set(...VALUE_SUFFIXES, 'hash', 'hashed', 'digest'),
};
/** Secrets and protected health information (logging). */
export const LOGGED_SENSITIVE_NAMES: NameVocabulary = {
  terms: set(
    ...SECRET_TERMS,
    'authorization',
    'cookie',
    'cookies',
    'otp',
    'ssn',
    'socialsecurity',
    'dob',
    'dateofbirth',
    'birthdate',
    'diagnosis',
    'diagnoses',
    'mrn',
    'medicalrecord',
    'patientname',
    'patientfirstname',
    'patientlastname',
    'patientfullname',
    'insurance',
    'insuranceid',
    'insurancenumber',
    'policynumber',
    'healthcard',
    'cardnumber',
    'creditcard',
    'cvv',
    'cvc',
  ),
  suffixes: set(...VALUE_SUFFIXES, 'hash', 'hashed', 'number', 'no', 'num'),
};

/** Bits per character of the string's own character distribution. */
export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

const PLACEHOLDER =
  /change[-_ ]?me|your[-_ ]|example|placeholder|dummy|sample|redacted|xxxx|\*\*\*|replace[-_ ]?(me|with)|insert[-_ ]|fake|test|todo|\$\{|\{\{|%[sd]\b|<[\w -]+>/i;
const ASCENDING = /(?:abcdef|bcdefg|cdefgh|defghi|012345|123456|234567|345678|456789)/i;

/** A literal that looks like a generated credential: long, mixed, high-entropy, not a placeholder, URL, path or name. */
export function looksLikeSecretValue(s: string): boolean {
  if (s.length < 16 || s.length > 1000 || /\s/.test(s)) return false;
  if (!/[0-9]/.test(s) || !/[A-Za-z]/.test(s)) return false;
  if (PLACEHOLDER.test(s) || ASCENDING.test(s)) return false;
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(s)) return false; // an environment variable name
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^[.~]?\//.test(s) || /^[\w.+-]+@[\w.-]+$/.test(s)) return false; // URL, path, e-mail
  if (/\.(json|pem|key|crt|cer|p12|pfx|js|ts|txt|env|ya?ml)$/i.test(s)) return false; // a file name
  if (/^[A-Za-z_][\w-]*(?:\.[\w-]+)+$/.test(s) || /^0x[0-9a-f]+$/i.test(s)) return false; // i18n key / dotted path, 0x address or digest
  if (knownTokenShape(s) || PRIVATE_KEY_HEADER.test(s)) return false; // reported by the specific rules
  const threshold = /^[0-9a-f]+$/i.test(s) ? (s.length >= 32 ? 3.0 : 99) : 3.5;
  return shannonEntropy(s) >= threshold;
}

/** PEM headers of private keys. */
export const PRIVATE_KEY_HEADER = /-----BEGIN (?:(?:RSA|EC|OPENSSH|DSA|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/;

/** Well-known credential formats, each anchored on its vendor prefix. */
const TOKEN_SHAPES: Array<{ name: string; re: RegExp; body: (m: RegExpExecArray) => string }> = [
  { name: 'an AWS access key ID', re: /(?<![A-Z0-9])AKIA([0-9A-Z]{16})(?![A-Z0-9])/, body: (m) => m[1] },
  { name: 'a GitHub token', re: /(?<![A-Za-z0-9_])gh[pousr]_([A-Za-z0-9]{36})(?![A-Za-z0-9])/, body: (m) => m[1] },
  {
    name: 'a GitHub fine-grained token',
    re: /(?<![A-Za-z0-9_])github_pat_([A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9])/,
    body: (m) => m[1],
  },
  { name: 'a GitLab token', re: /(?<![A-Za-z0-9_])glpat-([A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])/, body: (m) => m[1] },
  { name: 'a Slack token', re: /(?<![A-Za-z0-9])xox[abprs]-(\d{6,}-[A-Za-z0-9-]{10,})/, body: (m) => m[1] },
  {
    name: 'a Slack webhook URL',
    re: /hooks\.slack\.com\/services\/(T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,})/,
    body: (m) => m[1],
  },
  { name: 'a Stripe live secret key', re: /(?<![A-Za-z0-9_])[rs]k_live_([A-Za-z0-9]{20,})/, body: (m) => m[1] },
  { name: 'a Google API key', re: /(?<![A-Za-z0-9_-])AIza([A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/, body: (m) => m[1] },
  { name: 'an npm access token', re: /(?<![A-Za-z0-9_])npm_([A-Za-z0-9]{36})(?![A-Za-z0-9])/, body: (m) => m[1] },
  {
    name: 'a SendGrid API key',
    re: /(?<![A-Za-z0-9])SG\.([A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
    body: (m) => m[1],
  },
];

/** The credential format `s` contains, unless its random part is a placeholder (`EXAMPLE`, `xxxx…`). */
export function knownTokenShape(s: string): string | undefined {
  for (const shape of TOKEN_SHAPES) {
    const m = shape.re.exec(s);
    if (!m) continue;
    const body = shape.body(m);
    if (/example|xxxx|0000|1234|abcd/i.test(body) || shannonEntropy(body) < 3) continue;
    return shape.name;
  }
  return undefined;
}

/** The name a value is given: variable, assignment target, property, parameter or class field. */
export function targetName(node: ts.Node, ctx: JsRuleContext): string | undefined {
  const p = node.parent;
  if (!p) return undefined;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isPropertyDeclaration(p)) && p.initializer === node)
    return propertyName(p.name, ctx);
  if (ts.isPropertyAssignment(p) && p.initializer === node) return propertyName(p.name, ctx);
  if (ts.isBinaryExpression(p) && p.right === node && isAssignment(p.operatorToken.kind))
    return lastSegment(p.left, ctx);
  if (ts.isJsxAttribute(p)) return p.name.getText();
  return undefined;
}

export function isAssignment(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsToken ||
    kind === ts.SyntaxKind.PlusEqualsToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken
  );
}

export function propertyName(name: ts.Node, ctx: JsRuleContext): string | undefined {
  if (
    ts.isIdentifier(name) ||
    ts.isPrivateIdentifier(name) ||
    ts.isStringLiteral(name) ||
    ts.isNoSubstitutionTemplateLiteral(name)
  )
    return name.text.replace(/^#/, '');
  if (ts.isComputedPropertyName(name)) return ctx.constantString(name.expression);
  return undefined;
}

/** `a.b.password` → `password`; `cfg['api-key']` → `api-key`; `token` → `token`. */
export function lastSegment(node: ts.Node, ctx: JsRuleContext): string | undefined {
  while (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node))
    node = node.expression;
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text.replace(/^#/, '');
  if (ts.isElementAccessExpression(node)) return ctx.constantString(node.argumentExpression);
  return undefined;
}

/** The name of the function a node is in: declaration, method, or the variable/property an arrow function is assigned to. */
export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (
      ts.isFunctionDeclaration(p) ||
      ts.isFunctionExpression(p) ||
      ts.isArrowFunction(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isConstructorDeclaration(p) ||
      ts.isAccessor(p)
    )
      return p;
  }
  return undefined;
}

export function functionName(fn: ts.FunctionLikeDeclaration, ctx: JsRuleContext): string | undefined {
  if (fn.name) return propertyName(fn.name, ctx);
  let p: ts.Node = fn.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p))
    return propertyName(p.name, ctx);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return lastSegment(p.left, ctx);
  return undefined;
}

import type ts from 'typescript';

/** Request-data roots: `req.query`, `request.body`, `ctx.request.body`, `event.queryStringParameters`, … */
const REQUEST_OBJECTS = new Set(['req', 'request', 'ctx', 'context', 'event']);
const REQUEST_FIELDS = new Set([
  'query',
  'body',
  'params',
  'headers',
  'cookies',
  'signedCookies',
  'url',
  'originalUrl',
  'path',
  'hostname',
  'queryStringParameters',
  'pathParameters',
  'rawBody',
  'files',
  'file',
]);
const REQUEST_METHODS = new Set(['get', 'header', 'param', 'query']);
/** Browser-side sources of attacker-controlled text. */
const BROWSER_SOURCES = [
  /^(window\.)?location\.(hash|search|href|pathname)$/,
  /^document\.(URL|documentURI|referrer|cookie)$/,
  /^(window\.)?name$/,
];

/**
 * Small, file-local data-flow facts for JS/TS rules: which expressions come from request
 * data (directly, or through a variable initialised or assigned from it), constant strings,
 * dotted names. Deliberately intra-file and flow-insensitive: cheap and predictable.
 */
export class JsAnalysis {
  private readonly tainted = new Set<string>();
  private collected = false;

  constructor(
    private readonly t: typeof ts,
    private readonly sourceFile: ts.SourceFile,
  ) {}

  /** Taint is collected on the first question about request data (rules that only need names pay nothing). */
  private ensureCollected(): void {
    if (this.collected) return;
    this.collected = true;
    // Two passes reach variables derived from derived variables (const a = req.query; const b = a.id).
    for (let pass = 0; pass < 2; pass++) this.collect(this.sourceFile);
  }

  private collect(root: ts.Node): void {
    const t = this.t;
    const stack: ts.Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (t.isVariableDeclaration(node) && node.initializer && this.isRequestData(node.initializer))
        this.taintBinding(node.name);
      else if (
        t.isBinaryExpression(node) &&
        node.operatorToken.kind === t.SyntaxKind.EqualsToken &&
        t.isIdentifier(node.left) &&
        this.isRequestData(node.right)
      ) {
        this.tainted.add(node.left.text);
      } else if (t.isParameter(node) && t.isObjectBindingPattern(node.name) && this.isHandlerParameter(node)) {
        // ({ query }) => … in a request handler: destructured request fields.
        for (const e of node.name.elements) if (REQUEST_FIELDS.has(bindingName(t, e) ?? '')) this.taintBinding(e.name);
      }
      node.forEachChild((c) => {
        stack.push(c);
      });
    }
  }

  private isHandlerParameter(node: ts.ParameterDeclaration): boolean {
    return node.parent.parameters.indexOf(node) === 0 && node.parent.parameters.length >= 2;
  }

  private taintBinding(name: ts.BindingName): void {
    const t = this.t;
    if (t.isIdentifier(name)) this.tainted.add(name.text);
    else for (const e of name.elements) if (!t.isOmittedExpression(e)) this.taintBinding(e.name);
  }

  isRequestData(node: ts.Node): boolean {
    this.ensureCollected();
    const t = this.t;
    if (
      t.isParenthesizedExpression(node) ||
      t.isAsExpression(node) ||
      t.isNonNullExpression(node) ||
      t.isTypeAssertionExpression(node)
    ) {
      return this.isRequestData(node.expression);
    }
    if (t.isIdentifier(node)) return this.tainted.has(node.text);
    if (t.isPropertyAccessExpression(node) || t.isElementAccessExpression(node)) {
      const name = this.dottedName(node);
      if (name && BROWSER_SOURCES.some((re) => re.test(name))) return true;
      if (this.isRequestRoot(node)) return true;
      return this.isRequestData(node.expression);
    }
    if (t.isCallExpression(node)) {
      const callee = node.expression;
      if (t.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        if (
          REQUEST_METHODS.has(method) &&
          t.isIdentifier(callee.expression) &&
          REQUEST_OBJECTS.has(callee.expression.text)
        )
          return true;
        // String methods keep the taint: req.query.x.trim(), `${a}`.toLowerCase(), url.searchParams.get('x').
        if (
          [
            'trim',
            'toLowerCase',
            'toUpperCase',
            'toString',
            'slice',
            'substring',
            'concat',
            'replace',
            'join',
            'normalize',
          ].includes(method)
        ) {
          return this.isRequestData(callee.expression) || node.arguments.some((a) => this.isRequestData(a));
        }
        if (method === 'get' && this.dottedName(callee.expression)?.endsWith('searchParams')) return true;
      }
      const name = this.dottedName(callee);
      if (name === 'String' || name === 'decodeURIComponent' || name === 'decodeURI' || name === 'path.normalize') {
        return node.arguments.some((a) => this.isRequestData(a));
      }
      return false;
    }
    if (t.isTemplateExpression(node)) return node.templateSpans.some((s) => this.isRequestData(s.expression));
    if (t.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (
        op === t.SyntaxKind.PlusToken ||
        op === t.SyntaxKind.BarBarToken ||
        op === t.SyntaxKind.QuestionQuestionToken
      ) {
        return this.isRequestData(node.left) || this.isRequestData(node.right);
      }
      return false;
    }
    if (t.isConditionalExpression(node)) return this.isRequestData(node.whenTrue) || this.isRequestData(node.whenFalse);
    return false;
  }

  /** `req.query`, `request.body.x`, `ctx.request.body`, `event.queryStringParameters.x`. */
  private isRequestRoot(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
    const t = this.t;
    const field = t.isPropertyAccessExpression(node) ? node.name.text : undefined;
    if (!field || !REQUEST_FIELDS.has(field)) return false;
    let obj = node.expression;
    if (t.isPropertyAccessExpression(obj) && obj.name.text === 'request') obj = obj.expression; // ctx.request.body
    return t.isIdentifier(obj) && REQUEST_OBJECTS.has(obj.text);
  }

  constantString(node: ts.Node): string | undefined {
    const t = this.t;
    if (t.isStringLiteral(node) || t.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (t.isParenthesizedExpression(node)) return this.constantString(node.expression);
    if (t.isBinaryExpression(node) && node.operatorToken.kind === t.SyntaxKind.PlusToken) {
      const a = this.constantString(node.left);
      const b = a === undefined ? undefined : this.constantString(node.right);
      return a !== undefined && b !== undefined ? a + b : undefined;
    }
    if (t.isTemplateExpression(node)) {
      let out = node.head.text;
      for (const span of node.templateSpans) {
        const v = this.constantString(span.expression);
        if (v === undefined) return undefined;
        out += v + span.literal.text;
      }
      return out;
    }
    return undefined;
  }

  dottedName(node: ts.Node): string | undefined {
    const t = this.t;
    if (t.isIdentifier(node)) return node.text;
    if (node.kind === t.SyntaxKind.ThisKeyword) return 'this';
    if (t.isParenthesizedExpression(node) || t.isNonNullExpression(node)) return this.dottedName(node.expression);
    if (t.isPropertyAccessExpression(node)) {
      const left = this.dottedName(node.expression);
      return left ? `${left}.${node.name.text}` : undefined;
    }
    if (t.isElementAccessExpression(node)) {
      const key = this.constantString(node.argumentExpression);
      const left = this.dottedName(node.expression);
      return left && key !== undefined ? `${left}.${key}` : undefined;
    }
    if (
      t.isCallExpression(node) &&
      t.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments.length === 1
    ) {
      return this.constantString(node.arguments[0]);
    }
    return undefined;
  }
}

function bindingName(t: typeof ts, e: ts.BindingElement): string | undefined {
  const key = e.propertyName ?? e.name;
  return t.isIdentifier(key) ? key.text : undefined;
}

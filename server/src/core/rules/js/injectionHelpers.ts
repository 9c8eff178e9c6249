import ts from 'typescript';
import { Trigger } from '../trigger';
import { pushAll } from '../../arrays';
import { JsRuleContext } from '../ruleTypes';

/**
 * Shared, file-local helpers for the injection rules: scope-aware lookup of a name's
 * declaration, module resolution of callees (`cp.exec` → `child_process.exec`), and value
 * classification (constant-ish, numeric, sanitized, string parts, URL with a fixed origin).
 * Everything is syntactic and bounded in depth: cheap, predictable, no type checker.
 */
type Ctx = JsRuleContext;
const MAX_DEPTH = 6;

/** Strips parentheses, type assertions, `!` and `satisfies`. */
export function unwrap(node: ts.Node): ts.Node {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isTypeAssertionExpression(node) ||
    ts.isSatisfiesExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}

export type Decl = ts.Node;

function addBinding(map: Map<string, Decl>, name: ts.BindingName, owner: ts.Node): void {
  if (ts.isIdentifier(name)) {
    if (!map.has(name.text)) map.set(name.text, owner);
    return;
  }
  for (const e of name.elements) if (!ts.isOmittedExpression(e)) addBinding(map, e.name, e);
}

function addStatements(map: Map<string, Decl>, statements: readonly ts.Statement[]): void {
  const add = (text: string, d: Decl) => {
    if (!map.has(text)) map.set(text, d);
  };
  for (const s of statements) {
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) addBinding(map, d.name, d);
    else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name)
      add(s.name.text, s);
    else if (ts.isImportDeclaration(s) && s.importClause) {
      const c = s.importClause;
      if (c.name) add(c.name.text, c);
      const nb = c.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) add(nb.name.text, nb);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) add(el.name.text, el);
    } else if (ts.isImportEqualsDeclaration(s)) add(s.name.text, s);
  }
}

/** The names a scope node declares directly (cached: big files have many lookups in big scopes). */
const scopeCache = new WeakMap<ts.Node, Map<string, Decl> | null>();
const SCOPE_KINDS = new Set([
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.DefaultClause,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.ClassExpression,
]);
function scopeDeclarations(n: ts.Node): Map<string, Decl> | null {
  if (!SCOPE_KINDS.has(n.kind)) return null;
  let map = scopeCache.get(n);
  if (map !== undefined) return map;
  map = new Map<string, Decl>();
  if (ts.isSourceFile(n) || ts.isBlock(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n))
    addStatements(map, n.statements);
  else if (ts.isFunctionLike(n)) {
    for (const p of n.parameters) addBinding(map, p.name, p);
    if (ts.isFunctionExpression(n) && n.name && !map.has(n.name.text)) map.set(n.name.text, n);
  } else if (ts.isClassExpression(n) && n.name) map.set(n.name.text, n);
  else if (
    (ts.isForStatement(n) || ts.isForInStatement(n) || ts.isForOfStatement(n)) &&
    n.initializer &&
    ts.isVariableDeclarationList(n.initializer)
  ) {
    for (const v of n.initializer.declarations) addBinding(map, v.name, v);
  } else if (ts.isCatchClause(n) && n.variableDeclaration)
    addBinding(map, n.variableDeclaration.name, n.variableDeclaration);
  if (map.size === 0) map = null;
  scopeCache.set(n, map);
  return map;
}

/**
 * The nearest ancestor of a node that declares names, or null. Memoized along the whole
 * path, so a deeply nested expression is walked once, not once per identifier in it (a walk
 * per identifier made `<!--` x 4,000 in a .ts file quadratic: a fuzz fixture in test/fixtures/fuzz).
 */
const declaringAncestorCache = new WeakMap<ts.Node, ts.Node | null>();
function declaringAncestor(node: ts.Node): ts.Node | null {
  const path: ts.Node[] = [];
  let result: ts.Node | null = null;
  for (let n = node; ; ) {
    const cached = declaringAncestorCache.get(n);
    if (cached !== undefined) {
      result = cached;
      break;
    }
    path.push(n);
    const p: ts.Node | undefined = n.parent;
    if (!p) break;
    if (scopeDeclarations(p)) {
      result = p;
      break;
    }
    n = p;
  }
  for (const n of path) declaringAncestorCache.set(n, result);
  return result;
}

/** The declaration a name refers to at this point (block scopes, parameters, loops, imports), or undefined for globals. */
export function findDeclaration(id: ts.Identifier): Decl | undefined {
  for (let n = declaringAncestor(id); n; n = declaringAncestor(n)) {
    const d = scopeDeclarations(n)?.get(id.text);
    if (d) return d;
  }
  return undefined;
}

interface Assignment {
  target: ts.Identifier;
  op: ts.SyntaxKind;
  value?: ts.Expression;
}
/** Per file: every assignment (`=`, `+=`, `++`, …) to a plain name, grouped by the declaration it resolves to. */
const assignmentCache = new WeakMap<ts.SourceFile, Map<Decl, Assignment[]>>();

function assignmentsByDecl(sf: ts.SourceFile): Map<Decl, Assignment[]> {
  let map = assignmentCache.get(sf);
  if (map) return map;
  const byDecl = new Map<Decl, Assignment[]>();
  const add = (target: ts.Identifier, op: ts.SyntaxKind, value?: ts.Expression) => {
    const decl = findDeclaration(target);
    if (!decl) return;
    const list = byDecl.get(decl) ?? [];
    list.push({ target, op, value });
    byDecl.set(decl, list);
  };
  const stack: ts.Node[] = [sf];
  while (stack.length) {
    const n = stack.pop()!;
    if (
      ts.isBinaryExpression(n) &&
      ts.isIdentifier(n.left) &&
      n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
      add(n.left, n.operatorToken.kind, n.right);
    } else if (
      (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
      ts.isIdentifier(n.operand) &&
      (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)
    ) {
      add(n.operand, n.operator);
    }
    n.forEachChild((c) => {
      stack.push(c);
    });
  }
  map = byDecl;
  assignmentCache.set(sf, map);
  return map;
}

/** Assignments anywhere in the file to the variable or parameter `decl` declares. */
function assignmentsTo(decl: ts.VariableDeclaration | ts.ParameterDeclaration): Assignment[] {
  let list = assignmentsMemo.get(decl);
  if (!list) assignmentsMemo.set(decl, (list = assignmentsByDecl(decl.getSourceFile()).get(decl) ?? []));
  return list;
}
const assignmentsMemo = new WeakMap<Decl, Assignment[]>();

/** The value of a variable that is never reassigned (`const`, or `let`/`var` without later assignment), else undefined. */
export function initializerOf(id: ts.Identifier): ts.Expression | undefined {
  const decl = findDeclaration(id);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
  if (!(decl.parent.flags & ts.NodeFlags.Const) && assignmentsTo(decl).length > 0) return undefined;
  return decl.initializer;
}

/** Every value a string variable is built from: its initializer plus later `=`/`+=` values (for `sql += ' AND …'`). */
export function assignedValues(id: ts.Identifier): ts.Expression[] | undefined {
  const decl = findDeclaration(id);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
  const later = assignmentsTo(decl).filter(
    (a) => a.op === ts.SyntaxKind.EqualsToken || a.op === ts.SyntaxKind.PlusEqualsToken,
  );
  return [decl.initializer, ...later.map((a) => a.value!)];
}

// ---- modules -------------------------------------------------------------------------

const MODULE_ALIASES: Record<string, string> = {
  'fs-extra': 'fs',
  'graceful-fs': 'fs',
  'lodash-es': 'lodash',
  libxmljs2: 'libxmljs',
  mysql2: 'mysql',
};

/** `node:fs/promises` → `fs.promises`; `fs-extra` → `fs`. */
export function normModule(spec: string): string {
  const m = spec.replace(/^node:/, '');
  return (MODULE_ALIASES[m] ?? m).replace(/\//g, '.');
}

function stringText(node: ts.Node): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

/** `require('m').a.b`, `await import('m')`, `util.promisify(x)` → a canonical dotted name, else undefined. */
function requireChain(node: ts.Node, depth: number): string | undefined {
  node = unwrap(node);
  if (ts.isAwaitExpression(node)) return requireChain(node.expression, depth);
  if (ts.isCallExpression(node)) {
    const spec = node.arguments.length === 1 ? stringText(node.arguments[0]) : undefined;
    if (
      spec !== undefined &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    )
      return normModule(spec);
    const callee = unwrap(node.expression);
    const fn = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (fn === 'promisify' && node.arguments.length === 1) return canonicalName(node.arguments[0], depth + 1);
    return undefined;
  }
  if (ts.isPropertyAccessExpression(node)) {
    const left = requireChain(node.expression, depth);
    return left && `${left}.${node.name.text}`;
  }
  return undefined;
}

function moduleOf(decl: Decl, depth: number): string | undefined {
  const spec = (d: ts.ImportDeclaration | ts.JSDocImportTag) => stringText(d.moduleSpecifier);
  let out: string | undefined;
  if (ts.isImportClause(decl)) out = mapSpec(spec(decl.parent));
  else if (ts.isNamespaceImport(decl)) out = mapSpec(spec(decl.parent.parent));
  else if (ts.isImportSpecifier(decl)) {
    const m = mapSpec(spec(decl.parent.parent.parent));
    out = m && `${m}.${(decl.propertyName ?? decl.name).text}`;
  } else if (ts.isImportEqualsDeclaration(decl) && ts.isExternalModuleReference(decl.moduleReference)) {
    out = mapSpec(stringText(decl.moduleReference.expression));
  } else if (ts.isVariableDeclaration(decl) && decl.initializer) out = requireChain(decl.initializer, depth);
  else if (ts.isBindingElement(decl)) {
    const path: string[] = [];
    let n: ts.Node = decl;
    while (ts.isBindingElement(n)) {
      const key = n.propertyName ?? n.name;
      if (!ts.isIdentifier(key) || !ts.isObjectBindingPattern(n.parent)) return undefined;
      path.unshift(key.text);
      n = n.parent.parent;
    }
    const base = ts.isVariableDeclaration(n) && n.initializer ? requireChain(n.initializer, depth) : undefined;
    out = base && `${base}.${path.join('.')}`;
  }
  return out?.replace(/\.default(?=\.|$)/g, '');
}

function mapSpec(s: string | undefined): string | undefined {
  return s === undefined ? undefined : normModule(s);
}

/** Dotted name of a callee with imported/required roots replaced by their module: `cp.exec` → `child_process.exec`. */
export function canonicalName(node: ts.Node, depth = 0): string | undefined {
  node = unwrap(node);
  if (depth > MAX_DEPTH) return undefined;
  if (ts.isIdentifier(node)) {
    const decl = findDeclaration(node);
    return (decl && moduleOf(decl, depth + 1)) ?? node.text;
  }
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(node)) {
    const left = canonicalName(node.expression, depth);
    return left && `${left}.${node.name.text}`;
  }
  if (ts.isElementAccessExpression(node)) {
    const key = stringText(node.argumentExpression);
    const left = key === undefined ? undefined : canonicalName(node.expression, depth);
    return left && `${left}.${key}`;
  }
  if (ts.isCallExpression(node)) return requireChain(node, depth);
  return undefined;
}

export function lastSegment(name: string | undefined): string {
  return name ? name.slice(name.lastIndexOf('.') + 1) : '';
}

/** Name of a call's method or function: `a.b.query(…)` → `query`. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const c = unwrap(call.expression);
  return ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
}

// ---- values --------------------------------------------------------------------------

const CONSTANT_CALLS =
  /^(?:path(?:\.posix|\.win32)?\.(?:join|resolve|dirname|normalize|relative)|url\.fileURLToPath|fileURLToPath|url\.pathToFileURL|pathToFileURL|require\.resolve|String)$/;
const SCREAMING = /^[A-Z][A-Z0-9]*_[A-Z0-9_]*$|^[A-Z]{2,}[0-9]*$/;

/**
 * A value the program (or whoever starts it) fixes: string constants, `const`s initialised from
 * them, SCREAMING_CASE constants, bindings imported from the project's own modules,
 * `require('./package.json').name`, `process.env.X`/`process.argv` (the invoker's configuration),
 * `__dirname`, `import.meta.url`, `process.cwd()`, and `path.join`/`resolve` or templates of
 * such values.
 */
export function isConstantish(ctx: Ctx, node: ts.Node, depth = 0): boolean {
  node = unwrap(node);
  if (depth > MAX_DEPTH) return false;
  if (
    ctx.constantString(node) !== undefined ||
    ts.isNumericLiteral(node) ||
    ts.isBigIntLiteral(node) ||
    ts.isRegularExpressionLiteral(node)
  )
    return true;
  const k = node.kind;
  if (k === ts.SyntaxKind.TrueKeyword || k === ts.SyntaxKind.FalseKeyword || k === ts.SyntaxKind.NullKeyword)
    return true;
  const next = (n: ts.Node) => isConstantish(ctx, n, depth + 1);
  if (ts.isIdentifier(node)) {
    if (['__dirname', '__filename', 'undefined'].includes(node.text)) return true;
    const decl = findDeclaration(node);
    if (decl && (ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl)))
      return /^\.\.?\//.test(moduleSpecOf(decl));
    if (decl && ts.isVariableDeclaration(decl) && ts.isForOfStatement(decl.parent.parent)) {
      let list = unwrap(decl.parent.parent.expression);
      if (ts.isIdentifier(list)) list = unwrap(initializerOf(list) ?? list);
      return ts.isArrayLiteralExpression(list) && next(list);
    }
    const init = initializerOf(node);
    if (init) return next(init);
    // An unresolvable SCREAMING_CASE name (a global or a parameter) is a constant by convention.
    return !(decl && ts.isVariableDeclaration(decl) && decl.initializer) && SCREAMING.test(node.text);
  }
  if (isInvokerInput(ctx, node)) return true;
  if (ts.isPropertyAccessExpression(node)) {
    // require('./package.json').name, or a property of a const holding such a module.
    let recv = unwrap(node.expression);
    if (ts.isIdentifier(recv)) recv = unwrap(initializerOf(recv) ?? recv);
    if (isRequireOfConstant(ctx, recv)) return true;
    if (node.expression.kind === ts.SyntaxKind.MetaProperty) return /^(?:url|dirname|filename)$/.test(node.name.text);
    if (SCREAMING.test(node.name.text)) return !ctx.isRequestData(node); // Config.MAX_ROWS, not req.body.CMD
    return ['href', 'pathname', 'length'].includes(node.name.text) && next(node.expression);
  }
  if (ts.isTemplateExpression(node)) return node.templateSpans.every((s) => next(s.expression));
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    return (
      (op === ts.SyntaxKind.PlusToken ||
        op === ts.SyntaxKind.BarBarToken ||
        op === ts.SyntaxKind.QuestionQuestionToken) &&
      next(node.left) &&
      next(node.right)
    );
  }
  if (ts.isConditionalExpression(node)) return next(node.whenTrue) && next(node.whenFalse);
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(next);
  if (ts.isCallExpression(node)) {
    if (isRequireOfConstant(ctx, node)) return true;
    const name = canonicalName(node.expression) ?? '';
    if (/^(?:process\.cwd|os\.tmpdir|os\.homedir)$/.test(name)) return true;
    return CONSTANT_CALLS.test(name) && node.arguments.every(next);
  }
  if (ts.isNewExpression(node)) return ctx.dottedName(node.expression) === 'URL' && (node.arguments ?? []).every(next);
  return false;
}

function isRequireOfConstant(ctx: Ctx, node: ts.Node): boolean {
  return (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1 &&
    ctx.constantString(node.arguments[0]) !== undefined
  );
}

/**
 * What whoever starts the process chose: `process.env.X`, `process.argv` (and slices or
 * elements of it), `process.platform`/`arch`/`execPath`. Configuration, not remote input.
 */
function isInvokerInput(ctx: Ctx, node: ts.Node): boolean {
  let n = unwrap(node);
  for (;;) {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      /^(?:slice|at|join)$/.test(n.expression.name.text)
    )
      n = unwrap(n.expression.expression);
    else if (ts.isElementAccessExpression(n) && ts.isNumericLiteral(n.argumentExpression)) n = unwrap(n.expression);
    else break;
  }
  return /^process\.(?:env\.\w+|argv|platform|arch|execPath|execArgv)$/.test(ctx.dottedName(n) ?? '');
}

function moduleSpecOf(decl: ts.ImportClause | ts.ImportSpecifier | ts.NamespaceImport): string {
  let n: ts.Node = decl;
  while (!ts.isImportDeclaration(n)) n = n.parent;
  return stringText(n.moduleSpecifier) ?? '';
}

/** A number, whatever the input: numeric literals, `Number(x)`, `parseInt`, arithmetic, `.length`, `number`-typed names. */
export function isNumeric(node: ts.Node, nums: ReadonlySet<string> = new Set(), depth = 0): boolean {
  node = unwrap(node);
  if (depth > MAX_DEPTH) return false;
  const next = (n: ts.Node) => isNumeric(n, nums, depth + 1);
  if (ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) return true;
  if (ts.isPrefixUnaryExpression(node)) return node.operator !== ts.SyntaxKind.ExclamationToken;
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) return next(node.left) && next(node.right);
    return [
      ts.SyntaxKind.MinusToken,
      ts.SyntaxKind.AsteriskToken,
      ts.SyntaxKind.SlashToken,
      ts.SyntaxKind.PercentToken,
      ts.SyntaxKind.AsteriskAsteriskToken,
      ts.SyntaxKind.AmpersandToken,
      ts.SyntaxKind.BarToken,
      ts.SyntaxKind.CaretToken,
      ts.SyntaxKind.LessThanLessThanToken,
      ts.SyntaxKind.GreaterThanGreaterThanToken,
    ].includes(op);
  }
  if (ts.isConditionalExpression(node)) return next(node.whenTrue) && next(node.whenFalse);
  // `s.length`, but not `req.query.length` (a parameter called "length").
  if (ts.isPropertyAccessExpression(node))
    return (
      node.name.text === 'length' &&
      !/^(?:req|request|ctx|context|event)(?:\.request)?\.\w+$/.test(node.expression.getText())
    );
  if (ts.isCallExpression(node)) {
    const callee = unwrap(node.expression);
    if (ts.isIdentifier(callee)) return /^(?:Number|parseInt|parseFloat)$/.test(callee.text);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const receiver = ts.isIdentifier(callee.expression) ? callee.expression.text : '';
    return (
      /^(?:Math|Number)$/.test(receiver) ||
      (receiver === 'Date' && callee.name.text === 'now') ||
      /^(?:getTime|toFixed|valueOf)$/.test(callee.name.text)
    );
  }
  if (ts.isIdentifier(node)) {
    if (nums.has(node.text)) return true;
    const decl = findDeclaration(node);
    if (decl && (ts.isParameter(decl) || ts.isVariableDeclaration(decl)) && decl.type)
      return decl.type.kind === ts.SyntaxKind.NumberKeyword || decl.type.kind === ts.SyntaxKind.BigIntKeyword;
    const init = initializerOf(node);
    return init !== undefined && next(init);
  }
  return false;
}

/** `DOMPurify.sanitize(x)`, `escapeHtml(x)`, `he.encode(x)`, `policy.createHTML(x)`, `filterXSS(x)` (not `unescape`). */
export function isSanitizerCall(node: ts.Node, extra?: RegExp): boolean {
  node = unwrap(node);
  if (!ts.isCallExpression(node)) return false;
  const name = canonicalName(node.expression) ?? '';
  return (
    [lastSegment(name), calleeName(node)].some(
      (seg) =>
        !/^un/i.test(seg) &&
        (/sanitiz|purif|escape|xss|encodehtml|htmlencode|encodeentit|createhtml/i.test(seg) ||
          (extra?.test(seg) ?? false)),
    ) || /^he\.encode$/.test(name)
  );
}

export type Part = { text: string } | { expr: ts.Expression };

function isStringBuilding(node: ts.Node): boolean {
  node = unwrap(node);
  return (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateExpression(node) ||
    (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
  );
}

/** A string expression as constant text and embedded expressions (`'a' + x + \`b${y}\``), following string-building `const`s. */
export function stringParts(ctx: Ctx, node: ts.Node, depth = 0): Part[] {
  node = unwrap(node);
  const c = ctx.constantString(node);
  if (c !== undefined) return [{ text: c }];
  if (ts.isTemplateExpression(node)) {
    const out: Part[] = [{ text: node.head.text }];
    for (const s of node.templateSpans)
      pushAll(out, stringParts(ctx, s.expression, depth)).push({ text: s.literal.text });
    return out;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return [...stringParts(ctx, node.left, depth), ...stringParts(ctx, node.right, depth)];
  if (ts.isIdentifier(node) && depth < 4) {
    const init = initializerOf(node);
    if (init && isStringBuilding(init)) return stringParts(ctx, init, depth + 1);
  }
  return [{ expr: node as ts.Expression }];
}

/** The value of property `name` in an object literal (inline, or a `const` initialised with one). */
export function objectProperty(node: ts.Node | undefined, name: string): ts.Expression | undefined {
  if (!node) return undefined;
  let obj = unwrap(node);
  if (ts.isIdentifier(obj)) obj = unwrap(initializerOf(obj) ?? obj);
  if (!ts.isObjectLiteralExpression(obj)) return undefined;
  for (const p of obj.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (key !== name) continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
  }
  return undefined;
}

/** `true`, a non-zero number, a non-empty string. */
export function isTruthyLiteral(node: ts.Node | undefined): boolean {
  if (!node) return false;
  node = unwrap(node);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (ts.isNumericLiteral(node)) return Number(node.text) !== 0;
  return (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.text !== '';
}

// ---- request data -------------------------------------------------------------------

/**
 * Text that must occur for `ctx.isRequestData` to be true anywhere in a file (its sources in
 * jsAnalysis: request objects, browser locations, destructured handler parameters). Keep in
 * step with REQUEST_OBJECTS / REQUEST_FIELDS / BROWSER_SOURCES there.
 */
const REQUEST_HINT = String.raw`\b(?:req|request|ctx|context|event|location|document|searchParams)\b|\bwindow\s*\.\s*name\b|\(\s*\{(?:(?!\(\s*\{)[^}])*\b(?:query|body|params|headers|cookies|signedCookies|url|originalUrl|path|hostname|queryStringParameters|pathParameters|rawBody|files?)\b`;

/** Names jsAnalysis treats as sources by themselves (`req.query`, `location.hash`), not through a tainted variable. */
const SOURCE_ROOTS = /^(?:req|request|ctx|context|event|location|window|document|self|globalThis)$/;

/** The request-data hint as one object, so a file is scanned for it once for all rules. */
const REQUEST_HINT_PART = new RegExp(REQUEST_HINT);

/** A trigger for rules that need request data: the file mentions a request source, and `specific` matches. */
export function requestTrigger(specific: RegExp): Trigger {
  return [REQUEST_HINT_PART, specific];
}

/**
 * `ctx.isRequestData`, but a bare variable is judged by its own declaration: jsAnalysis taints
 * names file-wide, so `url` in one function would otherwise be request data because another
 * function has `const url = req.query.u`. Also covers loop variables over request data
 * (`for (const k in req.body)`, `for (const u of req.body.urls)`).
 */
export function isRequestDataScoped(ctx: Ctx, node: ts.Node, depth = 0): boolean {
  node = unwrap(node);
  if (depth > 4) return false;
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    // `r[n]` is request data only if this `r` is, not another variable of the same name.
    const root = rootIdentifier(node);
    const viaLocal = root && !SOURCE_ROOTS.test(root.text) && findDeclaration(root) !== undefined;
    return ctx.isRequestData(node) && (!viaLocal || isRequestDataScoped(ctx, root, depth + 1));
  }
  if (!ts.isIdentifier(node)) return ctx.isRequestData(node);
  const decl = findDeclaration(node);
  let v: ts.Node | undefined = decl;
  while (v && (ts.isBindingElement(v) || ts.isObjectBindingPattern(v) || ts.isArrayBindingPattern(v))) v = v.parent;
  const loop = v && ts.isVariableDeclaration(v) ? v.parent.parent : undefined;
  if (loop && (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && loop.initializer === v!.parent) {
    // for (const k in req.body), for (const u of req.body.urls), for (const [k, v] of Object.entries(req.body))
    let source = unwrap(loop.expression);
    if (
      ts.isCallExpression(source) &&
      /^Object\.(?:keys|values|entries)$/.test(ctx.dottedName(source.expression) ?? '') &&
      source.arguments[0]
    )
      source = source.arguments[0];
    return isRequestDataScoped(ctx, source, depth + 1);
  }
  if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) {
    return [decl.initializer, ...assignmentsTo(decl).map((a) => a.value)].some(
      (v) => v !== undefined && ctx.isRequestData(v),
    );
  }
  if (decl && ts.isParameter(decl) && ts.isIdentifier(decl.name)) {
    return assignmentsTo(decl).some((a) => a.value !== undefined && ctx.isRequestData(a.value));
  }
  return ctx.isRequestData(node);
}

// ---- URLs ----------------------------------------------------------------------------

const FIXED_TEXT = [/^\/[^/\\]/, /^[?#]/, /^[a-z][a-z\d+.-]*:\/\/[^/?#\\@]+[/?#]/i, /^(?:\.{1,2}\/|[\w.-]+[/?#])/];
const CURRENT_URL = /^(?:(?:window|document|self)\.)?(?:location\.href|URL)$|^document\.location\.href$/;
const ORIGIN_ONLY = /^(?:(?:window|self)\.)?location\.origin$/;
const HOST_HEADER = /^(?:req|request|ctx|context)(?:\.request)?\.(?:headers\.host|hostname|host)$/;
const REQUEST_TARGET = /^(?:req|request|ctx|context)(?:\.request)?\.(?:url|originalUrl|path)$/;

/** The URL's scheme and host cannot be chosen by whoever controls the variable parts. */
export function originFixed(ctx: Ctx, parts: Part[]): boolean {
  const merged: Part[] = [];
  for (const p of parts) {
    const prev = merged[merged.length - 1];
    if ('text' in p && prev && 'text' in prev) merged[merged.length - 1] = { text: prev.text + p.text };
    else if (!('text' in p && p.text === '')) merged.push(p);
  }
  const [first, second, third] = merged;
  if (!first) return true;
  const startsPath = (p: Part | undefined) => p === undefined || ('text' in p && /^[/?#]/.test(p.text));
  if ('text' in first) {
    if (FIXED_TEXT.some((re) => re.test(first.text))) return true;
    // `https://${req.headers.host}${req.url}`: the host the browser itself asked for.
    if (/^(?:https?:)?\/\/$/i.test(first.text) && second && 'expr' in second && isHostHeader(ctx, second.expr)) {
      return startsPath(third) || ('expr' in third && REQUEST_TARGET.test(ctx.dottedName(third.expr) ?? ''));
    }
    return false;
  }
  let e = unwrap(first.expr);
  // location.href.replace('#top', ''): the current page, edited with constants.
  while (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    /^replace(?:All)?$/.test(e.expression.name.text) &&
    e.arguments.every((a) => isConstantish(ctx, a))
  ) {
    e = unwrap(e.expression.expression);
  }
  const name = ctx.dottedName(e) ?? '';
  if (CURRENT_URL.test(name)) return true;
  if (ORIGIN_ONLY.test(name)) return second !== undefined && startsPath(second);
  // `${API_BASE}/users/${id}`: a base chosen by the program, then a path.
  return (
    (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) &&
    !ctx.isRequestData(e) &&
    second !== undefined &&
    startsPath(second)
  );
}

function isHostHeader(ctx: Ctx, node: ts.Node): boolean {
  node = unwrap(node);
  if (ts.isCallExpression(node))
    return (
      /^(?:req|request)\.(?:get|header)$/.test(ctx.dottedName(node.expression) ?? '') &&
      /^host$/i.test(ctx.constantString(node.arguments[0] ?? node) ?? '')
    );
  return HOST_HEADER.test(ctx.dottedName(node) ?? '');
}

/** A URL whose origin comes from request data (or the browser's location): `req.query.url`, `new URL(req.body.u)`, `'https://' + host`. */
export function isRequestUrl(ctx: Ctx, node: ts.Node, depth = 0): boolean {
  node = unwrap(node);
  if (depth > MAX_DEPTH) return false;
  const next = (n: ts.Node) => isRequestUrl(ctx, n, depth + 1);
  if (ts.isConditionalExpression(node)) return next(node.whenTrue) || next(node.whenFalse);
  if (
    ts.isBinaryExpression(node) &&
    [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind)
  )
    return next(node.left) || next(node.right);
  if (ts.isNewExpression(node))
    return (
      ctx.dottedName(node.expression) === 'URL' &&
      node.arguments !== undefined &&
      node.arguments.length > 0 &&
      next(node.arguments[0])
    );
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'href' && !ctx.dottedName(node)?.includes('location'))
    return next(node.expression);
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'toString' &&
    node.arguments.length === 0
  )
    return next(node.expression.expression);
  if (ts.isIdentifier(node)) {
    const init = initializerOf(node);
    if (init) return next(init);
    return isRequestDataScoped(ctx, node);
  }
  if (!isRequestDataScoped(ctx, node)) return false;
  return !originFixed(ctx, stringParts(ctx, node));
}

// ---- shell ---------------------------------------------------------------------------

const SHELL_QUOTE = /quote|escape/i;

/** A command text whose variable parts are constants, numbers or shell-quoted (`shell-quote`'s `quote`, `shellEscape`). */
export function isShellSafe(ctx: Ctx, node: ts.Node): boolean {
  if (ts.isArrayLiteralExpression(node))
    return node.elements.every((e) => !ts.isSpreadElement(e) && isShellSafe(ctx, e));
  return stringParts(ctx, node).every(
    (p) => 'text' in p || isConstantish(ctx, p.expr) || isNumeric(p.expr) || isSanitizerCall(p.expr, SHELL_QUOTE),
  );
}

// ---- HTML ----------------------------------------------------------------------------

/** What a `.map(cb)` callback returns: its expression body or every `return` value. */
export function callbackResults(fn: ts.Node | undefined): ts.Expression[] {
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  fn.body.forEachChild(function walk(n): void {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    else if (!ts.isFunctionLike(n)) n.forEachChild(walk);
  });
  return out;
}

const SAFE_TEXT_METHODS =
  /^to(?:Locale\w*String|ISOString|Fixed|Precision|Exponential|DateString|TimeString|UTCString)$/;

/** HTML that may carry markup from outside: not a constant, a number, sanitized/escaped, or the DOM's own `innerHTML`. */
export function isUnsafeHtml(ctx: Ctx, node: ts.Node, depth = 0): boolean {
  node = unwrap(node);
  if (depth > MAX_DEPTH) return false;
  const next = (n: ts.Node) => isUnsafeHtml(ctx, n, depth + 1);
  if (isConstantish(ctx, node) || isNumeric(node) || isSanitizerCall(node)) return false;
  if (ts.isPropertyAccessExpression(node) && /^(?:innerHTML|outerHTML)$/.test(node.name.text)) return false;
  if (ts.isConditionalExpression(node)) return next(node.whenTrue) || next(node.whenFalse);
  if (
    ts.isBinaryExpression(node) &&
    [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind)
  )
    return next(node.left) || next(node.right);
  if (
    ts.isTemplateExpression(node) ||
    (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
  ) {
    return stringParts(ctx, node).some((p) => 'expr' in p && next(p.expr));
  }
  if (ts.isIdentifier(node)) {
    const init = initializerOf(node);
    return init === undefined || next(init);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const method = node.expression.name.text;
    const receiver = unwrap(node.expression.expression);
    if (SAFE_TEXT_METHODS.test(method)) return false;
    // x.replace(/&/g, '&amp;').replace(/</g, '&lt;'): escaped by hand.
    if (/^replace(?:All)?$/.test(method))
      return !(
        node.arguments[0] &&
        ts.isRegularExpressionLiteral(node.arguments[0]) &&
        node.arguments[0].text.includes('<')
      );
    if (/^(?:trim|toUpperCase|toLowerCase)$/.test(method)) return next(receiver);
    if (method === 'join') {
      if (ts.isArrayLiteralExpression(receiver)) return receiver.elements.some(next);
      if (ts.isCallExpression(receiver) && calleeName(receiver) === 'map')
        return callbackResults(receiver.arguments[0]).some(next);
    }
  }
  return true;
}

/** The module an identifier is imported or required from (`import x from 'm'`, `const x = require('m').y`), else undefined. */
export function importedModule(id: ts.Identifier): string | undefined {
  const decl = findDeclaration(id);
  return decl && moduleOf(decl, 0);
}

/** The identifier a property chain starts from: `a.b.c` → `a`. */
export function rootIdentifier(node: ts.Node): ts.Identifier | undefined {
  node = unwrap(node);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) node = unwrap(node.expression);
  return ts.isIdentifier(node) ? node : undefined;
}

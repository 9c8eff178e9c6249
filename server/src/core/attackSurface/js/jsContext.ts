/**
 * What every JS/TS entry-point detector reads besides the node it looks at
 * (docs/attack-surface.md, Detectors): ranges and `@interface` declaration spans, constant
 * strings and ports, the file's imports, and which variables are framework objects
 * (an Express app, a Koa router, a Fastify plugin's instance, an HTTP server …).
 *
 * Names are resolved by a light scope model: a name is looked up in the functions that
 * enclose the use, innermost first, then the module. Block scopes and reassignment are not
 * followed.
 */
import type ts from 'typescript';
import type { Range } from '../../findings';
import { pushAll } from '../../arrays';
import { LineIndex } from '../../text';
import type { DetectorOptions } from '../detectorOptions';
import type { Bind, FileSurface, RouterDef } from '../entryPoint';
import { bindOf } from '../entryPoint';

/** How far a name is followed through `const a = b` aliases and helper functions. */
const MAX_ALIAS_DEPTH = 6;
/** How many ancestors a lookup climbs (deeper code is read as if at that depth). */
const MAX_PARENTS = 400;

export type ObjectFamily =
  | 'express'
  | 'koa'
  | 'fastify'
  | 'http-server'
  | 'net-server'
  | 'dgram'
  | 'ws'
  | 'socket.io'
  | 'mqtt'
  | 'grpc'
  | 'cli';

/** A variable (or expression) that is a framework object. */
export interface FrameworkObject {
  family: ObjectFamily;
  /** `app`: an application or server; `router`: routes on it are mounted elsewhere. */
  role: 'app' | 'router';
  /** The app or router key: the name of the function that creates it, else the variable name. */
  key: string;
  /** Where it is defined (a function declaration or variable statement), for RouterDefs. */
  definition?: ts.Node;
  /** A Koa `new Router({ prefix })`. */
  prefix?: string;
  /** For a server: the application it serves (`createServer(app)`). */
  serves?: string;
  /** A router that is a function parameter (the caller's object): it has no RouterDef. */
  borrowed?: boolean;
}

interface Declaration {
  name: string;
  node: ts.VariableDeclaration | ts.ParameterDeclaration | ts.FunctionDeclaration;
  scope: ts.Node;
}

export interface ImportBinding {
  module: string;
  export: string;
}

export class JsContext {
  readonly surface: FileSurface;
  readonly lines: LineIndex;
  /** Local name → the module and export it is imported from (ES imports and `require`). */
  readonly imports = new Map<string, ImportBinding>();
  /** Local name → the names other files import it by. */
  readonly exported = new Map<string, string[]>();
  /** Names of functions passed to `.register(…)` (Fastify plugins). */
  readonly registered = new Set<string>();
  private readonly declarations = new Map<string, Declaration[]>();
  private readonly objects = new Map<ts.Node, FrameworkObject | null>();
  readonly routerDefs = new Map<string, RouterDef>();

  constructor(
    readonly ts: typeof import('typescript'),
    readonly sf: ts.SourceFile,
    readonly file: string,
    readonly text: string,
    readonly options: DetectorOptions,
    surface: FileSurface,
  ) {
    this.surface = surface;
    this.lines = new LineIndex(text);
  }

  enabled(framework: string): boolean {
    return this.options.enabled(framework);
  }

  /** Whether the file imports a module (any of `names`, with or without `node:`). */
  importsAny(names: readonly string[]): boolean {
    for (const b of this.imports.values()) {
      const m = b.module.startsWith('node:') ? b.module.slice(5) : b.module;
      if (names.includes(m)) return true;
    }
    return false;
  }

  /** The module an identifier (or the root of a dotted name) is imported from. */
  moduleOf(node: ts.Node): string | undefined {
    const t = this.ts;
    let n = node;
    while (t.isPropertyAccessExpression(n)) n = n.expression;
    if (t.isCallExpression(n) && this.requireOf(n) !== undefined) return bare(this.requireOf(n)!);
    if (!t.isIdentifier(n)) return undefined;
    const b = this.imports.get(n.text);
    return b ? bare(b.module) : undefined;
  }

  /** `require('x')` → `x`. */
  requireOf(node: ts.Node): string | undefined {
    const t = this.ts;
    if (!t.isCallExpression(node) || !t.isIdentifier(node.expression) || node.expression.text !== 'require')
      return undefined;
    const a = node.arguments[0];
    return a && t.isStringLiteralLike(a) ? a.text : undefined;
  }

  // ---- positions ----

  range(node: ts.Node): Range {
    const t = this.ts;
    // A call in a chain (`yargs().command(…).command(…)`) starts at its own method name.
    const chained =
      t.isCallExpression(node) &&
      t.isPropertyAccessExpression(node.expression) &&
      t.isCallExpression(node.expression.expression);
    const from = chained ? (node.expression as ts.PropertyAccessExpression).name : node;
    const start = this.lines.positionAt(from.getStart(this.sf));
    const end = this.lines.positionAt(node.getEnd());
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  line(offset: number): number {
    return this.lines.positionAt(offset).line;
  }

  /** The first line of the comment block directly above `line` (blank lines break it). */
  commentTop(line: number): number {
    let top = line;
    for (let l = line - 1; l >= 1 && line - l <= 200; l--) {
      const s = this.lines.lineText(l).trim();
      if (s.startsWith('//') || s.startsWith('/*') || s.startsWith('*') || s.endsWith('*/')) top = l;
      else break;
    }
    return top;
  }

  /** The statement (or class member) a node belongs to. */
  statementOf(node: ts.Node): ts.Node {
    const t = this.ts;
    let n = node;
    for (let i = 0; i < MAX_PARENTS && n.parent; i++) {
      const p = n.parent;
      if (t.isSourceFile(p) || t.isBlock(p) || t.isModuleBlock(p) || t.isCaseClause(p) || t.isDefaultClause(p))
        return n;
      if (t.isClassElement(n)) return n;
      n = p;
    }
    return n;
  }

  /** A registration statement: its comment block and all its lines. */
  statementSpan(node: ts.Node): { line: number; endLine: number } {
    const stmt = this.statementOf(node);
    const first = this.line(stmt.getStart(this.sf));
    return { line: this.commentTop(first), endLine: this.line(stmt.getEnd()) };
  }

  /** A declaration (function, class, method): its comment block and the line its name is on. */
  headerSpan(decl: ts.Node): { line: number; endLine: number } {
    const first = this.line(decl.getStart(this.sf));
    const name = (decl as { name?: ts.Node }).name;
    const nameLine = name ? this.line(name.getStart(this.sf)) : first;
    return { line: this.commentTop(first), endLine: Math.max(first, nameLine) };
  }

  /** The named function or class declaration around a node, if any (for entry points not in a router). */
  enclosingDeclaration(node: ts.Node): ts.Node | undefined {
    const t = this.ts;
    let n = node.parent;
    for (let i = 0; i < MAX_PARENTS && n; i++, n = n.parent) {
      if ((t.isFunctionDeclaration(n) || t.isClassDeclaration(n)) && n.name) return n;
      if (t.isVariableStatement(n) && t.isSourceFile(n.parent)) return n;
    }
    return undefined;
  }

  // ---- names ----

  /** The text of a dotted name (`passport.authenticate`, `this.app`), else undefined. */
  dotted(node: ts.Node): string | undefined {
    const t = this.ts;
    const parts: string[] = [];
    let n = node;
    for (let i = 0; i < 20; i++) {
      if (t.isIdentifier(n) || t.isPrivateIdentifier(n)) {
        parts.unshift(n.text);
        return parts.join('.');
      }
      if (n.kind === t.SyntaxKind.ThisKeyword) {
        parts.unshift('this');
        return parts.join('.');
      }
      if (t.isPropertyAccessExpression(n)) {
        parts.unshift(n.name.text);
        n = n.expression;
        continue;
      }
      if (t.isParenthesizedExpression(n) || t.isNonNullExpression(n) || t.isAsExpression(n)) {
        n = n.expression;
        continue;
      }
      return undefined;
    }
    return undefined;
  }

  /** How a middleware reads: `requireAuth`, `passport.authenticate` (of `passport.authenticate('jwt')`). */
  middlewareName(node: ts.Node): string | undefined {
    const t = this.ts;
    if (t.isCallExpression(node)) return this.dotted(node.expression);
    if (t.isArrayLiteralExpression(node)) return undefined;
    return this.dotted(node);
  }

  middlewareNames(nodes: readonly ts.Node[]): string[] {
    const out: string[] = [];
    for (const n of nodes) {
      if (this.ts.isArrayLiteralExpression(n)) pushAll(out, this.middlewareNames(n.elements));
      else {
        const name = this.middlewareName(n);
        if (name) out.push(name);
      }
    }
    return out;
  }

  /** Records a declaration (the pre-pass calls this for every variable, parameter and function). */
  declare(name: string, node: Declaration['node']): void {
    const scope = this.scopeOf(node);
    const list = this.declarations.get(name);
    if (list) list.push({ name, node, scope });
    else this.declarations.set(name, [{ name, node, scope }]);
  }

  private scopeOf(node: ts.Node): ts.Node {
    const t = this.ts;
    if (t.isParameter(node)) return node.parent;
    let n = t.isFunctionDeclaration(node) ? node.parent : node.parent;
    for (let i = 0; i < MAX_PARENTS && n; i++, n = n.parent) {
      if (t.isSourceFile(n) || t.isFunctionLike(n)) return n;
    }
    return this.sf;
  }

  /** The declaration an identifier refers to (innermost enclosing function first). */
  lookup(id: ts.Identifier): Declaration | undefined {
    const list = this.declarations.get(id.text);
    if (!list) return undefined;
    if (list.length === 1 && list[0].scope === this.sf) return list[0];
    const t = this.ts;
    let n: ts.Node | undefined = id.parent;
    for (let i = 0; i < MAX_PARENTS && n; i++, n = n.parent) {
      if (t.isSourceFile(n) || t.isFunctionLike(n)) {
        const scope = n;
        const d = list.find((x) => x.scope === scope);
        if (d) return d;
      }
    }
    return list.find((x) => x.scope === this.sf);
  }

  /** The function an identifier names, when declared in this file (`function f` or `const f = () => …`). */
  localFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
    const t = this.ts;
    if (!t.isIdentifier(node)) return undefined;
    const d = this.lookup(node);
    if (!d) return undefined;
    if (t.isFunctionDeclaration(d.node)) return d.node;
    if (t.isVariableDeclaration(d.node) && d.node.initializer) {
      const init = unwrap(t, d.node.initializer);
      if (t.isArrowFunction(init) || t.isFunctionExpression(init)) return init;
    }
    return undefined;
  }

  /** The declaration to point a handler at: the function (a `const f = () =>` points at its statement). */
  handlerDeclaration(node: ts.Node): ts.Node | undefined {
    const t = this.ts;
    const target = t.isCallExpression(node) ? node.expression : node;
    const fn = this.localFunction(target);
    if (!fn) return undefined;
    return t.isFunctionDeclaration(fn) ? fn : this.statementOf(fn);
  }

  /** The name a function-like node is known by: its own, or the variable it is assigned to; `default` for a default export. */
  functionName(fn: ts.Node): string | undefined {
    const t = this.ts;
    if ((t.isFunctionDeclaration(fn) || t.isFunctionExpression(fn) || t.isClassDeclaration(fn)) && fn.name)
      return fn.name.text;
    let p = fn.parent;
    for (let i = 0; i < 4 && p; i++, p = p.parent) {
      if (t.isVariableDeclaration(p) && t.isIdentifier(p.name)) return p.name.text;
      if (t.isExportAssignment(p)) return 'default';
      if (!t.isCallExpression(p) && !t.isParenthesizedExpression(p) && !t.isAsExpression(p)) break;
    }
    if (t.isFunctionDeclaration(fn) && hasModifier(t, fn, t.SyntaxKind.DefaultKeyword)) return 'default';
    return undefined;
  }

  /** The names a local is exported by. */
  exportsOf(name: string, definition?: ts.Node): string[] {
    const t = this.ts;
    const out = new Set(this.exported.get(name) ?? []);
    if (definition) {
      const d = t.isVariableDeclaration(definition) ? definition.parent?.parent : definition;
      if (d && hasModifier(t, d, t.SyntaxKind.ExportKeyword))
        out.add(hasModifier(t, d, t.SyntaxKind.DefaultKeyword) ? 'default' : name);
    }
    return [...out];
  }

  // ---- constants ----

  /** A constant string: literals, `+`, templates, and `const` names of this file. */
  constantString(node: ts.Node | undefined, depth = 0): string | undefined {
    const p = this.pathOf(node, depth);
    return p && !p.dynamic ? p.text : undefined;
  }

  /** A path or topic: constant parts as written, every other part `*` (then `dynamic`). */
  pathOf(node: ts.Node | undefined, depth = 0): { text: string; dynamic: boolean } | undefined {
    const t = this.ts;
    if (!node || depth > MAX_ALIAS_DEPTH) return undefined;
    const n = unwrap(t, node);
    if (t.isStringLiteralLike(n)) return { text: n.text, dynamic: false };
    if (t.isTemplateExpression(n)) {
      let text = n.head.text;
      let dynamic = false;
      for (const s of n.templateSpans) {
        const v = this.pathOf(s.expression, depth + 1);
        if (!v || v.dynamic) dynamic = true;
        text += (v && !v.dynamic ? v.text : '*') + s.literal.text;
      }
      return { text, dynamic };
    }
    if (t.isBinaryExpression(n) && n.operatorToken.kind === t.SyntaxKind.PlusToken) {
      const a = this.pathOf(n.left, depth + 1) ?? { text: '*', dynamic: true };
      const b = this.pathOf(n.right, depth + 1) ?? { text: '*', dynamic: true };
      return { text: a.text + b.text, dynamic: a.dynamic || b.dynamic };
    }
    if (t.isRegularExpressionLiteral(n)) return { text: n.text, dynamic: true };
    if (t.isIdentifier(n)) {
      const init = this.constInitializer(n);
      if (init) return this.pathOf(init, depth + 1);
    }
    return undefined;
  }

  /** A path argument as read: a constant, a part-constant pattern, or `*`. */
  pathArgument(node: ts.Node | undefined): { text: string; dynamic: boolean } {
    return this.pathOf(node) ?? { text: '*', dynamic: true };
  }

  /** `const X = …` (not `let`): its initializer. */
  constInitializer(id: ts.Identifier): ts.Expression | undefined {
    const t = this.ts;
    const d = this.lookup(id);
    if (!d || !t.isVariableDeclaration(d.node) || !d.node.initializer) return undefined;
    const list = d.node.parent;
    if (!t.isVariableDeclarationList(list) || !(list.flags & t.NodeFlags.Const)) return undefined;
    return d.node.initializer;
  }

  /** A constant port: `8443`, `'8443'`, `Number(env.PORT ?? 8443)`, `process.env.PORT || 3000`, a `const`. */
  portOf(node: ts.Node | undefined, depth = 0): number | undefined {
    const t = this.ts;
    if (!node || depth > MAX_ALIAS_DEPTH) return undefined;
    const n = unwrap(t, node);
    let v: number | undefined;
    if (t.isNumericLiteral(n)) v = Number(n.text);
    else if (t.isStringLiteralLike(n) && /^\d{1,5}$/.test(n.text)) v = Number(n.text);
    else if (t.isPrefixUnaryExpression(n) && n.operator === t.SyntaxKind.PlusToken)
      return this.portOf(n.operand, depth + 1);
    else if (t.isCallExpression(n) && /^(?:Number|parseInt|Number\.parseInt)$/.test(this.dotted(n.expression) ?? ''))
      return this.portOf(n.arguments[0], depth + 1);
    else if (
      t.isBinaryExpression(n) &&
      (n.operatorToken.kind === t.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === t.SyntaxKind.BarBarToken)
    )
      return this.portOf(n.left, depth + 1) ?? this.portOf(n.right, depth + 1);
    else if (t.isIdentifier(n)) {
      const init = this.constInitializer(n);
      return init ? this.portOf(init, depth + 1) : undefined;
    }
    return v !== undefined && Number.isInteger(v) && v >= 0 && v <= 65535 ? v : undefined;
  }

  /**
   * Where a host argument binds: a constant host → {@link bindOf}; anything else
   * (`env.HOST ?? '127.0.0.1'` included: the environment decides) → `unspecified`.
   */
  bindOfHost(node: ts.Node | undefined): Bind {
    const host = this.constantString(node);
    return host === undefined ? 'unspecified' : bindOf(host);
  }

  /** A property of an object literal by name. */
  property(obj: ts.Node | undefined, name: string): ts.Expression | undefined {
    const t = this.ts;
    if (!obj) return undefined;
    let o = unwrap(t, obj);
    if (t.isIdentifier(o)) {
      const init = this.constInitializer(o);
      if (init) o = unwrap(t, init);
    }
    if (!t.isObjectLiteralExpression(o)) return undefined;
    for (const p of o.properties) {
      const key = p.name && (t.isIdentifier(p.name) || t.isStringLiteralLike(p.name)) ? p.name.text : undefined;
      if (key !== name) continue;
      if (t.isPropertyAssignment(p)) return p.initializer;
      if (t.isShorthandPropertyAssignment(p)) return p.name;
      if (t.isMethodDeclaration(p)) return p as unknown as ts.Expression;
    }
    return undefined;
  }

  // ---- framework objects ----

  /** The framework object an expression is, if any. */
  objectOf(node: ts.Node, depth = 0): FrameworkObject | undefined {
    const t = this.ts;
    if (depth > MAX_ALIAS_DEPTH) return undefined;
    const n = unwrap(t, node);
    if (t.isIdentifier(n)) {
      const d = this.lookup(n);
      return d ? this.declarationObject(d, depth) : undefined;
    }
    if (t.isCallExpression(n) || t.isNewExpression(n))
      return this.createdObject(n, this.dotted(n.expression) ?? '', undefined, depth);
    return undefined;
  }

  /** Whether an expression is known to be something else than a framework object (`new Map()`, a literal). */
  isOtherObject(node: ts.Node): boolean {
    const t = this.ts;
    const n = unwrap(t, node);
    if (!t.isIdentifier(n)) return false;
    const d = this.lookup(n);
    if (!d || !t.isVariableDeclaration(d.node) || !d.node.initializer) return false;
    const init = unwrap(t, d.node.initializer);
    return (
      (t.isNewExpression(init) && !this.createdObject(init, '', undefined, 0)) ||
      t.isObjectLiteralExpression(init) ||
      t.isArrayLiteralExpression(init) ||
      t.isStringLiteralLike(init)
    );
  }

  private declarationObject(d: Declaration, depth: number): FrameworkObject | undefined {
    if (this.objects.has(d.node)) return this.objects.get(d.node) ?? undefined;
    this.objects.set(d.node, null); // cycles read as "not an object"
    const found = this.classifyDeclaration(d, depth);
    this.objects.set(d.node, found ?? null);
    return found;
  }

  private classifyDeclaration(d: Declaration, depth: number): FrameworkObject | undefined {
    const t = this.ts;
    const node = d.node;
    if (t.isFunctionDeclaration(node)) return undefined;
    const owner = this.ownerKey(node, d.name);
    if (t.isVariableDeclaration(node) && node.initializer) {
      const init = unwrap(t, node.initializer);
      const created = this.createdObject(init, owner.key, owner.definition, depth);
      if (created) return created;
    }
    const typeText = node.type ? node.type.getText(this.sf) : '';
    if (typeText) {
      const fromType = this.objectOfType(typeText, owner.key, owner.definition);
      if (fromType) return t.isParameter(node) ? this.parameterObject(node, fromType) : fromType;
    }
    if (t.isParameter(node)) return this.parameterObject(node, undefined);
    return undefined;
  }

  /** A function parameter: a Fastify plugin's instance is a router keyed by the plugin; other framework parameters are borrowed. */
  private parameterObject(p: ts.ParameterDeclaration, typed: FrameworkObject | undefined): FrameworkObject | undefined {
    const t = this.ts;
    const fn = p.parent;
    if (!t.isIdentifier(p.name) || !t.isFunctionLike(fn) || fn.parameters[0] !== p) return undefined;
    const name = p.name.text;
    const fnName = this.functionName(fn);
    const fastify =
      typed?.family === 'fastify' ||
      (!typed && name === 'fastify') ||
      (!typed && this.importsAny(['fastify', 'fastify-plugin']) && /^(?:app|instance|server)$/.test(name));
    if (
      fastify &&
      (fnName === undefined || this.registered.has(fnName) || fnName === 'default' || typed || name === 'fastify')
    )
      return {
        family: 'fastify',
        role: 'router',
        key: fnName ?? name,
        definition: t.isFunctionDeclaration(fn) ? fn : this.statementOf(fn),
      };
    if (typed) return { ...typed, key: name, borrowed: true, definition: undefined };
    if (name === 'app') return { family: this.importsAny(['koa']) ? 'koa' : 'express', role: 'app', key: 'app' };
    if (name === 'router')
      return {
        family: this.importsAny(['@koa/router', 'koa-router']) ? 'koa' : 'express',
        role: 'router',
        key: 'router',
        borrowed: true,
      };
    return undefined;
  }

  private objectOfType(type: string, key: string, definition: ts.Node | undefined): FrameworkObject | undefined {
    if (/\bFastifyInstance\b/.test(type)) return { family: 'fastify', role: 'router', key, definition };
    if (/\b(?:express\.)?(?:Express|Application)\b/.test(type)) return { family: 'express', role: 'app', key };
    if (/\bRouter\b/.test(type))
      return {
        family: this.importsAny(['@koa/router', 'koa-router']) ? 'koa' : 'express',
        role: 'router',
        key,
        definition,
      };
    if (/^Koa\b/.test(type)) return { family: 'koa', role: 'app', key };
    return undefined;
  }

  /**
   * The key of an object declared here: the enclosing named function's name when the
   * variable is created inside one (`function vitalsRouter() { const router = Router() }`
   * → `vitalsRouter`), else the variable's own name.
   */
  private ownerKey(node: ts.Node, name: string): { key: string; definition: ts.Node } {
    const t = this.ts;
    if (t.isParameter(node)) return { key: name, definition: node };
    let n: ts.Node | undefined = node.parent;
    for (let i = 0; i < MAX_PARENTS && n; i++, n = n.parent) {
      if (t.isSourceFile(n)) break;
      if (t.isFunctionLike(n) && !t.isMethodDeclaration(n) && !t.isConstructorDeclaration(n)) {
        const fnName = this.functionName(n);
        if (fnName) return { key: fnName, definition: t.isFunctionDeclaration(n) ? n : this.statementOf(n) };
        break;
      }
    }
    return { key: name, definition: this.statementOf(node) };
  }

  /** What `express()`, `Router()`, `new Koa()`, `fastify()`, `createServer(app)`, `buildApp()` … create. */
  private createdObject(
    n: ts.Expression,
    key: string,
    definition: ts.Node | undefined,
    depth: number,
  ): FrameworkObject | undefined {
    const t = this.ts;
    if (!t.isCallExpression(n) && !t.isNewExpression(n)) return undefined;
    const callee = n.expression;
    const args = n.arguments ?? t.factory.createNodeArray<ts.Expression>();
    const mod = this.moduleOf(callee);
    const last = t.isPropertyAccessExpression(callee)
      ? callee.name.text
      : t.isIdentifier(callee)
        ? (this.imports.get(callee.text)?.export ?? callee.text)
        : '';
    const isNew = t.isNewExpression(n);
    const obj = (family: ObjectFamily, role: 'app' | 'router', more: Partial<FrameworkObject> = {}) => ({
      family,
      role,
      key,
      ...(role === 'router' && { definition }),
      ...more,
    });
    // `require('express')()`, `require('fastify')({ logger })`
    const direct = t.isCallExpression(callee) ? this.requireOf(callee) : undefined;
    if (direct === 'express') return obj('express', 'app');
    if (direct === 'fastify') return obj('fastify', 'app');
    if (direct === 'socket.io') return obj('socket.io', 'app');
    switch (mod) {
      case 'express':
        if (last === 'Router') return obj('express', 'router');
        if (last === 'default' || last === '*' || last === 'express') return obj('express', 'app');
        return undefined;
      case 'fastify':
        return last === 'listen' ? undefined : obj('fastify', 'app');
      case 'koa':
        return isNew ? obj('koa', 'app') : undefined;
      case '@koa/router':
      case 'koa-router': {
        const prefix = this.constantString(this.property(args[0], 'prefix'));
        return obj('koa', 'router', prefix !== undefined ? { prefix } : {});
      }
      case 'http':
      case 'https':
      case 'http2':
      case 'spdy':
        if (/^create(?:Secure)?Server$/.test(last))
          return obj('http-server', 'app', this.servedApp(args[args.length - 1]));
        return undefined;
      case 'net':
      case 'tls':
        return /^createServer$/.test(last) ? obj('net-server', 'app') : undefined;
      case 'dgram':
        return last === 'createSocket' ? obj('dgram', 'app') : undefined;
      case 'ws':
        return isNew ? obj('ws', 'app') : undefined;
      case 'socket.io':
        return obj('socket.io', 'app');
      case 'mqtt':
      case 'async-mqtt':
        return /^connect(?:Async)?$/.test(last) ? obj('mqtt', 'app') : undefined;
      case '@grpc/grpc-js':
      case 'grpc':
        return isNew && last === 'Server' ? obj('grpc', 'app') : undefined;
    }
    // A helper of this file that builds and returns one (`const app = hardened()`).
    if (!isNew && t.isIdentifier(callee)) {
      const fn = this.localFunction(callee);
      if (fn) return this.returnedObject(fn, key, definition, depth + 1);
    }
    // `app.listen(…)` returns the server of `app`.
    if (!isNew && t.isPropertyAccessExpression(callee) && callee.name.text === 'listen') {
      const app = this.objectOf(callee.expression, depth + 1);
      if (app) return { family: 'http-server', role: 'app', key, serves: app.key };
    }
    return undefined;
  }

  private servedApp(arg: ts.Node | undefined): Partial<FrameworkObject> {
    const name = arg ? this.appName(arg) : undefined;
    return name ? { serves: name } : {};
  }

  /** The app an argument names: a framework object's key, a builder function's name, else the identifier. */
  appName(arg: ts.Node): string | undefined {
    const t = this.ts;
    const n = unwrap(t, arg);
    if (t.isObjectLiteralExpression(n) || t.isArrowFunction(n) || t.isFunctionExpression(n)) return undefined;
    const obj = this.objectOf(n);
    if (obj) return obj.serves ?? obj.key;
    if (t.isCallExpression(n)) {
      // `app.callback()` (Koa), `buildPublicApp(deps)`
      if (t.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'callback')
        return this.appName(n.expression.expression);
      return this.dotted(n.expression);
    }
    return this.dotted(n);
  }

  /** What a function of this file returns, when it is a framework object (keyed `key`). */
  returnedObject(
    fn: ts.SignatureDeclaration,
    key: string,
    definition: ts.Node | undefined,
    depth: number,
  ): FrameworkObject | undefined {
    const t = this.ts;
    if (fn.type) {
      const typed = this.objectOfType(fn.type.getText(this.sf), key, definition);
      if (typed) return typed;
    }
    const body = (fn as ts.FunctionLikeDeclaration).body;
    if (!body) return undefined;
    if (!t.isBlock(body)) {
      const o = this.objectOf(body, depth);
      return o ? { ...o, key, definition } : undefined;
    }
    for (const s of body.statements) {
      if (t.isReturnStatement(s) && s.expression) {
        const o = this.objectOf(s.expression, depth);
        return o ? { ...o, key, definition: o.role === 'router' ? definition : undefined } : undefined;
      }
    }
    return undefined;
  }

  /** The RouterDef of a router object (created on first use). */
  routerDef(obj: FrameworkObject): RouterDef | undefined {
    if (obj.role !== 'router' || obj.borrowed) return undefined;
    const existing = this.routerDefs.get(obj.key);
    if (existing) return existing;
    const def = obj.definition;
    const range = def ? this.range(def) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const t = this.ts;
    const exportNode = def && t.isVariableStatement(def) ? def.declarationList.declarations[0] : def;
    const r: RouterDef = {
      key: obj.key,
      ...(obj.prefix !== undefined && { prefix: obj.prefix }),
      exportedAs: this.exportsOf(obj.key, exportNode),
      range,
      declaredAt: def ? [this.headerSpan(def)] : [],
      middleware: [],
    };
    if (obj.key === 'default' && !r.exportedAs.includes('default')) r.exportedAs.push('default');
    this.routerDefs.set(obj.key, r);
    this.surface.routers.push(r);
    return r;
  }
}

export function bare(module: string): string {
  return module.startsWith('node:') ? module.slice(5) : module;
}

export function unwrap(t: typeof import('typescript'), node: ts.Node): ts.Expression {
  let n = node as ts.Expression;
  for (let i = 0; i < 20; i++) {
    if (
      t.isParenthesizedExpression(n) ||
      t.isAsExpression(n) ||
      t.isNonNullExpression(n) ||
      t.isSatisfiesExpression(n) ||
      t.isTypeAssertionExpression(n) ||
      t.isAwaitExpression(n)
    )
      n = n.expression;
    else break;
  }
  return n;
}

export function hasModifier(t: typeof import('typescript'), node: ts.Node, kind: ts.SyntaxKind): boolean {
  const mods = t.canHaveModifiers(node) ? t.getModifiers(node) : undefined;
  return mods?.some((m) => m.kind === kind) ?? false;
}

/**
 * One Python file as the Python entry-point detector reads it (docs/attack-surface.md,
 * Detectors, Python): string constants, the application and router objects it creates,
 * its `def`s and decorator stacks, its imports. Offsets are into the masked code.
 */
import { pyLineAt, pyStringAt } from '../../rules/python/pyHelpers';
import type { Span } from '../../rules/lexicalHelpers';
import type { DetectorOptions } from '../detectorOptions';
import type { EntryPoint, FileSurface } from '../entryPoint';
import { type Arg, type FoundCall, SurfaceText } from './surfaceText';

/** What an object the file creates is. */
export type PyObjectKind =
  | 'flask-app'
  | 'flask-blueprint'
  | 'fastapi-app'
  | 'fastapi-router'
  | 'aiohttp-app'
  | 'aiohttp-routes'
  | 'typer'
  | 'flask-socketio'
  | 'socket-udp'
  | 'socket-tcp';

export interface PyObject {
  kind: PyObjectKind;
  /** The variable, or the function that creates and returns it. */
  key: string;
  /** Created inside a function (`def create_app(): app = Flask(...)`). */
  inFunction: boolean;
  call: FoundCall;
}

/** A `def` (or `class`): its name line and the span an `@interface` above it declares. */
export interface PyDef {
  name: string;
  start: number;
  /** End of the `def` line. */
  lineEnd: number;
  /** First line of its decorators (its own line when it has none), 1-based. */
  firstLine: number;
}

/** A decorator: `@name(args)` or `@name`. */
export interface PyDecorator {
  name: string;
  start: number;
  end: number;
  call?: FoundCall;
  /** The decorated `def`/`class`, when one follows. */
  def?: PyDef;
  /** First line of its decorator stack. */
  stackLine: number;
  /** The decorators below it in its stack (applied before it: `@login_required` under `@app.route`). */
  below: PyDecorator[];
}

/** A string value read from code: constant parts as written, `*` for the others. */
export interface PyValue {
  value: string;
  dynamic: boolean;
}

const DEF = /^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_]\w*)/gm;
const DECORATOR = /^[ \t]*@[ \t]*((?:[A-Za-z_]\w*[ \t]*\.[ \t]*)*[A-Za-z_]\w*)/gm;
const CREATED =
  /^([ \t]*)([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*((?:[A-Za-z_]\w*\.)*)(Flask|Quart|FastAPI|Blueprint|APIRouter|Application|RouteTableDef|Typer|SocketIO|socket)[ \t]*\(/gm;

/** The constructor → object kind (the receiver decides between web.Application and others). */
function kindOf(ctor: string, receiver: string, args: string): PyObjectKind | undefined {
  switch (ctor) {
    case 'Flask':
    case 'Quart':
      return 'flask-app';
    case 'Blueprint':
      return 'flask-blueprint';
    case 'FastAPI':
      return 'fastapi-app';
    case 'APIRouter':
      return 'fastapi-router';
    case 'Application':
      return receiver === '' || /(?:^|\.)web\.$/.test(receiver) ? 'aiohttp-app' : undefined;
    case 'RouteTableDef':
      return 'aiohttp-routes';
    case 'SocketIO':
      return 'flask-socketio';
    case 'Typer':
      return 'typer';
    case 'socket':
      if (receiver !== 'socket.' && receiver !== '') return undefined;
      return /SOCK_DGRAM/.test(args) ? 'socket-udp' : 'socket-tcp';
  }
  return undefined;
}

export class PyContext {
  readonly st: SurfaceText;
  readonly objects = new Map<string, PyObject>();
  readonly defs = new Map<string, PyDef>();
  readonly decorators: PyDecorator[] = [];
  /** Module-level `NAME = <value>` and `A, B = x, y`: the value spans. */
  readonly constants = new Map<string, Span>();
  /** The command name of the file (`tool.py` → `tool`; `pkg/__main__.py` → `pkg`). */
  readonly stem: string;
  readonly imports: { flask: boolean; fastapi: boolean; aiohttp: boolean; click: boolean };

  constructor(
    readonly file: string,
    readonly text: string,
    readonly options: DetectorOptions,
    readonly surface: FileSurface,
  ) {
    this.st = new SurfaceText(file, text, 'python', surface);
    const parts = file.split('/');
    const base = (parts[parts.length - 1] ?? file).replace(/\.pyw?$/i, '');
    this.stem = (base === '__main__' || base === '__init__') && parts.length > 1 ? parts[parts.length - 2]! : base;
    const code = this.st.code;
    const imported = (m: string) => new RegExp(`^[ \\t]*(?:from|import)[ \\t]+${m}\\b`, 'm').test(code);
    this.imports = {
      flask: imported('(?:flask|quart)'),
      fastapi: imported('(?:fastapi|starlette)'),
      aiohttp: imported('aiohttp'),
      click: imported('click'),
    };
    this.readDefs();
    this.readDecorators();
    this.readObjects();
    this.readConstants();
    this.readImports();
  }

  get code(): string {
    return this.st.code;
  }

  /** A call at `open` (the `(`) starting at `start`, or undefined when it is not closed. */
  callAt(callee: string, start: number, open: number): FoundCall | undefined {
    const items = this.st.items(open);
    if (items.length === 0 && this.code[this.st.skipSpace(open + 1)] !== ')') return undefined;
    return { callee, start, open, end: this.st.closeOf(open), args: items };
  }

  private readDefs(): void {
    for (let m: RegExpExecArray | null; (m = DEF.exec(this.code)); ) {
      const start = m.index + m[0].length - m[0].trimStart().length;
      let lineEnd = this.code.indexOf('\n', start);
      if (lineEnd < 0) lineEnd = this.code.length;
      while (lineEnd > start && /\s/.test(this.code[lineEnd - 1]!)) lineEnd--;
      const def: PyDef = { name: m[1]!, start, lineEnd, firstLine: this.st.line(start) };
      if (!this.defs.has(def.name)) this.defs.set(def.name, def);
      this.defAt.set(start, def);
    }
  }

  private readonly defAt = new Map<number, PyDef>();

  private readDecorators(): void {
    let stack: PyDecorator[] = [];
    for (let m: RegExpExecArray | null; (m = DECORATOR.exec(this.code)); ) {
      const start = m.index + m[0].indexOf('@');
      const name = m[1]!.replace(/\s+/g, '');
      let end = m.index + m[0].length;
      const open = this.st.skipSpace(end);
      let call: FoundCall | undefined;
      if (this.code[open] === '(') {
        call = this.callAt(name, start, open);
        end = call ? call.end : open + 1;
      }
      const d: PyDecorator = {
        name,
        start,
        end,
        call,
        stackLine: stack[0]?.stackLine ?? this.st.line(start),
        below: [],
      };
      stack.push(d);
      DECORATOR.lastIndex = Math.max(DECORATOR.lastIndex, end);
      const next = this.st.skipSpace(end);
      if (this.code[next] === '@') continue;
      const def = this.defAt.get(next);
      stack.forEach((x, i) => {
        x.below = stack.slice(i + 1);
      });
      for (const x of stack) {
        x.def = def;
        this.decorators.push(x);
      }
      if (def) def.firstLine = stack[0]!.stackLine;
      stack = [];
    }
    for (const x of stack) this.decorators.push(x);
  }

  private readObjects(): void {
    for (let m: RegExpExecArray | null; (m = CREATED.exec(this.code)); ) {
      const open = m.index + m[0].length - 1;
      const callStart = open - m[4]!.length - m[3]!.length;
      const call = this.callAt(m[3]! + m[4]!, callStart, open);
      if (!call) continue;
      const kind = kindOf(m[4]!, m[3]!, this.code.slice(open, call.end));
      if (!kind) continue;
      const fn = m[1]!.length > 0 ? pyLineAt(this.code, m.index + m[1]!.length).def : undefined;
      const key = fn && !kind.startsWith('socket') ? fn : m[2]!;
      if (!this.objects.has(m[2]!)) this.objects.set(m[2]!, { kind, key, inFunction: fn !== undefined, call });
    }
    // `app = create_app()` where create_app builds the application in this file.
    const factories = new Map<string, PyObject>();
    for (const o of this.objects.values()) if (o.inFunction) factories.set(o.key, o);
    if (factories.size === 0) return;
    const alias = /^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*([A-Za-z_]\w*)[ \t]*\(/gm;
    for (let m: RegExpExecArray | null; (m = alias.exec(this.code)); ) {
      const f = factories.get(m[2]!);
      if (f && !this.objects.has(m[1]!)) this.objects.set(m[1]!, { ...f });
    }
  }

  private readConstants(): void {
    const re = /^([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]*(?::[ \t]*\w+[ \t]*)?=(?!=)[ \t]*/gm;
    for (let m: RegExpExecArray | null; (m = re.exec(this.code)); ) {
      const from = m.index + m[0].length;
      let to = this.code.indexOf('\n', from);
      if (to < 0) to = this.code.length;
      const first = this.code[from];
      if (first === '(' || first === '[') to = Math.max(to, Math.min(this.code.length, this.st.closeOf(from)));
      const names = m[1]!.split(',').map((n) => n.trim());
      const values = names.length === 1 ? [{ start: from, end: to }] : splitTop(this.code, from, to);
      if (values.length !== names.length) continue;
      names.forEach((n, i) => {
        if (!this.constants.has(n)) this.constants.set(n, trimSpan(this.code, values[i]!));
      });
    }
  }

  private readImports(): void {
    const re = /^from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n;#]*)/gm;
    for (let m: RegExpExecArray | null; (m = re.exec(this.code)); ) {
      for (const part of m[2]!.replace(/[()\\]/g, ' ').split(',')) {
        const b = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
        if (b) this.surface.imports.push({ local: b[2] ?? b[1]!, module: m[1]!, export: b[1]! });
      }
    }
    const plain = /^import[ \t]+([\w.]+)[ \t]+as[ \t]+(\w+)/gm;
    for (let m: RegExpExecArray | null; (m = plain.exec(this.code)); )
      this.surface.imports.push({ local: m[2]!, module: m[1]!, export: '*' });
  }

  /** `a.b` names an imported module's export: `from .api import users` + `users.router` → `.api.users`, `router`. */
  refOf(expr: string): { local: string } | { module: string; export: string } {
    const e = expr.replace(/\(\s*\)$/, '').replace(/\s+/g, '');
    const dot = e.lastIndexOf('.');
    if (dot > 0) {
      const head = e.slice(0, dot);
      const imp = this.surface.imports.find((i) => i.local === head);
      if (imp) {
        const mod =
          imp.export === '*'
            ? imp.module
            : imp.module.endsWith('.')
              ? imp.module + imp.export
              : `${imp.module}.${imp.export}`;
        return { module: mod, export: e.slice(dot + 1) };
      }
    }
    return { local: e };
  }

  /** The value of an argument: a string (constant parts), a name bound to a constant, or `*`. */
  stringValue(s: Span, depth = 0): PyValue | undefined {
    const a = this.st.skipSpace(s.start);
    const code = this.code;
    const text = this.text;
    const name = /^[A-Za-z_]\w*$/.exec(code.slice(a, s.end).trim());
    if (name && depth < 3) {
      const c = this.constants.get(name[0]);
      return c ? this.stringValue(c, depth + 1) : undefined;
    }
    let value = '';
    let dynamic = false;
    let seen = false;
    for (let i = a; i < s.end; ) {
      const c = code[i]!;
      if (/[\s()+\\]/.test(c) && !(c === ' ' && /["']/.test(text[i]!))) {
        i++;
        continue;
      }
      const lit = /[rRbBuUfF"']/.test(c) ? pyStringAt(code, text, i) : undefined;
      if (lit && lit.end > i) {
        seen = true;
        const raw = text.slice(lit.contentStart, lit.contentEnd);
        if (/[fF]/.test(lit.prefix) && lit.holes) {
          value += holesToStar(code, lit.contentStart, lit.contentEnd, raw);
          dynamic = true;
        } else value += raw;
        i = lit.end;
        continue;
      }
      // any other operand: up to the next top-level `+`
      let depthB = 0;
      let j = i;
      for (; j < s.end; j++) {
        const ch = code[j]!;
        if (ch === '(' || ch === '[' || ch === '{') depthB++;
        else if (ch === ')' || ch === ']' || ch === '}') depthB--;
        else if (ch === '+' && depthB <= 0) break;
      }
      const operand = code.slice(i, j).trim();
      const bound = /^[A-Za-z_]\w*$/.test(operand) && depth < 3 ? this.constants.get(operand) : undefined;
      const v = bound ? this.stringValue(bound, depth + 1) : undefined;
      if (v) {
        value += v.value;
        dynamic ||= v.dynamic;
        seen = true;
      } else {
        value += '*';
        dynamic = true;
      }
      i = j + 1;
    }
    return seen ? { value, dynamic } : undefined;
  }

  /** The strings of a list/tuple literal (`['GET', 'POST']`), or undefined when it is not one of constants. */
  stringList(s: Span): string[] | undefined {
    let a = this.st.skipSpace(s.start);
    const name = /^[A-Za-z_]\w*$/.exec(this.code.slice(a, s.end).trim());
    let span = s;
    if (name) {
      const c = this.constants.get(name[0]);
      if (!c) return undefined;
      span = c;
      a = this.st.skipSpace(c.start);
    }
    const open = this.code[a];
    if (open !== '[' && open !== '(' && open !== '{') return undefined;
    const out: string[] = [];
    for (const item of this.st.items(a)) {
      if (item.end > span.end) break;
      const v = this.stringValue(item, 3);
      if (!v || v.dynamic) return undefined;
      out.push(v.value);
    }
    return out;
  }

  /** A number argument: a literal or a name bound to one. */
  numberValue(s: Span, depth = 0): number | undefined {
    const t = this.code.slice(s.start, s.end).trim();
    if (/^\d{1,5}$/.test(t)) return Number(t);
    if (/^[A-Za-z_]\w*$/.test(t) && depth < 3) {
      const c = this.constants.get(t);
      if (c) return this.numberValue(c, depth + 1);
    }
    return undefined;
  }

  /** Positional and keyword arguments of a call. */
  args(call: FoundCall): { pos: Arg[]; kw: Map<string, Arg> } {
    const pos: Arg[] = [];
    const kw = new Map<string, Arg>();
    for (const a of this.st.args(call)) {
      if (a.name) kw.set(a.name, a);
      else if (!this.code.startsWith('*', a.start)) pos.push(a);
    }
    return { pos, kw };
  }

  /** Adds an entry point with the file's defaults, when its family is on. */
  entry(e: Omit<EntryPoint, 'file' | 'middleware' | 'bind'> & Partial<Pick<EntryPoint, 'bind' | 'middleware'>>): void {
    if (!this.options.enabled(e.framework)) return;
    this.surface.entryPoints.push({ bind: 'unspecified', middleware: [], file: this.file, ...e });
  }

  /** The handler range and declaration span of a `def` named `name` in this file. */
  handler(name: string | undefined): { handler?: EntryPoint['handler']; declared?: { line: number; endLine: number } } {
    const def = name ? this.defs.get(name) : undefined;
    if (!def) return {};
    return {
      handler: this.st.range(def.start, def.lineEnd),
      declared: { line: this.st.commentBlockStart(def.firstLine), endLine: this.st.line(def.start) },
    };
  }
}

/** f-string content with each `{…}` hole as `*`. */
function holesToStar(code: string, from: number, to: number, raw: string): string {
  let out = '';
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = code[i];
    if (c === '{') {
      if (depth === 0) out += '*';
      depth++;
    } else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += raw[i - from] ?? '';
  }
  return out;
}

/** Top-level comma-separated parts of `code[from..to)`. */
function splitTop(code: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let a = from;
  for (let i = from; i < to; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push({ start: a, end: i });
      a = i + 1;
    }
  }
  out.push({ start: a, end: to });
  return out.map((s) => trimSpan(code, s)).filter((s) => s.end > s.start);
}

function trimSpan(code: string, s: Span): Span {
  let a = s.start;
  let b = s.end;
  while (a < b && /\s/.test(code[a]!)) a++;
  while (b > a && /\s/.test(code[b - 1]!)) b--;
  return { start: a, end: b };
}

/** Runs one registration's reading; a failure is a located problem, the rest of the file is still read. */
export function guarded(ctx: PyContext, at: number, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    ctx.st.problem(at, at, `this registration could not be read (${String(error).slice(0, 120)})`);
  }
}

/** The first non-blank offset of the line holding `offset`. */
export function lineStart(code: string, offset: number): number {
  let i = offset;
  while (i > 0 && code[i - 1] !== '\n' && code[i - 1] !== '\r') i--;
  while (i < offset && (code[i] === ' ' || code[i] === '\t')) i++;
  return i;
}

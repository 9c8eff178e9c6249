/**
 * The built-in regex audit of linearity.test.ts (docs/security-model.md: any regex that sees
 * user input is linear or bounded). Three parts:
 *
 * 1. `collectPatterns` reads every regex literal and `new RegExp(…)` in server/src (not tests,
 *    not the test tooling in testing/, hostile/ and fuzz/) with the TypeScript parser. Arguments are folded to constants:
 *    literals, templates, `String.raw`, `+`, `[…].join(…)`, same-file `const`s and calls of
 *    same-file arrow functions. What depends on run-time values must be described in
 *    `DYNAMIC` (sample values per expression), else the pattern is reported as a problem.
 * 2. `adversarialInputs` parses a pattern and builds inputs from it: for every quantified
 *    atom, long runs of characters it accepts (found by asking the engine), alone, after a
 *    string that leads the match up to that atom, with and without a character that makes
 *    the match fail; plus runs of common characters and repetitions of a matching sample.
 * 3. `execWork` runs a pattern the way the code does, at its worst: a global matching loop
 *    over the whole input with the pattern's own flags (`g` added), inside a vm with a time
 *    limit, so a catastrophic pattern fails the test instead of hanging it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import ts from 'typescript';

export interface Pattern {
  /** Path under server/src, with `/`. */
  file: string;
  line: number;
  source: string;
  flags: string;
  /** How the pattern was written: a literal, or the folded `new RegExp` argument. */
  origin: 'literal' | 'constructor';
}

/**
 * `new RegExp` arguments that depend on run-time values: per file, a substring of the
 * argument's text and sample values for each expression the folder cannot resolve (all
 * combinations are audited). `exclude` marks patterns that are not built in.
 */
export interface DynamicEntry {
  file: string;
  has: string;
  values?: Record<string, string[]>;
  exclude?: string;
}

export interface Collected {
  patterns: Pattern[];
  /** Regexes whose source could not be folded and that no DYNAMIC entry describes. */
  problems: string[];
  /** DYNAMIC entries that matched nothing (stale). */
  unusedDynamic: DynamicEntry[];
}

type Value = string | string[] | ((args: Value[]) => Value | undefined);

class Unresolved extends Error {}

/** Every regex of the sources under `srcRoot`. */
export function collectPatterns(srcRoot: string, dynamic: readonly DynamicEntry[]): Collected {
  const patterns: Pattern[] = [];
  const problems: string[] = [];
  const used = new Set<DynamicEntry>();
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) {
        if (name !== 'testing' && name !== 'hostile' && name !== 'fuzz') walk(p);
      } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) files.push(p);
    }
  };
  walk(srcRoot);
  for (const abs of files) {
    const file = path.relative(srcRoot, abs).split(path.sep).join('/');
    const sf = ts.createSourceFile(abs, fs.readFileSync(abs, 'utf8'), ts.ScriptTarget.Latest, true);
    const syntax = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
    if (syntax.length > 0) {
      problems.push(
        `${file}: does not parse (${ts.flattenDiagnosticMessageText(syntax[0]!.messageText, ' ')}), its regexes cannot be collected`,
      );
      continue;
    }
    const consts = new Map<string, ts.Node[]>();
    const collectConsts = (n: ts.Node): void => {
      if (
        ts.isVariableDeclaration(n) &&
        ts.isIdentifier(n.name) &&
        n.initializer &&
        ts.getCombinedNodeFlags(n) & ts.NodeFlags.Const
      ) {
        consts.set(n.name.text, [...(consts.get(n.name.text) ?? []), n.initializer]);
      } else if (ts.isFunctionDeclaration(n) && n.name) {
        consts.set(n.name.text, [...(consts.get(n.name.text) ?? []), n]);
      }
      ts.forEachChild(n, collectConsts);
    };
    collectConsts(sf);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;

    const evaluate = (n: ts.Node, env: Map<string, Value>): Value => {
      const text = n.getText();
      const fromEnv = env.get(text);
      if (fromEnv !== undefined) return fromEnv;
      if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n))
        return evaluate(n.expression, env);
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
      if (ts.isRegularExpressionLiteral(n)) return text.slice(1, text.lastIndexOf('/'));
      if (ts.isTemplateExpression(n)) {
        let s = n.head.text;
        for (const span of n.templateSpans) s += str(evaluate(span.expression, env)) + span.literal.text;
        return s;
      }
      if (ts.isTaggedTemplateExpression(n) && n.tag.getText() === 'String.raw') {
        const t = n.template;
        if (ts.isNoSubstitutionTemplateLiteral(t)) return t.rawText ?? t.text;
        let s = t.head.rawText ?? t.head.text;
        for (const span of t.templateSpans)
          s += str(evaluate(span.expression, env)) + (span.literal.rawText ?? span.literal.text);
        return s;
      }
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken)
        return str(evaluate(n.left, env)) + str(evaluate(n.right, env));
      if (ts.isArrayLiteralExpression(n)) return n.elements.map((e) => str(evaluate(e, env)));
      if (ts.isPropertyAccessExpression(n) && n.name.text === 'source') return evaluate(n.expression, env);
      if (ts.isIdentifier(n)) {
        const defs = consts.get(n.text);
        if (defs?.length === 1) return evaluate(defs[0]!, env);
        throw new Unresolved(text);
      }
      if (ts.isArrowFunction(n) || ts.isFunctionDeclaration(n)) {
        const fn = n;
        return (args: Value[]) => {
          const inner = new Map(env);
          fn.parameters.forEach((p, i) => {
            if (ts.isIdentifier(p.name) && args[i] !== undefined) inner.set(p.name.text, args[i]!);
          });
          const body = fn.body;
          if (!body) throw new Unresolved(text);
          if (!ts.isBlock(body)) return evaluate(body, inner);
          const ret = body.statements.length === 1 ? body.statements[0] : undefined;
          if (ret && ts.isReturnStatement(ret) && ret.expression) return evaluate(ret.expression, inner);
          throw new Unresolved(text);
        };
      }
      if (ts.isCallExpression(n)) {
        const callee = n.expression;
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'join') {
          const list = evaluate(callee.expression, env);
          const sep = n.arguments[0] ? str(evaluate(n.arguments[0], env)) : ',';
          if (Array.isArray(list)) return list.join(sep);
        }
        const fn = evaluate(callee, env);
        if (typeof fn === 'function') {
          const out = fn(n.arguments.map((a) => evaluate(a, env)));
          if (out !== undefined) return out;
        }
      }
      throw new Unresolved(text);
    };
    const str = (v: Value): string => {
      if (typeof v !== 'string') throw new Unresolved(String(v));
      return v;
    };

    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const t = n.getText();
        const i = t.lastIndexOf('/');
        patterns.push({ file, line: lineOf(n), source: t.slice(1, i), flags: t.slice(i + 1), origin: 'literal' });
      } else if (
        (ts.isNewExpression(n) || ts.isCallExpression(n)) &&
        n.expression.getText() === 'RegExp' &&
        n.arguments?.length
      ) {
        const [arg, flagArg] = n.arguments;
        const argText = arg!.getText();
        const entries = dynamic.filter(
          (d) => d.file === file && (argText.includes(d.has) || resolvedText(arg!, consts).includes(d.has)),
        );
        for (const e of entries) used.add(e);
        if (entries.some((e) => e.exclude)) {
          ts.forEachChild(n, visit);
          return;
        }
        const envs: Array<Map<string, Value>> = [];
        const values = Object.entries(entries[0]?.values ?? {});
        const product = (i: number, env: Map<string, Value>): void => {
          if (i === values.length) {
            envs.push(env);
            return;
          }
          for (const v of values[i]![1]) product(i + 1, new Map(env).set(values[i]![0], v));
        };
        product(0, new Map());
        for (const env of envs) {
          try {
            const source = str(evaluate(arg!, env));
            const flags = flagArg ? str(evaluate(flagArg, env)) : '';
            patterns.push({ file, line: lineOf(n), source, flags, origin: 'constructor' });
          } catch (e) {
            if (!(e instanceof Unresolved)) throw e;
            problems.push(
              `${file}:${lineOf(n)}: new RegExp(${argText.slice(0, 80)}) depends on \`${e.message.slice(0, 60)}\`: describe it in DYNAMIC (sample values) so it can be audited`,
            );
            break;
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { patterns, problems, unusedDynamic: dynamic.filter((d) => !used.has(d)) };
}

/** The text of `arg`, or of the initializer of the same-file const it names (for DYNAMIC matching). */
function resolvedText(arg: ts.Node, consts: Map<string, ts.Node[]>): string {
  if (ts.isIdentifier(arg)) {
    const defs = consts.get(arg.text);
    if (defs?.length === 1) return defs[0]!.getText();
  }
  return arg.getText();
}

// --- Parsing a pattern into the pieces that can be repeated ---------------------------------

type Atom = { type: 'set'; src: string } | { type: 'group'; look: boolean; body: Alt } | { type: 'empty' };
interface Term {
  atom: Atom;
  min: number;
  max: number;
}
interface Seq {
  terms: Term[];
}
interface Alt {
  alts: Seq[];
}

class PatternParser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
  ) {}

  parse(): Alt {
    const alt = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected ')' at ${this.i}`);
    return alt;
  }

  private alternation(): Alt {
    const alts: Seq[] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return { alts };
  }

  private sequence(): Seq {
    const terms: Term[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      const [min, max] = this.quantifier();
      terms.push({ atom, min, max });
    }
    return { terms };
  }

  private quantifier(): [number, number] {
    const s = this.src;
    let q: [number, number] = [1, 1];
    if (s[this.i] === '*') {
      q = [0, Infinity];
      this.i++;
    } else if (s[this.i] === '+') {
      q = [1, Infinity];
      this.i++;
    } else if (s[this.i] === '?') {
      q = [0, 1];
      this.i++;
    } else if (s[this.i] === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i, this.i + 24));
      if (!m) return q;
      q = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity];
      this.i += m[0].length;
    } else return q;
    if (s[this.i] === '?') this.i++;
    return q;
  }

  private atom(): Atom {
    const s = this.src;
    const start = this.i;
    const c = s[this.i]!;
    if (c === '(') {
      this.i++;
      let look = false;
      if (s.startsWith('?:', this.i)) this.i += 2;
      else if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i)) {
        this.i += 2;
        look = true;
      } else if (s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) {
        this.i += 3;
        look = true;
      } else if (s.startsWith('?<', this.i)) this.i = s.indexOf('>', this.i) + 1;
      else if (s[this.i] === '?') throw new Error(`unsupported group at ${start}`);
      const body = this.alternation();
      if (s[this.i] !== ')') throw new Error(`unterminated group at ${start}`);
      this.i++;
      return { type: 'group', look, body };
    }
    if (c === '[') {
      this.i++;
      if (s[this.i] === '^') this.i++;
      if (s[this.i] === ']' && !this.unicode) this.i++;
      while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
      if (this.i >= s.length) throw new Error(`unterminated class at ${start}`);
      this.i++;
      return { type: 'set', src: s.slice(start, this.i) };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { type: 'empty' };
    }
    if (c === '\\') {
      const d = s[this.i + 1]!;
      if (d === 'b' || d === 'B') {
        this.i += 2;
        return { type: 'empty' };
      }
      if (/[1-9]/.test(d)) {
        this.i += 2;
        while (/\d/.test(s[this.i] ?? '')) this.i++;
        return { type: 'empty' };
      }
      if (d === 'k' && s[this.i + 2] === '<') {
        this.i = s.indexOf('>', this.i) + 1;
        return { type: 'empty' };
      }
      let len = 2;
      if ((d === 'p' || d === 'P') && s[this.i + 2] === '{') len = s.indexOf('}', this.i) + 1 - this.i;
      else if (d === 'x') len = 4;
      else if (d === 'u') len = s[this.i + 2] === '{' ? s.indexOf('}', this.i) + 1 - this.i : 6;
      else if (d === 'c') len = 3;
      this.i += len;
      return { type: 'set', src: s.slice(start, this.i) };
    }
    // A literal character (a surrogate pair counts as one under the u flag).
    const cp = s.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return { type: 'set', src: s.slice(start, this.i) };
  }
}

/** Characters tried first as members of a class: the usual suspects of backtracking. */
const POOL = [
  ' ',
  '\t',
  'a',
  'A',
  '0',
  '_',
  '-',
  '/',
  '*',
  '=',
  '"',
  "'",
  '.',
  ',',
  ':',
  '\n',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
  '#',
  '@',
  '$',
  '%',
  '!',
  '?',
  '\\',
  '`',
  '|',
  '+',
  ';',
  '&',
  '~',
  '^',
  'x',
  'Z',
  '9',
  '\r',
  '\u00a0',
  'é',
];
/** A character that ends a match almost everywhere. */
export const FAIL = '\u0001';

interface Derivation {
  /** Name of the input (for failure messages). */
  name: string;
  /** The input at about `size` characters. */
  make(size: number): string;
}

class Deriver {
  private readonly cache = new Map<string, string[]>();
  private readonly flags: string;
  constructor(flags: string) {
    this.flags = flags.replace(/[gym]/g, '');
  }

  /** Members of a class or escape, most interesting first (at most `limit`). */
  chars(src: string, limit = 3): string[] {
    let hit = this.cache.get(src);
    if (!hit) {
      const re = new RegExp(`^(?:${src})$`, this.flags);
      hit = POOL.filter((c) => re.test(c));
      for (let cp = 0x20; cp < 0x10000 && hit.length === 0; cp++)
        if (re.test(String.fromCharCode(cp))) hit = [String.fromCharCode(cp)];
      this.cache.set(src, hit);
    }
    return hit.slice(0, limit);
  }

  /** Whether the class or escape `src` accepts `c`. */
  accepts(src: string, c: string): boolean {
    return new RegExp(`^(?:${src})$`, this.flags).test(c);
  }

  sampleAlt(a: Alt): string {
    return this.sampleSeq(a.alts[0]!);
  }

  sampleSeq(s: Seq): string {
    return s.terms.map((t) => this.sampleTerm(t)).join('');
  }

  sampleTerm(t: Term, reps = Math.max(1, t.min)): string {
    if (t.max === 0) return '';
    const one = this.sampleAtom(t.atom);
    return one.repeat(Math.min(reps, 8));
  }

  sampleAtom(a: Atom): string {
    if (a.type === 'empty') return '';
    if (a.type === 'group') return a.look ? '' : this.sampleAlt(a.body);
    const c = this.chars(a.src, 1)[0];
    if (c === undefined) throw new Error(`no character matches ${a.src}`);
    return c;
  }

  /** Every repeatable term with the text that leads a match up to it. */
  repeatables(a: Alt, prefix: string, out: Array<{ term: Term; prefix: string }>): void {
    for (const seq of a.alts) {
      let p = prefix;
      for (const t of seq.terms) {
        if (t.max > 1) out.push({ term: t, prefix: p });
        if (t.atom.type === 'group') this.repeatables(t.atom.body, p, out);
        if (t.min > 0) p += this.sampleTerm(t, t.min);
      }
    }
  }
}

const run = (unit: string, size: number, head = '', tail = '') =>
  head + unit.repeat(Math.max(1, Math.ceil((size - head.length - tail.length) / unit.length))) + tail;

/** Characters that end a run, tried in order: the first one the repeated atom does not accept. */
const FAILS = [FAIL, '\n', '\u2028', '!', ' ', 'a', '0'];

/**
 * Adversarial inputs for one pattern: none when it has no quantifier (each attempt is then
 * bounded by the pattern's length); throws when it cannot derive any (the caller reports it).
 */
export function adversarialInputs(source: string, flags: string): Derivation[] {
  const tree = new PatternParser(source, /[uv]/.test(flags)).parse();
  const d = new Deriver(flags);
  const out = new Map<string, Derivation>();
  const add = (name: string, make: (size: number) => string) => {
    const key = make(64);
    if (!out.has(key)) out.set(key, { name, make });
  };
  const spots: Array<{ term: Term; prefix: string }> = [];
  d.repeatables(tree, '', spots);
  if (spots.length === 0) return [];
  for (const { term, prefix } of spots) {
    const atom = term.atom;
    const units =
      atom.type === 'group' ? [d.sampleAtom(atom)].filter(Boolean) : atom.type === 'set' ? d.chars(atom.src) : [];
    const src = atom.type === 'set' ? atom.src : undefined;
    const fail = src === undefined ? FAIL : (FAILS.find((c) => !d.accepts(src, c)) ?? FAIL);
    const f = JSON.stringify(fail);
    for (const u of units) {
      const show = JSON.stringify(u);
      add(`run of ${show}`, (n) => run(u, n));
      add(`run of ${show} + ${f}`, (n) => run(u, n, '', fail));
      if (prefix) {
        const p = JSON.stringify(prefix);
        add(`${p} + run of ${show} + ${f}`, (n) => run(u, n, prefix, fail));
        add(`(${p} + ${show}) repeated`, (n) => run(prefix + u, n));
        add(`(${p} + ${show}×8 + ${f}) repeated`, (n) => run(prefix + u.repeat(8) + fail, n));
      }
    }
  }
  const sample = d.sampleAlt(tree);
  if (sample) {
    add(`match ${JSON.stringify(sample)} + space repeated`, (n) => run(sample + ' ', n));
    if (sample.length > 1) add(`${JSON.stringify(sample.slice(0, -1))} repeated`, (n) => run(sample.slice(0, -1), n));
  }
  if (out.size === 0) throw new Error('no input derived');
  return [...out.values()];
}

// --- Running a pattern ----------------------------------------------------------------------

const context = vm.createContext({});
/** The loop runs in the vm's realm with a regex compiled there (a regex of another realm costs a realm switch per call). */
const compile = new vm.Script('new RegExp(source, flags)');
const loop = new vm.Script(`(() => {
  // Locals: reading the vm's globals on every call costs more than the matching.
  const r = re, s = input, clock = hrtime;
  let last = 0, n = 0;
  r.lastIndex = 0;
  const t = clock();
  // test() does the matching work of exec() without building a result per match (less GC noise).
  while (r.test(s) && n++ <= s.length) {
    if (r.lastIndex === last) r.lastIndex++;
    last = r.lastIndex;
  }
  return Number(clock() - t);
})()`);
context.hrtime = process.hrtime.bigint;

/** A pattern compiled the way the audit runs it: its own flags plus `g` (a loop over the whole input). */
export function auditRegExp(source: string, flags: string): RegExp {
  context.source = source;
  context.flags = flags.includes('g') ? flags : flags + 'g';
  return compile.runInContext(context) as RegExp;
}

/**
 * Nanoseconds one matching loop of `re` over `input` takes (from lastIndex 0 to the last
 * match; a sticky pattern stops at its first failure), or Infinity when it runs past
 * `limitMs` (the vm stops it).
 */
export function execWork(re: RegExp, input: string, limitMs: number): number {
  context.re = re;
  context.input = input;
  try {
    return loop.runInContext(context, { timeout: limitMs }) as number;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return Infinity;
    throw e;
  } finally {
    context.input = '';
  }
}

export interface AuditOptions {
  small: number;
  large: number;
  /** Below this many nanoseconds a small run is timer noise, not work. */
  floorNs: number;
  /** Largest accepted growth of the work from `small` to `large`. */
  maxGrowth: number;
  /** A run longer than this is stopped (and counts as unbounded growth). */
  hangMs: number;
}

/**
 * Growth of the work from `small` to `large`: one run each, then, while it looks high, a few
 * more rounds keeping the best of each (noise from other processes only ever adds time).
 */
export function growth(
  re: RegExp,
  small: string,
  large: string,
  o: AuditOptions,
): { ratio: number; small: number; large: number } {
  execWork(re, small, o.hangMs); // compile and tier up
  let a = execWork(re, small, o.hangMs);
  let b = a === Infinity ? Infinity : execWork(re, large, o.hangMs);
  const ratio = () => b / Math.max(a, o.floorNs);
  // More rounds while the growth is high but not clearly quadratic (about 100× from 10 KB to 100 KB).
  for (
    let round = 0;
    round < 5 && b !== Infinity && ratio() > o.maxGrowth / 2 && !(round > 0 && ratio() > 2 * o.maxGrowth);
    round++
  ) {
    a = Math.min(a, execWork(re, small, o.hangMs), execWork(re, small, o.hangMs));
    b = Math.min(b, execWork(re, large, o.hangMs), execWork(re, large, o.hangMs));
  }
  return { ratio: ratio(), small: a, large: b };
}

/** The first input on which `p` grows too fast, described; undefined when it stays linear. */
export function auditPattern(p: Pattern, o: AuditOptions): string | undefined {
  let inputs;
  try {
    inputs = adversarialInputs(p.source, p.flags);
  } catch (e) {
    return `cannot derive inputs (${(e as Error).message})`;
  }
  const re = auditRegExp(p.source, p.flags);
  for (const input of inputs) {
    const g = growth(re, input.make(o.small), input.make(o.large), o);
    if (g.ratio >= o.maxGrowth) {
      const large = g.large === Infinity ? `over ${o.hangMs} ms` : `${(g.large / 1e6).toFixed(1)} ms`;
      return `${input.name}: ${(g.small / 1e6).toFixed(2)} ms at ${o.small / 1000} KB, ${large} at ${o.large / 1000} KB (${g.ratio === Infinity ? 'unbounded' : `${g.ratio.toFixed(0)}×`})`;
    }
  }
  return undefined;
}

/**
 * Binds a `@verifies` annotation to the test it sits in, named the way the test runner names
 * it, so that a result from a test report (JUnit XML, TAP, CTRF) can be matched to the
 * annotation: "verified" is "a linked test ran and passed" (docs/formats.md, Annotations in code).
 *
 * An annotation binds, like `@implements` to a declaration (declarations.ts):
 * - a trailing comment (code before it on its line) to the last test whose head starts on that line;
 * - else to the NEXT test when nothing but comments, blank lines, decorators and annotations stand
 *   between the comment and the test's head, at most {@link MAX_GAP_LINES} lines after the comment;
 * - else to the ENCLOSING test (the innermost test or suite whose extent holds the comment);
 * - else to nothing (`undefined`).
 *
 * What a test is, per family (the runners' naming rules are in {@link TestBinding.fullName}):
 * - `js`: calls of `describe` / `context` / `suite` / `it` / `test` / `specify` (and their `f`/`x`
 *   forms), with modifiers `.skip` `.only` `.todo` `.each` `.concurrent` `.failing` `.describe` …,
 *   `describe.each(table)(name, fn)` and `` test.each`table`(name, fn) ``, and `t.test` / `tap.test`
 *   (node-tap, node:test subtests). The name is the string-literal first argument (a template
 *   literal without holes too); a computed name (`it(title, …)`, `` `a ${x}` ``, `'a' + b`) makes
 *   the binding `undefined`, also for the tests inside a suite with a computed name.
 * - `python`: `def test*` / `async def test*` at module level or in a `class Test*` (pytest's
 *   default `python_functions` / `python_classes`), nested `Test*` classes too; decorators between
 *   the comment and the `def` belong to the test. Indentation-based.
 * - `java`, `kotlin`, `csharp`: a method with a test annotation or attribute (`@Test`,
 *   `@ParameterizedTest`, `[Fact]`, `[Theory]`, `[Test]`, `[TestCase]`, `[TestMethod]` …) inside a
 *   class; classes (nested too) are suites. The package (`package a.b;`) or namespace names the class.
 * - `c`: GoogleTest `TEST`, `TEST_F`, `TEST_P`, `TYPED_TEST`, `TYPED_TEST_P`, `GTEST_TEST`.
 * - `go`: `func TestX(…)` (also `Benchmark`, `Fuzz`, `Example`) and `x.Run("sub", …)` subtests inside.
 * Other families bind nothing.
 *
 * One pass over the file for all its annotations: `scanTokens` (comments and strings) once, then
 * one walk over the code characters that records the tests, then one sweep over the tests for the
 * annotations in offset order. No regular expression, no recursion; nesting is bounded
 * ({@link MAX_TEST_DEPTH}, {@link MAX_FRAMES}); never throws (docs/security-model.md).
 */
import { scanTokens, type CommentSpan, type StringSpan } from '../lexers/commentScanner';
import type { CommentFamily } from '../lexers/languages';
import { hashbangEnd, K_PUNCT, K_VALUE, K_WORD, PrevToken } from '../lexers/jsScanner';

export type TestKind = 'call' | 'function' | 'method' | 'macro' | 'class';

export interface TestBinding {
  /**
   * The test's own title as the runner reports it: the string literal (unescaped) of a JS call or
   * Go subtest (the raw Go name: `go test` writes spaces as `_`, see `fullName`), the function or
   * method name (pytest, JUnit via Surefire, .NET), the second `TEST` argument (GoogleTest).
   */
  name: string;
  /** The enclosing suites, outermost first: describe / t.test titles, `Test*` / JVM / .NET classes, the GoogleTest suite, the Go parent tests (raw names). */
  suitePath: string[];
  /**
   * The names joined the way the main runner of the language writes one name:
   * - JS: titles joined by one space, `auth lockout locks …` — jest-junit's default `name` and
   *   `classname`, jest's CTRF `name`, mocha's full title (mocha-junit-reporter `name`, mocha
   *   TAP and CTRF). node:test and node-tap write the own title only (`name`) and nest the suites
   *   (`<testsuite>` / `# Subtest:`): match those with `name` and `suitePath`. jest-junit with
   *   `classNameTemplate: '{classname}'` writes `suitePath` joined by its `ancestorSeparator`.
   * - Python: the pytest node ID, `tests/test_auth.py::TestLockout::test_x` when `path` is given,
   *   else `TestLockout::test_x`; a parametrized test reports `test_x[id]` (see `parameterized`).
   * - Java / Kotlin: `classname.name` (Surefire writes `name` and `classname` apart; Gradle writes
   *   JUnit 5 display names, `name()` or the `@DisplayName`, see `displayName`).
   * - C#: `Namespace.Class.Method`, the test's fully qualified name (a theory adds `(args)`).
   * - GoogleTest: `Suite.Name` (`--gtest_filter` form); `TEST_P` reports `Prefix/Suite.Name/N`.
   * - Go: `TestX/sub_name`, as `go test -v`, test2json, gotestsum and go-junit-report write it:
   *   each subtest name with whitespace as `_` and unprintable ASCII escaped (Go's testing
   *   package; a duplicate name's `#01` suffix is not predicted).
   */
  fullName: string;
  kind: TestKind;
  /** A suite (describe, suite, context, a test class) rather than a single test. */
  container: boolean;
  /** Offsets into the text of the test's name: the string literal with its quotes, or the identifier. */
  range: { start: number; end: number };
  /**
   * Offset of the test's first character: its first decorator, annotation or attribute, else the
   * call, `def`, `func` or macro. pytest's `line` attribute (0-based) is this line, GoogleTest's
   * `line` (1-based) the macro's.
   */
  headStart: number;
  /**
   * The JUnit-XML `classname` where the source decides it: JVM `com.example.AuthTest$Lockout`
   * (package + binary class name), .NET `Namespace.Outer+Inner`, pytest `tests.test_auth.TestLockout`
   * (only with `path`), GoogleTest the suite name (`TEST_P`: `Prefix/Suite`).
   */
  classname?: string;
  /** JUnit 5 `@DisplayName("…")` on the method or class (Gradle reports it instead of `name()`). */
  displayName?: string;
  /** The runner adds parameters to the name: `it.each` / `describe.each` (interpolated title), pytest `parametrize` (`name[id]`), `TEST_P` (`name/N`), `[Theory]` / `[TestCase]` / `@ParameterizedTest` (`name(args)` or per-invocation names). */
  parameterized?: boolean;
}

export interface BindOptions {
  /** The language id (languages.ts): `cpp` or `c` for GoogleTest; informational otherwise. */
  lang?: string;
  /** The file's path relative to the test runner's root (`/` separators), for pytest node IDs and classnames. */
  path?: string;
  /** Counts the work done (loop steps), for tests that check linearity without timing. */
  counter?: { steps: number };
}

/** The next test binds only when its head starts at most this many lines after the comment ends (as declarations.ts). */
export const MAX_GAP_LINES = 8;
/** Tests nested deeper than this (describe in describe …) bind to nothing. */
export const MAX_TEST_DEPTH = 64;
/** Brackets nested deeper than this are counted, not tracked: no test is recognized inside them. */
export const MAX_FRAMES = 4096;

/** The test the annotation at `offset` (inside a comment of `text`) binds to; `undefined` if none or its name is computed. */
export function bindTest(
  text: string,
  family: CommentFamily,
  offset: number,
  options?: BindOptions | string,
): TestBinding | undefined {
  return bindTests(text, family, [offset], options)[0];
}

/**
 * `bindTest` for every offset of `offsets` (the annotations of one file, any order), in one pass
 * over the file: the result has one entry per offset, in the same order. An offset that is not
 * inside a comment binds to nothing. Never throws.
 */
export function bindTests(
  text: string,
  family: CommentFamily,
  offsets: readonly number[],
  options?: BindOptions | string,
): Array<TestBinding | undefined> {
  const opts: BindOptions = typeof options === 'string' ? { lang: options } : (options ?? {});
  const out: Array<TestBinding | undefined> = new Array(offsets.length).fill(undefined);
  try {
    if (typeof text !== 'string' || text.length === 0 || offsets.length === 0) return out;
    const handler = handlerFor(family);
    if (!handler) return out;
    let scannedTo = text.length;
    const { comments, strings } = scanTokens(text, family, (f) => (scannedTo = f.scannedTo));
    const w = new Walker(text, scannedTo, comments, strings, opts.counter ?? { steps: 0 }, family === 'js');
    handler.w = w;
    w.walk(handler);
    handler.finish();
    resolve(w, handler, family, offsets, opts, out);
  } catch {
    // Nothing binds rather than an exception in the caller (which would be an internal-error).
    out.fill(undefined);
  }
  return out;
}

// ------------------------------------------------------------------ tests found in the walk

/** What a family's handler names; the rest of a binding is the same for all. */
type Named = Omit<TestBinding, 'range' | 'kind' | 'container' | 'headStart'>;

interface Decl {
  /** Head start: the first token of the call, the first decorator / annotation / attribute or modifier. */
  start: number;
  /** After the extent (the call's `)`, the body's `}` or `;`, a Python body's last token); the text length while open. */
  end: number;
  /** End of the last code token before `start` (0: none). */
  prevCodeEnd: number;
  /** Line of `start` (0-based). */
  line: number;
  parent: number;
  depth: number;
  /** `undefined`: computed (not a plain literal). */
  name: string | undefined;
  nameStart: number;
  nameEnd: number;
  kind: TestKind;
  container: boolean;
  parameterized: boolean;
  displayName?: string;
  /** Package / namespace of a JVM or .NET class; GoogleTest: the suite name. */
  qual?: string;
}

interface CommentInfo {
  line: number;
  endLine: number;
  codeBefore: boolean;
}

const LF = 10,
  CR = 13,
  SPACE = 32,
  TAB = 9,
  LPAREN = 40,
  RPAREN = 41,
  LBRACKET = 91,
  RBRACKET = 93,
  LBRACE = 123,
  RBRACE = 125,
  COMMA = 44,
  DOT = 46,
  SEMI = 59,
  AT = 64,
  SLASH = 47,
  BACKSLASH = 92,
  BACKTICK = 96,
  EQ = 61,
  COLON = 58;

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 128;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The code walk: characters outside comments and strings, as tokens, with a bracket stack and line numbers. */
class Walker {
  readonly decls: Decl[] = [];
  readonly commentInfo: CommentInfo[] = [];
  line = 0;
  lineStart = 0;
  /** A code token (or string) seen on the current line. */
  lineHasCode = false;
  /** End of the last code token or string before the current token. */
  prevEnd = 0;
  /** Open brackets: their char, a handler tag and the test whose extent ends when it closes (-1: none). */
  readonly frameChar: number[] = [];
  readonly frameTag: number[] = [];
  readonly frameDecl: number[] = [];
  depth = 0;
  /** Brackets open beyond MAX_FRAMES: while any, the handler sees no token. */
  overflow = 0;
  /** The innermost open test (-1: none). */
  openDecl = -1;
  /**
   * JS: the previous token as the comment scanner keeps it, so that a `/` is a regex literal
   * exactly where the scanner took it for one (regex literals are no span: their `)`, `}` must
   * be skipped here too).
   */
  private readonly prev: PrevToken | undefined;

  constructor(
    readonly text: string,
    readonly n: number,
    readonly comments: CommentSpan[],
    readonly strings: StringSpan[],
    readonly counter: { steps: number },
    js: boolean,
  ) {
    this.prev = js ? new PrevToken(text) : undefined;
  }

  addDecl(d: Omit<Decl, 'parent' | 'depth' | 'end'>, parent = this.openDecl): number {
    const depth = parent >= 0 ? this.decls[parent]!.depth + 1 : 1;
    this.decls.push({ ...d, parent, depth, end: this.text.length });
    return this.decls.length - 1;
  }

  closeDecl(i: number, end: number): void {
    const d = this.decls[i];
    if (!d) return;
    d.end = end;
    if (this.openDecl === i) this.openDecl = d.parent;
  }

  walk(h: Handler): void {
    const t = this.text,
      n = this.n,
      comments = this.comments,
      strings = this.strings,
      counter = this.counter;
    let ci = 0,
      si = 0,
      i = this.prev ? Math.min(hashbangEnd(t), n) : 0;
    const prev = this.prev;
    let nextComment = comments.length ? comments[0]!.start : Infinity;
    let nextString = strings.length ? strings[0]!.start : Infinity;
    while (i < n) {
      counter.steps++;
      if (i === nextComment) {
        const c = comments[ci]!;
        const info: CommentInfo = { line: this.line, endLine: this.line, codeBefore: this.lineHasCode };
        this.skipLines(c.start, c.end, false);
        info.endLine = this.line;
        this.commentInfo.push(info);
        i = c.end;
        ci++;
        nextComment = ci < comments.length ? comments[ci]!.start : Infinity;
        continue;
      }
      if (i === nextString) {
        const s = strings[si]!;
        if (this.overflow === 0) h.str(s, si);
        if (prev) {
          // As CodeScanner.afterString: a part that opened a `${` hole is punctuation `{`.
          const opened = t.charCodeAt(s.end - 1) === LBRACE && s.contentEnd === s.end - 2;
          prev.last = opened ? K_PUNCT : K_VALUE;
          prev.lastPunct = LBRACE;
          prev.lastPunctPos = -1;
        }
        this.lineHasCode = true;
        this.skipLines(s.start, s.end, true);
        this.prevEnd = s.end;
        i = s.end;
        si++;
        nextString = si < strings.length ? strings[si]!.start : Infinity;
        continue;
      }
      const c = t.charCodeAt(i);
      if (c === LF || c === CR) {
        if (!(c === CR && t.charCodeAt(i + 1) === LF)) {
          this.line++;
          this.lineStart = i + 1;
          this.lineHasCode = false;
          if (this.overflow === 0) h.newline(i);
        }
        i++;
        continue;
      }
      if (c === SPACE || c === TAB || c === 11 || c === 12) {
        i++;
        continue;
      }
      // Past a string or comment that the scanner let start mid-token (never expected): resync.
      if (i > nextComment || i > nextString) {
        // A comment passed over keeps its place in commentInfo (one entry per comment).
        while (ci < comments.length && comments[ci]!.start < i) {
          this.commentInfo.push({ line: this.line, endLine: this.line, codeBefore: true });
          ci++;
        }
        while (si < strings.length && strings[si]!.start < i) si++;
        nextComment = ci < comments.length ? comments[ci]!.start : Infinity;
        nextString = si < strings.length ? strings[si]!.start : Infinity;
        continue;
      }
      const limit = Math.min(n, nextComment, nextString);
      if (isIdentStart(c) || isDigit(c)) {
        let j = i + 1;
        while (j < limit && isIdentPart(t.charCodeAt(j))) j++;
        counter.steps += j - i;
        if (this.overflow === 0) h.ident(i, j);
        if (prev) {
          prev.last = isDigit(c) ? K_VALUE : K_WORD;
          prev.wordStart = i;
          prev.wordEnd = j;
        }
        this.lineHasCode = true;
        this.prevEnd = j;
        i = j;
        continue;
      }
      if (c === BACKTICK && h.backtickIdents) {
        // Kotlin / Swift quoted identifier: up to the next backtick on the line.
        let j = i + 1;
        while (j < limit && t.charCodeAt(j) !== BACKTICK && t.charCodeAt(j) !== LF && t.charCodeAt(j) !== CR) j++;
        counter.steps += j - i;
        if (j < limit && t.charCodeAt(j) === BACKTICK) {
          if (this.overflow === 0) h.ident(i, j + 1);
          this.lineHasCode = true;
          this.prevEnd = j + 1;
          i = j + 1;
          continue;
        }
      }
      if (c === SLASH && prev && prev.regexAllowed(i)) {
        const e = prev.regex(i);
        if (e >= 0) {
          // A regex literal: a value, its characters are no code.
          counter.steps += e - i;
          prev.last = K_VALUE;
          this.lineHasCode = true;
          this.prevEnd = e;
          i = e;
          continue;
        }
      }
      if (prev) {
        if (c === RPAREN || c === RBRACKET) prev.last = K_VALUE;
        else {
          prev.last = K_PUNCT;
          prev.lastPunct = c;
          prev.lastPunctPos = i;
        }
      }
      if (c === LPAREN || c === LBRACKET || c === LBRACE) {
        if (this.overflow > 0 || this.depth >= MAX_FRAMES) this.overflow++;
        else {
          const d = this.depth++;
          this.frameChar[d] = c;
          this.frameTag[d] = 0;
          this.frameDecl[d] = -1;
          h.open(c, i);
        }
      } else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
        if (this.overflow > 0) this.overflow--;
        else if (this.depth > 0) {
          // A closer pops the innermost bracket whatever it is (broken code stays linear).
          const d = --this.depth;
          const decl = this.frameDecl[d]!;
          if (decl >= 0) this.closeDecl(decl, i + 1);
          h.close(c, i, this.frameTag[d]!);
        }
      } else if (this.overflow === 0) h.punct(c, i);
      this.lineHasCode = true;
      this.prevEnd = i + 1;
      i++;
    }
  }

  /** Counts the line breaks of `text[from..to)` (a comment or string). */
  private skipLines(from: number, to: number, inString: boolean): void {
    const t = this.text;
    this.counter.steps += to - from;
    for (let k = from; k < to; k++) {
      const c = t.charCodeAt(k);
      if (c === LF || (c === CR && t.charCodeAt(k + 1) !== LF)) {
        this.line++;
        this.lineStart = k + 1;
        // Code after a multi-line string continues its statement; after a comment a new line starts.
        this.lineHasCode = inString;
      }
    }
  }
}

abstract class Handler {
  w!: Walker;
  backtickIdents = false;
  abstract ident(start: number, end: number): void;
  abstract punct(c: number, pos: number): void;
  abstract str(s: StringSpan, index: number): void;
  open(_c: number, _pos: number): void {}
  close(_c: number, _pos: number, _tag: number): void {}
  newline(_pos: number): void {}
  finish(): void {}
  /** The binding of a test, given its names; `undefined` when it cannot be named. */
  abstract describe(d: Decl, path: Decl[], opts: BindOptions): Named;

  protected word(start: number, end: number): string {
    return this.w.text.slice(start, end);
  }
}

function handlerFor(family: CommentFamily): Handler | undefined {
  switch (family) {
    case 'js':
      return new JsHandler();
    case 'python':
      return new PythonHandler();
    case 'go':
      return new GoHandler();
    case 'c':
      return new GTestHandler();
    case 'java':
    case 'kotlin':
    case 'csharp':
      return new ClassHandler(family);
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------ string literals

/** The value of a string literal span (JS, Go, Java, C-like escapes); `undefined` if it is not one whole literal. */
function literalValue(text: string, s: StringSpan): string | undefined {
  const open = text.charCodeAt(s.contentStart - 1);
  const close = text.charCodeAt(s.end - 1);
  if (s.contentEnd >= s.end || close !== open) return undefined; // unterminated, or a part before a hole
  if (s.contentStart - s.start !== 1) return undefined; // a prefix (`r"…"`, `@"…"`, `$"…"`): not handled
  const raw = text.slice(s.contentStart, s.contentEnd);
  if (open === BACKTICK && raw.indexOf('\\') < 0) return raw;
  return unescapeLiteral(raw);
}

/** Backslash escapes of JS / Go / Java / C strings; an unknown escape keeps its character. */
export function unescapeLiteral(raw: string): string {
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= n) {
      out += c;
      continue;
    }
    const e = raw[++i]!;
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '0':
        out += '\0';
        break;
      case '\n':
        break; // line continuation
      case '\r':
        if (raw[i + 1] === '\n') i++;
        break;
      case 'x': {
        const h = hexAt(raw, i + 1, 2);
        if (h >= 0) {
          out += String.fromCharCode(h);
          i += 2;
        } else out += e;
        break;
      }
      case 'u': {
        if (raw[i + 1] === '{') {
          const close = raw.indexOf('}', i + 2);
          const h = close > 0 && close - i - 2 <= 6 ? hexAt(raw, i + 2, close - i - 2) : -1;
          if (h >= 0 && h <= 0x10ffff) {
            out += String.fromCodePoint(h);
            i = close;
          } else out += e;
          break;
        }
        const h = hexAt(raw, i + 1, 4);
        if (h >= 0) {
          out += String.fromCharCode(h);
          i += 4;
        } else out += e;
        break;
      }
      default:
        out += e;
    }
  }
  return out;
}

function hexAt(s: string, from: number, len: number): number {
  if (len <= 0 || from + len > s.length) return -1;
  let v = 0;
  for (let k = from; k < from + len; k++) {
    const c = s.charCodeAt(k);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// ------------------------------------------------------------------ JS / TS

const JS_SUITES = new Set(['describe', 'context', 'suite', 'fdescribe', 'xdescribe', 'xcontext']);
const JS_TESTS = new Set(['it', 'test', 'specify', 'fit', 'xit', 'xtest', 'xspecify']);
const JS_MODIFIERS = new Set([
  'skip',
  'only',
  'todo',
  'each',
  'concurrent',
  'failing',
  'sequential',
  'serial',
  'parallel',
  'fixme',
  'describe',
  'if',
  'skipIf',
  'runIf',
  'fails',
]);
/** Receivers of node-tap / node:test subtest methods. */
const JS_RECEIVERS = new Set(['t', 'tap']);
const JS_RECEIVER_METHODS = new Set(['test', 'skip', 'todo', 'only']);

interface JsChain {
  start: number;
  prevCodeEnd: number;
  line: number;
  container: boolean;
  each: boolean;
  /** `each`'s table was read: the next `(` is the call. */
  tableDone: boolean;
  /** Only a receiver (`t`) so far: needs `.test` to be a test. */
  receiver: boolean;
}

const TAG_EACH_TABLE = 1;

class JsHandler extends Handler {
  private chain: JsChain | undefined;
  private afterDot = false;
  private afterFunctionKw = false;
  /** `await` just before: its start and the code end before it, so that `await t.test(…)` starts at `await`. */
  private awaitStart = -1;
  private awaitPrevEnd = 0;
  /** The each-chains waiting for their table bracket to close, by frame depth. */
  private readonly tables = new Map<number, JsChain>();
  /** An each-chain inside a tagged template table with holes, and its depth. */
  private template: { chain: JsChain; depth: number } | undefined;
  /** The test whose name the next token decides, and then the literal waiting for `,` / `)`. */
  private awaitName = -1;
  private nameCandidate: { decl: number; value: string | undefined; start: number; end: number } | undefined;

  private settleName(c: number): void {
    const cand = this.nameCandidate;
    if (cand) {
      const d = this.w.decls[cand.decl]!;
      if (c === COMMA || c === RPAREN) {
        d.name = cand.value;
        d.nameStart = cand.start;
        d.nameEnd = cand.end;
      }
      this.nameCandidate = undefined;
    }
    this.awaitName = -1;
  }

  ident(start: number, end: number): void {
    if (this.nameCandidate || this.awaitName >= 0) this.settleName(0);
    const word = this.word(start, end);
    const chain = this.chain;
    if (this.afterDot) {
      this.afterDot = false;
      if (chain) {
        if (chain.receiver) {
          if (JS_RECEIVER_METHODS.has(word)) chain.receiver = false;
          else this.chain = undefined;
        } else if (JS_MODIFIERS.has(word) && !chain.tableDone) {
          if (word === 'each') chain.each = true;
          if (word === 'describe') chain.container = true;
        } else this.chain = undefined;
      }
      this.afterFunctionKw = false;
      this.awaitStart = -1;
      return;
    }
    this.chain = undefined;
    const isAwait = word === 'await';
    if (!this.afterFunctionKw && (JS_SUITES.has(word) || JS_TESTS.has(word) || JS_RECEIVERS.has(word))) {
      const w = this.w;
      const fromAwait = this.awaitStart >= 0;
      this.chain = {
        start: fromAwait ? this.awaitStart : start,
        prevCodeEnd: fromAwait ? this.awaitPrevEnd : w.prevEnd,
        line: w.line,
        container: JS_SUITES.has(word),
        each: false,
        tableDone: false,
        receiver: JS_RECEIVERS.has(word),
      };
    }
    this.afterFunctionKw = word === 'function';
    if (isAwait) {
      this.awaitStart = start;
      this.awaitPrevEnd = this.w.prevEnd;
    } else this.awaitStart = -1;
  }

  punct(c: number, _pos: number): void {
    if (this.nameCandidate || this.awaitName >= 0) this.settleName(c);
    this.afterFunctionKw = false;
    this.awaitStart = -1;
    if (c === DOT && this.chain && !this.afterDot) {
      this.afterDot = true;
      return;
    }
    this.afterDot = false;
    this.chain = undefined;
  }

  str(s: StringSpan, _index: number): void {
    const w = this.w,
      text = w.text;
    this.afterFunctionKw = false;
    this.awaitStart = -1;
    this.afterDot = false;
    if (this.nameCandidate) this.settleName(0);
    if (this.awaitName >= 0) {
      const decl = this.awaitName;
      this.awaitName = -1;
      this.nameCandidate = { decl, value: literalValue(text, s), start: s.start, end: s.end };
      return;
    }
    const isTemplateEnd = text.charCodeAt(s.end - 1) === BACKTICK && s.contentEnd < s.end;
    const tpl = this.template;
    if (tpl) {
      if (isTemplateEnd && w.depth === tpl.depth) {
        this.template = undefined;
        tpl.chain.tableDone = true;
        this.chain = tpl.chain;
      }
      return;
    }
    const chain = this.chain;
    this.chain = undefined;
    if (chain && chain.each && !chain.tableDone && !chain.receiver && text.charCodeAt(s.start) === BACKTICK) {
      if (isTemplateEnd) {
        chain.tableDone = true;
        this.chain = chain;
      } else this.template = { chain, depth: w.depth };
    }
  }

  override open(c: number, pos: number): void {
    if (this.nameCandidate || this.awaitName >= 0) this.settleName(c);
    this.afterFunctionKw = false;
    this.awaitStart = -1;
    const chain = this.chain;
    this.chain = undefined;
    if (!chain || this.afterDot || chain.receiver || c !== LPAREN) {
      this.afterDot = false;
      return;
    }
    const w = this.w;
    if (chain.each && !chain.tableDone) {
      w.frameTag[w.depth - 1] = TAG_EACH_TABLE;
      this.tables.set(w.depth - 1, chain);
      return;
    }
    const d = w.addDecl({
      start: chain.start,
      prevCodeEnd: chain.prevCodeEnd,
      line: chain.line,
      name: undefined,
      nameStart: pos,
      nameEnd: pos + 1,
      kind: 'call',
      container: chain.container,
      parameterized: chain.each,
    });
    w.frameDecl[w.depth - 1] = d;
    w.openDecl = d;
    this.awaitName = d;
  }

  override close(c: number, _pos: number, tag: number): void {
    if (this.nameCandidate || this.awaitName >= 0) this.settleName(c);
    this.afterFunctionKw = false;
    this.awaitStart = -1;
    this.afterDot = false;
    this.chain = undefined;
    if (tag === TAG_EACH_TABLE) {
      const chain = this.tables.get(this.w.depth);
      this.tables.delete(this.w.depth);
      if (chain) {
        chain.tableDone = true;
        this.chain = chain;
      }
    }
  }

  describe(d: Decl, path: Decl[]) {
    const suitePath = path.map((p) => p.name!);
    return { name: d.name!, suitePath, fullName: [...suitePath, d.name!].join(' ') };
  }
}

// ------------------------------------------------------------------ Python

interface PyBlock {
  indent: number;
  /** The test or Test class of this block (-1: a plain block). */
  decl: number;
  /** A collected `class Test*`: its `test*` methods are tests. */
  testClass: boolean;
}

/** A run of decorator lines (`@…`) at one indentation, and whether one is `parametrize`. */
interface PyDecorators {
  start: number;
  prevEnd: number;
  line: number;
  indent: number;
  parametrize: boolean;
}

class PythonHandler extends Handler {
  private readonly blocks: PyBlock[] = [];
  /** Tokens of the current logical line (reset by a line break outside brackets, not after `\\`). */
  private tokens = 0;
  private backslash = false;
  private indent = 0;
  private first = 0;
  private firstPrevEnd = 0;
  private firstLine = 0;
  private w0 = '';
  private w1 = '';
  /** The decorator run being read, and the one of the current line's `def` / `class`. */
  private deco: PyDecorators | undefined;
  private lineDeco: PyDecorators | undefined;
  /** End of the last code token: where a body that a dedent closes ends. */
  private lastEnd = 0;

  /** Every token: `word` is an identifier's text, `@` for an at sign, '' otherwise. */
  private token(start: number, end: number, word: string): void {
    const w = this.w;
    this.backslash = false;
    const k = this.tokens++;
    if (k === 0) {
      const indent = start - w.lineStart;
      while (this.blocks.length && this.blocks[this.blocks.length - 1]!.indent >= indent) {
        const b = this.blocks.pop()!;
        if (b.decl >= 0) w.closeDecl(b.decl, this.lastEnd);
      }
      this.indent = indent;
      this.first = start;
      this.firstPrevEnd = w.prevEnd;
      this.firstLine = w.line;
      this.w0 = word;
      if (word === '@') {
        if (!this.deco || this.deco.indent !== indent)
          this.deco = { start, prevEnd: w.prevEnd, line: w.line, indent, parametrize: false };
      } else {
        this.lineDeco = this.deco && this.deco.indent === indent ? this.deco : undefined;
        this.deco = undefined;
      }
    } else if (k === 1) {
      this.w1 = word;
      if ((this.w0 === 'def' || this.w0 === 'class') && isIdentStart(word.charCodeAt(0)))
        this.defined(this.w0, word, start, end);
    } else if (k === 2 && this.w0 === 'async' && this.w1 === 'def' && isIdentStart(word.charCodeAt(0))) {
      this.defined('def', word, start, end);
    }
    if (word === 'parametrize' && this.w0 === '@' && this.deco) this.deco.parametrize = true;
    this.lastEnd = end;
  }

  private defined(head: string, name: string, start: number, end: number): void {
    const w = this.w;
    const parent = this.blocks.length ? this.blocks[this.blocks.length - 1]! : undefined;
    // Collected by pytest: in the module, or directly in a collected Test class.
    const collected = !parent || parent.testClass;
    const isClass = head === 'class';
    const testClass = collected && isClass && name.startsWith('Test');
    let decl = -1;
    if (testClass || (collected && !isClass && name.startsWith('test'))) {
      const deco = this.lineDeco;
      decl = w.addDecl(
        {
          start: deco ? deco.start : this.first,
          prevCodeEnd: deco ? deco.prevEnd : this.firstPrevEnd,
          line: deco ? deco.line : this.firstLine,
          name,
          nameStart: start,
          nameEnd: end,
          kind: isClass ? 'class' : parent ? 'method' : 'function',
          container: isClass,
          parameterized: !isClass && !!deco?.parametrize,
        },
        parent ? parent.decl : -1,
      );
    }
    this.lineDeco = undefined;
    this.blocks.push({ indent: this.indent, decl, testClass });
  }

  ident(start: number, end: number): void {
    this.token(start, end, this.word(start, end));
  }

  punct(c: number, pos: number): void {
    if (c === BACKSLASH) {
      this.backslash = true; // a continuation: the line break after it does not end the logical line
      return;
    }
    this.token(pos, pos + 1, c === AT ? '@' : '');
  }

  str(s: StringSpan): void {
    this.token(s.start, s.end, '');
  }

  override open(_c: number, pos: number): void {
    this.token(pos, pos + 1, '');
  }

  override close(_c: number, pos: number): void {
    this.backslash = false;
    this.lastEnd = pos + 1;
  }

  override newline(): void {
    if (this.backslash) {
      this.backslash = false;
      return;
    }
    if (this.w.depth > 0) return; // inside brackets the logical line goes on
    this.tokens = 0;
  }

  override finish(): void {
    const w = this.w;
    while (this.blocks.length) {
      const b = this.blocks.pop()!;
      if (b.decl >= 0) w.closeDecl(b.decl, this.lastEnd);
    }
  }

  describe(d: Decl, path: Decl[], opts: BindOptions) {
    const suitePath = path.map((p) => p.name!);
    const names = [...suitePath, d.name!];
    const file = opts.path ? opts.path.split('\\').join('/') : undefined;
    const fullName = (file ? [file, ...names] : names).join('::');
    const r: Named = { name: d.name!, suitePath, fullName };
    if (file) {
      // pytest's junitxml: the node ID's path without `.py`, `/` as `.`, then the classes.
      const mod = (file.endsWith('.py') ? file.slice(0, -3) : file).split('/').join('.');
      r.classname = [mod, ...(d.container ? names : suitePath)].join('.');
    }
    return r;
  }
}

// ------------------------------------------------------------------ Go

const GO_PREFIXES = ['Test', 'Benchmark', 'Fuzz', 'Example'];

/** Go's rule for a test name (`TestXxx`: after the prefix, nothing or not a lower-case letter). */
function isGoTestName(name: string): boolean {
  for (const p of GO_PREFIXES) {
    if (!name.startsWith(p)) continue;
    if (name.length === p.length) return true;
    const c = name.charCodeAt(p.length);
    return !(c >= 97 && c <= 122);
  }
  return false;
}

/** A subtest name as the testing package reports it: whitespace as `_`, unprintable ASCII escaped (Go's `rewrite`). */
export function goSubtestName(name: string): string {
  let out = '';
  for (const ch of name) {
    const r = ch.codePointAt(0)!;
    if (isGoSpace(r)) out += '_';
    else if (r < 0x20 || r === 0x7f) out += r === 7 ? '\\a' : r === 8 ? '\\b' : '\\x' + r.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out;
}

function isGoSpace(r: number): boolean {
  if (r < 0x2000)
    return (
      r === 9 || r === 10 || r === 11 || r === 12 || r === 13 || r === 32 || r === 0x85 || r === 0xa0 || r === 0x1680
    );
  return r <= 0x200a || r === 0x2028 || r === 0x2029 || r === 0x202f || r === 0x205f || r === 0x3000;
}

class GoHandler extends Handler {
  /** 1: after `func` at top level; 2: after a test name (awaiting its parameters' `(`). */
  private state = 0;
  private funcStart = 0;
  private funcPrevEnd = 0;
  private funcLine = 0;
  private name = '';
  private nameStart = 0;
  private nameEnd = 0;
  /** A test function whose body `{` is still to come at depth 0. */
  private pendingBody = -1;
  /** `x.Run` seen: 1 after `x`, 2 after `.`, 3 after `Run`. */
  private run = 0;
  private runStart = 0;
  private runPrevEnd = 0;
  private runLine = 0;
  private awaitName = -1;
  private candidate: { decl: number; value: string | undefined; start: number; end: number } | undefined;

  private settle(c: number): void {
    const cand = this.candidate;
    if (cand && (c === COMMA || c === RPAREN)) {
      const d = this.w.decls[cand.decl]!;
      d.name = cand.value;
      d.nameStart = cand.start;
      d.nameEnd = cand.end;
    }
    this.candidate = undefined;
    this.awaitName = -1;
  }

  ident(start: number, end: number): void {
    if (this.candidate || this.awaitName >= 0) this.settle(0);
    const w = this.w;
    const word = this.word(start, end);
    if (this.state === 1) {
      this.state = isGoTestName(word) ? 2 : 0;
      this.name = word;
      this.nameStart = start;
      this.nameEnd = end;
      return;
    }
    this.state = 0;
    if (w.depth === 0 && word === 'func' && this.pendingBody < 0) {
      this.state = 1;
      this.funcStart = start;
      this.funcPrevEnd = w.prevEnd;
      this.funcLine = w.line;
      this.run = 0;
      return;
    }
    if (this.run === 2 && word === 'Run') {
      this.run = 3;
      return;
    }
    this.run = w.openDecl >= 0 ? 1 : 0;
    if (this.run) {
      this.runStart = start;
      this.runPrevEnd = w.prevEnd;
      this.runLine = w.line;
    }
  }

  punct(c: number): void {
    if (this.candidate || this.awaitName >= 0) this.settle(c);
    this.state = 0;
    this.run = this.run === 1 && c === DOT ? 2 : 0;
  }

  str(s: StringSpan): void {
    this.state = 0;
    this.run = 0;
    if (this.candidate) this.settle(0);
    if (this.awaitName >= 0) {
      const decl = this.awaitName;
      this.awaitName = -1;
      this.candidate = { decl, value: literalValue(this.w.text, s), start: s.start, end: s.end };
    }
  }

  override open(c: number, pos: number): void {
    if (this.candidate || this.awaitName >= 0) this.settle(c);
    const w = this.w;
    if (this.state === 2 && c === LPAREN && w.depth === 1) {
      const d = w.addDecl(
        {
          start: this.funcStart,
          prevCodeEnd: this.funcPrevEnd,
          line: this.funcLine,
          name: this.name,
          nameStart: this.nameStart,
          nameEnd: this.nameEnd,
          kind: 'function',
          container: false,
          parameterized: false,
        },
        -1,
      );
      this.pendingBody = d;
    } else if (c === LBRACE && w.depth === 1 && this.pendingBody >= 0) {
      w.frameDecl[0] = this.pendingBody;
      w.openDecl = this.pendingBody;
      this.pendingBody = -1;
    } else if (this.run === 3 && c === LPAREN && w.openDecl >= 0) {
      const d = w.addDecl({
        start: this.runStart,
        prevCodeEnd: this.runPrevEnd,
        line: this.runLine,
        name: undefined,
        nameStart: pos,
        nameEnd: pos + 1,
        kind: 'call',
        container: false,
        parameterized: false,
      });
      w.frameDecl[w.depth - 1] = d;
      w.openDecl = d;
      this.awaitName = d;
    }
    this.state = 0;
    this.run = 0;
  }

  override close(c: number, pos: number): void {
    if (this.candidate || this.awaitName >= 0) this.settle(c);
    this.state = 0;
    this.run = 0;
    // A test function without a body (declared for assembly): it ends with its parameters.
    if (this.pendingBody >= 0 && this.w.depth === 0 && c === RBRACE) {
      this.w.closeDecl(this.pendingBody, pos);
      this.pendingBody = -1;
    }
  }

  override newline(pos: number): void {
    // `func TestX(t *testing.T)` then a line break before `{` cannot happen in Go (gofmt, and the
    // semicolon rule); a declaration without a body ends at its line.
    if (this.pendingBody >= 0 && this.w.depth === 0) {
      const w = this.w;
      const d = w.decls[this.pendingBody]!;
      if (w.prevEnd > d.nameEnd) {
        w.closeDecl(this.pendingBody, pos);
        this.pendingBody = -1;
      }
    }
  }

  describe(d: Decl, path: Decl[]) {
    const suitePath = path.map((p) => p.name!);
    const fullName = [...suitePath, d.name!].map((s, i) => (i === 0 ? s : goSubtestName(s))).join('/');
    return { name: d.name!, suitePath, fullName };
  }
}

// ------------------------------------------------------------------ GoogleTest

const GTEST_MACROS = new Set(['TEST', 'TEST_F', 'TEST_P', 'TYPED_TEST', 'TYPED_TEST_P', 'GTEST_TEST']);
const TAG_GTEST_ARGS = 2;

class GTestHandler extends Handler {
  private macro = '';
  private macroStart = -1;
  private macroPrevEnd = 0;
  private macroLine = 0;
  /** Inside the macro's parentheses: the identifiers at its depth, by argument. */
  private args: Array<{ start: number; end: number; count: number }> = [];
  private argsDepth = -1;
  private pendingBody = -1;
  private bodyDepth = 0;

  ident(start: number, end: number): void {
    const w = this.w;
    if (this.argsDepth >= 0 && w.depth === this.argsDepth) {
      const a = this.args[this.args.length - 1]!;
      if (a.count === 0) {
        a.start = start;
        a.end = end;
      }
      a.count++;
      return;
    }
    const word = this.word(start, end);
    if (GTEST_MACROS.has(word) && w.openDecl < 0 && this.pendingBody < 0) {
      this.macro = word;
      this.macroStart = start;
      this.macroPrevEnd = w.prevEnd;
      this.macroLine = w.line;
    } else this.macroStart = -1;
  }

  punct(c: number): void {
    if (this.argsDepth >= 0 && this.w.depth === this.argsDepth) {
      if (c === COMMA) this.args.push({ start: 0, end: 0, count: 0 });
      else this.args[this.args.length - 1]!.count += 2; // not a plain identifier
      return;
    }
    this.macroStart = -1;
    if (c === SEMI && this.pendingBody >= 0 && this.w.depth === this.bodyDepth) {
      this.w.closeDecl(this.pendingBody, this.w.prevEnd + 1);
      this.pendingBody = -1;
    }
  }

  str(): void {
    if (this.argsDepth >= 0 && this.w.depth === this.argsDepth) this.args[this.args.length - 1]!.count += 2;
    this.macroStart = -1;
  }

  override open(c: number): void {
    const w = this.w;
    if (this.argsDepth >= 0) {
      if (w.depth - 1 === this.argsDepth) this.args[this.args.length - 1]!.count += 2;
      return;
    }
    if (this.macroStart >= 0 && c === LPAREN) {
      w.frameTag[w.depth - 1] = TAG_GTEST_ARGS;
      this.argsDepth = w.depth;
      this.args = [{ start: 0, end: 0, count: 0 }];
      return;
    }
    this.macroStart = -1;
    if (c === LBRACE && this.pendingBody >= 0 && w.depth - 1 === this.bodyDepth) {
      w.frameDecl[w.depth - 1] = this.pendingBody;
      w.openDecl = this.pendingBody;
      this.pendingBody = -1;
    }
  }

  override close(_c: number, pos: number, tag: number): void {
    const w = this.w;
    if (tag === TAG_GTEST_ARGS && w.depth + 1 === this.argsDepth) {
      this.argsDepth = -1;
      const args = this.args;
      const plain = args.length === 2 && args[0]!.count === 1 && args[1]!.count === 1;
      const suite = plain ? this.word(args[0]!.start, args[0]!.end) : undefined;
      const d = w.addDecl({
        start: this.macroStart,
        prevCodeEnd: this.macroPrevEnd,
        line: this.macroLine,
        name: plain ? this.word(args[1]!.start, args[1]!.end) : undefined,
        nameStart: plain ? args[1]!.start : this.macroStart,
        nameEnd: plain ? args[1]!.end : pos + 1,
        kind: 'macro',
        container: false,
        parameterized: this.macro === 'TEST_P' || this.macro.startsWith('TYPED_TEST'),
        qual: suite,
      });
      w.decls[d]!.end = pos + 1; // until its body opens
      this.pendingBody = d;
      this.bodyDepth = w.depth;
      this.macroStart = -1;
      return;
    }
    if (this.pendingBody >= 0 && w.depth < this.bodyDepth) this.pendingBody = -1;
    this.macroStart = -1;
  }

  override describe(d: Decl) {
    const suite = d.qual ?? '';
    return { name: d.name!, suitePath: suite ? [suite] : [], fullName: `${suite}.${d.name!}`, classname: suite };
  }
}

// ------------------------------------------------------------------ Java / Kotlin / C#

const JVM_TESTS = new Set(['Test', 'ParameterizedTest', 'RepeatedTest', 'TestFactory', 'TestTemplate']);
const JVM_PARAMETERIZED = new Set(['ParameterizedTest', 'RepeatedTest', 'TestFactory', 'TestTemplate']);
const CS_TESTS = new Set(['Fact', 'Theory', 'Test', 'TestCase', 'TestCaseSource', 'TestMethod', 'DataTestMethod']);
const CS_PARAMETERIZED = new Set(['Theory', 'TestCase', 'TestCaseSource', 'DataTestMethod']);
const CLASS_KEYWORDS = new Set(['class', 'interface', 'enum', 'record', 'struct', 'object']);

const TAG_LEVEL = 3; // a class or namespace body: members are read at its depth
const TAG_ANNOTATION = 4;
const TAG_ATTRIBUTE = 5;
const TAG_MEMBER_BODY = 6;

/** The member being read at one declaration level (the file, a namespace or a class body). */
interface Member {
  start: number;
  prevCodeEnd: number;
  line: number;
  test: boolean;
  parameterized: boolean;
  displayName?: string;
  lastIdent: number;
  lastIdentEnd: number;
  /** The method's test, created at its `(`, waiting for its body or `;`. */
  decl: number;
  /** `class` (etc.) seen: the next identifier is a class name. */
  classKw: boolean;
  className: number;
  classNameEnd: number;
  /** `namespace` / `package` seen: the qualified name is being read. */
  nsKw: boolean;
  ns: string;
  /** A non-modifier word was read (Kotlin: a line break then ends the member). */
  words: number;
}

interface Level {
  depth: number;
  /** The class of this level (-1: file or namespace). */
  decl: number;
  /** Package or namespace prefix here. */
  qual: string;
  member: Member;
}

const newMember = (): Member => ({
  start: -1,
  prevCodeEnd: 0,
  line: 0,
  test: false,
  parameterized: false,
  lastIdent: -1,
  lastIdentEnd: -1,
  decl: -1,
  classKw: false,
  className: -1,
  classNameEnd: -1,
  nsKw: false,
  ns: '',
  words: 0,
});

const MODIFIER_WORDS = new Set([
  'public',
  'private',
  'protected',
  'internal',
  'static',
  'final',
  'abstract',
  'async',
  'override',
  'open',
  'inner',
  'data',
  'sealed',
  'suspend',
  'virtual',
  'partial',
  'unsafe',
  'new',
  'synchronized',
  'strictfp',
  'default',
]);

class ClassHandler extends Handler {
  private readonly levels: Level[] = [{ depth: 0, decl: -1, qual: '', member: newMember() }];
  /** After `@` (1), after its name (2), after `.` in a qualified name (3). */
  private annot = 0;
  private annotName = '';
  /** In an annotation's parentheses: its name (for `@DisplayName`). */
  private annotArgs = '';
  private annotArgsDepth = -1;
  private attrDepth = -1;
  private readonly kotlin: boolean;
  private readonly csharp: boolean;

  constructor(family: CommentFamily) {
    super();
    this.kotlin = family === 'kotlin';
    this.csharp = family === 'csharp';
    this.backtickIdents = this.kotlin;
  }

  private get level(): Level {
    return this.levels[this.levels.length - 1]!;
  }

  /** The current token is at the level's own depth (not inside a member's brackets). */
  private atLevel(): boolean {
    return this.w.depth === this.level.depth;
  }

  private startMember(pos: number): Member {
    const m = this.level.member;
    if (m.start < 0) {
      m.start = pos;
      m.prevCodeEnd = this.w.prevEnd;
      m.line = this.w.line;
    }
    return m;
  }

  private endMember(end: number): void {
    const lv = this.level;
    if (lv.member.decl >= 0 && this.w.decls[lv.member.decl]!.end === this.w.text.length)
      this.w.closeDecl(lv.member.decl, end);
    lv.member = newMember();
  }

  private annotationDone(): void {
    if (this.annot >= 2) {
      const m = this.level.member;
      if (JVM_TESTS.has(this.annotName)) m.test = true;
      if (JVM_PARAMETERIZED.has(this.annotName)) m.parameterized = true;
    }
    this.annot = 0;
  }

  ident(start: number, end: number): void {
    const w = this.w;
    let word = this.word(start, end);
    if (this.attrDepth >= 0) {
      if (w.depth === this.attrDepth) {
        if (word.endsWith('Attribute')) word = word.slice(0, -'Attribute'.length);
        const m = this.level.member;
        if (CS_TESTS.has(word)) m.test = true;
        if (CS_PARAMETERIZED.has(word)) m.parameterized = true;
      }
      return;
    }
    if (this.annotArgsDepth >= 0) return;
    if (!this.atLevel()) return;
    if (this.annot === 1 || this.annot === 3) {
      this.annotName = word;
      this.annot = 2;
      return;
    }
    if (this.annot === 2) this.annotationDone();
    const m = this.startMember(start);
    if (m.nsKw) {
      m.ns += word;
      return;
    }
    if (m.classKw) {
      m.classKw = false;
      m.className = start;
      m.classNameEnd = end;
      return;
    }
    if (m.className >= 0) return; // extends / implements / generics of a class head
    if (CLASS_KEYWORDS.has(word) && !(word === 'object' && !this.kotlin)) {
      m.classKw = true;
      return;
    }
    if (word === 'namespace' || word === 'package') {
      m.nsKw = true;
      return;
    }
    if (!MODIFIER_WORDS.has(word)) m.words++;
    m.lastIdent = start;
    m.lastIdentEnd = end;
  }

  punct(c: number, pos: number): void {
    const w = this.w;
    if (this.attrDepth >= 0 || this.annotArgsDepth >= 0) return;
    if (!this.atLevel()) return;
    if (c === AT && !this.csharp) {
      if (this.annot === 2) this.annotationDone();
      const m = this.level.member;
      if (m.decl >= 0) this.endMember(w.prevEnd); // a member without a body or `;` (Kotlin `= expr`)
      this.startMember(pos);
      this.annot = 1;
      return;
    }
    if (c === DOT && (this.annot === 2 || this.level.member.nsKw)) {
      if (this.annot === 2) this.annot = 3;
      else this.level.member.ns += '.';
      return;
    }
    if (this.annot === 2) this.annotationDone();
    this.annot = 0;
    const m = this.level.member;
    if (c === SEMI) {
      if (m.nsKw) this.setQual(m.ns);
      this.endMember(pos + 1);
      return;
    }
    if (c === EQ || c === COLON) this.startMember(pos);
  }

  /** `package a.b;` or C# `namespace A.B;` (file-scoped): the prefix for the rest of the level. */
  private setQual(ns: string): void {
    const lv = this.level;
    lv.qual = lv.qual ? `${lv.qual}.${ns}` : ns;
  }

  str(s: StringSpan): void {
    const w = this.w;
    if (this.annotArgsDepth >= 0 && w.depth === this.annotArgsDepth && this.annotArgs === 'DisplayName') {
      const v = literalValue(w.text, s);
      if (v !== undefined && this.level.member.displayName === undefined) this.level.member.displayName = v;
    }
    if (this.attrDepth >= 0 || this.annotArgsDepth >= 0 || !this.atLevel()) return;
    if (this.annot === 2) this.annotationDone();
    this.startMember(s.start);
  }

  override open(c: number, pos: number): void {
    const w = this.w;
    const frame = w.depth - 1; // the frame just opened; the level's depth is `frame` when at level
    if (this.attrDepth >= 0 || this.annotArgsDepth >= 0 || frame !== this.level.depth) return;
    const m = this.level.member;
    if (this.annot === 2 && c === LPAREN) {
      this.annotArgs = this.annotName;
      this.annotationDone();
      this.annotArgsDepth = w.depth;
      w.frameTag[frame] = TAG_ANNOTATION;
      return;
    }
    if (this.annot === 2) this.annotationDone();
    this.annot = 0;
    if (c === LBRACKET && this.csharp && (m.start < 0 || m.words === 0)) {
      if (m.decl >= 0) this.endMember(w.prevEnd);
      this.startMember(pos);
      this.attrDepth = w.depth;
      w.frameTag[frame] = TAG_ATTRIBUTE;
      return;
    }
    if (c === LPAREN && m.test && m.decl < 0 && m.lastIdent >= 0 && m.className < 0) {
      const parent = this.level.decl;
      m.decl = w.addDecl(
        {
          start: m.start,
          prevCodeEnd: m.prevCodeEnd,
          line: m.line,
          name: this.identName(m.lastIdent, m.lastIdentEnd),
          nameStart: m.lastIdent,
          nameEnd: m.lastIdentEnd,
          kind: 'method',
          container: false,
          parameterized: m.parameterized,
          displayName: m.displayName,
        },
        parent,
      );
      return;
    }
    if (c !== LBRACE) {
      this.startMember(pos);
      return;
    }
    if (m.className >= 0) {
      const lv = this.level;
      const d = w.addDecl(
        {
          start: m.start >= 0 ? m.start : m.className,
          prevCodeEnd: m.start >= 0 ? m.prevCodeEnd : w.prevEnd,
          line: m.start >= 0 ? m.line : w.line,
          name: this.identName(m.className, m.classNameEnd),
          nameStart: m.className,
          nameEnd: m.classNameEnd,
          kind: 'class',
          container: true,
          parameterized: false,
          displayName: m.displayName,
          qual: lv.qual,
        },
        lv.decl,
      );
      w.frameDecl[frame] = d;
      w.frameTag[frame] = TAG_LEVEL;
      lv.member = newMember();
      this.levels.push({ depth: w.depth, decl: d, qual: lv.qual, member: newMember() });
      return;
    }
    if (m.nsKw) {
      w.frameTag[frame] = TAG_LEVEL;
      const lv = this.level;
      const qual = lv.qual ? `${lv.qual}.${m.ns}` : m.ns;
      lv.member = newMember();
      this.levels.push({ depth: w.depth, decl: lv.decl, qual, member: newMember() });
      return;
    }
    // A member's body: the method's, or an initializer / property / lambda body.
    w.frameTag[frame] = TAG_MEMBER_BODY;
    if (m.decl >= 0) {
      w.frameDecl[frame] = m.decl;
      w.openDecl = m.decl;
    }
    this.startMember(pos);
  }

  private identName(start: number, end: number): string {
    const t = this.w.text;
    return t.charCodeAt(start) === BACKTICK ? t.slice(start + 1, end - 1) : t.slice(start, end);
  }

  override close(_c: number, pos: number, tag: number): void {
    const w = this.w;
    if (tag === TAG_ATTRIBUTE && w.depth + 1 === this.attrDepth) {
      this.attrDepth = -1;
      return;
    }
    if (tag === TAG_ANNOTATION && w.depth + 1 === this.annotArgsDepth) {
      this.annotArgsDepth = -1;
      this.annotArgs = '';
      return;
    }
    if (this.attrDepth >= 0 || this.annotArgsDepth >= 0) return;
    if (tag === TAG_LEVEL && this.levels.length > 1 && w.depth + 1 === this.level.depth) {
      const lv = this.levels.pop()!;
      if (lv.member.decl >= 0) w.closeDecl(lv.member.decl, w.prevEnd);
      this.level.member = newMember();
      return;
    }
    if (tag === TAG_MEMBER_BODY && w.depth === this.level.depth) {
      const m = this.level.member;
      // A Kotlin / C# expression body or an initializer may go on (`= runTest { … }`); a method body ends the member.
      if (m.decl >= 0 || !this.kotlin) this.endMember(pos + 1);
    }
  }

  override newline(pos: number): void {
    if (!this.kotlin || this.attrDepth >= 0 || this.annotArgsDepth >= 0 || !this.atLevel()) return;
    const m = this.level.member;
    if (m.nsKw) {
      this.setQual(m.ns);
      this.endMember(pos);
      return;
    }
    if (this.annot === 2) return; // `@Test` then a line break: the annotation belongs to the next line
    // Kotlin has no `;`: a line that read a name and closed its brackets ends the member.
    const t = this.w.text;
    const last = t.charCodeAt(this.w.prevEnd - 1);
    if (m.words > 0 && m.decl < 0 && last !== EQ && last !== COLON && last !== DOT && last !== COMMA)
      this.endMember(pos);
  }

  override finish(): void {
    for (const lv of this.levels) if (lv.member.decl >= 0) this.w.closeDecl(lv.member.decl, this.w.prevEnd);
  }

  describe(d: Decl, path: Decl[]) {
    const classes = d.container ? [...path, d] : path;
    const suitePath = path.map((p) => p.name!);
    const outer = classes[0];
    const sep = this.csharp ? '+' : '$';
    const binary = classes.map((c) => c.name!).join(sep);
    const qual = outer?.qual ?? '';
    const classname = qual ? `${qual}.${binary}` : binary;
    const fullName = d.container ? classname : classname ? `${classname}.${d.name!}` : d.name!;
    const r: Named = { name: d.name!, suitePath, fullName };
    if (classname) r.classname = classname;
    if (d.displayName !== undefined) r.displayName = d.displayName;
    return r;
  }
}

// ------------------------------------------------------------------ the annotations

function resolve(
  w: Walker,
  h: Handler,
  family: CommentFamily,
  offsets: readonly number[],
  opts: BindOptions,
  out: Array<TestBinding | undefined>,
): void {
  void family;
  const decls = w.decls,
    comments = w.comments,
    info = w.commentInfo,
    counter = w.counter;
  const order = offsets.map((_, i) => i);
  let sorted = true;
  for (let i = 1; i < offsets.length && sorted; i++) if (offsets[i]! < offsets[i - 1]!) sorted = false;
  if (!sorted) order.sort((a, b) => offsets[a]! - offsets[b]!);
  let ci = 0; // comment cursor
  let p = 0; // first test starting at or after the offset
  const stack: number[] = []; // open tests at the offset (the enclosing chain)
  let q = 0; // tests pushed onto the stack
  for (const k of order) {
    counter.steps++;
    const o = offsets[k]!;
    if (!Number.isInteger(o) || o < 0) continue;
    while (ci < info.length && comments[ci]!.end <= o) ci++, counter.steps++;
    const c = comments[ci];
    if (!c || ci >= info.length || c.start > o) continue; // not in a comment (a string, code): binds to nothing
    const ic = info[ci]!;
    while (p < decls.length && decls[p]!.start < o) p++, counter.steps++;
    // The enclosing chain at the comment.
    while (q < decls.length && decls[q]!.start <= c.start) {
      counter.steps++;
      while (stack.length && decls[stack[stack.length - 1]!]!.end <= decls[q]!.start) stack.pop();
      stack.push(q++);
    }
    while (stack.length && decls[stack[stack.length - 1]!]!.end <= c.start) stack.pop(), counter.steps++;
    let bound = -1;
    const before = p - 1;
    if (ic.codeBefore && before >= 0 && decls[before]!.line === ic.line) bound = before;
    else {
      const next = decls[p];
      if (next && next.prevCodeEnd <= c.start && next.line - ic.endLine <= MAX_GAP_LINES) bound = p;
      else if (stack.length) bound = stack[stack.length - 1]!;
    }
    if (bound >= 0) out[k] = binding(decls, bound, h, opts);
  }
}

function binding(decls: Decl[], i: number, h: Handler, opts: BindOptions): TestBinding | undefined {
  const d = decls[i]!;
  if (d.depth > MAX_TEST_DEPTH || d.name === undefined) return undefined;
  const path: Decl[] = [];
  for (let a = d.parent; a >= 0; a = decls[a]!.parent) {
    const anc = decls[a]!;
    if (anc.name === undefined) return undefined; // a suite with a computed name: the full name is unknown
    path.push(anc);
  }
  path.reverse();
  const named = h.describe(d, path, opts);
  const b: TestBinding = {
    ...named,
    kind: d.kind,
    container: d.container,
    range: { start: d.nameStart, end: d.nameEnd },
    headStart: d.start,
  };
  if (d.parameterized) b.parameterized = true;
  return b;
}

/** The shared part of test binding (../testBinding.ts): the result types, the code walk and the handler base, string literals. */
import type { CommentSpan, StringSpan } from '../../lexers/commentScanner';
import { hashbangEnd, K_PUNCT, K_VALUE, K_WORD, PrevToken } from '../../lexers/jsScanner';
import {
  AT,
  BACKSLASH,
  BACKTICK,
  CR,
  EQ,
  isIdentPart,
  LBRACE,
  LBRACKET,
  LF,
  LPAREN,
  RBRACE,
  RBRACKET,
  RPAREN,
  SLASH,
  SPACE,
  TAB,
} from '../../lexers/scanHelpers';
export {
  AT,
  BACKSLASH,
  BACKTICK,
  CR,
  EQ,
  isIdentPart,
  LBRACE,
  LBRACKET,
  LF,
  LPAREN,
  RBRACE,
  RBRACKET,
  RPAREN,
  SLASH,
  SPACE,
  TAB,
};

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

// ------------------------------------------------------------------ tests found in the walk

/** What a family's handler names; the rest of a binding is the same for all. */
export type Named = Omit<TestBinding, 'range' | 'kind' | 'container' | 'headStart'>;

export interface Decl {
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

export interface CommentInfo {
  line: number;
  endLine: number;
  codeBefore: boolean;
}

export const COMMA = 44,
  DOT = 46,
  SEMI = 59,
  COLON = 58;

export const isIdentStart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 128;
export const isDigit = (c: number) => c >= 48 && c <= 57;

/** The code walk: characters outside comments and strings, as tokens, with a bracket stack and line numbers. */
export class Walker {
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

export abstract class Handler {
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

// ------------------------------------------------------------------ string literals

/** The value of a string literal span (JS, Go, Java, C-like escapes); `undefined` if it is not one whole literal. */
export function literalValue(text: string, s: StringSpan): string | undefined {
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

export function hexAt(s: string, from: number, len: number): number {
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

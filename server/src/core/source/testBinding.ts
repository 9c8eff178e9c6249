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
import { scanTokens } from '../lexers/commentScanner';
import type { CommentFamily } from '../lexers/languages';
import { JsHandler } from './testBinding/js';
import { PythonHandler } from './testBinding/python';
import { GoHandler } from './testBinding/go';
import { GTestHandler } from './testBinding/gtest';
import { ClassHandler } from './testBinding/jvm';
import { TestBinding, BindOptions, MAX_GAP_LINES, MAX_TEST_DEPTH, Decl, Walker, Handler } from './testBinding/walker';
export type { BindOptions, TestBinding, TestKind } from './testBinding/walker';
export { MAX_FRAMES, MAX_GAP_LINES, MAX_TEST_DEPTH, unescapeLiteral } from './testBinding/walker';
export { goSubtestName } from './testBinding/go';

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

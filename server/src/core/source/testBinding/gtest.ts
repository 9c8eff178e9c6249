/** GoogleTest tests: TEST, TEST_F, TEST_P, TYPED_TEST, TYPED_TEST_P, GTEST_TEST. */
import { Decl, Handler, LPAREN, LBRACE, COMMA, SEMI } from './walker';

// ------------------------------------------------------------------ GoogleTest

export const GTEST_MACROS = new Set(['TEST', 'TEST_F', 'TEST_P', 'TYPED_TEST', 'TYPED_TEST_P', 'GTEST_TEST']);
export const TAG_GTEST_ARGS = 2;

export class GTestHandler extends Handler {
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

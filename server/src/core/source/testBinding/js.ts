/** JS / TS tests: describe/it/test calls and their modifiers, t.test subtests (see ../testBinding.ts for the binding rules). */
import type { StringSpan } from '../../lexers/commentScanner';
import { Decl, Handler, literalValue, LPAREN, RPAREN, COMMA, DOT, BACKTICK } from './walker';

// ------------------------------------------------------------------ JS / TS

export const JS_SUITES = new Set(['describe', 'context', 'suite', 'fdescribe', 'xdescribe', 'xcontext']);
export const JS_TESTS = new Set(['it', 'test', 'specify', 'fit', 'xit', 'xtest', 'xspecify']);
export const JS_MODIFIERS = new Set([
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
export const JS_RECEIVERS = new Set(['t', 'tap']);
export const JS_RECEIVER_METHODS = new Set(['test', 'skip', 'todo', 'only']);

export interface JsChain {
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

export const TAG_EACH_TABLE = 1;

export class JsHandler extends Handler {
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

/** Go tests: func TestX / Benchmark / Fuzz / Example and t.Run subtests (names as Go's testing package writes them). */
import type { StringSpan } from '../../lexers/commentScanner';
import { Decl, Handler, literalValue, LPAREN, RPAREN, LBRACE, RBRACE, COMMA, DOT } from './walker';

// ------------------------------------------------------------------ Go

export const GO_PREFIXES = ['Test', 'Benchmark', 'Fuzz', 'Example'];

/** Go's rule for a test name (`TestXxx`: after the prefix, nothing or not a lower-case letter). */
export function isGoTestName(name: string): boolean {
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

export function isGoSpace(r: number): boolean {
  if (r < 0x2000)
    return (
      r === 9 || r === 10 || r === 11 || r === 12 || r === 13 || r === 32 || r === 0x85 || r === 0xa0 || r === 0x1680
    );
  return r <= 0x200a || r === 0x2028 || r === 0x2029 || r === 0x202f || r === 0x205f || r === 0x3000;
}

export class GoHandler extends Handler {
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

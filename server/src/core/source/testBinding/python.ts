/** Python tests: def test* in modules and class Test* (pytest defaults), indentation-based. */
import type { StringSpan } from '../../lexers/commentScanner';
import { BindOptions, Named, Decl, isIdentStart, Handler, AT, BACKSLASH } from './walker';

// ------------------------------------------------------------------ Python

export interface PyBlock {
  indent: number;
  /** The test or Test class of this block (-1: a plain block). */
  decl: number;
  /** A collected `class Test*`: its `test*` methods are tests. */
  testClass: boolean;
}

/** A run of decorator lines (`@…`) at one indentation, and whether one is `parametrize`. */
export interface PyDecorators {
  start: number;
  prevEnd: number;
  line: number;
  indent: number;
  parametrize: boolean;
}

export class PythonHandler extends Handler {
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

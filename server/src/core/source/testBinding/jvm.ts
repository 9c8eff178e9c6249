/** Java / Kotlin / C# tests: annotated or attributed methods inside (nested) classes, named by package or namespace. */
import type { StringSpan } from '../../lexers/commentScanner';
import type { CommentFamily } from '../../lexers/languages';
import {
  Named,
  Decl,
  Handler,
  literalValue,
  LPAREN,
  LBRACKET,
  LBRACE,
  COMMA,
  DOT,
  SEMI,
  AT,
  BACKTICK,
  EQ,
  COLON,
} from './walker';

// ------------------------------------------------------------------ Java / Kotlin / C#

export const JVM_TESTS = new Set(['Test', 'ParameterizedTest', 'RepeatedTest', 'TestFactory', 'TestTemplate']);
export const JVM_PARAMETERIZED = new Set(['ParameterizedTest', 'RepeatedTest', 'TestFactory', 'TestTemplate']);
export const CS_TESTS = new Set([
  'Fact',
  'Theory',
  'Test',
  'TestCase',
  'TestCaseSource',
  'TestMethod',
  'DataTestMethod',
]);
export const CS_PARAMETERIZED = new Set(['Theory', 'TestCase', 'TestCaseSource', 'DataTestMethod']);
export const CLASS_KEYWORDS = new Set(['class', 'interface', 'enum', 'record', 'struct', 'object']);

export const TAG_LEVEL = 3; // a class or namespace body: members are read at its depth
export const TAG_ANNOTATION = 4;
export const TAG_ATTRIBUTE = 5;
export const TAG_MEMBER_BODY = 6;

/** The member being read at one declaration level (the file, a namespace or a class body). */
export interface Member {
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

export interface Level {
  depth: number;
  /** The class of this level (-1: file or namespace). */
  decl: number;
  /** Package or namespace prefix here. */
  qual: string;
  member: Member;
}

export const newMember = (): Member => ({
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

export const MODIFIER_WORDS = new Set([
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

export class ClassHandler extends Handler {
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

import type ts from 'typescript';
import { Severity } from '../findings';
import { Trigger } from './trigger';

export type Precision = 'very-high' | 'high' | 'medium' | 'low';

/** What every secure-coding rule declares (docs/secure-coding.md); feeds SARIF `rules[]`, docs/rules and hovers. */
export interface RuleMeta {
  /** `<language>/<name>`, e.g. `js/eval-dynamic`. */
  id: string;
  /** A short name, e.g. "Dynamic code execution". */
  title: string;
  /** CWE numbers, most specific first. */
  cwe: number[];
  severity: Severity;
  precision: Precision;
  /** CVSS-like 0–10, for code-scanning UIs. */
  securitySeverity: number;
  /** The one-line message of a finding. */
  message: string;
  /** Markdown: what the rule finds and why it matters (docs/rules/<id>.md is generated from it and the examples). */
  description: string;
  /** Code the rule reports, and the safe version. */
  bad: string;
  good: string;
}

/** A text change offered as a quick fix (1-based lines, UTF-16 columns, end exclusive). */
export interface RuleFix {
  title: string;
  edits: Array<{ line: number; column: number; endLine: number; endColumn: number; newText: string }>;
}

/** A JS/TS rule: a visitor over the TypeScript syntax tree (one parse per file, shared by all rules). */
export interface JsRule extends RuleMeta {
  kind: 'js';
  /** Cheap pre-check on the raw text: the rule cannot fire when this does not match (several parts: all must match). */
  trigger: Trigger;
  /** Node kinds the visitor wants, and the visitor. */
  visit: Partial<Record<ts.SyntaxKind, (node: ts.Node, ctx: JsRuleContext) => void>>;
}

export interface JsRuleContext {
  readonly ts: typeof ts;
  readonly sourceFile: ts.SourceFile;
  readonly path: string;
  /** Reports `node` (or an explicit 0-based offset range) with the rule's message or a specific one. */
  report(node: ts.Node | { start: number; end: number }, message?: string, fix?: RuleFix): void;
  /** 1-based position of an offset (for building fixes). */
  position(offset: number): { line: number; column: number };
  /** Whether the expression carries data from an HTTP request (or browser URL), directly or through a local variable. */
  isRequestData(node: ts.Node): boolean;
  /** The value of a constant string expression (literal, constant template, concatenation of constants), else undefined. */
  constantString(node: ts.Node): string | undefined;
  /** `a.b.c` for a callee / property chain (`require('x').y` reads `x.y`; `this.x` reads `this.x`), else undefined. */
  dottedName(node: ts.Node): string | undefined;
}

/** A lexical rule for languages without a parser here (Python, C/C++): regexes on code with comments and strings blanked. */
export interface LexicalRule extends RuleMeta {
  kind: 'lexical';
  families: Array<'python' | 'c'>;
  trigger: RegExp;
  check(ctx: LexicalContext): void;
}

export interface LexicalContext {
  readonly path: string;
  /** The file as written. */
  readonly text: string;
  /** Same length as `text`; comments and string contents are spaces (quotes stay). */
  readonly code: string;
  /** 1-based line and UTF-16 column of an offset (one line index per file, shared by the rules). */
  position(offset: number): { line: number; column: number };
  report(start: number, end: number, message?: string, fix?: RuleFix): void;
}

export type Rule = JsRule | LexicalRule;

/** One finding of a rule inside a file, before severity and suppressions are applied. */
export interface RuleHit {
  ruleId: string;
  start: number;
  end: number;
  message: string;
  fix?: RuleFix;
}

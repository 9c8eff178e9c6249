import { Finding, Range } from '../findings';
import { IdGrammar } from '../ids';
import { emptyIndex, SourceIndex } from '../fileIndex';
import { Reference, Suppression, SuppressionScope } from '../model';
import { ForwardPositions } from '../text';
import { CommentFamily } from '../lexers/languages';
import { commentScannerFailure, scanComments } from '../lexers/commentScanner';
import { reportInternalError } from '../internalError';
import { DeclarationBinder, MAX_BOUND_LINE } from './declarations';
import { ANNOTATION_PATTERN, Verb, VERB_CANDIDATE, VERBS } from '../verbs';
import { bindTests } from './testBinding';

export interface SourceContext {
  grammar: IdGrammar;
  family: CommentFamily;
  /** The language id (languages.ts): GoogleTest is read in `c` and `cpp`. */
  languageId?: string;
  isTest: boolean;
  /** Bind annotations to the next declaration (TS/JS). */
  bindDeclarations: boolean;
}

const SUPPRESSION = /(?<![\w-])seclife-ignore-(next-line|line|file)\b[ \t]*([^\r\n]*)/g;
const RULE_ID = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Splits `text -- note` at the first ` -- ` (or a leading `-- `). */
function splitNote(rest: string): { head: string; note?: string; noteOffset: number } {
  const m = /(?:^|\s)--(?:\s|$)/.exec(rest);
  if (!m) return { head: rest, noteOffset: -1 };
  const noteStart = m.index + m[0].length;
  return { head: rest.slice(0, m.index), note: rest.slice(noteStart).trim(), noteOffset: noteStart };
}

/** Parses annotations and suppressions in the comments of one source file (docs/formats.md, Annotations in code). */
export function parseSourceFile(file: string, text: string, ctx: SourceContext): SourceIndex {
  const index = emptyIndex(file, 'source', ctx.isTest);
  // Cheap pre-check: most files carry no annotation and no suppression, and skip the comment scan.
  if (!VERB_CANDIDATE.test(text) && text.indexOf('seclife-ignore-') < 0) return index;
  let lines: ForwardPositions | undefined;
  const rangeOf = (start: number, end: number): Range => {
    lines ??= new ForwardPositions(text);
    const a = lines.positionAt(start);
    const b = lines.positionAt(end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  const binder = ctx.bindDeclarations ? new DeclarationBinder(text) : undefined;
  /** `@verifies` references of a test file and where their verb starts, bound to tests after the scan. */
  const verifies: Array<{ ref: Reference; offset: number }> = [];

  // A scanner exception keeps the comments found before it and is an internal-error there.
  for (const span of scanComments(text, ctx.family, (f) =>
    reportInternalError(index, commentScannerFailure(f), text),
  )) {
    const content = text.slice(span.contentStart, span.contentEnd);
    if (content.indexOf('@') >= 0) {
      ANNOTATION_PATTERN.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = ANNOTATION_PATTERN.exec(content))) {
        const verb = m[1] as Verb;
        const restStart = span.contentStart + m.index + m[0].length - m[2].length;
        const before = index.refs.length;
        readAnnotation(verb, m[2], restStart, m.index + span.contentStart, span, binder, ctx, index, rangeOf);
        if (verb === 'verifies' && ctx.isTest)
          for (let r = before; r < index.refs.length; r++)
            verifies.push({ ref: index.refs[r], offset: m.index + span.contentStart });
      }
    }
    if (content.indexOf('seclife-ignore-') >= 0) {
      SUPPRESSION.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = SUPPRESSION.exec(content))) {
        const start = span.contentStart + m.index;
        const restStart = start + m[0].length - m[2].length;
        readSuppression(m[1] as SuppressionScope, m[2], restStart, start, span.end, ctx, index, rangeOf);
      }
    }
  }
  if (verifies.length > 0) bindVerifiedTests(text, ctx, index.file, verifies, rangeOf);
  const unbound = binder?.tooLong ?? 0;
  if (unbound > 0)
    index.notes.push(
      `${unbound} annotation comment${unbound === 1 ? '' : 's'} not bound to a declaration: a line to read is over ${MAX_BOUND_LINE} characters before the declaration starts`,
    );
  return index;
}

/** Binds each `@verifies` to its test (one pass over the file for all of them). */
function bindVerifiedTests(
  text: string,
  ctx: SourceContext,
  file: string,
  verifies: Array<{ ref: Reference; offset: number }>,
  rangeOf: (s: number, e: number) => Range,
): void {
  const bound = bindTests(
    text,
    ctx.family,
    verifies.map((v) => v.offset),
    { lang: ctx.languageId, path: file },
  );
  for (let i = 0; i < verifies.length; i++) {
    const b = bound[i];
    if (!b) continue;
    verifies[i].ref.test = {
      name: b.name,
      suitePath: b.suitePath,
      fullName: b.fullName,
      container: b.container,
      line: rangeOf(b.range.start, b.range.start).line,
      ...(b.classname !== undefined ? { classname: b.classname } : {}),
      ...(b.displayName !== undefined ? { displayName: b.displayName } : {}),
      ...(b.parameterized ? { parameterized: true } : {}),
    };
  }
}

function readAnnotation(
  verb: Verb,
  rest: string,
  restStart: number,
  verbStart: number,
  span: { start: number; end: number },
  binder: DeclarationBinder | undefined,
  ctx: SourceContext,
  index: SourceIndex,
  rangeOf: (s: number, e: number) => Range,
): void {
  const { head, note } = splitNote(rest);
  const ids: Array<{ id: string; start: number; end: number }> = [];
  const token = /[^\s,]+/g;
  let t: RegExpExecArray | null;
  while ((t = token.exec(head))) {
    const raw = t[0].replace(/\*\/$/, '');
    const id = ctx.grammar.parse(raw);
    if (!id) break; // the list ends at the first word that is not an ID
    ids.push({ id: id.id, start: restStart + t.index, end: restStart + t.index + id.id.length });
  }
  if (ids.length === 0) return; // `@implements {Foo}`, prose, other tools' tags
  const symbol = binder?.bind(span.start, span.end);
  for (const id of ids) {
    const ref: Reference = {
      id: id.id,
      file: index.file,
      range: rangeOf(id.start, id.end),
      role: verb,
      inTest: ctx.isTest,
    };
    if (note) ref.note = note;
    if (symbol) ref.symbol = symbol;
    index.refs.push(ref);
  }
  // A verb that counts in test files only (@verifies), outside them.
  if (VERBS[verb].countsIn === 'tests' && !ctx.isTest) {
    const last = ids[ids.length - 1];
    const finding: Finding = {
      code: 'verification-outside-tests',
      severity: 'warning',
      message: `@${verb} ${ids.map((i) => i.id).join(', ')} is not in a test file, so it does not count as verification (see the 'tests' globs)`,
      file: index.file,
      ...rangeOf(verbStart, last.end),
      itemId: ids[0].id,
    };
    index.findings.push(finding);
  }
}

function readSuppression(
  scope: SuppressionScope,
  rest: string,
  restStart: number,
  start: number,
  commentEnd: number,
  ctx: SourceContext,
  index: SourceIndex,
  rangeOf: (s: number, e: number) => Range,
): void {
  const { head, note, noteOffset } = splitNote(rest);
  const rules = head.split(/[\s,]+/).filter((r) => RULE_ID.test(r));
  const range = rangeOf(start, restStart + rest.trimEnd().length);
  const own = range.line;
  // next-line applies to the line after the comment ends (a block comment may span lines).
  const targetLine = scope === 'next-line' ? rangeOf(commentEnd, commentEnd).line + 1 : own;
  const suppression: Suppression = { scope, rules, targetLine, range };
  if (note) suppression.justification = note;
  index.suppressions.push(suppression);
  if (!note) {
    index.findings.push({
      code: 'unjustified-suppression',
      severity: 'error',
      message: `seclife-ignore-${scope}${rules.length ? ' ' + rules.join(', ') : ''} has no justification: add ' -- <why this is safe>'`,
      file: index.file,
      ...range,
    });
    return;
  }
  // Where the trimmed note starts, computed once (not per ID: a note can be a whole long line).
  const afterMarker = rest.slice(noteOffset);
  const noteStart = restStart + noteOffset + (afterMarker.length - afterMarker.trimStart().length);
  for (const m of ctx.grammar.findAll(note)) {
    const offset = noteStart + m.start;
    index.refs.push({
      id: m.id,
      file: index.file,
      range: rangeOf(offset, offset + m.id.length),
      role: 'justification',
      inTest: ctx.isTest,
    });
  }
}

/**
 * Finds the TS/JS declaration an annotation binds to (docs/formats.md, Binding to declarations): the function,
 * method, class or variable declared on the first code line after the comment,
 * or on the comment's own line for a trailing comment. Lexical, so it costs
 * nothing on files without annotations and never needs a full parse.
 */
const MODIFIERS =
  '(?:(?:export|default|declare|abstract|async|public|private|protected|static|readonly|override|accessor|get|set)\\s+)*';
// No two quantifiers of whitespace are adjacent (`\s*[?!]?\s*` would try every split of a long
// run of spaces: quadratic), see docs/security-model.md.
const DECLARATION = [
  new RegExp(`^\\s*${MODIFIERS}function\\s*(?:\\*\\s*)?([A-Za-z_$][\\w$]*)`),
  new RegExp(`^\\s*${MODIFIERS}(?:class|interface|enum|namespace|module|type)\\s+([A-Za-z_$][\\w$]*)`),
  new RegExp(`^\\s*${MODIFIERS}(?:const|let|var|using)\\s+([A-Za-z_$][\\w$]*)`),
  // Methods, object-literal functions and class fields: `name(…) {`, `name = (…) =>`, `name: function`.
  new RegExp(`^\\s*${MODIFIERS}(?:\\*\\s*)?(#?[A-Za-z_$][\\w$]*)\\s*(?:<[^>]*>\\s*)?\\(`),
  new RegExp(`^\\s*${MODIFIERS}(#?[A-Za-z_$][\\w$]*)\\s*(?:[?!]\\s*)?[:=]`),
];
const METHOD = 3;
const NOT_NAMES = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'return',
  'await',
  'yield',
  'throw',
  'new',
  'typeof',
  'do',
  'else',
  'super',
  'this',
  'function',
]);

/** A call statement (`doThing();`, `app.use(x),`) looks like a method head but declares nothing. */
const CALL = /;\s*$|\)\s*[.,]|\(\s*['"`\d]/;

export function declarationName(line: string): string | undefined {
  for (let i = 0; i < DECLARATION.length; i++) {
    const m = DECLARATION[i].exec(line);
    if (!m || NOT_NAMES.has(m[1])) continue;
    if (i === METHOD && CALL.test(line)) return undefined;
    return m[1];
  }
  return undefined;
}

const SKIP = /^\s*(?:$|\/\/|\/\*|\*|@[A-Za-z])/;

/**
 * How much of a line the binding reads: its first MAX_BOUND_LINE characters. A declaration
 * head is short and starts its line, so a long line (a generated table, minified code)
 * still binds; the work per annotation is bounded whatever the line lengths
 * (docs/security-model.md).
 */
export const MAX_BOUND_LINE = 1000;

/**
 * The declaration bound to a comment: the code before the comment on its line when there is
 * some, else the first line after it that is not blank, a comment or a decorator (looking
 * at most 8 lines ahead). Comments are asked for in increasing order (as scanComments gives
 * them): the line start is found by a cursor that reads each character of `text` once, and
 * the same comment asked again (several annotations in it) is answered from the last call.
 */
export class DeclarationBinder {
  /** Comments not bound because a line to read was longer than MAX_BOUND_LINE (for a note). */
  tooLong = 0;
  private scanned = 0;
  private lineStart = 0;
  private lastStart = -1;
  private last: string | undefined;

  constructor(private readonly text: string) {}

  bind(commentStart: number, commentEnd: number): string | undefined {
    if (commentStart === this.lastStart) return this.last;
    const text = this.text;
    if (commentStart < this.scanned) this.scanned = this.lineStart = 0; // out of order: start over
    for (; this.scanned < commentStart; this.scanned++)
      if (isLineBreak(text.charCodeAt(this.scanned))) this.lineStart = this.scanned + 1;
    this.lastStart = commentStart;
    const found = bind(text, this.lineStart, commentStart, commentEnd);
    if (found === TOO_LONG) this.tooLong++;
    return (this.last = found === TOO_LONG ? undefined : found);
  }
}

const TOO_LONG = Symbol('too long');

function bind(
  text: string,
  lineStart: number,
  commentStart: number,
  commentEnd: number,
): string | typeof TOO_LONG | undefined {
  const before = text.slice(lineStart, Math.min(commentStart, lineStart + MAX_BOUND_LINE));
  if (before.trim()) return declarationName(before);
  if (commentStart > lineStart + MAX_BOUND_LINE) return TOO_LONG; // over MAX_BOUND_LINE blanks before the comment
  let pos = commentEnd;
  for (let n = 0; n < 8 && pos < text.length; n++) {
    // The next line, judged by its first MAX_BOUND_LINE characters.
    const window = text.slice(pos, pos + MAX_BOUND_LINE + 1);
    const eol = window.indexOf('\n');
    const line = (eol < 0 ? window.slice(0, MAX_BOUND_LINE) : window.slice(0, eol)).replace(/\r$/, '');
    if ((n === 0 && !line.trim()) || SKIP.test(line)) {
      // A line skipped over must end within the window, else where the next one starts is not looked for.
      if (eol < 0 && window.length > MAX_BOUND_LINE) return TOO_LONG;
      pos += eol < 0 ? window.length : eol + 1;
      continue;
    }
    return declarationName(line);
  }
  return undefined;
}

const isLineBreak = (c: number) => c === 10 || c === 13;

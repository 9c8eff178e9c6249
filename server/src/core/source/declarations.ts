/**
 * Finds the TS/JS declaration an annotation binds to (DESIGN §2): the function,
 * method, class or variable declared on the first code line after the comment,
 * or on the comment's own line for a trailing comment. Lexical, so it costs
 * nothing on files without annotations and never needs a full parse.
 */
const MODIFIERS = '(?:(?:export|default|declare|abstract|async|public|private|protected|static|readonly|override|accessor|get|set)\\s+)*';
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
const NOT_NAMES = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'await', 'yield', 'throw', 'new', 'typeof', 'do', 'else', 'super', 'this', 'function']);

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
 * Longest line part the binding reads. A declaration head is short; a longer line (minified
 * code, a generated table) binds nothing, so the work per annotation is bounded whatever the
 * line lengths (docs/security-model.md).
 */
export const MAX_BOUND_LINE = 1000;

/**
 * The declaration bound to a comment ending at offset `commentEnd`: the code before
 * the comment on its line when there is some, else the first line after it that is
 * not blank, a comment or a decorator (looking at most 8 lines ahead).
 */
export function bindDeclaration(text: string, commentStart: number, commentEnd: number): string | undefined {
  // Back to the line start, at most MAX_BOUND_LINE characters (not to offset 0 on every call).
  const limit = Math.max(0, commentStart - MAX_BOUND_LINE);
  let lineStart = commentStart;
  while (lineStart > limit && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  if (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1))) return undefined;
  const before = text.slice(lineStart, commentStart);
  if (before.trim()) return declarationName(before);
  let pos = commentEnd;
  for (let n = 0; n < 8 && pos < text.length; n++) {
    // The next line, looked for within MAX_BOUND_LINE characters only.
    const window = text.slice(pos, pos + MAX_BOUND_LINE + 1);
    const eol = window.indexOf('\n');
    if (eol < 0 && window.length > MAX_BOUND_LINE) return undefined;
    const line = (eol < 0 ? window : window.slice(0, eol)).replace(/\r$/, '');
    pos += eol < 0 ? window.length : eol + 1;
    if (n === 0 && !line.trim()) continue;
    if (SKIP.test(line)) continue;
    return declarationName(line);
  }
  return undefined;
}

const isLineBreak = (c: number) => c === 10 || c === 13;

/**
 * Finds the TS/JS declaration an annotation binds to (DESIGN §2): the function,
 * method, class or variable declared on the first code line after the comment,
 * or on the comment's own line for a trailing comment. Lexical, so it costs
 * nothing on files without annotations and never needs a full parse.
 */
const MODIFIERS = '(?:(?:export|default|declare|abstract|async|public|private|protected|static|readonly|override|accessor|get|set)\\s+)*';
const DECLARATION = [
  new RegExp(`^\\s*${MODIFIERS}function\\s*\\*?\\s*([A-Za-z_$][\\w$]*)`),
  new RegExp(`^\\s*${MODIFIERS}(?:class|interface|enum|namespace|module|type)\\s+([A-Za-z_$][\\w$]*)`),
  new RegExp(`^\\s*${MODIFIERS}(?:const|let|var|using)\\s+([A-Za-z_$][\\w$]*)`),
  // Methods, object-literal functions and class fields: `name(…) {`, `name = (…) =>`, `name: function`.
  new RegExp(`^\\s*${MODIFIERS}\\*?\\s*(#?[A-Za-z_$][\\w$]*)\\s*(?:<[^>]*>)?\\s*\\(`),
  new RegExp(`^\\s*${MODIFIERS}(#?[A-Za-z_$][\\w$]*)\\s*[?!]?\\s*[:=]`),
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
 * The declaration bound to a comment ending at offset `commentEnd`: the code before
 * the comment on its line when there is some, else the first line after it that is
 * not blank, a comment or a decorator (looking at most 8 lines ahead).
 */
export function bindDeclaration(text: string, commentStart: number, commentEnd: number): string | undefined {
  const lineStart = Math.max(text.lastIndexOf('\n', commentStart - 1), text.lastIndexOf('\r', commentStart - 1)) + 1;
  const before = text.slice(lineStart, commentStart);
  if (before.trim()) return declarationName(before);
  let pos = commentEnd;
  for (let n = 0; n < 8 && pos < text.length; n++) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol).replace(/\r$/, '');
    pos = eol + 1;
    if (n === 0 && !line.trim()) continue;
    if (SKIP.test(line)) continue;
    return declarationName(line);
  }
  return undefined;
}

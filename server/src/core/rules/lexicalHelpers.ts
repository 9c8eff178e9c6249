/**
 * Shared pieces of the lexical rules (Python, C/C++). All offsets are into `code` (the
 * masked text: comments and string contents blanked), which has the same offsets as `text`.
 */
import { LexicalContext, RuleFix } from './ruleTypes';

/**
 * For one text (the last one asked about): the offset just past the closer matching each
 * opener (-1 when there is none), from one stack pass: a scan per call made nested calls
 * (`f(f(f(…` thousands deep, a fuzz fixture in test/fixtures/fuzz) quadratic.
 */
let closers: { code: string; close: Int32Array } | undefined;

function closerTable(code: string): Int32Array {
  if (closers?.code === code) return closers.close;
  const close = new Int32Array(code.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') stack.push(i);
    else if ((c === ')' || c === ']' || c === '}') && stack.length > 0) close[stack.pop()!] = i + 1;
  }
  closers = { code, close };
  return close;
}

/**
 * Drops the table; the lexical runner calls it before and after each file. Within one file
 * every rule passes the same `code` string, so the check above is a pointer comparison; a
 * different file with equal content would compare all its characters on every call.
 */
export function forgetBracketTable(): void {
  closers = undefined;
}

const isOpener = (c: string | undefined) => c === '(' || c === '[' || c === '{';

/**
 * Whether the opener at `open` has a closer. A call left open (a syntax error, or a file being
 * typed) is no call: its arguments would run to the end of the file, and a rule reading them
 * once per such call is quadratic (docs/security-model.md).
 */
export function isClosed(code: string, open: number): boolean {
  return isOpener(code[open]) && closerTable(code)[open]! >= 0;
}

/** Offset just past the `)` matching the `(` at `open` (or the end of the text). */
export function matchingParen(code: string, open: number): number {
  if (isOpener(code[open])) {
    const close = closerTable(code)[open]!;
    return close < 0 ? code.length : close;
  }
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return code.length;
}

export interface Span {
  start: number;
  end: number;
}
export interface Call extends Span {
  /** The callee as written (`os.system`, `std::system`). */
  name: string;
  /** Offset of `(`; `end` is just past the matching `)`. */
  open: number;
  /** Top-level arguments, trimmed. */
  args: Span[];
}

/** Top-level comma-separated arguments between `open` and the matching paren ending at `close`. */
export function splitArgs(code: string, open: number, close: number): Span[] {
  const end = code[close - 1] === ')' ? close - 1 : close;
  const out: Span[] = [];
  let depth = 0,
    from = open + 1;
  const push = (to: number) => {
    let a = from,
      b = to;
    while (a < b && /\s/.test(code[a]!)) a++;
    while (b > a && /\s/.test(code[b - 1]!)) b--;
    if (b > a) out.push({ start: a, end: b });
  };
  // nested brackets are skipped whole (their commas are not top-level), so nested calls cost their length once
  const table = isOpener(code[open]) ? closerTable(code) : undefined;
  for (let i = open + 1; i < end; i++) {
    const c = code[i];
    if (table && isOpener(c)) i = (table[i]! < 0 ? end : table[i]!) - 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      push(i);
      from = i + 1;
    }
  }
  push(end);
  return out;
}

/**
 * Calls whose callee matches `names` (a regex source), `gap` (a regex source) before the `(`,
 * where `accept(code, start)` agrees; not preceded by an identifier character or `.`.
 */
export function findCalls(
  code: string,
  names: string,
  gap: string,
  accept: (code: string, start: number) => boolean,
): Call[] {
  const re = new RegExp(`(?<![\\w$.])(${names})${gap}\\(`, 'g');
  const out: Call[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) {
    const open = m.index + m[0].length - 1;
    if (!isClosed(code, open) || !accept(code, m.index)) continue;
    const end = matchingParen(code, open);
    out.push({ start: m.index, end, name: m[1]!, open, args: splitArgs(code, open, end) });
  }
  return out;
}

/** Identifier words, lower case: `apiKey_v2` → `api`, `key`, `v2`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const SECRET_WORDS =
  /^(?:password|passwd|passwords|pass|pwd|passphrase|secret|secrets|token|tokens|apikey|credential|credentials|pin|otp|nonce|salt)$/;
const NOT_SECRET_LAST =
  /^(?:url|uri|endpoint|field|name|names|path|file|dir|env|var|label|prompt|header|type|len|length|size|count|pattern|regex|re|id|ids|key_name|policy|hint|min|max|prefix|format|expiry|ttl|column|col|param|chars|charset|alphabet|digits|symbols|template|example|placeholder|mask|masked)$/;

/** A name that holds a secret (`db_password`, `apiKey`, `SECRET_KEY`), but not `password_field`, `token_url`. */
export function isSecretName(name: string, extraWords?: RegExp): boolean {
  const w = nameWords(name);
  if (w.length === 0 || NOT_SECRET_LAST.test(w[w.length - 1]!)) return false;
  if (w.some((x) => SECRET_WORDS.test(x) || extraWords?.test(x))) return true;
  const joined = w.join('_');
  return /(?:^|_)(?:api|private|secret|access|signing|client|auth|encryption|aes|hmac)_key(?:_|$)|(?:^|_)auth(?:_|$)/.test(
    joined,
  );
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/** A quick fix replacing `text[start..end)` with `newText`, for each edit. */
export function replaceFix(
  ctx: Pick<LexicalContext, 'position'>,
  title: string,
  edits: Array<{ start: number; end: number; newText: string }>,
): RuleFix {
  return {
    title,
    edits: edits.map(({ start, end, newText }) => {
      const a = ctx.position(start),
        b = ctx.position(end);
      return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, newText };
    }),
  };
}

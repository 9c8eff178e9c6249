/**
 * `.gitignore` and `.git/info/exclude` as git reads them (docs/configuration.md#exclude):
 * the rules of gitignore(5), git's line parsing (UTF-8 BOM, CR before LF, trailing spaces
 * unless escaped, `#` comments, `\#` and `\!`) and git's wildmatch on the UTF-8 bytes of
 * the path (`?` is one byte, `[...]` with ranges and ASCII `[:classes:]`, `**` only between
 * slashes). Every pattern becomes a bounded-time matcher from globs.ts (no regex
 * backtracking on workspace input). The hierarchy — the deepest file with a matching
 * pattern decides, the last matching pattern within a file wins — is {@link IgnoreStack}.
 */
import { ANY, pathMatcher, Re, segmentMatcher, SegmentMatcher, seq, Units } from './globs';

/** The UTF-8 bytes of a string as a string of char codes 0–255 (what git compares). */
export function byteString(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  const bytes = new TextEncoder().encode(s);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
  return out;
}

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => isUpper(c) || isLower(c);
const isAlnum = (c: number) => isAlpha(c) || isDigit(c);
const isPrint = (c: number) => c >= 0x20 && c <= 0x7e;
/** git's own isspace (git-compat-util.h): space, tab, LF, CR. */
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const POSIX: Record<string, (c: number, fold: boolean) => boolean> = {
  alnum: isAlnum,
  alpha: isAlpha,
  blank: (c) => c === 32 || c === 9,
  cntrl: (c) => c < 0x20 || c === 0x7f,
  digit: isDigit,
  graph: (c) => isPrint(c) && !isSpace(c),
  lower: isLower,
  print: isPrint,
  punct: (c) => isPrint(c) && !isAlnum(c) && c !== 32,
  space: isSpace,
  upper: (c, fold) => isUpper(c) || (fold && isLower(c)),
  xdigit: (c) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};
const lower = (c: number) => (isUpper(c) ? c + 32 : c);

/** A pattern token; `plain` marks an unescaped literal or '/' (the part git compares before its wildmatch). */
type Token = { t: 're'; re: Re; plain: boolean } | { t: 'star'; n: number } | { t: 'slash'; plain: boolean };

/** Parses a bracket expression at `p[i] === '['` as git's wildmatch does; undefined when git aborts on it (the pattern then never matches). */
function bracket(p: string, i: number, fold: boolean): { re: Re; end: number } | undefined {
  let j = i + 1;
  let c = p.charCodeAt(j);
  if (c === 94 /* ^ */) c = 33;
  const negated = c === 33; /* ! */
  if (negated) c = p.charCodeAt(++j);
  const tests: Array<(t: number) => boolean> = [];
  let prev = 0;
  for (;;) {
    if (j >= p.length) return undefined;
    if (c === 92 /* \ */) {
      if (++j >= p.length) return undefined;
      c = p.charCodeAt(j);
      const ch = c;
      tests.push((t) => t === ch);
    } else if (c === 45 /* - */ && prev && j + 1 < p.length && p[j + 1] !== ']') {
      let hi = p.charCodeAt(++j);
      if (hi === 92) {
        if (++j >= p.length) return undefined;
        hi = p.charCodeAt(j);
      }
      const lo = prev;
      const top = hi;
      tests.push((t) => (t <= top && t >= lo) || (fold && isLower(t) && t - 32 <= top && t - 32 >= lo));
      c = 0;
    } else if (c === 91 /* [ */ && p[j + 1] === ':') {
      const s = j + 2;
      let k = s;
      while (k < p.length && p[k] !== ']') k++;
      if (k >= p.length) return undefined;
      if (k - s - 1 < 0 || p[k - 1] !== ':') {
        // no ":]": the '[' is an ordinary member
        tests.push((t) => t === 91);
        prev = 91;
        c = p.charCodeAt(++j);
        if (c === 93 /* ] */) break;
        continue;
      }
      const cls = POSIX[p.slice(s, k - 1)];
      if (!cls) return undefined;
      tests.push((t) => cls(t, fold));
      j = k;
      c = 0;
    } else {
      const ch = c;
      tests.push((t) => t === ch);
    }
    prev = c;
    c = p.charCodeAt(++j);
    if (c === 93 /* ] */) break;
  }
  // with WM_PATHNAME a class never matches '/' (a name has none)
  const test = (t: number) => {
    if (t === 47) return false;
    let hit = false;
    for (const f of tests) {
      if (f(t)) {
        hit = true;
        break;
      }
    }
    return hit !== negated;
  };
  return { re: { k: 'set', test }, end: j + 1 };
}

/**
 * Tokens of a pattern (bytes); undefined when the pattern can never match (a broken class,
 * a trailing backslash). With `fold` (core.ignorecase) unescaped letters are lowered, as
 * git lowers pattern and text (an escaped letter stays as written, as in git).
 */
function tokenize(p: string, fold: boolean): Token[] | undefined {
  const out: Token[] = [];
  for (let i = 0; i < p.length; ) {
    const c = p.charCodeAt(i);
    if (c === 92 /* \ */) {
      if (i + 1 >= p.length) return undefined;
      const d = p.charCodeAt(i + 1);
      out.push(d === 47 ? { t: 'slash', plain: false } : { t: 're', re: { k: 'lit', c: d }, plain: false });
      i += 2;
    } else if (c === 42 /* * */) {
      let n = 0;
      while (p.charCodeAt(i) === 42) {
        n++;
        i++;
      }
      out.push({ t: 'star', n });
    } else if (c === 63 /* ? */) {
      out.push({ t: 're', re: ANY, plain: false });
      i++;
    } else if (c === 47 /* / */) {
      out.push({ t: 'slash', plain: true });
      i++;
    } else if (c === 91 /* [ */) {
      const b = bracket(p, i, fold);
      if (!b) return undefined;
      out.push({ t: 're', re: b.re, plain: false });
      i = b.end;
    } else {
      out.push({ t: 're', re: { k: 'lit', c: fold ? lower(c) : c }, plain: true });
      i++;
    }
  }
  return out;
}

const STAR: Re = { k: 'rep', item: ANY, min: 0, max: Infinity };
const ANY_BYTE: Re = { k: 'set', test: () => true };
// `.*` and `(?:.*/)?` over a whole path
const EVERYTHING: Re = { k: 'rep', item: ANY_BYTE, min: 0, max: Infinity };
const FOLDERS: Re = { k: 'rep', item: seq([EVERYTHING, { k: 'lit', c: 47 }]), min: 0, max: 1 };

/** A pattern without '/' against a name: every run of stars is `*`. */
const nameRe = (tokens: Token[]): Re =>
  seq(tokens.map((t) => (t.t === 're' ? t.re : t.t === 'star' ? STAR : { k: 'lit', c: 47 })));

// A pattern with '/' against the whole relative path, as git's match_pathname + wildmatch
// (WM_PATHNAME): `*` stays within a name; a run of two or more stars right after '/' (or
// at the start) and before '/' (or at the end) crosses folders — `**/` is `(.*/)?`, a
// trailing `**` is `.*`. git compares the literal start of the pattern before it calls
// wildmatch, so a star run right after that literal start counts as at the start:
// `foo**/bar` matches `foobar` and `fooa/x/bar` in git, and here.
function pathRe(tokens: Token[]): Re {
  let prefix = 0;
  while (prefix < tokens.length) {
    const t = tokens[prefix];
    if ((t.t === 're' || t.t === 'slash') && t.plain) prefix++;
    else break;
  }
  const items: Re[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.t === 're') items.push(t.re);
    else if (t.t === 'slash') items.push({ k: 'lit', c: 47 });
    else {
      const next = tokens[k + 1];
      const afterSlash = k === 0 || k === prefix || tokens[k - 1].t === 'slash';
      const special = t.n >= 2 && afterSlash && (next === undefined || next.t === 'slash');
      if (!special) items.push(STAR);
      else if (next?.t === 'slash' && next.plain) {
        items.push(FOLDERS);
        k++;
      } else items.push(EVERYTHING);
    }
  }
  return seq(items);
}

const NEVER: SegmentMatcher = { test: () => false };

interface Rule {
  negative: boolean;
  dirOnly: boolean;
  /** A pattern without '/' is matched against the name alone. */
  name?: SegmentMatcher;
  /** Otherwise against the path relative to the file's folder. */
  path?: SegmentMatcher;
}

/** Compiles one pattern line (bytes, already trimmed) into a rule (git's parse_path_pattern). */
function compileRule(line: string, fold: boolean): Rule {
  let p = line;
  const negative = p.startsWith('!');
  if (negative) p = p.slice(1);
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  if (!p.includes('/')) {
    const tokens = tokenize(p, fold);
    return { negative, dirOnly, name: tokens ? segmentMatcher(nameRe(tokens), Units.Byte) : NEVER };
  }
  if (p.startsWith('/')) p = p.slice(1);
  const tokens = tokenize(p, fold);
  return { negative, dirOnly, path: tokens ? pathMatcher(pathRe(tokens)) : NEVER };
}

/** Removes trailing spaces unless escaped with a backslash (git's trim_trailing_spaces). */
function trimTrailingSpaces(s: string): string {
  let lastSpace = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ' ') {
      if (lastSpace < 0) lastSpace = i;
    } else if (c === '\\') {
      i++;
      if (i >= s.length) return s;
      lastSpace = -1;
    } else lastSpace = -1;
  }
  return lastSpace < 0 ? s : s.slice(0, lastSpace);
}

/** The rules of one `.gitignore` (or `.git/info/exclude`) file. */
export class GitignoreFile {
  private readonly rules: Rule[] = [];

  /** `content`: the file's bytes. `ignoreCase`: git's core.ignorecase (ASCII letters only, as git). */
  constructor(
    content: Uint8Array,
    readonly ignoreCase = false,
  ) {
    let start = content.length >= 3 && content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : 0;
    // Lines end at LF (git appends one to the last line); a CR before it is dropped.
    for (let i = start; i <= content.length; i++) {
      if (i < content.length && content[i] !== 10) continue;
      let end = i;
      if (end > start && content[start] !== 35 /* # */) {
        if (content[end - 1] === 13) end--;
        let line = '';
        for (let k = start; k < end; k++) line += String.fromCharCode(content[k]);
        line = trimTrailingSpaces(line);
        // an empty pattern (also "!" or "/") matches nothing
        if (line !== '') this.rules.push(compileRule(line, ignoreCase));
      }
      start = i + 1;
    }
  }

  get size(): number {
    return this.rules.length;
  }

  /**
   * The verdict of the last rule matching a path relative to this file's folder (UTF-8
   * bytes, see {@link byteString}): true ignored, false re-included (`!`), undefined none.
   */
  decide(rel: string, isDir: boolean): boolean | undefined {
    const subject = this.ignoreCase ? foldAscii(rel) : rel;
    const name = subject.slice(subject.lastIndexOf('/') + 1);
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const r = this.rules[i];
      if (r.dirOnly && !isDir) continue;
      const hit = r.name ? r.name.test(name) : r.path!.test(subject);
      if (hit) return !r.negative;
    }
    return undefined;
  }
}

function foldAscii(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}

/** The ignore files that apply in a folder, outermost first (`.git/info/exclude` before the root `.gitignore`). */
export class IgnoreStack {
  private constructor(private readonly files: ReadonlyArray<{ base: string; file: GitignoreFile }>) {}

  static readonly empty = new IgnoreStack([]);

  /** The stack for a subfolder `dir` that has its own `.gitignore` (`dir` is workspace-relative). */
  with(dir: string, file: GitignoreFile): IgnoreStack {
    if (file.size === 0) return this;
    return new IgnoreStack([...this.files, { base: dir === '' ? '' : `${byteString(dir)}/`, file }]);
  }

  /**
   * Whether git ignores a workspace-relative path whose folders are not ignored: the
   * deepest file with a matching pattern decides (git's last_matching_pattern).
   */
  ignores(path: string, isDir: boolean): boolean {
    if (this.files.length === 0) return false;
    const bytes = byteString(path);
    for (let i = this.files.length - 1; i >= 0; i--) {
      const { base, file } = this.files[i];
      const verdict = file.decide(bytes.slice(base.length), isDir);
      if (verdict !== undefined) return verdict;
    }
    return false;
  }
}

/**
 * Globs matched in bounded time (docs/configuration.md#globs).
 *
 * minimatch parses a glob (braces, classes, extglobs — its semantics are what users know),
 * but its regular expressions backtrack: `*a*a*a*b` or `+(a|aa)+(a|aa)b` against a long
 * name takes seconds to forever. Here every glob is compiled once into segment matchers:
 * a literal segment is compared as a string, the common shapes (`*`, `*.ext`, `prefix*`)
 * use string methods, anything else runs as a Thompson NFA over the segment's characters,
 * and `**` is a loop over whole segments. Matching a path costs at most
 * O(path length × glob length); nothing backtracks.
 *
 * Before minimatch sees a glob it is checked against {@link GLOB_LIMITS} (length, `*`
 * count, brace expansions, extglob nesting); seclife.json's globs are also counted
 * ({@link checkConfigGlobs}). A glob over a limit is a `config-error`, never a crash.
 */
import { braceExpand, GLOBSTAR, Minimatch } from 'minimatch';
import { ConfigInput } from './config';

export const GLOB_LIMITS = {
  /** Characters in one glob. */
  length: 1024,
  /** `*` characters in one glob. */
  stars: 32,
  /** `[`, `{`, `}` and `(` in one glob together (classes, braces, extglobs; minimatch's parser is quadratic in them). */
  groups: 32,
  /** Patterns the braces of one glob expand to (`{a,b}/{c,d}` is 4). */
  expansions: 64,
  /** Extglobs inside extglobs: `@(a|+(b))` is 2 deep. */
  extglobDepth: 2,
  /** Globs in one seclife.json, all keys together. */
  count: 1000,
  /** Characters of every glob of one seclife.json after brace expansion. */
  totalLength: 64 * 1024,
} as const;

/** Work done by the matchers (one unit per state per character or segment): tests compare it at two input sizes. */
export const globWork = { steps: 0 };

/** A glob that is refused; the message names the limit or the construct. */
export class GlobError extends Error {}

// ---------------------------------------------------------------------------------------
// Segment patterns: a small regular-expression tree over the units of one path segment.

/**
 * How a segment is read: UTF-16 code units (minimatch's default), code points (minimatch
 * with a POSIX class, its regex then has the `u` flag) or bytes (git matches UTF-8 bytes;
 * the segment is then a string of char codes 0–255).
 */
export const enum Units {
  Utf16 = 0,
  CodePoint = 1,
  Byte = 2,
}

export type Re =
  | { k: 'lit'; c: number }
  | { k: 'any' } // any unit but '/'
  | { k: 'set'; test: (c: number) => boolean }
  | { k: 'none' }
  | { k: 'seq'; items: Re[] }
  | { k: 'alt'; items: Re[] }
  | { k: 'rep'; item: Re; min: 0 | 1; max: 1 | typeof Infinity };

const SLASH = 47;
export const ANY: Re = { k: 'any' };
const NONE: Re = { k: 'none' };
export const seq = (items: Re[]): Re => (items.length === 1 ? items[0] : { k: 'seq', items });

/** Matches one segment (no '/'), given in the units of its pattern. */
export interface SegmentMatcher {
  test(segment: string): boolean;
}

const SPLIT = -1;
const MATCH = -2;
const LIT = 0;
const ANY_BUT_SLASH = 1;
const SET = 2;
const NOTHING = 3;

/**
 * Thompson NFA of a {@link Re}, simulated state set by state set: each input unit costs at
 * most one visit per state, whatever the pattern. A literal start and end of the pattern
 * are checked first with string compares.
 */
class Nfa implements SegmentMatcher {
  private readonly kinds: number[] = [];
  private readonly codes: number[] = [];
  private readonly sets: Array<((c: number) => boolean) | undefined> = [];
  private readonly outs: number[][] = [];
  private readonly start: number;
  private readonly mark: Uint32Array;
  private readonly current: Int32Array;
  private readonly next: Int32Array;
  private readonly stack: number[] = [];
  private gen = 0;
  private readonly prefix: string;
  private readonly suffix: string;

  constructor(
    re: Re,
    private readonly units: Units,
  ) {
    const match = this.add(MATCH, 0, undefined, []);
    this.start = this.build(re, match);
    const n = this.kinds.length;
    this.mark = new Uint32Array(n);
    this.current = new Int32Array(n);
    this.next = new Int32Array(n);
    const items = flatSequence(re);
    let i = 0;
    while (i < items.length && items[i].k === 'lit') i++;
    let j = items.length;
    while (j > i && items[j - 1].k === 'lit') j--;
    this.prefix = literalText(items, 0, i, units)!;
    this.suffix = literalText(items, j, items.length, units)!;
  }

  private add(kind: number, code: number, set: ((c: number) => boolean) | undefined, out: number[]): number {
    this.kinds.push(kind);
    this.codes.push(code);
    this.sets.push(set);
    this.outs.push(out);
    return this.kinds.length - 1;
  }

  /** States for `re` that continue to `next`; returns the entry state. */
  private build(re: Re, next: number): number {
    switch (re.k) {
      case 'seq': {
        let s = next;
        for (let i = re.items.length - 1; i >= 0; i--) s = this.build(re.items[i], s);
        return s;
      }
      case 'alt':
        return this.add(
          SPLIT,
          0,
          undefined,
          re.items.map((item) => this.build(item, next)),
        );
      case 'rep': {
        if (re.max === 1) return this.add(SPLIT, 0, undefined, [this.build(re.item, next), next]);
        const loop = this.add(SPLIT, 0, undefined, []);
        const body = this.build(re.item, loop);
        this.outs[loop].push(body, next);
        return re.min === 0 ? loop : body;
      }
      case 'lit':
        return this.add(LIT, re.c, undefined, [next]);
      case 'any':
        return this.add(ANY_BUT_SLASH, 0, undefined, [next]);
      case 'set':
        return this.add(SET, 0, re.test, [next]);
      default:
        return this.add(NOTHING, 0, undefined, [next]);
    }
  }

  /** Adds a state and everything reachable from it without input to `list` (of `size` entries); returns the new size. */
  private close(list: Int32Array, size: number, state: number): number {
    const { stack, mark, kinds, outs, gen } = this;
    stack.push(state);
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (mark[s] === gen) continue;
      mark[s] = gen;
      if (kinds[s] === SPLIT) {
        const o = outs[s];
        for (let i = o.length - 1; i >= 0; i--) stack.push(o[i]);
      } else list[size++] = s;
    }
    return size;
  }

  test(segment: string): boolean {
    const { prefix, suffix } = this;
    if (segment.length < prefix.length + suffix.length || !segment.startsWith(prefix) || !segment.endsWith(suffix))
      return false;
    const { kinds, codes, sets, outs } = this;
    let current = this.current;
    let next = this.next;
    this.gen++;
    let size = this.close(current, 0, this.start);
    const codePoints = this.units === Units.CodePoint;
    for (let i = 0; i < segment.length; i++) {
      let c = segment.charCodeAt(i);
      if (codePoints && c >= 0xd800 && c <= 0xdbff && i + 1 < segment.length) {
        const d = segment.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
          i++;
        }
      }
      globWork.steps += size;
      this.gen++;
      let nextSize = 0;
      for (let k = 0; k < size; k++) {
        const s = current[k];
        const kind = kinds[s];
        const hit =
          kind === LIT ? codes[s] === c : kind === ANY_BUT_SLASH ? c !== SLASH : kind === SET ? sets[s]!(c) : false;
        if (hit) nextSize = this.close(next, nextSize, outs[s][0]);
      }
      if (nextSize === 0) return false;
      const t = current;
      current = next;
      next = t;
      size = nextSize;
    }
    for (let k = 0; k < size; k++) if (kinds[current[k]] === MATCH) return true;
    return false;
  }
}

/** Flattens nested sequences (a pattern that is not a sequence is one item). */
function flatSequence(re: Re): Re[] {
  if (re.k !== 'seq') return [re];
  return re.items.flatMap(flatSequence);
}

/** The text of `items[from, to)` in `units` when every one is a literal, else undefined. */
function literalText(items: readonly Re[], from: number, to: number, units: Units): string | undefined {
  let s = '';
  for (let i = from; i < to; i++) {
    const it = items[i];
    if (it.k !== 'lit') return undefined;
    s += units === Units.CodePoint ? String.fromCodePoint(it.c) : String.fromCharCode(it.c);
  }
  return s;
}

const isStar = (re: Re): re is { k: 'rep'; item: Re; min: 0 | 1; max: typeof Infinity } =>
  re.k === 'rep' && re.max === Infinity && re.item.k === 'any';

/** The fastest matcher for a segment pattern: string comparisons for the common shapes, else the NFA. */
export function segmentMatcher(re: Re, units: Units): SegmentMatcher {
  const items = flatSequence(re);
  const literal = (from: number, to: number) => literalText(items, from, to, units);
  const all = literal(0, items.length);
  if (all !== undefined) return { test: (s) => s === all };
  if (units !== Units.CodePoint) {
    const n = items.length;
    const first = items[0];
    const last = items[n - 1];
    if (n === 1 && isStar(first)) return first.min === 0 ? { test: () => true } : { test: (s) => s.length > 0 };
    if (isStar(first) && first.min === 0) {
      const suffix = literal(1, n);
      if (suffix !== undefined) return { test: (s) => s.endsWith(suffix) };
      if (n > 2 && isStar(last) && last.min === 0) {
        const middle = literal(1, n - 1);
        if (middle !== undefined) return { test: (s) => s.includes(middle) };
      }
    }
    if (isStar(last) && last.min === 0) {
      const prefix = literal(0, n - 1);
      if (prefix !== undefined) return { test: (s) => s.startsWith(prefix) };
    }
  }
  return new Nfa(re, units);
}

/** A matcher for a {@link Re} over a whole path in bytes (its atoms say where '/' may go): a literal compare or the NFA. */
export function pathMatcher(re: Re): SegmentMatcher {
  const items = flatSequence(re);
  const s = literalText(items, 0, items.length, Units.Byte);
  return s !== undefined ? { test: (p) => p === s } : new Nfa(re, Units.Byte);
}

// ---------------------------------------------------------------------------------------
// Paths: segment matchers and `**` (zero or more whole segments).

/** `undefined` stands for `**`. */
export type PathPart = SegmentMatcher | undefined;

/** Matches a path split at '/' against parts; `**` is a loop over segments (no backtracking). */
export class PathMatcher {
  private readonly head: SegmentMatcher[];
  private readonly tail: SegmentMatcher[];
  // The runs of parts between `**`s (a/**/b/c/**/d has one: [b, c]); undefined without `**`.
  private readonly blocks: SegmentMatcher[][] | undefined;
  private readonly fixed: number;

  constructor(parts: PathPart[]) {
    const first = parts.indexOf(undefined);
    if (first < 0) {
      this.head = parts as SegmentMatcher[];
      this.tail = [];
      this.fixed = parts.length;
      return;
    }
    const last = parts.lastIndexOf(undefined);
    this.head = parts.slice(0, first) as SegmentMatcher[];
    this.tail = parts.slice(last + 1) as SegmentMatcher[];
    this.blocks = [];
    let block: SegmentMatcher[] = [];
    for (const p of parts.slice(first + 1, last + 1)) {
      if (p !== undefined) block.push(p);
      else if (block.length > 0) {
        this.blocks.push(block);
        block = [];
      }
    }
    this.fixed = this.head.length + this.tail.length + this.blocks.reduce((n, b) => n + b.length, 0);
  }

  test(segments: readonly string[]): boolean {
    const n = segments.length;
    const h = this.head.length;
    const t = this.tail.length;
    if (this.blocks ? n < this.fixed : n !== this.fixed) return false;
    for (let i = 0; i < t; i++) if (!this.tail[i].test(segments[n - t + i])) return false;
    for (let i = 0; i < h; i++) if (!this.head[i].test(segments[i])) return false;
    globWork.steps += h + t;
    if (!this.blocks) return true;
    // Between `**`s each run of parts is placed at its first fit: an earlier fit never
    // leaves less room for the runs after it, so this is exact, and costs at most
    // (segments × parts) tests.
    let at = h;
    const end = n - t;
    for (const block of this.blocks) {
      let found = false;
      for (; at + block.length <= end; at++) {
        let k = 0;
        while (k < block.length && block[k].test(segments[at + k])) k++;
        globWork.steps += k + 1;
        if (k === block.length) {
          found = true;
          break;
        }
      }
      if (!found) return false;
      at += block.length;
    }
    return true;
  }
}

// ---------------------------------------------------------------------------------------
// minimatch globs (seclife.json): parsed by minimatch, its per-segment regex read back into a Re.

const MINIMATCH_OPTIONS = { dot: true, nocase: false, matchBase: false, platform: 'linux' } as const;

/** The dot-segment guard minimatch puts before segments that could match `.` or `..` (never in a workspace path). */
const GUARDS = ['(?!(?:^|/)\\.\\.?(?:$|/))', '(?!(?:^|\\/)\\.\\.?(?:$|\\/))'];

const describe = (glob: string): string => JSON.stringify(glob.length > 60 ? `${glob.slice(0, 57)}…` : glob);

/** The Unicode properties minimatch's POSIX classes use (tested on one character at a time). */
const PROPERTIES: Record<string, RegExp> = {
  L: /\p{L}/u,
  Nl: /\p{Nl}/u,
  Nd: /\p{Nd}/u,
  Zs: /\p{Zs}/u,
  Cc: /\p{Cc}/u,
  Z: /\p{Z}/u,
  C: /\p{C}/u,
  Ll: /\p{Ll}/u,
  Lu: /\p{Lu}/u,
  P: /\p{P}/u,
  M: /\p{M}/u,
  Pc: /\p{Pc}/u,
};
const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

/** Reads the regular expression source minimatch emits for one segment (dot: true) back into a {@link Re}. */
class SourceReader {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
    private readonly glob: string,
  ) {}

  read(): Re {
    const re = this.alt();
    if (this.i !== this.src.length) this.unsupported();
    return re;
  }

  private unsupported(): never {
    throw new GlobError(`glob ${describe(this.glob)} uses a construct that cannot be matched in bounded time`);
  }

  private alt(): Re {
    const items = [this.seq()];
    while (this.src[this.i] === '|') {
      this.i++;
      items.push(this.seq());
    }
    return items.length === 1 ? items[0] : { k: 'alt', items };
  }

  private seq(): Re {
    const items: Re[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      if (atom) items.push(this.quantifier(atom));
    }
    return seq(items);
  }

  private group(open: number, extglob: boolean): Re {
    this.i += open;
    if (extglob && ++this.depth > GLOB_LIMITS.extglobDepth) {
      throw new GlobError(
        `glob ${describe(this.glob)} nests extglobs more than ${GLOB_LIMITS.extglobDepth} deep (the limit)`,
      );
    }
    const inner = this.alt();
    if (this.src[this.i] !== ')') this.unsupported();
    this.i++;
    if (extglob) this.depth--;
    return inner;
  }

  private atom(): Re | undefined {
    const { src } = this;
    for (const g of GUARDS) {
      if (src.startsWith(g, this.i)) {
        this.i += g.length;
        return undefined;
      }
    }
    if (src.startsWith('(?:', this.i)) return this.group(3, true);
    if (src.startsWith('(?!', this.i)) {
      throw new GlobError(
        `glob ${describe(this.glob)} uses a negated extglob '!(…)', which Seclife does not support; list what to leave out in 'exclude' instead`,
      );
    }
    if (src.startsWith('(?', this.i)) this.unsupported();
    if (src[this.i] === '(') return this.group(1, false); // a class with POSIX parts: ([...]|[^...])
    if (src.startsWith('[^/]', this.i)) {
      this.i += 4;
      return ANY;
    }
    if (src[this.i] === '[') return this.charClass();
    if (src.startsWith('$.', this.i)) {
      this.i += 2;
      return NONE; // minimatch's "matches nothing" (an empty class)
    }
    let at = this.i;
    if (src[at] === '\\') {
      at++;
      if (at >= src.length || /[A-Za-z0-9]/.test(src[at])) this.unsupported();
    } else if ('^$.*+?{}]|'.includes(src[at])) this.unsupported();
    const c = this.unicode ? src.codePointAt(at)! : src.charCodeAt(at);
    this.i = at + (c > 0xffff ? 2 : 1);
    return { k: 'lit', c };
  }

  /** A class as minimatch writes it (members, ranges, `\\p{…}` for POSIX classes), read into a membership test. */
  private charClass(): Re {
    const { src } = this;
    let j = this.i + 1;
    const negated = src[j] === '^';
    if (negated) j++;
    const tests: Array<(c: number) => boolean> = [];
    /** One class atom at `j`: a code, or a property test (`\\p{L}`). */
    const atom = (): number | ((c: number) => boolean) => {
      if (src[j] !== '\\') {
        const c = this.unicode ? src.codePointAt(j)! : src.charCodeAt(j);
        j += c > 0xffff ? 2 : 1;
        return c;
      }
      const e = src[j + 1];
      if (e === 'p' && src[j + 2] === '{') {
        const close = src.indexOf('}', j);
        const property = close < 0 ? undefined : PROPERTIES[src.slice(j + 3, close)];
        if (!property) this.unsupported();
        j = close + 1;
        return (c) => property.test(String.fromCodePoint(c));
      }
      if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(src.slice(j + 2, j + 4))) {
        j += 4;
        return parseInt(src.slice(j - 2, j), 16);
      }
      const control = CONTROL_ESCAPES[e];
      if (control !== undefined) {
        j += 2;
        return control;
      }
      if (e === undefined || /[A-Za-z0-9]/.test(e)) this.unsupported();
      const c = this.unicode ? src.codePointAt(j + 1)! : src.charCodeAt(j + 1);
      j += 1 + (c > 0xffff ? 2 : 1);
      return c;
    };
    while (j < src.length && src[j] !== ']') {
      const a = atom();
      if (typeof a === 'number' && src[j] === '-' && src[j + 1] !== ']' && j + 1 < src.length) {
        j++;
        const b = atom();
        if (typeof b !== 'number') this.unsupported();
        tests.push((c) => c >= a && c <= b);
      } else if (typeof a === 'number') tests.push((c) => c === a);
      else tests.push(a);
    }
    if (j >= src.length) this.unsupported();
    this.i = j + 1;
    const ascii = new Int8Array(128); // 0 unknown, 1 member, -1 not
    return {
      k: 'set',
      test: (c) => {
        if (c < 128 && ascii[c] !== 0) return ascii[c] === 1;
        let hit = false;
        for (const t of tests) {
          if (t(c)) {
            hit = true;
            break;
          }
        }
        hit = hit !== negated;
        if (c < 128) ascii[c] = hit ? 1 : -1;
        return hit;
      },
    };
  }

  private quantifier(atom: Re): Re {
    const q = this.src[this.i];
    if (q !== '*' && q !== '+' && q !== '?') return atom;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: the same language
    return { k: 'rep', item: atom, min: q === '+' ? 1 : 0, max: q === '?' ? 1 : Infinity };
  }
}

/** A compiled seclife.json glob (minimatch syntax, `dot: true`, case-sensitive). */
export class Glob {
  private constructor(
    readonly source: string,
    private readonly alternatives: PathMatcher[],
    private readonly negate: boolean,
    /** Characters of the brace-expanded patterns (counted against {@link GLOB_LIMITS.totalLength}). */
    readonly expandedLength: number,
  ) {}

  /** Whether a workspace-relative path (`/`-separated, no `.` or `..` segments) matches. */
  matches(path: string): boolean {
    return this.matchesSegments(path, splitPath(path));
  }

  matchesSegments(path: string, segments: readonly string[]): boolean {
    if (this.alternatives.length === 0) return false;
    let hit = false;
    for (const a of this.alternatives) {
      if (a.test(segments)) {
        hit = true;
        break;
      }
    }
    return this.negate ? !hit && path.length > 0 : hit;
  }

  /** Compiles a glob; throws {@link GlobError} naming the limit it is over or the construct it cannot match. */
  static compile(glob: string): Glob {
    if (glob.length > GLOB_LIMITS.length) {
      throw new GlobError(
        `glob ${describe(glob)} is ${glob.length} characters long; the limit is ${GLOB_LIMITS.length}`,
      );
    }
    let stars = 0;
    for (let i = 0; i < glob.length; i++) if (glob.charCodeAt(i) === 42) stars++;
    if (stars > GLOB_LIMITS.stars)
      throw new GlobError(`glob ${describe(glob)} has ${stars} '*'; the limit is ${GLOB_LIMITS.stars}`);
    let groups = 0;
    for (let i = 0; i < glob.length; i++) {
      const c = glob.charCodeAt(i);
      if (c === 91 || c === 123 || c === 125 || c === 40) groups++;
    }
    if (groups > GLOB_LIMITS.groups) {
      throw new GlobError(
        `glob ${describe(glob)} has ${groups} of '[', '{', '}' and '('; the limit is ${GLOB_LIMITS.groups}`,
      );
    }
    // Comments and empty patterns match nothing (as minimatch's makeRe).
    if (glob.startsWith('#') || glob === '') return new Glob(glob, [], false, glob.length);
    const expanded = braceExpand(glob, { braceExpandMax: GLOB_LIMITS.expansions + 1 } as object);
    if (expanded.length > GLOB_LIMITS.expansions) {
      throw new GlobError(`glob ${describe(glob)} expands to more than ${GLOB_LIMITS.expansions} patterns (the limit)`);
    }
    let mm: Minimatch;
    try {
      mm = new Minimatch(glob, MINIMATCH_OPTIONS);
    } catch (e) {
      throw new GlobError(`glob ${describe(glob)} is invalid: ${(e as Error).message}`);
    }
    const unicode = mm.set.some((parts) => parts.some((p) => p instanceof RegExp && p.flags.includes('u')));
    const units = unicode ? Units.CodePoint : Units.Utf16;
    const alternatives = mm.set.map(
      (parts) =>
        new PathMatcher(
          parts.map((p): PathPart => {
            if (p === GLOBSTAR) return undefined;
            if (typeof p === 'string') return { test: (s) => s === p };
            const src = (p as RegExp & { _src?: string })._src;
            if (typeof src !== 'string')
              throw new GlobError(`glob ${describe(glob)} uses a construct that cannot be matched in bounded time`);
            return segmentMatcher(new SourceReader(src, unicode, glob).read(), units);
          }),
        ),
    );
    return new Glob(
      glob,
      alternatives,
      mm.negate,
      mm.globSet.reduce((n, g) => n + g.length, 0),
    );
  }
}

let lastPath: string | undefined;
let lastSegments: string[] = [];
/** `path.split('/')`, remembered for the last path (a file is matched against many globs in a row). */
export function splitPath(path: string): string[] {
  if (path !== lastPath) {
    lastPath = path;
    lastSegments = path.split('/');
  }
  return lastSegments;
}

const cache = new Map<string, Glob | GlobError>();
/**
 * {@link Glob.compile} of a configured glob without its leading `./` (docs/configuration.md#globs),
 * remembered (a configuration is validated, then compiled by its filter and rules).
 */
export function compileGlob(source: string): Glob {
  const glob = source.startsWith('./') ? source.slice(2) : source;
  let g = cache.get(glob);
  if (!g) {
    try {
      g = Glob.compile(glob);
    } catch (e) {
      if (!(e instanceof GlobError)) throw e;
      g = e;
    }
    if (cache.size >= 4 * GLOB_LIMITS.count) cache.clear();
    cache.set(glob, g);
  }
  if (g instanceof GlobError) throw g;
  return g;
}

/**
 * A list of globs: a path matches when any glob does. A glob that does not compile matches
 * nothing; the loader reports it first, for seclife.json and the editor settings alike
 * ({@link checkConfigGlobs}).
 */
export class GlobList {
  private readonly globs: Glob[] = [];

  constructor(globs: readonly string[]) {
    for (const g of globs) {
      try {
        this.globs.push(compileGlob(g));
      } catch (e) {
        if (!(e instanceof GlobError)) throw e;
      }
    }
  }

  matches(path: string): boolean {
    const segments = splitPath(path);
    for (const g of this.globs) if (g.matchesSegments(path, segments)) return true;
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// seclife.json

export interface GlobProblem {
  /** JSON path of the glob in seclife.json (`['exclude', 3]`). */
  path: Array<string | number>;
  message: string;
}

const LIST_KEYS = ['documents', 'sources', 'tests', 'exclude', 'manifests', 'advisories'] as const;

/** Every glob of a configuration with its JSON path. */
function* configGlobs(input: ConfigInput): Generator<{ path: Array<string | number>; glob: unknown }> {
  for (const key of LIST_KEYS) {
    const list = input[key];
    if (Array.isArray(list)) for (let i = 0; i < list.length; i++) yield { path: [key, i], glob: list[i] };
  }
  const overrides = Array.isArray(input.overrides) ? input.overrides : [];
  for (let j = 0; j < overrides.length; j++) {
    const files = overrides[j]?.files;
    if (Array.isArray(files))
      for (let i = 0; i < files.length; i++) yield { path: ['overrides', j, 'files', i], glob: files[i] };
  }
  const rules = Array.isArray(input.customRules) ? input.customRules : [];
  for (let j = 0; j < rules.length; j++) {
    const files = rules[j]?.files;
    if (Array.isArray(files))
      for (let i = 0; i < files.length; i++) yield { path: ['customRules', j, 'files', i], glob: files[i] };
  }
}

/**
 * Checks every glob of a (schema-valid) seclife.json, or of the editor settings (`where`
 * names them in the messages): each must compile within {@link GLOB_LIMITS}, and all
 * together must stay under the count and total-length limits. Reports at most 20 problems.
 */
export function checkConfigGlobs(input: ConfigInput, where = 'seclife.json'): GlobProblem[] {
  const problems: GlobProblem[] = [];
  let count = 0;
  let total = 0;
  const tooLong = `the globs of ${where} add up to more than ${GLOB_LIMITS.totalLength} characters after brace expansion (the limit)`;
  for (const { path, glob } of configGlobs(input)) {
    if (typeof glob !== 'string') continue;
    if (++count > GLOB_LIMITS.count) {
      problems.push({
        path,
        message: `${where} has more than ${GLOB_LIMITS.count} globs (the limit); this is glob ${count}`,
      });
      break;
    }
    // counted before compiling, so a configuration's compile work is bounded too
    if (glob.length <= GLOB_LIMITS.length && total + glob.length > GLOB_LIMITS.totalLength) {
      problems.push({ path, message: tooLong });
      break;
    }
    try {
      total += Math.max(glob.length, compileGlob(glob).expandedLength);
    } catch (e) {
      if (!(e instanceof GlobError)) throw e;
      problems.push({ path, message: e.message });
      if (problems.length >= 20) break;
      continue;
    }
    if (total > GLOB_LIMITS.totalLength) {
      problems.push({ path, message: tooLong });
      break;
    }
  }
  return problems;
}

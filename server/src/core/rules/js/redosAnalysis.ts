/**
 * A small structural ReDoS check of a JavaScript regex source (no external dependencies).
 * It parses the pattern into a tree and looks for repetition that a backtracking engine can
 * split in exponentially many ways:
 *  - a variable-count quantifier inside another quantifier (`(a+)+`, `(\w+\s?)*`, `(.*a){20}`),
 *    unless the inner repetition is bounded by a mandatory "separator" it cannot match (`(\d+\.)+` is safe);
 *  - an alternation under a quantifier whose single-character branches overlap (`(a|a)*`, `(\w|\d)+`, `(.|\s)*`)
 *    or repeat (`(ab|ab)*`).
 */

/** 128 ASCII slots + one for "any non-ASCII character". */
type CharSet = Uint8Array;
type Node =
  | { t: 'chars'; set: CharSet; s: number; e: number }
  | { t: 'seq'; items: Node[]; s: number; e: number }
  | { t: 'alt'; alts: Node[]; s: number; e: number }
  | { t: 'rep'; body: Node; min: number; max: number; s: number; e: number }
  | { t: 'empty'; assert: boolean; s: number; e: number };

const setOf = (pred: (c: number) => boolean, other: boolean): CharSet => {
  const set = new Uint8Array(129);
  for (let c = 0; c < 128; c++) set[c] = pred(c) ? 1 : 0;
  set[128] = other ? 1 : 0;
  return set;
};
const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c: number) => (c >= 9 && c <= 13) || c === 32;
const CLASS: Record<string, CharSet> = {
  d: setOf((c) => c >= 48 && c <= 57, false),
  D: setOf((c) => !(c >= 48 && c <= 57), true),
  w: setOf(isWord, false),
  W: setOf((c) => !isWord(c), true),
  s: setOf(isSpace, true),
  S: setOf((c) => !isSpace(c), true),
  p: setOf(isWord, true),
  P: setOf(() => true, true),
};
const DOT = setOf((c) => c !== 10 && c !== 13, true);
const ALL = setOf(() => true, true);
const SIMPLE_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };

function union(a: CharSet, b: CharSet): CharSet {
  return a.map((x, i) => x | b[i]);
}
function overlaps(a: CharSet, b: CharSet): boolean {
  return a.some((x, i) => x && b[i]);
}
function single(code: number, fold: boolean): CharSet {
  const set = new Uint8Array(129);
  if (code >= 128) set[128] = 1;
  else {
    set[code] = 1;
    if (fold && /[a-z]/i.test(String.fromCharCode(code))) set[code ^ 32] = 1;
  }
  return set;
}

class Parser {
  i = 0;
  /** Capturing groups in order, and by name: backreferences match what their group matched. */
  private readonly groups: Node[] = [];
  private readonly named = new Map<string, Node>();
  constructor(
    private readonly src: string,
    private readonly fold: boolean,
  ) {}

  alt(): Node {
    const s = this.i;
    const alts = [this.seq()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.seq());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts, s, e: this.i };
  }

  seq(): Node {
    const s = this.i;
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atomStart = this.i;
      let node = this.atom();
      const q = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(this.src.slice(this.i));
      if (q && node.t !== 'empty') {
        this.i += q[0].length;
        const [min, max] = q[1]
          ? ({ '*': [0, Infinity], '+': [1, Infinity], '?': [0, 1] } as Record<string, number[]>)[q[1]]
          : [Number(q[2]), q[3] ? (q[4] ? Number(q[4]) : Infinity) : Number(q[2])];
        node = { t: 'rep', body: node, min, max, s: atomStart, e: this.i };
      }
      items.push(node);
    }
    return items.length === 1 ? items[0] : { t: 'seq', items, s, e: this.i };
  }

  atom(): Node {
    const s = this.i;
    const c = this.src[this.i++];
    if (c === '(') {
      const look = /^\?(?:[=!]|<[=!])/.exec(this.src.slice(this.i));
      const prefix = /^\?(?::|<[A-Za-z_$][\w$]*>)/.exec(this.src.slice(this.i));
      this.i += (look ?? prefix)?.[0].length ?? 0;
      const capturing = !look && !prefix?.[0].startsWith('?:');
      const index = this.groups.length;
      if (capturing) this.groups.push({ t: 'empty', assert: false, s, e: s });
      const body = this.alt();
      if (this.src[this.i++] !== ')') throw new Error('unbalanced');
      if (capturing) this.groups[index] = body;
      if (prefix?.[0].startsWith('?<')) this.named.set(prefix[0].slice(2, -1), body);
      return look ? { t: 'empty', assert: true, s, e: this.i } : body;
    }
    if (c === '^' || c === '$') return { t: 'empty', assert: true, s, e: this.i };
    if (c === '.') return { t: 'chars', set: DOT, s, e: this.i };
    if (c === '[') return { t: 'chars', set: this.charClass(), s, e: this.i };
    if (c === '\\') {
      const k = this.src[this.i];
      if (k === 'b' || k === 'B') {
        this.i++;
        return { t: 'empty', assert: true, s, e: this.i };
      }
      const ref = /^(?:([1-9]\d*)|k<([^>]+)>)/.exec(this.src.slice(this.i));
      if (ref) {
        this.i += ref[0].length;
        const group = ref[1] ? this.groups[Number(ref[1]) - 1] : this.named.get(ref[2]);
        return { t: 'chars', set: group ? charsOf(group) : ALL, s, e: this.i };
      }
    }
    if (c === '\\') {
      const e = this.escape();
      return { t: 'chars', set: typeof e === 'number' ? single(e, this.fold) : e, s, e: this.i };
    }
    return { t: 'chars', set: single(c.charCodeAt(0), this.fold), s, e: this.i };
  }

  /** After `\\`: a class escape's set, or one character's code. */
  escape(): CharSet | number {
    const k = this.src[this.i++];
    if (k in CLASS) {
      if ((k === 'p' || k === 'P') && this.src[this.i] === '{') this.i = this.src.indexOf('}', this.i) + 1;
      return CLASS[k];
    }
    if (k in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[k];
    const hex = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]+)\})/.exec(this.src.slice(this.i - 1));
    if (hex) {
      this.i += hex[0].length - 1;
      return parseInt(hex[1] ?? hex[2] ?? hex[3], 16);
    }
    if (k === 'c') {
      this.i++;
      return 0;
    }
    return k.charCodeAt(0);
  }

  classAtom(): CharSet | number {
    if (this.src[this.i] !== '\\') return this.src.charCodeAt(this.i++);
    this.i++;
    if (this.src[this.i] === 'b') {
      this.i++;
      return 8;
    }
    return this.escape();
  }

  charClass(): CharSet {
    const negate = this.src[this.i] === '^';
    if (negate) this.i++;
    let set: CharSet = new Uint8Array(129);
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      const lo = this.classAtom();
      if (
        typeof lo === 'number' &&
        this.src[this.i] === '-' &&
        this.i + 1 < this.src.length &&
        this.src[this.i + 1] !== ']'
      ) {
        this.i++;
        const to = this.classAtom();
        const hi = typeof to === 'number' ? to : 128;
        set = union(
          set,
          setOf((c) => c >= lo && c <= hi, hi >= 128),
        );
      } else set = union(set, typeof lo === 'number' ? single(lo, false) : lo);
    }
    if (this.src[this.i++] !== ']') throw new Error('unterminated class');
    if (this.fold) for (let c = 65; c <= 122; c++) if (set[c] && /[a-z]/i.test(String.fromCharCode(c))) set[c ^ 32] = 1;
    return negate ? set.map((x) => 1 - x) : set;
  }
}

const nullable = (n: Node): boolean =>
  n.t === 'empty' ||
  (n.t === 'rep' && (n.min === 0 || nullable(n.body))) ||
  (n.t === 'seq' && n.items.every(nullable)) ||
  (n.t === 'alt' && n.alts.some(nullable));
const charsOf = (n: Node): CharSet =>
  n.t === 'chars'
    ? n.set
    : n.t === 'rep'
      ? charsOf(n.body)
      : n.t === 'seq'
        ? n.items.map(charsOf).reduce(union, new Uint8Array(129))
        : n.t === 'alt'
          ? n.alts.map(charsOf).reduce(union, new Uint8Array(129))
          : new Uint8Array(129);
const EMPTY_SET: CharSet = new Uint8Array(129);
/** Characters an iteration of `n` can start with. */
const firstChars = (n: Node): CharSet => {
  if (n.t === 'chars') return n.set;
  if (n.t === 'rep') return firstChars(n.body);
  if (n.t === 'alt') return n.alts.map(firstChars).reduce(union, EMPTY_SET);
  if (n.t !== 'seq') return EMPTY_SET;
  let out = EMPTY_SET;
  for (const item of n.items) {
    out = union(out, firstChars(item));
    if (!nullable(item)) break;
  }
  return out;
};
/** Lookarounds and anchors: a repetition guarded by one (`([^*]|\*(?!\/))*`) is not analysed. */
const hasAssertion = (n: Node): boolean => (n.t === 'empty' && n.assert) || children(n).some(hasAssertion);
const children = (n: Node): Node[] =>
  n.t === 'seq' ? n.items : n.t === 'alt' ? n.alts : n.t === 'rep' ? [n.body] : [];

/** An inner variable-count repetition under `outer` that no mandatory sibling on its path separates. */
function ambiguousInner(node: Node, path: Node[], report: (inner: Node) => void): void {
  for (const child of children(node)) {
    if (child.t === 'rep' && child.max >= 2 && child.max > child.min && !hasAssertion(child.body)) {
      const own = firstChars(child.body);
      const separated = path
        .concat(node)
        .some(
          (p) =>
            p.t === 'seq' &&
            p.items.some(
              (sib) => sib !== child && !contains(sib, child) && !nullable(sib) && !overlaps(charsOf(sib), own),
            ),
        );
      if (!separated) report(child);
    }
    ambiguousInner(child, path.concat(node), report);
  }
}
const contains = (a: Node, b: Node): boolean => a === b || children(a).some((c) => contains(c, b));

function overlappingAlternation(n: Node, src: string): boolean {
  if (n.t === 'alt') {
    const singles = n.alts.filter((a) => a.t === 'chars').map((a) => (a as { set: CharSet }).set);
    if (singles.some((a, i) => singles.slice(i + 1).some((b) => overlaps(a, b)))) return true;
    const texts = n.alts.map((a) => src.slice(a.s, a.e));
    if (texts.some((t, i) => t !== '' && texts.indexOf(t) !== i)) return true;
  }
  return children(n).some((c) => c.t !== 'rep' && overlappingAlternation(c, src));
}

/** The fragment of `source` that can backtrack catastrophically, or undefined. */
export function redosFragment(source: string, flags = ''): string | undefined {
  if (source.length > 2000 || flags.includes('v')) return undefined;
  let tree: Node;
  try {
    const p = new Parser(source, flags.includes('i'));
    tree = p.alt();
    if (p.i !== source.length) return undefined;
  } catch {
    return undefined;
  }
  let found: string | undefined;
  // `follow`: what must match after `n`. Backtracking only explodes when that can fail (`$`, a literal, …):
  // an ambiguous repetition at the very end of a pattern matches greedily on the first try.
  const visit = (n: Node, follow: Node[]): void => {
    if (found) return;
    if (n.t === 'rep' && n.max >= 10 && follow.some((f) => !nullable(f) || hasAssertion(f))) {
      let hit = false;
      ambiguousInner(n, [], () => (hit = true));
      if (hit || overlappingAlternation(n.body, source)) {
        found = source.slice(n.s, n.e);
        return;
      }
    }
    if (n.t === 'seq')
      n.items.forEach((item, i) => {
        visit(item, n.items.slice(i + 1).concat(follow));
      });
    else for (const c of children(n)) visit(c, follow);
  };
  visit(tree, []);
  return found;
}

/**
 * Ranges over any version order (docs/soup.md, Versions): a range is a list of alternatives,
 * each a list of comparators that must all hold (`>=1.0 <2.0 || =3.1`). The Maven, NuGet, Cargo
 * and Go matchers (versionMatchMaven.ts, …) parse their own syntax into this form and share the
 * evaluation here, with the ecosystem's own comparator.
 *
 * The comparator-list syntax read by {@link parseComparatorRange} is also the syntax OSV ranges
 * are written in for those ecosystems (advisoriesOsv.ts): `>=a <b`, `>=a <=b`, `>=a`, `<b`, `*`.
 * Comparators are separated by spaces or commas; `||` separates alternatives; `=`/`==` is exact.
 * Pure and linear: the text is split on fixed separators, no backtracking regex.
 */

export type ComparatorOp = '<' | '<=' | '>' | '>=' | '=' | '!=';

export interface Comparator<V> {
  op: ComparatorOp;
  version: V;
  /** A bound the syntax implies (`^1.2` → `<2.0.0-0`): it names no pre-release for the pre-release rule. */
  implied?: boolean;
}

/** Alternatives (OR) of comparator lists (AND); an empty list matches every version. */
export type VersionRange<V> = Comparator<V>[][];

export interface VersionOrder<V> {
  parse(text: string): V | undefined;
  compare(a: V, b: V): number;
  isPrerelease(v: V): boolean;
  /** Same release core (`1.2.3-beta` and `1.2.3-rc.1`), for the semver pre-release rule. */
  sameCore?(a: V, b: V): boolean;
}

/**
 * How pre-releases are admitted when the caller does not include them:
 * - `order`: by order only (Maven, Go: pseudo-versions are pre-release-shaped);
 * - `same-core`: only when a comparator names a pre-release of the same core (node-semver, Cargo);
 * - `bounds`: only when a comparator names a pre-release (NuGet's resolver rule).
 */
export type PrereleaseRule = 'order' | 'same-core' | 'bounds';

export function comparatorHolds<V>(c: Comparator<V>, v: V, order: VersionOrder<V>): boolean {
  const d = order.compare(v, c.version);
  switch (c.op) {
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '=':
      return d === 0;
    case '!=':
      return d !== 0;
  }
}

/** Whether a parsed range admits a parsed version under a pre-release rule. */
export function rangeAdmits<V>(
  range: VersionRange<V>,
  v: V,
  order: VersionOrder<V>,
  rule: PrereleaseRule,
  includePrerelease = false,
): boolean {
  const pre = !includePrerelease && rule !== 'order' && order.isPrerelease(v);
  return range.some((comparators) => {
    if (pre) {
      const allowed = comparators.some(
        (c) =>
          !c.implied &&
          order.isPrerelease(c.version) &&
          (rule === 'bounds' || (order.sameCore ? order.sameCore(c.version, v) : true)),
      );
      if (!allowed) return false;
    }
    return comparators.every((c) => comparatorHolds(c, v, order));
  });
}

const OPS: ComparatorOp[] = ['<=', '>=', '!=', '<', '>', '='];

/** One `>=1.0` token → a comparator (`==` reads as `=`); `undefined` if malformed. */
function comparatorToken<V>(token: string, order: VersionOrder<V>, bareOp: ComparatorOp | undefined) {
  let rest = token;
  let op: ComparatorOp | undefined;
  if (rest.startsWith('==')) {
    op = '=';
    rest = rest.slice(2);
  } else {
    op = OPS.find((o) => rest.startsWith(o));
    if (op) rest = rest.slice(op.length);
    else op = bareOp;
  }
  if (!op || rest === '') return undefined;
  const version = order.parse(rest);
  return version === undefined ? undefined : { op, version };
}

/**
 * Reads a comparator list (`>=1.0 <2.0`, `>=1.0, <2.0`, `>= 1.0`, `*`, `a || b`); `undefined`
 * when malformed. A lone bare version is exact; with several comparators each needs an operator.
 */
export function parseComparatorRange<V>(text: string, order: VersionOrder<V>): VersionRange<V> | undefined {
  if (typeof text !== 'string' || text.length > 4096) return undefined;
  const alternatives: VersionRange<V> = [];
  for (const alt of text.split('||')) {
    // `>= 1.0` → `>=1.0`: drop the spaces after an operator, then split on spaces and commas.
    const tokens: string[] = [];
    for (const raw of alt.split(/[\s,]/)) {
      if (raw === '') continue;
      const last = tokens[tokens.length - 1];
      if (last !== undefined && /^[<>=!]+$/.test(last)) tokens[tokens.length - 1] = last + raw;
      else tokens.push(raw);
    }
    if (tokens.length === 0) return undefined;
    if (tokens.length === 1 && tokens[0] === '*') {
      alternatives.push([]);
      continue;
    }
    const comparators: Comparator<V>[] = [];
    for (const token of tokens) {
      const c = comparatorToken(token, order, tokens.length === 1 ? '=' : undefined);
      if (!c) return undefined;
      comparators.push(c);
    }
    alternatives.push(comparators);
  }
  return alternatives;
}

/**
 * Lookups the SOUP check makes for every package, built once per run so that a
 * 5,000-package lockfile against 20,000 advisories stays linear: the SOUP item that claims a
 * package (the first in item order, as a scan would find) and the advisories that may
 * concern a package name.
 */
import { Advisory } from './advisory';
import { Dependency } from './dependency';

/** A name as both sides are filed under: case, runs of `-_.` and `/` vs `:` do not matter (the exact check follows). */
export function candidateKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-')
    .replace(/\//g, ':');
}

/** Advisories by {@link candidateKey} of their package, as indices into the list (its order kept). */
export class AdvisoryIndex {
  private readonly byName = new Map<string, number[]>();

  constructor(readonly advisories: readonly Advisory[]) {
    advisories.forEach((a, i) => {
      const key = candidateKey(a.package);
      const list = this.byName.get(key);
      if (list) list.push(i);
      else this.byName.set(key, [i]);
    });
  }

  /** The advisories that may concern any of the names, in list order, each once. */
  candidates(names: Iterable<string>): Advisory[] {
    const seen = new Set<number>();
    for (const n of names) for (const i of this.byName.get(candidateKey(n)) ?? []) seen.add(i);
    return [...seen].sort((a, b) => a - b).map((i) => this.advisories[i]);
  }
}

/**
 * The first claim (in order) that matches a dependency, found through the names and package
 * URLs the claims list: the same answer as `claims.find(c => matches(c, d))`.
 */
export class ClaimIndex<C> {
  private readonly byKey = new Map<string, number[]>();

  constructor(
    private readonly claims: readonly C[],
    keysOf: (claim: C) => Iterable<string>,
    private readonly matches: (claim: C, d: Dependency) => boolean,
  ) {
    claims.forEach((c, i) => {
      for (const k of new Set([...keysOf(c)].map(candidateKey))) {
        const list = this.byKey.get(k);
        if (list) list.push(i);
        else this.byKey.set(k, [i]);
      }
    });
  }

  /** `keys`: the dependency's names and purl `type/name` (filed by {@link candidateKey}). */
  find(d: Dependency, keys: Iterable<string>): C | undefined {
    let best = -1;
    for (const k of keys)
      for (const i of this.byKey.get(candidateKey(k)) ?? [])
        if ((best < 0 || i < best) && this.matches(this.claims[i], d)) best = i;
    return best < 0 ? undefined : this.claims[best];
  }
}

/**
 * Array helpers that do not put input-sized arrays on the call stack. Spreading an array
 * into the arguments of `push`, `Math.max` or `String.fromCharCode` passes every element as
 * an argument and throws `RangeError` beyond about 100,000 elements (issue 11, D8): a manifest with 130,000
 * dependencies or a file with 130,000 findings. `hostile/noUnboundedSpread.test.ts` keeps
 * spread arguments out of the code base.
 */

/** Appends every item to `target` (in order) and returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, or `initial` when there is none larger. */
export function maxOf(values: Iterable<number>, initial: number): number {
  let max = initial;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The smallest of `values`, or `initial` when there is none smaller. */
export function minOf(values: Iterable<number>, initial: number): number {
  let min = initial;
  for (const v of values) if (v < min) min = v;
  return min;
}

/**
 * Rule triggers: the cheap textual pre-check that decides whether a JS/TS rule can fire in
 * a file before anything is parsed. A trigger is one regular expression, or several that
 * must all match (tested in order: put the cheapest, most selective first). Parts shared
 * by several rules — the request-data hint of the injection rules — are the same RegExp
 * object, and a per-file memo tests each such part once.
 */
export type Trigger = RegExp | readonly RegExp[];

/** Whether `trigger` matches `text`; `memo` (one per file) remembers shared parts. */
export function triggerMatches(trigger: Trigger, text: string, memo?: Map<RegExp, boolean>): boolean {
  for (const part of triggerParts(trigger)) {
    let hit = memo?.get(part);
    if (hit === undefined) {
      hit = part.test(text);
      memo?.set(part, hit);
    }
    if (!hit) return false;
  }
  return true;
}

/** The parts of a trigger, as a list. */
export function triggerParts(trigger: Trigger): readonly RegExp[] {
  return Array.isArray(trigger) ? (trigger as readonly RegExp[]) : [trigger as RegExp];
}

/**
 * What every entry-point detector is given besides the file (docs/attack-surface.md,
 * Configuration): which detector families are on, and the team's own entry-point patterns.
 */

/** A team's own registration call (seclife.json `attackSurface.patterns`). */
export interface CustomEntryPattern {
  /** The callee as written, last part of a dotted name: `registerRoute` matches `registerRoute(…)` and `api.registerRoute(…)`. */
  callee: string;
  /** Which argument (0-based) is the path, topic or command; absent: no path. */
  pathArgument?: number;
  kind: 'http' | 'socket' | 'message' | 'rpc' | 'cli' | 'ipc';
  /** HTTP method, when the pattern is one method's. */
  method?: string;
  /** Comment families it applies to (`js`, `python`, `c`); absent: all. */
  languages?: string[];
}

export interface DetectorOptions {
  /** Whether a detector family (EntryPoint.framework) is on; all are on by default. */
  enabled(framework: string): boolean;
  patterns: readonly CustomEntryPattern[];
}

/** Every family on, no custom pattern: what tests and the default configuration use. */
export const ALL_DETECTORS: DetectorOptions = { enabled: () => true, patterns: [] };

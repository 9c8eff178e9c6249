/**
 * The time vulnerability decisions and advisory data are judged at, for both hosts: now, or
 * `SECLIFE_NOW` (an ISO 8601 time) for a reproducible run (docs/vulnerabilities.md, Keeping
 * the data fresh). The core never reads the clock; hosts pass this to `engine.setClock`.
 */
export function clock(env: NodeJS.ProcessEnv = process.env): Date {
  const fixed = env.SECLIFE_NOW ? new Date(env.SECLIFE_NOW) : undefined;
  return fixed && !Number.isNaN(fixed.getTime()) ? fixed : new Date();
}

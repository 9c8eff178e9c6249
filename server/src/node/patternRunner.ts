import * as vm from 'node:vm';
import { PatternRunner } from '../core/rules/customRules';

// A block, so the script can run again in the same context (top-level `const` could not).
const SCRIPT = new vm.Script(`{
  const out = [];
  const re = new RegExp(source, flags);
  let m;
  while ((m = re.exec(text)) !== null && out.length < 10000) {
    out.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) re.lastIndex++;
  }
  out;
}`);

/** One context for every run (creating one costs ~0.7 ms: per rule per file, that adds up). */
let context: vm.Context | undefined;

/**
 * Custom-rule patterns run in a `vm` context with a timeout: V8 interrupts a runaway
 * (catastrophically backtracking) pattern, so a bad pattern cannot hang the CLI or server.
 */
export const boundedPatternRunner: PatternRunner = {
  matchAll(source, flags, text, timeoutMs) {
    context ??= vm.createContext({});
    Object.assign(context, { source, flags, text });
    try {
      return SCRIPT.runInContext(context, { timeout: timeoutMs }) as Array<[number, number]>;
    } catch (e) {
      // An interrupted script may leave the context in any state: start the next run afresh.
      context = undefined;
      if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
      throw e;
    } finally {
      // Do not keep the last file's text alive between runs.
      if (context) context.text = '';
    }
  },
};

import * as vm from 'node:vm';
import { PatternRunner } from '../core/rules/customRules';

const SCRIPT = new vm.Script(`
  const out = [];
  const re = new RegExp(source, flags);
  let m;
  while ((m = re.exec(text)) !== null && out.length < 10000) {
    out.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) re.lastIndex++;
  }
  out;
`);

/**
 * Custom-rule patterns run in a `vm` context with a timeout: V8 interrupts a runaway
 * (catastrophically backtracking) pattern, so a bad pattern cannot hang the CLI or server.
 */
export const boundedPatternRunner: PatternRunner = {
  matchAll(source, flags, text, timeoutMs) {
    const context = vm.createContext({ source, flags, text });
    try {
      return SCRIPT.runInContext(context, { timeout: timeoutMs }) as Array<[number, number]>;
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
      throw e;
    }
  },
};

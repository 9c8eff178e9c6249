import { C_RULES } from './c';
import { JS_RULES } from './js';
import { PYTHON_RULES } from './python';
import { Rule } from './ruleTypes';

/** Every built-in secure-coding rule, by ID. */
export const BUILTIN_RULES: ReadonlyMap<string, Rule> = new Map([...JS_RULES, ...PYTHON_RULES, ...C_RULES].map((r) => [r.id, r]));

export function builtinRule(id: string): Rule | undefined {
  return BUILTIN_RULES.get(id);
}

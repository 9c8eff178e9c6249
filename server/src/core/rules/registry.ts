import type * as JsModule from './js';
import type * as JsRunnerModule from './jsRuleRunner';
import { C_RULES } from './c';
import { JS_RULE_INDEX } from './js/ruleIndex.generated';
import { PYTHON_RULES } from './python';
import { JsRule, LexicalRule, Rule } from './ruleTypes';
import { Severity } from '../findings';

/**
 * The built-in rules. JS/TS rules need the TypeScript compiler (a large module), so they
 * load on first use: the generated index (ID, default severity, trigger) answers the
 * questions asked for every file without loading them.
 */
let jsRules: readonly JsRule[] | undefined;
let jsRunner: typeof JsRunnerModule | undefined;

export function loadJsRules(): readonly JsRule[] {
  return (jsRules ??= (require('./js') as typeof JsModule).JS_RULES);
}

export function loadJsRunner(): typeof JsRunnerModule {
  return (jsRunner ??= require('./jsRuleRunner') as typeof JsRunnerModule);
}

const LEXICAL: ReadonlyMap<string, LexicalRule> = new Map([...PYTHON_RULES, ...C_RULES].map((r) => [r.id, r]));
const JS_INDEX = new Map(JS_RULE_INDEX.map((r) => [r.id, r]));

export function isBuiltinRule(id: string): boolean {
  return LEXICAL.has(id) || JS_INDEX.has(id);
}

/** Default severity of a built-in rule (without loading the JS rules). */
export function builtinSeverity(id: string): Severity | undefined {
  return LEXICAL.get(id)?.severity ?? JS_INDEX.get(id)?.severity;
}

export function builtinRule(id: string): Rule | undefined {
  if (LEXICAL.has(id)) return LEXICAL.get(id);
  return JS_INDEX.has(id) ? loadJsRules().find((r) => r.id === id) : undefined;
}

/** Every built-in rule (loads the JS rules). */
export function allBuiltinRules(): Rule[] {
  return [...loadJsRules(), ...LEXICAL.values()];
}

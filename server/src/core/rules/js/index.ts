import { JsRule } from '../ruleTypes';
import { cryptoAndDataRules } from './cryptoAndDataRules';
import { injectionRules } from './injectionRules';

/** Every built-in JS/TS rule. */
export const JS_RULES: readonly JsRule[] = [...injectionRules, ...cryptoAndDataRules];

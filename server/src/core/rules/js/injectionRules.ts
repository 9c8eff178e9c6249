import { JsRule } from '../ruleTypes';
import { evalDynamic } from './evalDynamic';

/** Injection rules: code execution, commands, paths, SQL, XSS, redirects, SSRF, prototype pollution, deserialization, XXE. */
export const injectionRules: JsRule[] = [evalDynamic];

import { LexicalRule } from '../ruleTypes';

/** Every built-in C/C++ rule. */
export const C_RULES: readonly LexicalRule[] = [];

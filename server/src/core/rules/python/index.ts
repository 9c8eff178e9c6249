import { LexicalRule } from '../ruleTypes';
import { shellTrue } from './shellTrue';

/** Every built-in Python rule. */
export const PYTHON_RULES: readonly LexicalRule[] = [shellTrue];

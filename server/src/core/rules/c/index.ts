import { LexicalRule } from '../ruleTypes';
import { formatString } from './formatString';
import { gets } from './gets';
import { insecureTemp } from './insecureTemp';
import { memcpySize } from './memcpySize';
import { scanfUnbounded } from './scanfUnbounded';
import { sprintf } from './sprintf';
import { strcat } from './strcat';
import { strcpy } from './strcpy';
import { system } from './system';
import { weakRandom } from './weakRandom';

/** Every built-in C/C++ rule. */
export const C_RULES: readonly LexicalRule[] = [
  gets,
  strcpy,
  strcat,
  sprintf,
  formatString,
  scanfUnbounded,
  memcpySize,
  system,
  insecureTemp,
  weakRandom,
];

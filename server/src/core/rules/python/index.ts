import { LexicalRule } from '../ruleTypes';
import { evalExec } from './evalExec';
import { flaskDebug } from './flaskDebug';
import { hardcodedSecret } from './hardcodedSecret';
import { osSystem } from './osSystem';
import { pickleLoad } from './pickleLoad';
import { shellTrue } from './shellTrue';
import { sqlFormat } from './sqlFormat';
import { tempfileMktemp } from './tempfileMktemp';
import { tlsVerifyFalse } from './tlsVerifyFalse';
import { weakHash } from './weakHash';
import { yamlLoad } from './yamlLoad';

/** Every built-in Python rule. */
export const PYTHON_RULES: readonly LexicalRule[] = [
  shellTrue,
  osSystem,
  evalExec,
  sqlFormat,
  pickleLoad,
  yamlLoad,
  tlsVerifyFalse,
  weakHash,
  hardcodedSecret,
  flaskDebug,
  tempfileMktemp,
];

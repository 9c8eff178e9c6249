import { JsRule } from '../ruleTypes';
import { bufferUnsafe } from './bufferUnsafe';
import { cleartextHttp } from './cleartextHttp';
import { hardcodedSecret } from './hardcodedSecret';
import { jwtNoneAlg } from './jwtNoneAlg';
import { knownTokenShape } from './knownTokenShape';
import { logSensitive } from './logSensitive';
import { postmessageWildcard } from './postmessageWildcard';
import { privateKeyLiteral } from './privateKeyLiteral';
import { regexRedos } from './regexRedos';
import { tlsEnvDisable } from './tlsEnvDisable';
import { tlsRejectUnauthorized } from './tlsRejectUnauthorized';
import { weakCipher } from './weakCipher';
import { weakHash } from './weakHash';
import { weakRandom } from './weakRandom';

/** TLS, cryptography, randomness, secrets, JWT, cleartext transport, ReDoS, messaging, buffers, logging. */
export const cryptoAndDataRules: JsRule[] = [
  tlsRejectUnauthorized,
  tlsEnvDisable,
  weakHash,
  weakCipher,
  weakRandom,
  hardcodedSecret,
  privateKeyLiteral,
  knownTokenShape,
  jwtNoneAlg,
  cleartextHttp,
  regexRedos,
  postmessageWildcard,
  bufferUnsafe,
  logSensitive,
];

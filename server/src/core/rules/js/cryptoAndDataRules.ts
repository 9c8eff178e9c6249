import { JsRule } from '../ruleTypes';

/** TLS, cryptography, randomness, secrets, JWT, cleartext transport, ReDoS, messaging, buffers, logging. */
export const cryptoAndDataRules: JsRule[] = [];
